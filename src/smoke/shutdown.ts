import type { RunContext } from '../pipeline/context.js';
import { check, type CheckResult } from '../rules/catalogue.js';
import { STOP_GRACE_S } from './limits.js';
import type { AppContainer } from './start.js';

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The verdict on a stop, from the exit code and the time it took (pure, unit-tested). */
export function shutdownRow(exitCode: number, ms: number, signal: string, graceS = STOP_GRACE_S): CheckResult {
  const sig = signal || 'SIGTERM';
  const fix = `handle ${sig}: stop accepting connections, finish in-flight requests and exit 0 within ${graceS} s`;
  if (exitCode === 137 || ms >= graceS * 1000) {
    return check(
      'DF207',
      'fail',
      `still running ${graceS} s after ${sig}, so docker sent SIGKILL (exit ${exitCode}, ${secs(ms)}): ${fix} (as PID 1 the default signal action does not apply)`,
    );
  }
  if (exitCode === 143 || exitCode === 130) {
    return check('DF207', 'fail', `exited ${exitCode} (killed by ${sig}'s default action) after ${secs(ms)}: ${fix}`);
  }
  if (exitCode !== 0) return check('DF207', 'fail', `exited with code ${exitCode} ${secs(ms)} after ${sig}: ${fix}`);
  return check('DF207', 'pass', `stopped ${secs(ms)} after ${sig} with exit code 0`);
}

/** DF207: `docker stop --time 10`, timed; the exit code comes from the `docker wait` running alongside. */
export async function stopApp(ctx: RunContext, app: AppContainer): Promise<{ exitCode: number; ms: number }> {
  const t0 = performance.now();
  await ctx.runner.run(['docker', 'stop', '-t', String(STOP_GRACE_S), app.id], { allowFailure: true });
  const ms = Math.round(performance.now() - t0);
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([app.exit.exited, new Promise<null>((r) => (timer = setTimeout(() => r(null), 5000)))]);
  clearTimeout(timer);
  let exitCode = exit?.exitCode ?? -1;
  if (exitCode < 0) {
    const r = await ctx.runner.run(['docker', 'inspect', '--format', '{{.State.ExitCode}}', app.id], { allowFailure: true, quiet: true });
    exitCode = Number(r.stdout.trim() || -1);
  }
  return { exitCode, ms };
}
