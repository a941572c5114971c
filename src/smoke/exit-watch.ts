import { waitFor } from '../docker/commands.js';
import type { Spawned } from '../exec/runner.js';
import type { RunContext } from '../run/context.js';

export interface ExitInfo {
  /** The container's exit code; -1 when `docker wait` itself failed (the container was removed). */
  exitCode: number;
  /** performance.now() when this process learnt of the exit. */
  seenAt: number;
}

/** What the readiness wait needs to know about an exit. */
export interface ExitSignal {
  readonly exited: Promise<ExitInfo>;
  readonly current: ExitInfo | null;
}

/**
 * `docker wait` running alongside the checks: resolves the moment the container exits, so a crash is seen at
 * once instead of at the next timeout.
 */
export class ExitWatch implements ExitSignal {
  private readonly child: Spawned;
  private info: ExitInfo | null = null;
  readonly exited: Promise<ExitInfo>;

  constructor(ctx: RunContext, container: string) {
    this.child = waitFor(ctx.runner, container);
    let out = '';
    this.child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    this.child.stderr.on('data', (d: Buffer) => ctx.log.write(`docker wait: ${d.toString()}`));
    this.exited = this.child.exited.then(() => {
      const code = /^\s*(-?\d+)\s*$/.exec(out);
      this.info = { exitCode: code ? Number(code[1]) : -1, seenAt: performance.now() };
      return this.info;
    });
  }

  /** The exit, if it has happened. */
  get current(): ExitInfo | null {
    return this.info;
  }

  stop(): void {
    this.child.kill();
  }
}
