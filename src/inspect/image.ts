import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { extract, type Header } from 'tar-stream';
import { copyOut, createIdle, imageInspect, platformImageId, removeContainers, save } from '../docker/commands.js';
import { runContainerName } from '../docker/run-argv.js';
import { lastLine, type Runner } from '../exec/runner.js';
import type { PlatformImage, RunContext } from '../run/context.js';
import { isAttestation, sameCpu, targetPlatform } from '../docker/platform.js';

/** The parts of `docker image inspect` the rules read. */
export interface ImageConfig {
  user: string;
  env: string[];
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir: string;
  labels: Record<string, string>;
}

/** `prefetched`: the image's `docker image inspect` object when the caller already asked (the DF106 scan does). */
export async function inspectImage(
  ctx: RunContext,
  imageId: string,
  prefetched?: Promise<{ Config?: unknown } | null>,
  platform?: string,
): Promise<ImageConfig> {
  let img = prefetched ? await prefetched : null;
  if (!img) {
    const r = await imageInspect(ctx.runner, [imageId], platform ? { platform } : {});
    [img] = JSON.parse(r.stdout) as [{ Config?: Record<string, unknown> }];
  }
  const c = (img?.Config ?? {}) as {
    User?: string;
    Env?: string[] | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
  };
  return {
    user: c.User ?? '',
    env: c.Env ?? [],
    entrypoint: c.Entrypoint && c.Entrypoint.length > 0 ? c.Entrypoint : null,
    cmd: c.Cmd && c.Cmd.length > 0 ? c.Cmd : null,
    workingDir: c.WorkingDir ?? '',
    labels: c.Labels ?? {},
  };
}

/**
 * Read files out of an image without running it: `docker create` (never started) + `docker cp`, so scratch and
 * distroless images are judged as they are. A missing file reads as null.
 */
export async function readImageFiles(
  ctx: RunContext,
  imageId: string,
  files: string[],
  platform?: string,
): Promise<Map<string, string | null>> {
  const name = runContainerName(ctx.runId, 'files', platform);
  const out = new Map<string, string | null>();
  // In the run's scratch folder (under RUNNER_TEMP in Actions), which the post step removes should main be killed.
  mkdirSync(ctx.workDir, { recursive: true });
  const dir = mkdtempSync(path.join(ctx.workDir, 'files-'));
  // `docker create` needs a command for images with neither ENTRYPOINT nor CMD; it is never run.
  const id = await createIdle(ctx.runner, name, ctx.runId, imageId, platform);
  try {
    await Promise.all(
      files.map(async (file, i) => {
        const dest = path.join(dir, String(i));
        out.set(file, (await copyOut(ctx.runner, id, file, dest)) ? safeRead(dest) : null);
      }),
    );
  } finally {
    await removeContainers(ctx.runner, [id]);
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

function safeRead(p: string): string | null {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return null; // a directory where a file was expected
  }
}

/**
 * The two store-independent hashes of a built image. The engine's own ID (`docker inspect -f '{{.Id}}'`) is the
 * config digest on the classic image store but the manifest or index digest on the containerd store, so it is never
 * written anywhere as "the image ID" (docs/engines.md).
 */
export interface ImageDigests {
  /** sha256 of the image config JSON: the same on every store, registry and layer compression. */
  configDigest: string;
  /** The single-platform image manifest as the engine holds it (containerd store); null on the classic store,
   *  where the manifest only exists once a push has compressed the layers. */
  manifestDigest: string | null;
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}
interface ManifestOrIndex {
  mediaType?: string;
  config?: { digest?: string };
  manifests?: Descriptor[];
}

const INDEX = /manifest\.list|image\.index/;

/**
 * Resolve `top` (the digest the containerd store calls the image) through the blobs of a `docker save` OCI layout to
 * the image manifest for `platform` (attestation manifests skipped) and its config digest.
 */
export function resolveLayout(
  blobs: Map<string, ManifestOrIndex>,
  top: string,
  platform: { os: string; architecture: string },
): ImageDigests {
  let digest = top;
  for (let depth = 0; depth < 4; depth++) {
    const m = blobs.get(digest);
    if (!m) throw new Error(`docker save holds no manifest ${digest}`);
    if (m.config?.digest) return { configDigest: m.config.digest, manifestDigest: digest };
    if (!Array.isArray(m.manifests) && !INDEX.test(m.mediaType ?? ''))
      throw new Error(`${digest} is neither an image manifest nor an index`);
    const images = (m.manifests ?? []).filter((d) => d.digest && !isAttestation(d));
    const entry =
      images.find((d) => d.platform?.os === platform.os && d.platform?.architecture === platform.architecture) ??
      (images.length === 1 && !images[0]!.platform ? images[0] : undefined);
    if (!entry?.digest) {
      const have = images.map((d) => `${d.platform?.os}/${d.platform?.architecture}`).join(', ');
      throw new Error(`the image index ${digest} has no ${platform.os}/${platform.architecture} image (it has ${have || 'none'})`);
    }
    digest = entry.digest;
  }
  throw new Error(`the image index ${top} nests too deep`);
}

/** Small JSON blobs of a `docker save` stream (manifests, indexes, configs), by digest; layers are skipped unread. */
function saveManifests(runner: Runner, imageRef: string): Promise<Map<string, ManifestOrIndex>> {
  return new Promise((resolve, reject) => {
    const child = save(runner, imageRef, 'read in memory for the config digest (containerd image store)');
    const blobs = new Map<string, ManifestOrIndex>();
    const ex = extract();
    ex.on('entry', (header: Header, entry, next) => {
      const m = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(header.name);
      if (!m || header.type !== 'file' || (header.size ?? 0) > 4 * 1024 * 1024) {
        entry.on('end', () => next());
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (c: unknown) => void chunks.push(c as Buffer));
      entry.on('end', () => {
        const body = Buffer.concat(chunks);
        if (body[0] === 0x7b /* { */) {
          try {
            blobs.set(`sha256:${m[1]}`, JSON.parse(body.toString('utf8')) as ManifestOrIndex);
          } catch {
            // not JSON after all: a tiny layer
          }
        }
        next();
      });
    });
    let finished = false;
    ex.on('finish', () => (finished = true));
    ex.on('error', (e) => {
      child.kill(); // nobody reads the rest of the image
      reject(e);
    });
    void child.exited.then(({ exitCode, stderr }) => {
      if (exitCode !== 0) reject(new Error(`docker save ${imageRef} exited ${exitCode}: ${lastLine(stderr)}`));
      else if (!finished) ex.once('finish', () => resolve(blobs));
      else resolve(blobs);
    });
    child.stdout.pipe(ex);
  });
}

/** What BuildKit's progress output says its exporter wrote: the manifest list, each image manifest and its config. */
export interface Exported {
  list: string | null;
  images: { manifest: string; config: string | null }[];
}

/**
 * The digests in BuildKit's plain progress output (`#9 exporting manifest sha256:…`, `#9 exporting config
 * sha256:…`, `#9 exporting manifest list sha256:…`), in the order written; attestation manifests are left out.
 */
export function exportedDigests(output: string): Exported {
  const out: Exported = { list: null, images: [] };
  for (const m of output.matchAll(/^#\d+ exporting (manifest list|manifest|config) (sha256:[0-9a-f]{64})/gm)) {
    const [, what, digest] = m as unknown as [string, string, string];
    if (what === 'manifest list') out.list = digest;
    else if (what === 'manifest') {
      if (!out.images.some((i) => i.manifest === digest)) out.images.push({ manifest: digest, config: null });
    } else {
      const last = out.images.at(-1);
      if (last && last.config === null) last.config = digest;
    }
  }
  return out;
}

/**
 * The config digest (and, on the containerd store, the manifest digest) of `engineId`, the ID the build reported.
 * The classic store's ID is the config digest already. On the containerd store it is the index (or manifest)
 * digest: the config digest comes from what the build said it exported (`exported`), once the engine confirms it
 * holds that index or manifest, else from the blobs of a `docker save` (which streams every layer: seconds to
 * minutes for a large image).
 */
export async function imageDigests(
  ctx: RunContext,
  engineId: string,
  platform: { os: string; architecture: string },
  exported?: Exported,
): Promise<ImageDigests> {
  const r = await imageInspect(ctx.runner, [engineId]);
  const [img] = JSON.parse(r.stdout) as [{ Id?: string; Descriptor?: Descriptor | null }];
  const top = img?.Descriptor?.digest;
  if (!top) return { configDigest: engineId, manifestDigest: null };
  const fromBuild = exported ? await exportedImage(ctx, engineId, top, platform, exported) : null;
  if (fromBuild) return fromBuild;
  return resolveLayout(await saveManifests(ctx.runner, engineId), top, platform);
}

/** The exported image for `platform`, when the engine holds what the build exported (`top` is its index or manifest). */
async function exportedImage(
  ctx: RunContext,
  engineId: string,
  top: string,
  platform: { os: string; architecture: string },
  exported: Exported,
): Promise<ImageDigests | null> {
  const images = exported.images.filter((i): i is { manifest: string; config: string } => i.config !== null);
  const direct = images.find((i) => i.manifest === top);
  if (direct) return { configDigest: direct.config, manifestDigest: direct.manifest };
  if (exported.list !== top || images.length === 0) return null;
  let manifest = images.length === 1 ? images[0]!.manifest : null;
  if (!manifest) {
    // Several platforms: the engine says which manifest is this platform's.
    manifest = await platformImageId(ctx.runner, engineId, `${platform.os}/${platform.architecture}`);
  }
  const image = images.find((i) => i.manifest === manifest);
  return image ? { configDigest: image.config, manifestDigest: image.manifest } : null;
}

/**
 * Each platform of a multi-platform image (containerd store): its manifest digest (the engine's ID for it) and
 * config digest, from what the build exported (else the image's `docker save`), and whether it runs emulated here.
 */
export async function platformImages(
  ctx: RunContext,
  engineId: string,
  platforms: readonly string[],
  exported: Exported,
  arch: string = process.arch,
): Promise<PlatformImage[]> {
  const native = targetPlatform([], arch);
  return Promise.all(
    platforms.map(async (platform) => {
      const p = targetPlatform([platform]);
      const d = await imageDigests(ctx, engineId, p, exported);
      if (!d.manifestDigest) throw new Error(`the engine holds no ${platform} manifest for ${engineId}`);
      return { platform, manifestDigest: d.manifestDigest, configDigest: d.configDigest, emulated: !sameCpu(p, native) };
    }),
  );
}
