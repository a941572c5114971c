/**
 * The engine's containerd content store, read in place: every blob of an image (index, manifest, config, the
 * compressed layers) by digest. The DF106 scan reads the layers from it (inspect/layer-scan.ts), and a
 * `push: by-digest` uploads them from it to the registry (publish/by-digest.ts): the same bytes `docker push`
 * would send, without the tag docker needs.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { errorLine, type Runner, type Spawned } from '../exec/runner.js';
import { storeInfo } from './commands.js';

/** Reads of 1 MiB: at a pipe's 64 KiB and zlib's 16 KiB output chunks, gunzip runs at a sixth of its speed. */
export const READ_SIZE = 1 << 20;

/** A stream of bytes; `done` rejects with the reason when reading it failed. */
export interface Source {
  stream: Readable;
  done: Promise<void>;
}

/**
 * A follower's stdout, `done` rejecting with its last stderr line when it fails (`exited` settles once its streams
 * have closed too), and `kill`.
 */
export function sourceOf(child: Spawned, what: string): Source & { kill: () => void } {
  const done = child.exited.then(({ exitCode, stderr }) => {
    if (exitCode !== 0) throw new Error(`${what} exited ${exitCode}: ${errorLine(stderr)}`);
  });
  return { stream: child.stdout, done, kill: () => child.kill() };
}

/** `sudo -n` where this process cannot read the engine's files itself (GitHub's runners: passwordless sudo). */
export async function readerFor(dir: string): Promise<string[]> {
  if (process.getuid?.() === 0) return [];
  try {
    await access(dir, constants.R_OK | constants.X_OK);
    return [];
  } catch {
    return ['sudo', '-n'];
  }
}

/** The engine's data root when it keeps images in the containerd image store (`driver-type io.containerd.snapshotter.v1`). */
export async function containerdDataRoot(runner: Runner): Promise<string | null> {
  const info = await storeInfo(runner);
  if (info === null) return null;
  const [status, ...root] = info.trim().split(' ');
  const pairs = JSON.parse(status ?? '[]') as [string, string][] | null;
  return pairs?.some(([k, v]) => k === 'driver-type' && v === 'io.containerd.snapshotter.v1') ? root.join(' ') : null;
}

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
}

export interface ManifestJson {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

export const sha256Of = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** One content store, with how to read it (in place, or through `sudo -n cat`). */
export class ContentStore {
  constructor(
    readonly dir: string,
    private readonly runner: Runner,
    /** `['sudo', '-n']` when the files are the engine's only; empty when this process reads them. */
    readonly sudo: readonly string[],
    /** Why a follower reads: said in build.log beside its command line. */
    private readonly why: string,
  ) {}

  path(digest: string): string {
    return path.join(this.dir, 'blobs/sha256', digest.replace(/^sha256:/, ''));
  }

  /** A blob read in 1 MiB reads. */
  open(digest: string): Source {
    const file = this.path(digest);
    if (this.sudo.length) return this.follow([...this.sudo, 'cat', file]);
    const stream = createReadStream(file, { highWaterMark: READ_SIZE });
    const done = new Promise<void>((resolve, reject) => {
      stream.on('error', (e) => reject(new Error(`reading ${file}: ${e.message}`)));
      stream.on('close', () => resolve());
    });
    return { stream, done };
  }

  /** A small blob's whole content (an index, a manifest, a config). */
  read(digest: string): Promise<Buffer> {
    return this.readFile(this.path(digest));
  }

  /** A small file of the engine's, whole (the overlay2 store's image config too), through this store's reader. */
  async readFile(file: string): Promise<Buffer> {
    if (!this.sudo.length) return readFileSync(file);
    const c = this.follow([...this.sudo, 'cat', file]);
    const parts: Buffer[] = [];
    c.stream.on('data', (d: Buffer) => parts.push(d));
    await c.done;
    return Buffer.concat(parts);
  }

  /** A small blob, checked against its digest, as JSON. */
  async json(digest: string): Promise<ManifestJson> {
    const body = await this.read(digest);
    if (sha256Of(body) !== digest) throw new Error(`the blob ${this.path(digest)} does not hash to ${digest}`);
    return JSON.parse(body.toString('utf8')) as ManifestJson;
  }

  /** A reader command (`sudo -n cat`) as a follower of the run's runner (logged, stopped on an interrupt). */
  follow(argv: string[]): Source & { kill: () => void } {
    return sourceOf(this.runner.spawn(argv, { why: this.why }), argv.join(' '));
  }
}

/**
 * The content store that holds the blob `digest` (an image ID on the containerd image store): the engine's own
 * (`<data root>/containerd/daemon`) or the system containerd's (`/var/lib/containerd`). A string says why none does.
 */
export async function findContentStore(runner: Runner, dataRoot: string, digest: string, why: string): Promise<ContentStore | string> {
  const stores = [
    path.join(dataRoot, 'containerd/daemon/io.containerd.content.v1.content'),
    '/var/lib/containerd/io.containerd.content.v1.content',
  ];
  for (const dir of stores) {
    const store = new ContentStore(dir, runner, await readerFor(path.dirname(dir)), why);
    const got = await store.read(digest).catch(() => null);
    if (got && sha256Of(got) === digest) return store;
  }
  return `no content store here holds ${digest.slice(0, 19)} (tried ${stores.join(', ')})`;
}

/** `os/arch[/variant]` of an index entry. */
export const platformOf = (d: Descriptor): string =>
  [d.platform?.os, d.platform?.architecture, d.platform?.variant].filter(Boolean).join('/');

/**
 * The image manifest for `platform` (`os/arch[/variant]`) under `top` (an index or the manifest itself): its
 * digest, bytes' media type and JSON. Attestation entries (unknown/unknown) never match.
 */
export async function platformManifest(
  store: ContentStore,
  top: string,
  platform: string,
): Promise<{ digest: string; mediaType: string; size: number; manifest: ManifestJson } | string> {
  const m = await store.json(top);
  if (!m.manifests)
    return {
      digest: top,
      mediaType: m.mediaType ?? 'application/vnd.oci.image.manifest.v1+json',
      size: (await store.read(top)).length,
      manifest: m,
    };
  const [os, arch, variant] = platform.split('/');
  const pick = m.manifests.find(
    (d) => d.platform?.os === os && d.platform?.architecture === arch && (!variant || d.platform?.variant === variant),
  );
  if (!pick)
    return `the image index ${top.slice(0, 19)} has no manifest for ${platform} (it has ${m.manifests.map(platformOf).join(', ')})`;
  const child = await store.json(pick.digest);
  return {
    digest: pick.digest,
    mediaType: pick.mediaType ?? child.mediaType ?? 'application/vnd.oci.image.manifest.v1+json',
    size: pick.size ?? (await store.read(pick.digest)).length,
    manifest: child,
  };
}
