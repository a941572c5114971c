import { closeSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable, type Transform } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { imageInspect, save } from '../docker/commands.js';
import {
  ContentStore,
  containerdDataRoot,
  findContentStore,
  READ_SIZE,
  readerFor,
  sourceOf,
  type Source,
} from '../docker/content-store.js';
import { targetPlatform } from '../docker/platform.js';
import type { Runner } from '../exec/runner.js';
import type { BaseImage } from './base-image.js';
import { MultiMatcher, StreamMatcher } from './matcher.js';

export { MultiMatcher, StreamMatcher } from './matcher.js';

/** Where a secret value was found in the image. */
export interface SecretHit {
  /** Index into the needles given to the scan. */
  needle: number;
  /** `layer <id-prefix>: /path/in/image`, or the name of the config file (ENV, labels, history). */
  where: string;
}

/** `new`: only the layers this build wrote (after the final stage's FROM image's); `all`: every layer. */
export type ScanMode = 'new' | 'all';

/** How the layers' bytes were read. */
export type ScanPath = 'overlay2' | 'containerd content store' | 'docker save';

export interface ScanStats {
  path: ScanPath;
  /** Why the faster path was not taken, when it was not. */
  fallback?: string;
  mode: ScanMode;
  /** The base image whose layers were skipped, or why none were. */
  base: string;
  layers: { scanned: number; skipped: number };
  /** Bytes of layer data read and searched; bytes of the skipped layers (their size in the engine). */
  bytes: { scanned: number; skipped: number };
  ms: number;
}

export interface ScanResult {
  hits: SecretHit[];
  stats: ScanStats;
}

/** What the scan needs from the run: its runner (docker through src/docker/commands.ts), and the build log. */
export interface ScanContext {
  runner: Runner;
  log(line: string): void;
}

export interface ScanRequest {
  imageId: string;
  /**
   * Byte strings to look for (every secret in every encoding: the caller builds the list, the cost of the scan
   * does not depend on its length). Hits name them by index.
   */
  needles: readonly (string | Buffer)[];
  base: BaseImage;
  mode: ScanMode;
  /** The image and its base as `inspectPair` found them, when the caller asked already. */
  inspected?: Promise<[Inspected | null, Inspected | null]>;
  /** Only `docker save` (benchmarks and tests compare the paths). */
  forceSave?: boolean;
}

/** The base image whose layers a scan skips, if any. */
export function baseToSkip(req: Pick<ScanRequest, 'mode' | 'base'>): string | null {
  return req.mode === 'new' && req.base.kind === 'image' ? req.base.ref : null;
}

export interface Inspected {
  Id: string;
  Size?: number;
  Config?: unknown;
  RootFS?: { Layers?: string[] };
  GraphDriver?: { Name?: string; Data?: Record<string, string> | null };
}

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);

/**
 * Look for every needle in the image's config (ENV, labels, the whole build history) and in the layers this
 * build wrote: the final stage's FROM image's layers (`RootFS.Layers`, a prefix of the built image's) are
 * skipped unless `mode` is `all`. Layers are read from the engine's overlay2 directories (in place when this
 * process can read them, else through `sudo -n tar`) or the containerd image store's content store, both on a
 * local engine; else from `docker save`, and `stats.fallback` says why. Nothing is written to disk.
 */
export async function scanImage(ctx: ScanContext, req: ScanRequest): Promise<ScanResult> {
  const t0 = performance.now();
  const matcher = new MultiMatcher(req.needles);
  // Which image store the engine has is asked alongside the image (a docker CLI call costs 0.1-0.3 s here).
  const store = req.forceSave ? Promise.resolve(null) : containerdDataRoot(ctx.runner).catch(() => null);
  const [image, base] = await (req.inspected ?? inspectPair(ctx, req.imageId, baseToSkip(req)));
  if (!image) throw new Error(`docker image inspect ${req.imageId} found no image to scan for secrets`);
  const imageId = image.Id; // the ID, also when the request names a tag
  const layers = image.RootFS?.Layers ?? [];
  const { skip, why } = skipped(req, layers, base);
  const stats: ScanStats = {
    path: 'overlay2',
    mode: req.mode,
    base: why,
    layers: { scanned: layers.length - skip, skipped: skip },
    bytes: { scanned: 0, skipped: skip > 0 ? (base?.Size ?? 0) : 0 },
    ms: 0,
  };
  let hits: SecretHit[];
  try {
    if (req.forceSave) throw new Fallback('asked for docker save');
    const dirs = overlayDirs(image, layers.length);
    const root = typeof dirs === 'string' && image.GraphDriver?.Data == null ? await store : null;
    if (typeof dirs !== 'string') hits = await scanOverlay(ctx, matcher, imageId, layers, dirs, skip, stats);
    else if (root !== null) {
      stats.path = 'containerd content store';
      hits = await scanContentStore(ctx, matcher, imageId, layers, skip, stats, root);
    } else throw new Fallback(dirs);
  } catch (e) {
    if (!(e instanceof Fallback)) throw e;
    stats.path = 'docker save';
    stats.fallback = e.message;
    stats.bytes.scanned = 0;
    const why = `DF106: ${e.message}; read in memory, nothing written`;
    hits = await scanSave(() => dockerSave(ctx.runner, imageId, why), req.needles, { skip, matcher, stats });
  }
  stats.ms = Math.round(performance.now() - t0);
  return { hits, stats };
}

/** The faster path cannot be taken: the scan goes through `docker save`, and says why. */
class Fallback extends Error {}

/**
 * The image and its base in one `docker image inspect` (docker prints those it finds, in order, and exits 1 when
 * one is missing): [image, base or null]. With `platform` (one of a multi-platform image), as `--platform` sees
 * them: the image's `Id` is then that platform's manifest digest, which the scan reads its layers from.
 */
export async function inspectPair(
  ctx: ScanContext,
  ref: string,
  baseRef: string | null,
  platform?: string,
): Promise<[Inspected | null, Inspected | null]> {
  const r = await imageInspect(ctx.runner, [ref, ...(baseRef ? [baseRef] : [])], { allowFailure: true, ...(platform ? { platform } : {}) });
  let found: Inspected[] = [];
  try {
    found = JSON.parse(r.stdout || '[]') as Inspected[];
  } catch {
    found = [];
  }
  if (r.exitCode === 0) return [found[0] ?? null, baseRef ? (found[1] ?? null) : null];
  // One of them is missing: which one, only a second look tells.
  if (!baseRef) return [null, null];
  return [(await inspectPair(ctx, ref, null, platform))[0], null];
}

function skipped(req: ScanRequest, layers: string[], base: Inspected | null): { skip: number; why: string } {
  if (req.mode === 'all') return { skip: 0, why: 'secret-scan: all' };
  if (req.base.kind === 'scratch') return { skip: 0, why: 'FROM scratch' };
  if (req.base.kind === 'unknown') return { skip: 0, why: `${req.base.why}: every layer scanned` };
  if (!base) return { skip: 0, why: `the base image ${req.base.ref} is not in the engine: every layer scanned` };
  const baseLayers = base.RootFS?.Layers ?? [];
  if (baseLayers.length > layers.length || baseLayers.some((l, i) => layers[i] !== l)) {
    return { skip: 0, why: `the layers of ${req.base.ref} as the engine has it now are not the image's first layers: every layer scanned` };
  }
  return { skip: baseLayers.length, why: req.base.ref };
}

/**
 * overlay2 reports the top layer's directory as `UpperDir` and the ones below, top first, as `LowerDir`: bottom
 * first, they are the layers of `RootFS.Layers` in order. A string says why they cannot be used.
 */
function overlayDirs(image: Inspected, count: number): string[] | string {
  const g = image.GraphDriver;
  if (g?.Name !== 'overlay2' || !g.Data) return `the engine stores layers with ${g?.Name || 'an unknown driver'}, not overlay2`;
  const dirs = [g.Data.UpperDir, ...(g.Data.LowerDir ? g.Data.LowerDir.split(':') : [])].filter((d): d is string => !!d).reverse();
  if (dirs.length !== count) return `overlay2 reports ${dirs.length} layer directories for ${count} layers`;
  return dirs;
}

async function scanOverlay(
  ctx: ScanContext,
  matcher: MultiMatcher,
  imageId: string,
  layers: string[],
  dirs: string[],
  skip: number,
  stats: ScanStats,
): Promise<SecretHit[]> {
  // The data root, three levels above a layer's diff directory: <root>/overlay2/<id>/diff.
  const root = path.dirname(path.dirname(path.dirname(dirs[0]!)));
  const configFile = path.join(root, 'image/overlay2/imagedb/content/sha256', imageId.replace(/^sha256:/, ''));
  const sudo = await readerFor(root);
  const files = new ContentStore(root, ctx.runner, sudo, SCAN_WHY);
  const hits: SecretHit[] = [];
  const config = new StreamMatcher(matcher);
  try {
    config.push(await files.readFile(configFile));
  } catch (e) {
    throw new Fallback(`the engine's files are not readable here (${(e as Error).message})`);
  }
  for (const i of config.found) hits.push({ needle: i, where: `image config ${short(imageId)}` });
  if (!sudo.length) {
    // Readable here (root, or a rootless engine's own files): the files themselves, named as they are read.
    ctx.log(`DF106: reading the image config ${configFile} and the files of ${layers.length - skip} layer dir(s) under ${root}/overlay2`);
    for (let l = skip; l < layers.length; l++) {
      try {
        stats.bytes.scanned += await scanDir(dirs[l]!, matcher, (needle, where) =>
          hits.push({ needle, where: `layer ${short(layers[l]!)}: ${where}` }),
        );
      } catch (e) {
        throw new Fallback(`reading ${dirs[l]} failed (${(e as Error).message})`);
      }
    }
    return hits;
  }
  ctx.log(
    `$ sudo -n cat ${configFile}  # DF106: the image config, and sudo -n tar of ${layers.length - skip} layer dir(s) under ${root}/overlay2`,
  );
  for (let l = skip; l < layers.length; l++) {
    const tarOf = (): Source => files.follow([...sudo, 'tar', '-c', '-f', '-', '-C', dirs[l]!, '.']);
    const m = new StreamMatcher(matcher);
    const t = tarOf();
    t.stream.on('data', (c: Buffer) => m.push(c));
    try {
      await t.done;
    } catch (e) {
      throw new Fallback(`sudo -n tar of ${dirs[l]} failed (${(e as Error).message})`);
    }
    stats.bytes.scanned += m.bytes;
    if (m.found.size === 0) continue;
    const again = tarOf();
    again.done.catch(() => undefined);
    hits.push(...(await nameInTar(again.stream, matcher, m.found, `layer ${short(layers[l]!)}`)));
    await again.done;
  }
  return hits;
}

/** The walk reads synchronously (a small file costs one open, read and close, not three trips through the thread pool) and lets the event loop run this often. */
const SLICE_MS = 10;

/**
 * Every file of a layer directory, walked and read in place: content, names and symlink targets. Returns the
 * bytes read. Whiteouts (character devices) and other special files count by name only. The work is done in
 * slices of ~10 ms, so the smoke stage running alongside keeps its timers and probes.
 */
export async function scanDir(dir: string, matcher: MultiMatcher, hit: (needle: number, where: string) => void): Promise<number> {
  let bytes = 0;
  const seen = new Set<string>();
  const report = (found: Set<number>, where: string): void => {
    for (const i of found) {
      const key = `${i} ${where}`;
      if (!seen.has(key)) hit(i, where);
      seen.add(key);
    }
  };
  const names = new Set<number>();
  const buf = Buffer.allocUnsafe(READ_SIZE);
  const pending: string[] = [''];
  let sliceStart = performance.now();
  const maybeYield = async (): Promise<void> => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
  const readFile = async (p: string): Promise<void> => {
    const fd = openSync(path.join(dir, p), 'r');
    try {
      const m = new StreamMatcher(matcher);
      for (;;) {
        const n = readSync(fd, buf, 0, READ_SIZE, null);
        if (n === 0) break;
        m.push(buf.subarray(0, n));
        await maybeYield();
      }
      bytes += m.bytes;
      report(m.found, p);
    } finally {
      closeSync(fd);
    }
  };
  while (pending.length > 0) {
    const rel = pending.pop()!;
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = `${rel}/${e.name}`;
      names.clear();
      matcher.scan(Buffer.from(p), names);
      if (e.isSymbolicLink()) matcher.scan(Buffer.from(readlinkSync(path.join(dir, p))), names);
      report(names, `${p} (in a file name or link target)`);
      if (e.isDirectory()) pending.push(p);
      else if (e.isFile()) await readFile(p);
      await maybeYield();
    }
  }
  return bytes;
}

/**
 * The containerd image store keeps every blob (manifest, config, compressed layers) in its content store, by
 * digest: the engine's own (`<data root>/containerd/daemon`) or the system containerd's (`/var/lib/containerd`).
 * The image ID is the digest of its manifest or index; the store that holds a blob with that digest is the one.
 */
async function scanContentStore(
  ctx: ScanContext,
  matcher: MultiMatcher,
  imageId: string,
  layers: string[],
  skip: number,
  stats: ScanStats,
  root: string,
): Promise<SecretHit[]> {
  const store = await findContentStore(ctx.runner, root, imageId, SCAN_WHY);
  if (typeof store === 'string') throw new Fallback(store);
  let manifest = await store.json(imageId);
  if (manifest.manifests) {
    // This machine's platform (a one-platform build of another is its one entry that is not an attestation).
    const arch = targetPlatform([]).architecture;
    const pick =
      manifest.manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture === arch) ??
      manifest.manifests.find((m) => m.platform?.architecture !== 'unknown');
    if (!pick) throw new Fallback(`the image index ${short(imageId)} has no manifest for linux/${arch}`);
    manifest = await store.json(pick.digest);
  }
  const blobs = manifest.layers ?? [];
  if (!manifest.config || blobs.length !== layers.length) {
    throw new Fallback(`the manifest lists ${blobs.length} layer blobs for ${layers.length} layers`);
  }
  ctx.log(
    store.sudo.length
      ? `$ sudo -n cat ${store.path(manifest.config.digest)}  # DF106: the image config, and ${layers.length - skip} layer blob(s) from ${store.dir}`
      : `DF106: reading the image config ${short(manifest.config.digest)} and ${layers.length - skip} layer blob(s) in ${store.dir}`,
  );
  const hits: SecretHit[] = [];
  const config = new StreamMatcher(matcher);
  config.push(await store.read(manifest.config.digest));
  for (const i of config.found) hits.push({ needle: i, where: `image config ${short(manifest.config.digest)}` });
  for (let l = skip; l < layers.length; l++) {
    const file = store.path(blobs[l]!.digest);
    const m = new StreamMatcher(matcher);
    const c = store.open(blobs[l]!.digest);
    c.done.catch(() => undefined);
    try {
      await readDecompressed(c.stream, (chunk) => m.push(chunk));
      await c.done;
    } catch (e) {
      if (l === skip) throw new Fallback(`reading ${file} failed (${(e as Error).message})`);
      throw e;
    }
    stats.bytes.scanned += m.bytes;
    if (m.found.size === 0) continue;
    const again = store.open(blobs[l]!.digest);
    again.done.catch(() => undefined);
    const content = new PassThrough();
    const read = readDecompressed(again.stream, (chunk) => content.write(chunk)).then(() => content.end());
    read.catch((e: Error) => content.destroy(e));
    hits.push(...(await nameInTar(content, matcher, m.found, `layer ${short(layers[l]!)}`)));
    await read;
    await again.done;
  }
  return hits;
}

const SCAN_WHY = 'DF106: read in memory, nothing written';

/**
 * Which files of a layer tar hold the needles found in its bytes: by content, else by name or link target
 * (a value in a file name is in the layer too). A match of the raw bytes that runs across a file's end into
 * the next header is in no file, and is not reported.
 */
async function nameInTar(stream: Readable, matcher: MultiMatcher, wanted: ReadonlySet<number>, layer: string): Promise<SecretHit[]> {
  const hits: SecretHit[] = [];
  const named = new Set<number>();
  const inMeta = new Set<number>();
  await new Promise<void>((resolve, reject) => {
    const ex = extract();
    ex.on('entry', (header: Header, entry, next) => {
      const meta = new Set<number>();
      matcher.scan(Buffer.from(`${header.name}\0${header.linkname ?? ''}\0${JSON.stringify(header.pax ?? {})}`), meta);
      for (const i of meta) if (wanted.has(i)) inMeta.add(i);
      const m = new StreamMatcher(matcher);
      entry.on('data', (d) => m.push(d as Buffer));
      entry.on('end', () => {
        for (const i of m.found) {
          if (!wanted.has(i)) continue;
          named.add(i);
          hits.push({ needle: i, where: `${layer}: /${header.name.replace(/^\.?\//, '')}` });
        }
        next();
      });
      entry.on('error', reject);
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    stream.on('error', reject);
    stream.pipe(ex);
  });
  for (const i of inMeta) if (!named.has(i)) hits.push({ needle: i, where: `${layer} (in a file name or link target)` });
  return hits;
}

/**
 * A `docker save` stream (or any image tar), opened once per pass; `done` rejects when its producer failed, and
 * `kill` stops the producer when the pass fails before reading it all.
 */
export type OpenSave = () => { stream: Readable; done: Promise<void>; kill?: () => void };

/** A tar's first header has `ustar` at offset 257. */
const TAR_MAGIC_END = 262;
const isTar = (head: Buffer): boolean => head.length >= TAR_MAGIC_END && head.subarray(257, TAR_MAGIC_END).toString() === 'ustar';
const layerName = (entry: string): string =>
  entry
    .replace(/^blobs\/sha256\//, '')
    .split('/')[0]!
    .slice(0, 12);

/**
 * Every needle in a `docker save` stream: each entry is read as raw bytes, decompressed where the engine stores
 * layers compressed (the containerd image store saves gzip or zstd blobs): a file's content is contiguous in a
 * tar, so a value inside any file is found. `manifest.json` (`Layers`, in `RootFS.Layers` order) tells the
 * first `skip` layers, whose hits are dropped: the daemon streams them anyway. Only the layers with a hit are
 * read again, file by file, to name the file.
 */
export async function scanSave(
  open: OpenSave,
  needles: readonly (string | Buffer)[],
  o: { skip?: number; matcher?: MultiMatcher; stats?: ScanStats } = {},
): Promise<SecretHit[]> {
  const matcher = o.matcher ?? new MultiMatcher(needles);
  const found: { needle: number; where: string; tar: boolean; bytes: number }[] = [];
  let manifest: { Layers?: string[] }[] = [];
  await eachEntryOf(open, async (name, entry) => {
    const m = new StreamMatcher(matcher);
    const keep = name === 'manifest.json' ? ([] as Buffer[]) : null;
    const head = await readDecompressed(entry, (c) => {
      m.push(c);
      keep?.push(c);
    });
    if (keep) manifest = JSON.parse(Buffer.concat(keep).toString()) as typeof manifest;
    const tar = isTar(head);
    for (const i of m.found) found.push({ needle: i, where: name, tar, bytes: m.bytes });
    if (tar && o.stats) found.push({ needle: -1, where: name, tar, bytes: m.bytes });
  });
  const order = manifest[0]?.Layers ?? [];
  const base = new Set(order.slice(0, o.skip ?? 0));
  if (o.stats) {
    o.stats.bytes.scanned = found.filter((h) => h.needle === -1 && !base.has(h.where)).reduce((n, h) => n + h.bytes, 0);
  }
  const hits = found.filter((h) => h.needle >= 0 && !base.has(h.where));
  const named: SecretHit[] = hits.filter((h) => !h.tar).map((h) => ({ needle: h.needle, where: `image config ${h.where}` }));
  const layers = new Map<string, Set<number>>();
  for (const h of hits.filter((x) => x.tar)) layers.set(h.where, (layers.get(h.where) ?? new Set()).add(h.needle));
  if (layers.size === 0) return named;

  await eachEntryOf(open, async (name, entry) => {
    const wanted = layers.get(name);
    if (!wanted) {
      entry.resume();
      return ended(entry);
    }
    const content = new PassThrough();
    const read = readDecompressed(entry, (c) => content.write(c)).then(() => content.end());
    read.catch((e: Error) => content.destroy(e));
    named.push(...(await nameInTar(content, matcher, wanted, `layer ${layerName(name)}`)));
    await read;
  });
  return named;
}

/**
 * Hands `onData` an entry's bytes, gunzipped or un-zstd-ed when its magic bytes say so (with backpressure on
 * the entry while the decompressor catches up). Resolves at the end with the first bytes it handed on, to tell
 * a layer tar from a config file.
 */
function readDecompressed(entry: Readable, onData: (c: Buffer) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const take = (c: Buffer): void => {
      if (head.length < TAR_MAGIC_END) head = Buffer.concat([head, c.subarray(0, TAR_MAGIC_END)]);
      onData(c);
    };
    let pending: Buffer[] | null = []; // until there are enough bytes to see the magic
    let sink: Transform | null = null;
    const send = (c: Buffer): void => {
      if (!sink) return take(c);
      if (!sink.write(c)) {
        entry.pause();
        sink.once('drain', () => entry.resume());
      }
    };
    const decide = (): void => {
      const first = Buffer.concat(pending!);
      pending = null;
      const gzip = first[0] === 0x1f && first[1] === 0x8b;
      const zstd = first.length >= 4 && first.readUInt32LE(0) === 0xfd2fb528;
      if (gzip || zstd) {
        sink = gzip ? createGunzip({ chunkSize: READ_SIZE }) : createZstdDecompress({ chunkSize: READ_SIZE });
        sink.on('data', take);
        sink.on('end', () => resolve(head));
        sink.on('error', reject);
      }
      if (first.length) send(first);
    };
    entry.on('data', (c: Buffer) => {
      if (!pending) return send(c);
      pending.push(c);
      if (pending.reduce((n, b) => n + b.length, 0) >= 4) decide();
    });
    entry.on('end', () => {
      if (pending) decide();
      if (sink) sink.end();
      else resolve(head);
    });
    entry.on('error', reject);
  });
}

/** Resolves when a (streamx or Node) stream has been read to its end; rejects on its error. */
function ended(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
}

/** `docker save IMAGE`, failing with docker's own words if it fails. */
export function dockerSave(runner: Runner, imageId: string, why: string): ReturnType<OpenSave> {
  return sourceOf(save(runner, imageId, why), `docker save ${imageId}`);
}

/** One pass over an opened save stream: every regular file visited in order, then the producer's verdict. */
async function eachEntryOf(open: OpenSave, visit: (name: string, entry: Readable) => Promise<void>): Promise<void> {
  const { stream, done, kill } = open();
  done.catch(() => undefined); // judged below, once the stream is read
  try {
    await eachEntry(stream, visit);
  } catch (e) {
    // The pass failed (a corrupt layer, a read error): nobody reads the rest, so the producer must not wait on
    // its full pipe for ever.
    kill?.();
    stream.destroy();
    throw e;
  }
  await done;
}

/** Visit every regular file of a tar stream in order; `visit` must consume the entry. */
function eachEntry(stream: Readable, visit: (name: string, entry: Readable) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const ex = extract();
    ex.on('entry', (header: Header, entry, next) => {
      if (header.type !== 'file' || !header.size) {
        entry.resume();
        entry.on('end', () => next());
        return;
      }
      visit(header.name, entry as unknown as Readable).then(() => next(), reject);
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    stream.on('error', reject);
    stream.pipe(ex);
  });
}
