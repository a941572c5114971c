import { setTimeout as sleep } from 'node:timers/promises';
import type { ExitInfo, ExitSignal } from './exit-watch.js';
import type { Http, HttpResult } from './http.js';
import { isLoopback, misbinding, type Listener } from './listeners.js';
import type { AppContainer } from './start.js';
import { LBHEARTBEAT_MISSING_AFTER_MS, LOOPBACK_AFTER_MS, OTHER_PORT_AFTER_MS, READY_POLL_MS, READY_PROGRESS_MS } from './limits.js';

export const LBHEARTBEAT = '/__lbheartbeat__';

export type Readiness =
  /** /__lbheartbeat__ answered 200 at `base`. */
  | { kind: 'ready'; base: string; viaDefault: boolean; ms: number }
  /**
   * The app answers HTTP at `base`, but /__lbheartbeat__ never 200: a redirect (at once), 4xx for a while, or 5xx
   * until the timeout.
   */
  | {
      kind: 'not-200';
      base: string;
      viaDefault: boolean;
      status: number;
      body: string;
      location?: string;
      timedOut: boolean;
      ms: number;
    }
  /** Nothing answers on `$PORT` and the container's sockets say why: it listens on loopback, or on other ports. */
  | {
      kind: 'misbound';
      why: 'loopback' | 'other-port';
      listeners: Listener[];
      ms: number;
      /** How long after the listener was first seen (the app's boot, however slow, is not counted). */
      sinceListenMs: number;
    }
  /** The container exited first. */
  | { kind: 'exited'; exit: ExitInfo; ms: number }
  /** Nothing answered HTTP, on `$PORT` or the default port, before the timeout. */
  | { kind: 'silent'; lastError: string; ms: number };

export interface ReadinessOptions {
  http: Http;
  app: Pick<AppContainer, 'portBases' | 'defaultBases' | 'startedAt'> & { exit: ExitSignal };
  timeoutMs: number;
  intervalMs?: number;
  /** Try the default port every this many rounds while `$PORT` is silent. */
  defaultEvery?: number;
  /** A progress line for a long wait: called every `progressEveryMs` (default 10 s) while there is no 200 yet. */
  onWaiting?: (ms: number, last: string) => void;
  progressEveryMs?: number;
  /**
   * The container's listening sockets (null when they cannot be read, e.g. on a remote engine): while `$PORT`
   * is silent they tell an app bound to 127.0.0.1, or to another port, from one still starting.
   */
  listeners?: () => Promise<Listener[] | null>;
  /** `$PORT` and the default port, to judge the listeners. */
  port?: number;
  defaultPort?: number;
}

const EXITED = Symbol('exited');

/**
 * Poll /__lbheartbeat__ every `intervalMs` until it answers 200, the container exits or the startup timeout
 * passes. Each round races the container's exit, so a crash ends the wait at once. While nothing answers on
 * `$PORT`, the default port is tried too: an app that ignores `$PORT` is told apart from one still starting.
 */
export async function waitReady(o: ReadinessOptions): Promise<Readiness> {
  const { http, app } = o;
  const interval = o.intervalMs ?? READY_POLL_MS;
  const defaultEvery = o.defaultEvery ?? 10;
  const deadline = app.startedAt + o.timeoutMs;
  const since = (): number => Math.round(performance.now() - app.startedAt);
  const orExit = <T>(p: Promise<T>): Promise<T | typeof EXITED> => Promise.race([p, app.exit.exited.then((): typeof EXITED => EXITED)]);
  const exited = (): Readiness => ({ kind: 'exited', exit: app.exit.current!, ms: since() });

  let base: string | null = null;
  let viaDefault = false;
  let lastAnswer: { status: number; body: string } | null = null;
  let non200Since: number | null = null;
  let lastError = 'no answer';
  const progressEvery = o.progressEveryMs ?? READY_PROGRESS_MS;
  let nextProgress = app.startedAt + progressEvery;
  let misboundSince: number | null = null;
  let tryDefaultNow = false;

  // While nothing answers: what the container's sockets say, when they can be read.
  const sockets = async (): Promise<Readiness | null> => {
    if (!o.listeners || o.port === undefined) return null;
    const ls = await o.listeners().catch(() => null);
    const bad = ls ? misbinding(ls, o.port) : null;
    // An app that listens on the default port on all interfaces is probed there (DF201 names it, the probes go on).
    if (bad?.kind === 'other-port' && bad.listeners.some((l) => l.port === o.defaultPort && !isLoopback(l.address))) {
      tryDefaultNow = true;
      return null;
    }
    if (!bad) {
      misboundSince = null;
      return null;
    }
    misboundSince ??= performance.now();
    const after = bad.kind === 'loopback' ? LOOPBACK_AFTER_MS : OTHER_PORT_AFTER_MS;
    const seenFor = performance.now() - misboundSince;
    return seenFor >= after
      ? { kind: 'misbound', why: bad.kind, listeners: bad.listeners, ms: since(), sinceListenMs: Math.round(seenFor) }
      : null;
  };

  // The first base among `bases` whose /__lbheartbeat__ answers HTTP at all, with that answer.
  const firstAnswering = async (bases: string[], timeout: number): Promise<{ base: string; r: HttpResult } | null> => {
    const rs = await Promise.all(bases.map(async (b) => ({ base: b, r: await http.get(b + LBHEARTBEAT, timeout) })));
    for (const x of rs) if (!x.r.ok) lastError = x.r.error;
    return rs.find((x) => x.r.ok) ?? null;
  };

  for (let round = 0; ; round++) {
    if (app.exit.current) return exited();
    const left = deadline - performance.now();
    if (left <= 0) {
      if (base && lastAnswer) return { kind: 'not-200', base, viaDefault, ...lastAnswer, timedOut: true, ms: since() };
      return { kind: 'silent', lastError, ms: since() };
    }
    const timeout = Math.max(250, Math.min(2000, left));
    const seen: { misbound: Readiness | null } = { misbound: null };
    const polled = await orExit(
      (async (): Promise<HttpResult | null> => {
        if (base) return http.get(base + LBHEARTBEAT, timeout);
        const [first, bad] = await Promise.all([firstAnswering(app.portBases, timeout), sockets()]);
        let hit = first;
        if (!hit) seen.misbound = bad;
        if (!hit && !seen.misbound && app.defaultBases.length && (round % defaultEvery === 0 || tryDefaultNow)) {
          tryDefaultNow = false;
          hit = await firstAnswering(app.defaultBases, timeout);
          if (hit) viaDefault = true;
        }
        if (hit) base = hit.base;
        return hit?.r ?? null;
      })(),
    );
    if (polled === EXITED) return exited();
    if (seen.misbound) return seen.misbound;
    if (o.onWaiting && performance.now() >= nextProgress && !(polled?.ok && polled.status === 200)) {
      nextProgress = performance.now() + progressEvery;
      o.onWaiting(since(), polled?.ok ? `answered ${polled.status}` : polled ? polled.error : lastError);
    }
    if (polled?.ok) {
      if (polled.status === 200) return { kind: 'ready', base: base!, viaDefault, ms: since() };
      lastAnswer = { status: polled.status, body: polled.body };
      // Load balancers do not follow redirects: a 3xx is the answer, not a warm-up.
      if (polled.status >= 300 && polled.status < 400) {
        return {
          kind: 'not-200',
          base: base!,
          viaDefault,
          ...lastAnswer,
          ...(polled.location !== undefined ? { location: polled.location } : {}),
          timedOut: false,
          ms: since(),
        };
      }
      if (polled.status >= 400 && polled.status < 500) {
        non200Since ??= performance.now();
        if (performance.now() - non200Since >= LBHEARTBEAT_MISSING_AFTER_MS) {
          return { kind: 'not-200', base: base!, viaDefault, ...lastAnswer, timedOut: false, ms: since() };
        }
      } else {
        non200Since = null;
      }
    } else if (polled) {
      lastError = polled.error;
    }
    if ((await orExit(sleep(interval))) === EXITED) return exited();
  }
}
