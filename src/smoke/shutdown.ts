import { exitCodeOf, stop, top } from '../docker/commands.js';
import type { RunContext } from '../run/context.js';
import { check, type CheckResult } from '../rules/catalogue.js';
import { EXIT_REPORT_MS, STOP_GRACE_S } from './limits.js';
import type { AppContainer } from './start.js';
import { secs, within } from '../time/time.js';

export interface Proc {
  pid: number;
  ppid: number;
  args: string;
}

/** `docker top ID -eo pid,ppid,args` output as processes (the header line dropped). */
export function parseTop(text: string): Proc[] {
  return text
    .split('\n')
    .slice(1)
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]!.trim() }));
}

const LAUNCHER = /^(npm|npx|yarn|yarn\.js|yarnpkg|pnpm|pnpm\.cjs|pnpx)$/;
const SHELL = /^(sh|bash|dash|ash|zsh)$/;
const base = (word: string): string => word.split('/').pop() ?? word;

/**
 * A PID 1 that stands between `docker stop` and the app: a package manager (npm, yarn, pnpm) or a shell running the
 * app as a child. Such a process answers the signal itself: npm exits within a moment of SIGTERM and the app
 * under it, killed with it, never runs its shutdown; a shell as PID 1 ignores SIGTERM. Null for an app that is
 * PID 1 itself, or runs under an init (tini, dumb-init, docker-init) that passes signals on.
 */
export function signalSwallower(procs: readonly Proc[]): { pid1: Proc; what: string; app: Proc } | null {
  const pids = new Set(procs.map((p) => p.pid));
  const root = procs.find((p) => !pids.has(p.ppid));
  if (!root) return null;
  const words = root.args.split(/\s+/);
  const launcher = words
    .slice(0, 2)
    .map(base)
    .find((w) => LAUNCHER.test(w));
  const shell = SHELL.test(base(words[0] ?? '')) ? base(words[0]!) : undefined;
  const what = launcher ? launcher.replace(/\.(js|cjs)$/, '') : shell;
  if (!what) return null;
  // The app: the deepest descendant (npm → sh -c → node server.js).
  let app: Proc | undefined;
  let level = [root];
  while (level.length) {
    const next = procs.filter((p) => level.some((q) => q.pid === p.ppid));
    if (next.length) app = next[0];
    level = next;
  }
  return app ? { pid1: root, what, app } : null;
}

/** The container's processes (`docker top` asks the engine, so this works on a remote one too); [] when unknown. */
export async function processTree(ctx: RunContext, app: AppContainer): Promise<Proc[]> {
  const out = await top(ctx.runner, app.id);
  return out === null ? [] : parseTop(out);
}

/** The verdict on a stop, from the exit code and the time it took (pure, unit-tested). */
export function shutdownRow(
  exitCode: number,
  ms: number,
  signal: string,
  graceS = STOP_GRACE_S,
  swallower: ReturnType<typeof signalSwallower> = null,
): CheckResult {
  const sig = signal || 'SIGTERM';
  const fix = `handle ${sig}: stop accepting connections, finish in-flight requests and exit 0 within ${graceS} s`;
  if (swallower) {
    const { pid1, what, app } = swallower;
    const cmd = JSON.stringify(app.args.split(/\s+/));
    const how =
      what === 'sh' || what === 'bash' || what === 'dash' || what === 'ash' || what === 'zsh'
        ? `${what} ignores ${sig} as PID 1 and does not pass it on`
        : `${what} is not the app: it answers ${sig} itself and the app is killed with it, without running its shutdown`;
    return check(
      'DF207',
      'fail',
      `PID 1 is ${JSON.stringify(pid1.args)} (${what}), which runs the app (${JSON.stringify(app.args)}) as a child: ${how}, so this stop (exit ${exitCode} after ${secs(ms)}) says nothing about the app; run the app as PID 1 (CMD ${cmd}, or \`exec\` in an entrypoint script), or add an init that passes signals on (docker run --init, tini), then ${fix}`,
    );
  }
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
  await stop(ctx.runner, [app.id], STOP_GRACE_S);
  const ms = Math.round(performance.now() - t0);
  const exit = await within(app.exit.exited, EXIT_REPORT_MS, null);
  let exitCode = exit?.exitCode ?? -1;
  if (exitCode < 0) exitCode = await exitCodeOf(ctx.runner, app.id);
  return { exitCode, ms };
}
