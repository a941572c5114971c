import { setTimeout as sleep } from 'node:timers/promises';
import type { VersionObject } from '../git/version.js';
import { check, type CheckResult } from '../rules/catalogue.js';
import { describeHeartbeatBody, shorten } from './heartbeat-body.js';
import type { Http, HttpResult } from './http.js';
import { HEARTBEAT_RETRY_MS, PROBE_TIMEOUT_MS } from './limits.js';
import { versionDifferences } from '../git/version-diff.js';
import { secs } from '../time/time.js';

export const HEARTBEAT = '/__heartbeat__';
export const VERSION = '/__version__';

/** What a non-answer or an unexpected status looks like in a message. */
export function answered(r: HttpResult): string {
  return r.ok
    ? `answered ${r.status}${r.status >= 300 && r.status < 400 ? `, a redirect to ${JSON.stringify(shorten(r.location ?? '', 120))}` : ''}`
    : r.timedOut
      ? `gave no answer within ${secs(PROBE_TIMEOUT_MS)}`
      : `could not be reached (${r.error})`;
}

/**
 * DF203: /__heartbeat__ answers 200. A 5xx is retried for `settleMs` (HEARTBEAT_SETTLE_MS): an app may answer 503
 * while it warms up (caches, migrations), and a database sidecar may still be initialising when the app is already
 * up. `giveUp` (asked about once a second) ends the wait early, when a sidecar has exited.
 */
export async function heartbeatRule(
  http: Http,
  base: string,
  settleMs: number,
  giveUp: () => Promise<boolean> = async () => false,
): Promise<CheckResult> {
  const t0 = performance.now();
  let r = await http.get(base + HEARTBEAT, PROBE_TIMEOUT_MS);
  const first = r;
  for (let i = 1; r.ok && r.status >= 500 && performance.now() - t0 < settleMs; i++) {
    if (i % 4 === 0 && (await giveUp())) break;
    await sleep(HEARTBEAT_RETRY_MS);
    r = await http.get(base + HEARTBEAT, PROBE_TIMEOUT_MS);
  }
  const waited = performance.now() - t0;
  if (r.ok && r.status === 200) {
    const settled =
      first.ok && first.status >= 500
        ? ` after ${secs(waited)} of ${first.status} (${describeHeartbeatBody(first.body, 120)}) while it warmed up`
        : '';
    return check('DF203', 'pass', `answered 200${settled}`);
  }
  if (r.ok && r.status >= 500) {
    return check(
      'DF203',
      'fail',
      `answered ${r.status}${settleMs ? ` for ${secs(waited)}` : ''} with ${describeHeartbeatBody(r.body)}: fix the failing check (or the service it checks) so /__heartbeat__ answers 200 when healthy`,
    );
  }
  if (r.ok && r.status >= 300 && r.status < 400) {
    return check(
      'DF203',
      'fail',
      `${answered(r)}: monitors do not follow redirects; answer at /__heartbeat__ itself (exempt it from trailing-slash, HTTPS or login redirects)`,
    );
  }
  if (r.ok) {
    return check(
      'DF203',
      'fail',
      `answered ${r.status} with ${describeHeartbeatBody(r.body, 200)}: add a /__heartbeat__ route that checks the backing services and answers 200 (5xx when one is down)`,
    );
  }
  return check(
    'DF203',
    'fail',
    `${answered(r)}: /__heartbeat__ must answer promptly; give each backing-service check a short timeout and answer 5xx when one fails`,
  );
}

/** DF204: /__version__ answers a JSON object deep-equal to the version.json the build wrote. */
export async function versionRule(http: Http, base: string, expected: VersionObject): Promise<CheckResult> {
  const r = await http.get(base + VERSION, PROBE_TIMEOUT_MS);
  const fix = 'serve /app/version.json (written by the build) verbatim at /__version__';
  if (!r.ok || r.status !== 200) return check('DF204', 'fail', `${answered(r)}: ${fix}`);
  let body: unknown;
  try {
    body = JSON.parse(r.body);
  } catch {
    return check('DF204', 'fail', `answered 200 but not JSON (${JSON.stringify(shorten(r.body, 120))}): ${fix}`);
  }
  const diff = versionDifferences(expected, body);
  if (diff.length) return check('DF204', 'fail', `differs from the built version.json: ${diff.join('; ')}: ${fix}`);
  return check(
    'DF204',
    'pass',
    `answered the version object (commit ${expected.commit.slice(0, 12) || '-'}, version ${expected.version || '-'})`,
  );
}

/** DF206: every `static-paths` entry answers 200. */
export async function staticRule(http: Http, base: string, paths: readonly string[]): Promise<CheckResult> {
  if (paths.length === 0)
    return check('DF206', 'skip', 'no static-paths configured; list the URL paths of your static files to check them', {
      skip: 'not-configured',
    });
  const results = await Promise.all(paths.map(async (p) => ({ p, r: await http.get(base + p, PROBE_TIMEOUT_MS) })));
  const bad = results.filter((x) => !x.r.ok || x.r.status !== 200);
  if (bad.length === 0) return check('DF206', 'pass', `${paths.length} path(s) answered 200: ${paths.join(', ')}`);
  return check(
    'DF206',
    'fail',
    `${bad.length} of ${paths.length} static path(s) did not answer 200: ${bad.map((x) => `${x.p} ${answered(x.r)}`).join(', ')}: serve static files from the app itself, at those paths`,
  );
}
