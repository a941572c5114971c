import { secs } from '../time/time.js';

/**
 * Bounded retries with exponential backoff for registry operations. Only transient failures are retried; an
 * authentication refusal stops at once (retrying a wrong password only risks locking the account).
 */
export type FailureKind = 'transient' | 'auth' | 'fatal';

const AUTH =
  /\b(401|403)\b|unauthori[sz]ed|denied|authentication required|incorrect username or password|no basic auth credentials|insufficient_scope/i;
const TRANSIENT =
  /connection (reset|refused|closed)|\bEOF\b|broken pipe|timed? ?out|timeout|deadline exceeded|\b5\d\d\b|\b429\b|too many requests|toomanyrequests|service unavailable|bad gateway|internal server error|temporary failure in name resolution|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|other side closed|use of closed network connection/i;

/** What a failure's text says about it: auth refusals win over anything that also looks transient. */
export function classifyFailure(text: string): FailureKind {
  if (AUTH.test(text)) return 'auth';
  if (TRANSIENT.test(text)) return 'transient';
  return 'fatal';
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  tries: number;
  /** Delay before the second attempt; doubled for each further one. */
  baseDelayMs: number;
  kindOf: (error: unknown) => FailureKind;
  onRetry: (info: { attempt: number; tries: number; delayMs: number; error: unknown }) => void;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Give up rather than start an attempt that would likely end past this many milliseconds from the start
   * (judged by the last attempt's length): a command that retries on its own (docker push waits 5+10+15+20 s on
   * a failing registry) must not have its retries multiplied by ours.
   */
  budgetMs?: number;
  now?: () => number;
}

export const DEFAULT_TRIES = 4;
export const DEFAULT_BASE_DELAY_MS = 1000;

/** Thrown when the last attempt failed with a transient error: `attempts` says how many were made. */
export class RetriesExhausted extends Error {
  constructor(
    readonly attempts: number,
    readonly last: unknown,
    /** Milliseconds from the first attempt's start to the last one's end. */
    readonly elapsedMs = 0,
  ) {
    super(`${attempts} attempts failed; last: ${last instanceof Error ? last.message : String(last)}`);
    this.name = 'RetriesExhausted';
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Run `fn` until it succeeds, a non-transient error occurs (rethrown as is), or the tries run out. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? ((): number => performance.now());
  const t0 = now();
  for (let attempt = 1; ; attempt++) {
    const started = now();
    try {
      return await fn(attempt);
    } catch (error) {
      if (opts.kindOf(error) !== 'transient') throw error;
      if (attempt >= opts.tries) throw new RetriesExhausted(attempt, error, now() - t0);
      const delayMs = backoffDelay(opts.baseDelayMs, attempt);
      const took = now() - started;
      if (opts.budgetMs !== undefined && now() - t0 + delayMs + took > opts.budgetMs) {
        throw new RetriesExhausted(attempt, error, now() - t0);
      }
      opts.onRetry({ attempt, tries: opts.tries, delayMs, error });
      await sleep(delayMs);
    }
  }
}

/**
 * The retry of a registry operation (login, push, reading a tag back): DEFAULT_TRIES attempts with backoff,
 * transient failures only (`kindOf`, by default from `why`'s text), each retry said in one line:
 * "docker push x failed (EOF); retry 1/3 in 1.1 s".
 */
export function retryRegistry<T>(
  what: string,
  fn: (attempt: number) => Promise<T>,
  o: {
    say: (line: string) => void;
    /** The failure in a few words (a command's last stderr line, an HTTP status). */
    why: (error: unknown) => string;
    kindOf?: (error: unknown) => FailureKind;
    budgetMs?: number;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<T> {
  return withRetry(fn, {
    tries: DEFAULT_TRIES,
    baseDelayMs: DEFAULT_BASE_DELAY_MS,
    kindOf: o.kindOf ?? ((e) => classifyFailure(o.why(e))),
    onRetry: ({ attempt, tries, delayMs, error }) =>
      o.say(`${what} failed (${o.why(error)}); retry ${attempt}/${tries - 1} in ${secs(delayMs)}`),
    ...(o.budgetMs !== undefined ? { budgetMs: o.budgetMs } : {}),
    ...(o.sleep ? { sleep: o.sleep } : {}),
  });
}

/** base · 2^(attempt-1), with up to 20 % jitter so parallel jobs do not retry in lockstep. */
export function backoffDelay(baseMs: number, attempt: number, random: () => number = Math.random): number {
  const exp = baseMs * 2 ** (attempt - 1);
  return Math.round(exp * (1 + 0.2 * random()));
}
