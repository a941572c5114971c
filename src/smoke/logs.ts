import { StringDecoder } from 'node:string_decoder';
import { followLogs } from '../docker/commands.js';
import type { Spawned } from '../exec/runner.js';
import type { RunContext } from '../run/context.js';
import { LineRedactor } from '../secrets/redactor.js';
import { within } from '../time/time.js';
import { LOG_SETTLE_MAX_MS } from './limits.js';

/** Lines kept in memory for crash reports; every line is also handed to `onLine` as it comes. */
const RECENT = 50;
/**
 * Characters of one line kept in memory (and handed to `onLine`); the rest of a longer line goes to build.log
 * only. A 100 MB line without a newline costs this much, not 100 MB (nor the time to search it again and again).
 */
export const MAX_LINE = 16 * 1024;

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * The container's stdout and stderr, followed from its start (`docker logs --follow`): every line goes to
 * build.log (redacted, prefixed `[app]`), and is kept for the log rules.
 */
export class LogCapture {
  private readonly child: Spawned;
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
    this.child = followLogs(ctx.runner, container);
    for (const stream of ['stdout', 'stderr'] as const) {
      // build.log gets every byte, redacted, each line once prefixed (a long line comes in pieces).
      let lineStart = true;
      const sink = (text: string): void => {
        ctx.log.writeRedacted(`${lineStart ? `[${prefix}] ` : ''}${text}`);
        lineStart = text.endsWith('\n');
      };
      const redacting = new LineRedactor(ctx.redactor, sink);
      const decoder = new StringDecoder('utf8');
      let head = '';
      let dropped = 0;
      const take = (piece: string): void => {
        if (head.length < MAX_LINE) {
          const room = MAX_LINE - head.length;
          head += piece.slice(0, room);
          dropped += Math.max(0, piece.length - room);
        } else dropped += piece.length;
      };
      const endLine = (): void => {
        this.keep(stream, head, dropped);
        head = '';
        dropped = 0;
      };
      const src = this.child[stream];
      src.on('data', (d: Buffer) => {
        this.totalBytes += d.length;
        redacting.write(d);
        const text = decoder.write(d);
        let start = 0;
        let nl: number;
        while ((nl = text.indexOf('\n', start)) >= 0) {
          take(text.slice(start, nl));
          endLine();
          start = nl + 1;
        }
        take(text.slice(start));
      });
      src.on('end', () => {
        redacting.flush();
        if (!lineStart) ctx.log.writeRedacted('\n');
        take(decoder.end());
        if (head || dropped) endLine();
      });
    }
    this.done = this.child.exited.then(() => undefined);
  }

  private keep(stream: LogLine['stream'], text: string, dropped = 0): void {
    const line = { stream, text: dropped ? `${text} [... ${dropped} more characters in build.log]` : text.replace(/\r$/, '') };
    this.totalLines++;
    this.recent.push(line);
    if (this.recent.length > RECENT) this.recent.shift();
    this.onLine(line);
  }

  /**
   * Wait for the log stream to end after the container stopped (it ends by itself), a crash report must carry the
   * last lines, and DF301/DF302 judge the whole output. Gives up once nothing came for `idleMs` (a stream that
   * is still delivering a flood of output is waited for, up to `maxMs`).
   */
  async settle(idleMs: number, maxMs = LOG_SETTLE_MAX_MS): Promise<void> {
    const t0 = performance.now();
    for (;;) {
      const seen = this.totalBytes;
      const ended = await within(
        this.done.then(() => true),
        Math.min(idleMs, maxMs),
        false,
      );
      if (ended || this.totalBytes === seen || performance.now() - t0 >= maxMs) return;
    }
  }

  /** The last `n` lines, for a crash report. */
  tail(n: number): string[] {
    return this.recent.slice(-n).map((l) => l.text);
  }

  stop(): void {
    this.child.kill();
  }
}
