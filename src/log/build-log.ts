import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { Redactor } from '../secrets/redactor.js';

/**
 * `build.log`: every command and its output, in order, redacted. Writes are buffered by the stream; `close()`
 * waits until the file is complete.
 */
export class BuildLog {
  private readonly stream: WriteStream;
  readonly path: string;

  constructor(
    outDir: string,
    private readonly redactor: Redactor,
  ) {
    mkdirSync(outDir, { recursive: true });
    this.path = path.join(outDir, 'build.log');
    this.stream = createWriteStream(this.path, { flags: 'w', mode: 0o600 });
  }

  /** Text that has already been redacted line by line (streamed command output). */
  writeRedacted(text: string): void {
    this.stream.write(text);
  }

  write(text: string): void {
    this.stream.write(this.redactor.redact(text));
  }

  line(text: string): void {
    this.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  section(title: string): void {
    this.line(`\n===== ${title} [${new Date().toISOString()}]`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.stream.closed || this.stream.writableEnded) return resolve();
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
  }
}
