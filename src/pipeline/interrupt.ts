import { spawnSync } from 'node:child_process';
import type { RunContext } from './context.js';

/**
 * SIGINT or SIGTERM (Ctrl-C, a cancelled job) while the pipeline runs: first put the user's files back at once
 * (version.json in the build context: the `undo` steps are synchronous), stop the commands still running (a
 * signal sent to this process alone would leave a build or a `docker run` going on), then hand over to `then`,
 * which removes what the run started and exits. Returns the function that removes the handlers.
 */
export function onInterrupt(ctx: RunContext, then: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    for (const undo of ctx.undo) undo();
    ctx.undo.clear();
    // @actions/exec gives no handle on its children: ask for them by parent PID.
    spawnSync('pkill', ['-TERM', '-P', String(process.pid)], { stdio: 'ignore' });
    then(signal);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
