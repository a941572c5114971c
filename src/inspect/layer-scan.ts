import { spawn } from 'node:child_process';
import { PassThrough, type Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { lastLine } from '../exec/runner.js';

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

const isTar = (first: Buffer): boolean => first.length >= 262 && first.subarray(257, 262).toString() === 'ustar';
const layerName = (entry: string): string =>
  entry
    .replace(/^blobs\/sha256\//, '')
    .split('/')[0]!
    .slice(0, 12);

/**
 * Look for every needle in every layer of the image and in its config (ENV, labels, build history), from a
 * `docker save` stream; nothing is written to disk. The first pass reads each layer as raw bytes (a file's
 * content is contiguous in a tar, so a value inside any file is found); only layers with a hit are read again,
 * file by file, to name the file.
 */
export async function scanImage(imageId: string, needles: string[]): Promise<SecretHit[]> {
  const bufs = needles.map((n) => Buffer.from(n));
  const raw: SecretHit[] = [];
  await withSave(imageId, (stream) =>
    eachEntry(stream, (name, entry) => {
      const matcher = new StreamMatcher(bufs);
      entry.on('data', (c: Buffer) => matcher.push(c));
      return new Promise((resolve) =>
        entry.on('end', () => {
          for (const i of matcher.found) raw.push({ needle: i, where: name });
          resolve();
        }),
      );
    }),
  );
  const layers = new Set(raw.filter((h) => /layer\.tar$|^blobs\//.test(h.where)).map((h) => h.where));
  if (layers.size === 0) return raw.map((h) => ({ ...h, where: `image config ${h.where}` }));

  const named: SecretHit[] = raw.filter((h) => !layers.has(h.where)).map((h) => ({ ...h, where: `image config ${h.where}` }));
  await withSave(imageId, (stream) =>
    eachEntry(stream, async (name, entry) => {
      if (!layers.has(name)) {
        entry.resume();
        return new Promise((resolve) => entry.on('end', resolve));
      }
      const pass = new PassThrough();
      let first = true;
      let nested: Promise<void> | null = null;
      entry.on('data', (c: Buffer) => {
        if (first && isTar(c)) {
          nested = eachEntry(pass, (file, fileEntry) => {
            const matcher = new StreamMatcher(bufs);
            fileEntry.on('data', (d: Buffer) => matcher.push(d));
            return new Promise((resolve) =>
              fileEntry.on('end', () => {
                for (const i of matcher.found) named.push({ needle: i, where: `layer ${layerName(name)}: /${file.replace(/^\.?\//, '')}` });
                resolve();
              }),
            );
          });
        }
        first = false;
        pass.write(c);
      });
      await new Promise((resolve) => entry.on('end', resolve));
      pass.end();
      if (nested) await nested;
      else pass.resume();
    }),
  );
  return named;
}

/** Run `docker save IMAGE` and hand its stdout to `consume`; fail with docker's own words if it fails. */
async function withSave(imageId: string, consume: (s: Readable) => Promise<void>): Promise<void> {
  const child = spawn('docker', ['save', imageId], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  await consume(child.stdout);
  const code = await exited;
  if (code !== 0) throw new Error(`docker save ${imageId} exited ${code}: ${lastLine(stderr)}`);
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
