import { spawn } from 'node:child_process';
import { PassThrough, type Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';

/** Where a secret value was found in the image. */
export interface SecretHit {
  /** Index into the needles given to `scanImage`. */
  needle: number;
  /** `layer <digest-prefix>: <path>` or the name of a config/manifest file. */
  where: string;
}

/** Finds needles in a byte stream that arrives in chunks, across chunk boundaries. */
export class StreamMatcher {
  private tail = Buffer.alloc(0);
  private readonly keep: number;
  readonly found = new Set<number>();

  constructor(private readonly needles: Buffer[]) {
    this.keep = Math.max(0, ...needles.map((n) => n.length)) - 1;
  }

  push(chunk: Buffer): void {
    const buf = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    this.needles.forEach((n, i) => {
      if (!this.found.has(i) && n.length > 0 && buf.includes(n)) this.found.add(i);
    });
    this.tail = this.keep > 0 ? Buffer.from(buf.subarray(Math.max(0, buf.length - this.keep))) : Buffer.alloc(0);
  }
}

const isTar = (first: Buffer): boolean => first.length >= 262 && first.subarray(257, 262).toString() === 'ustar';

/**
 * Stream `docker save` of the image and look for every needle in every file of every layer, and in the image
 * config (which holds ENV, labels and the build history). Nothing is written to disk.
 */
export async function scanImage(imageId: string, needles: string[]): Promise<SecretHit[]> {
  const bufs = needles.map((n) => Buffer.from(n));
  const hits: SecretHit[] = [];
  const child = spawn('docker', ['save', imageId], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  await scanTar(child.stdout, bufs, '', hits);
  const code = await exited;
  if (code !== 0) throw new Error(`docker save ${imageId} exited ${code}: ${stderr.trim().split('\n').pop()}`);
  return hits;
}

function scanTar(stream: Readable, needles: Buffer[], prefix: string, hits: SecretHit[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const ex = extract();
    ex.on('entry', (header: Header, entry, next) => {
      if (header.type !== 'file' || !header.size) {
        entry.resume();
        entry.on('end', next);
        return;
      }
      const name = `${prefix}${header.name}`;
      let first: Buffer | null = null;
      let nested: Promise<void> | null = null;
      let pass: PassThrough | null = null;
      const matcher = new StreamMatcher(needles);
      entry.on('data', (data: unknown) => {
        const chunk = data as Buffer;
        if (first === null) {
          first = chunk;
          if (isTar(chunk)) {
            // A layer: look inside it file by file, so hits name the file.
            pass = new PassThrough();
            const layer = header.name
              .replace(/^blobs\/sha256\//, '')
              .split('/')[0]!
              .slice(0, 12);
            nested = scanTar(pass, needles, `layer ${layer}: /`, hits);
          }
        }
        if (pass) pass.write(chunk);
        else matcher.push(chunk);
      });
      entry.on('end', () => {
        const done = (): void => {
          for (const i of matcher.found) hits.push({ needle: i, where: name });
          next();
        };
        if (pass && nested) {
          pass.end();
          nested.then(done, reject);
        } else done();
      });
      entry.on('error', reject);
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    stream.pipe(ex);
  });
}
