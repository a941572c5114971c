import { spawn } from 'node:child_process';
import { PassThrough, type Readable, type Transform } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { errorLine } from '../exec/runner.js';

/** Where a secret value was found in the image. */
export interface SecretHit {
  /** Index into the needles given to `scanImage`. */
  needle: number;
  /** `layer <id-prefix>: /path/in/image`, or the name of the config file (ENV, labels, history). */
  where: string;
}

/** Finds needles in a byte stream that arrives in chunks, across chunk boundaries, without copying chunks. */
export class StreamMatcher {
  private tail = Buffer.alloc(0);
  private readonly keep: number;
  readonly found = new Set<number>();

  constructor(private readonly needles: Buffer[]) {
    this.keep = Math.max(1, ...needles.map((n) => n.length)) - 1;
  }

  push(chunk: Buffer): void {
    const seam = this.tail.length > 0 ? Buffer.concat([this.tail, chunk.subarray(0, this.keep)]) : null;
    this.needles.forEach((n, i) => {
      if (this.found.has(i) || n.length === 0) return;
      if (chunk.includes(n) || (seam && seam.includes(n))) this.found.add(i);
    });
    if (this.keep === 0) return;
    this.tail =
      chunk.length >= this.keep
        ? Buffer.from(chunk.subarray(chunk.length - this.keep))
        : Buffer.concat([this.tail, chunk]).subarray(-this.keep);
  }
}

/** A `docker save` stream (or any image tar), opened once per pass; `done` rejects when its producer failed. */
export type OpenSave = () => { stream: Readable; done: Promise<void> };

/** A tar's first header has `ustar` at offset 257. */
const TAR_MAGIC_END = 262;
const isTar = (head: Buffer): boolean => head.length >= TAR_MAGIC_END && head.subarray(257, TAR_MAGIC_END).toString() === 'ustar';
const layerName = (entry: string): string =>
  entry
    .replace(/^blobs\/sha256\//, '')
    .split('/')[0]!
    .slice(0, 12);

/**
 * Look for every needle in every layer of the image and in its config (ENV, labels, build history), from a
 * `docker save` stream; nothing is written to disk.
 */
export function scanImage(imageId: string, needles: string[]): Promise<SecretHit[]> {
  return scanSave(() => dockerSave(imageId), needles);
}

/**
 * The first pass reads each entry as raw bytes, decompressed where the engine stores layers compressed (the
 * containerd image store saves gzip or zstd blobs): a file's content is contiguous in a tar, so a value inside
 * any file is found. Only the layers with a hit are read again, file by file, to name the file.
 */
export async function scanSave(open: OpenSave, needles: string[]): Promise<SecretHit[]> {
  const bufs = needles.map((n) => Buffer.from(n));
  const hits: (SecretHit & { tar: boolean })[] = [];
  await eachEntryOf(open, async (name, entry) => {
    const matcher = new StreamMatcher(bufs);
    const head = await readDecompressed(entry, (c) => matcher.push(c));
    for (const i of matcher.found) hits.push({ needle: i, where: name, tar: isTar(head) });
  });
  const named: SecretHit[] = hits.filter((h) => !h.tar).map((h) => ({ needle: h.needle, where: `image config ${h.where}` }));
  const layers = new Set(hits.filter((h) => h.tar).map((h) => h.where));
  if (layers.size === 0) return named;

  await eachEntryOf(open, async (name, entry) => {
    if (!layers.has(name)) {
      entry.resume();
      return ended(entry);
    }
    const content = new PassThrough();
    const read = readDecompressed(entry, (c) => content.write(c)).then(() => content.end());
    read.catch((e: Error) => content.destroy(e));
    await eachEntry(content, async (file, fileEntry) => {
      const matcher = new StreamMatcher(bufs);
      fileEntry.on('data', (d: Buffer) => matcher.push(d));
      await ended(fileEntry);
      for (const i of matcher.found) named.push({ needle: i, where: `layer ${layerName(name)}: /${file.replace(/^\.?\//, '')}` });
    });
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
        sink = gzip ? createGunzip() : createZstdDecompress();
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
function dockerSave(imageId: string): { stream: Readable; done: Promise<void> } {
  const child = spawn('docker', ['save', imageId], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<void>((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`docker save ${imageId} exited ${code}: ${errorLine(stderr)}`)),
    ),
  );
  return { stream: child.stdout, done };
}

/** One pass over an opened save stream: every regular file visited in order, then the producer's verdict. */
async function eachEntryOf(open: OpenSave, visit: (name: string, entry: Readable) => Promise<void>): Promise<void> {
  const { stream, done } = open();
  done.catch(() => undefined); // judged below, once the stream is read
  await eachEntry(stream, visit);
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
