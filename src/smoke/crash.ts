import { containerState, isRunning } from '../docker/commands.js';
import type { RunContext } from '../run/context.js';
import { secs, within } from '../time/time.js';
import { check, type CheckResult } from '../rules/catalogue.js';
import { CRASH_LOG_SETTLE_MS, CRASH_TAIL_LINES, EXIT_REPORT_MS } from './limits.js';
import type { AppContainer } from './start.js';

/** Docker's RFC 3339 time with nanoseconds, as epoch milliseconds (NaN for the zero time). */
export function dockerTime(s: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(s.trim());
  if (!m || m[1]!.startsWith('0001-')) return NaN;
  return Date.parse(`${m[1]}${(m[2] ?? '.000').slice(0, 4).padEnd(4, '0')}${m[3]}`);
}

interface StateFacts {
  exitCode: number;
  oomKilled: boolean;
  error: string;
  startedAt: number;
  finishedAt: number;
}

async function stateFacts(ctx: RunContext, id: string): Promise<StateFacts | null> {
  const s = await containerState<{ ExitCode: number; OOMKilled: boolean; Error: string; StartedAt: string; FinishedAt: string }>(
    ctx.runner,
    id,
  );
  if (!s) return null;
  try {
    return {
      exitCode: s.ExitCode,
      oomKilled: s.OOMKilled,
      error: s.Error,
      startedAt: dockerTime(s.StartedAt),
      finishedAt: dockerTime(s.FinishedAt),
    };
  } catch {
    return null;
  }
}

/**
 * DF208 failed: the container exited on its own. Says when, with which code, how soon it was seen, and the last
 * log lines (redacted).
 */
export async function crashRow(ctx: RunContext, app: AppContainer, when: string): Promise<CheckResult> {
  await app.logs.settle(CRASH_LOG_SETTLE_MS);
  const state = await stateFacts(ctx, app.id);
  const seen = app.exit.current;
  const code = state?.exitCode ?? seen?.exitCode ?? -1;
  const parts = [`the container exited with code ${code}`];
  if (state?.oomKilled) parts.push('(killed for running out of memory)');
  if (state && Number.isFinite(state.finishedAt) && Number.isFinite(state.startedAt)) {
    parts.push(`${secs(state.finishedAt - state.startedAt)} after it started`);
  }
  parts[parts.length - 1] += ',';
  parts.push(when);
  if (state && seen && Number.isFinite(state.finishedAt)) {
    const seenWall = Date.now() - (performance.now() - seen.seenAt);
    parts.push(`(seen ${Math.max(0, Math.round(seenWall - state.finishedAt))} ms after the exit)`);
  }
  if (state?.error) parts.push(`docker: ${state.error}`);
  const tail = app.logs.tail(CRASH_TAIL_LINES).map((l) => ctx.redactor.redact(l));
  const head = `${parts.join(' ')}: fix the cause shown in its last log lines so the app stays up until it is stopped`;
  const body = tail.length ? `\nlast ${tail.length} log line(s):\n${tail.join('\n')}` : '\nit wrote no log output';
  return check('DF208', 'fail', head + body);
}

/**
 * DF208's minimum uptime: waits until the container has been up `minMs` since it started (the probes ran
 * meanwhile, so usually little is left), ending at once if it exits. False when it exited first.
 */
export async function stayedUp(app: Pick<AppContainer, 'startedAt' | 'exit'>, minMs: number): Promise<boolean> {
  if (app.exit.current) return false;
  const left = minMs - (performance.now() - app.startedAt);
  if (left <= 0) return true;
  return within(
    app.exit.exited.then(() => false),
    left,
    true,
  );
}

/**
 * Whether the container has exited, asked of the engine: a probe can fail on a dying container a moment before
 * `docker wait` reports the exit. Waits for that report, so DF208 has the exit code.
 */
export async function hasExited(ctx: RunContext, app: AppContainer): Promise<boolean> {
  if (app.exit.current) return true;
  if ((await isRunning(ctx.runner, app.id)) !== false) return false;
  await within(app.exit.exited, EXIT_REPORT_MS, null);
  return true;
}
