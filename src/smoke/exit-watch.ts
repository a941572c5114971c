import { spawn, type ChildProcess } from 'node:child_process';
import type { RunContext } from '../pipeline/context.js';

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
  private readonly child: ChildProcess;
  private info: ExitInfo | null = null;
  readonly exited: Promise<ExitInfo>;

  constructor(ctx: RunContext, container: string) {
    const argv = ['wait', container];
    ctx.log.line(`$ docker ${argv.join(' ')} &`);
    this.child = spawn('docker', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    ctx.runner.track(this.child);
    let out = '';
    this.child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => ctx.log.write(`docker wait: ${d.toString()}`));
    this.exited = new Promise((resolve) => {
      const done = (): void => {
        const code = /^\s*(-?\d+)\s*$/.exec(out);
        this.info = { exitCode: code ? Number(code[1]) : -1, seenAt: performance.now() };
        resolve(this.info);
      };
      this.child.on('close', done);
      this.child.on('error', done);
    });
  }

  /** The exit, if it has happened. */
  get current(): ExitInfo | null {
    return this.info;
  }

  stop(): void {
    if (this.child.exitCode === null && !this.child.killed) this.child.kill();
  }
}
