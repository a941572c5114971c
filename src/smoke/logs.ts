import { spawn, type ChildProcess } from 'node:child_process';
import type { RunContext } from '../pipeline/context.js';
import { LineRedactor } from '../secrets/redactor.js';

/** Lines kept in memory for crash reports; every line is also handed to `onLine` as it comes. */
const RECENT = 50;

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * The container's stdout and stderr, followed from its start (`docker logs --follow`): every line goes to
 * build.log (redacted, prefixed `[app]`), and is kept for the log rules.
 */
export class LogCapture {
  private readonly child: ChildProcess;
  private readonly recent: LogLine[] = [];
  totalLines = 0;
  totalBytes = 0;
  readonly done: Promise<void>;

  constructor(
    ctx: RunContext,
    container: string,
    private readonly onLine: (line: LogLine) => void = () => undefined,
    prefix = 'app',
  ) {
    const argv = ['logs', '--follow', container];
    ctx.log.line(`$ docker ${argv.join(' ')} &`);
    this.child = spawn('docker', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const sink = (text: string): void => ctx.log.writeRedacted(`[${prefix}] ${text.endsWith('\n') ? text : `${text}\n`}`);
    for (const stream of ['stdout', 'stderr'] as const) {
      const redacting = new LineRedactor(ctx.redactor, sink);
      let pending = '';
      const src = this.child[stream]!;
      src.on('data', (d: Buffer) => {
        this.totalBytes += d.length;
        redacting.write(d);
        pending += d.toString();
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          this.keep(stream, pending.slice(0, nl));
          pending = pending.slice(nl + 1);
        }
      });
      src.on('end', () => {
        redacting.flush();
        if (pending) this.keep(stream, pending);
        pending = '';
      });
    }
    this.done = new Promise((resolve) => {
      this.child.on('close', () => resolve());
      this.child.on('error', () => resolve());
    });
  }

  private keep(stream: LogLine['stream'], text: string): void {
    const line = { stream, text: text.replace(/\r$/, '') };
    this.totalLines++;
    this.recent.push(line);
    if (this.recent.length > RECENT) this.recent.shift();
    this.onLine(line);
  }

  /**
   * Wait for the log stream to end after the container stopped (it ends by itself), at most `ms`: a crash
   * report must carry the last lines, and DF301/DF302 judge the whole output.
   */
  async settle(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.done, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  /** The last `n` lines, for a crash report. */
  tail(n: number): string[] {
    return this.recent.slice(-n).map((l) => l.text);
  }

  stop(): void {
    if (this.child.exitCode === null && !this.child.killed) this.child.kill();
  }
}
