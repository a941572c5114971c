import { spawnSync } from 'node:child_process';
import { removeRunResources } from '../docker/cleanup.js';
import type { RunContext } from './context.js';

/**
 * SIGINT or SIGTERM (Ctrl-C, a cancelled job) while the pipeline runs: put the user's files back at once
 * (version.json in the build context: the `undo` steps are synchronous), stop the commands still running (a
 * signal sent to this process alone would leave a build or a `docker run` going on), `say` why, remove what the
 * run started, and exit with `exitCode`. Returns the function that removes the handlers.
 */
export function onInterrupt(ctx: RunContext, say: (signal: NodeJS.Signals) => void, exitCode: number): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    for (const undo of ctx.undo) undo();
    ctx.undo.clear();
    // @actions/exec gives no handle on its children: ask for them by parent PID.
    spawnSync('pkill', ['-TERM', '-P', String(process.pid)], { stdio: 'ignore' });
    say(signal);
    void removeRunResources(ctx.runner, ctx.runId).finally(() => process.exit(exitCode));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
