import { removeRunResources } from '../docker/cleanup.js';
import { Interrupted, type RunContext } from './context.js';

/** How long the pipeline gets to write its report after a signal before the process exits without it. */
export const INTERRUPT_GRACE_MS = 20_000;

/**
 * SIGINT or SIGTERM (Ctrl-C, a cancelled job) while the pipeline runs: run the `undo` steps at once (the run's
 * scratch folder goes: they are synchronous), stop the commands still running (a signal sent to this process
 * alone would leave a build or a `docker run` going on), `say` why, and abort the pipeline, which stops the
 * stage it is in, removes what the run started, writes its report (verdict fail, "interrupted") and closes
 * build.log. A second signal, or a pipeline that has not finished within INTERRUPT_GRACE_MS, exits at once
 * with `exitCode` after removing the run's containers. Returns the function that removes the handlers.
 */
export function onInterrupt(ctx: RunContext, say: (signal: NodeJS.Signals) => void, exitCode: number): () => void {
  const undo = (): void => {
    for (const step of ctx.undo) {
      try {
        step();
      } catch {
        // best effort: the next step still runs
      }
    }
    ctx.undo.clear();
  };
  const handler = (signal: NodeJS.Signals): void => {
    if (ctx.abort.signal.aborted) {
      undo();
      process.exit(exitCode); // a second Ctrl-C: the user does not want to wait
    }
    say(signal);
    const reason = new Interrupted(signal);
    ctx.abort.abort(reason);
    undo();
    // Its commands stop (but those that create what the cleanup must find, which finish first), and it starts
    // no new one but cleanup: nothing the run started can outlive its cleanup.
    ctx.runner.abort(reason);
    setTimeout(() => {
      void removeRunResources(ctx.runner, ctx.runId).finally(() => process.exit(exitCode));
    }, INTERRUPT_GRACE_MS).unref();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** A promise that rejects with the run's `Interrupted` once it is aborted (never resolves). */
export function whenInterrupted(ctx: RunContext): Promise<never> {
  const { signal } = ctx.abort;
  const p = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    else signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
  p.catch(() => undefined);
  return p;
}
