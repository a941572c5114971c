// /__heartbeat__ logic, independent of HTTP and of PostgreSQL so it can be unit tested.
//
// Body convention (python-dockerflow):
//   {"status": "ok|warning|error", "checks": {name: status}, "details": {name: {...}}}
// HTTP 200 while the worst check is below error, 500 when any check is at error.
// Every check runs with a deadline: a hung backing service turns into "error", never a hung request.

export type CheckStatus = 'ok' | 'warning' | 'error';

export interface CheckOutcome {
  status: CheckStatus;
  /** Extra information for the `details` object (message, timings...). */
  detail?: Record<string, unknown>;
}

export interface Check {
  name: string;
  /** Deadline for this check in ms. */
  timeoutMs: number;
  run: (signal: AbortSignal) => Promise<CheckOutcome>;
}

export interface HeartbeatResult {
  httpStatus: number;
  body: {
    status: CheckStatus;
    checks: Record<string, CheckStatus>;
    details: Record<string, Record<string, unknown>>;
  };
}

const RANK: Record<CheckStatus, number> = { ok: 0, warning: 1, error: 2 };

export function worst(statuses: Iterable<CheckStatus>): CheckStatus {
  let result: CheckStatus = 'ok';
  for (const s of statuses) if (RANK[s] > RANK[result]) result = s;
  return result;
}

class CheckTimeout extends Error {}

/** Runs one check under its deadline; exceptions and timeouts become an "error" outcome. */
export async function runCheck(check: Check, now: () => number = performance.now.bind(performance)): Promise<CheckOutcome> {
  const started = now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CheckTimeout(`timed out after ${check.timeoutMs} ms`));
    }, check.timeoutMs);
  });
  try {
    const outcome = await Promise.race([check.run(controller.signal), deadline]);
    const ms = Math.round(now() - started);
    return { status: outcome.status, detail: { ms, ...outcome.detail } };
  } catch (err) {
    const ms = Math.round(now() - started);
    const message = err instanceof Error ? err.message : String(err);
    return { status: 'error', detail: { ms, message } };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs all checks concurrently and builds the heartbeat answer. */
export async function heartbeat(checks: Check[]): Promise<HeartbeatResult> {
  const outcomes = await Promise.all(checks.map((c) => runCheck(c)));
  const result: HeartbeatResult['body'] = { status: 'ok', checks: {}, details: {} };
  checks.forEach((check, i) => {
    const outcome = outcomes[i] as CheckOutcome;
    result.checks[check.name] = outcome.status;
    if (outcome.detail && Object.keys(outcome.detail).length > 0) result.details[check.name] = outcome.detail;
  });
  result.status = worst(Object.values(result.checks));
  return { httpStatus: result.status === 'error' ? 500 : 200, body: result };
}
