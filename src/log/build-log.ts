import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { Redactor } from '../secrets/redactor.js';

/**
 * `build.log`: every command and its output, in order, redacted. Writes are buffered by the stream; `close()`
 * waits until the file is complete. A command still finishing after the run ended (a git read that lost the race
 * to a failed engine check, say) cannot write to the closed file: its line is dropped, not a crash.
 */
export class BuildLog {
  private readonly stream: WriteStream;
  readonly path: string;
  /** A write error (disk full...), reported by close() rather than thrown from wherever the stream noticed it. */
  private failure: Error | null = null;

  constructor(
    outDir: string,
    private readonly redactor: Redactor,
  ) {
    mkdirSync(outDir, { recursive: true });
    this.path = path.join(outDir, 'build.log');
    this.stream = createWriteStream(this.path, { flags: 'w', mode: 0o600 });
    this.stream.on('error', (e) => (this.failure ??= e));
  }

  /** Text that has already been redacted line by line (streamed command output). */
  writeRedacted(text: string): void {
    if (!this.stream.writableEnded) this.stream.write(text);
  }

  write(text: string): void {
    this.writeRedacted(this.redactor.redact(text));
  }

  line(text: string): void {
    this.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  section(title: string): void {
    this.line(`\n===== ${title} [${new Date().toISOString()}]`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (err?: Error | null): void => {
        const e = err ?? this.failure;
        if (e) reject(new Error(`cannot write ${this.path}: ${e.message}`));
        else resolve();
      };
      if (this.stream.closed || this.stream.writableEnded) return settle();
      this.stream.end(settle);
    });
  }
}
