import { check, type CheckResult } from '../rules/catalogue.js';
import type { Readiness } from './readiness.js';
import { describeHeartbeatBody } from './heartbeat-body.js';

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** DF201 from the readiness wait (null when the container exited first: DF208 speaks then). */
export function portRule(r: Readiness, port: number, defaultPort: number, timeoutMs: number): CheckResult | null {
  switch (r.kind) {
    case 'exited':
      return null;
    case 'silent':
      return check(
        'DF201',
        'fail',
        `nothing answered HTTP on $PORT=${port}${port !== defaultPort ? ` or on the default port ${defaultPort}` : ''} within startup-timeout (${secs(timeoutMs)}; last error: ${r.lastError}): listen on $PORT on all interfaces (0.0.0.0, not 127.0.0.1), or raise startup-timeout if the app starts slowly`,
      );
    default:
      if (r.viaDefault) {
        return check(
          'DF201',
          'fail',
          `the app ignores $PORT and listens on ${defaultPort} (it was started with PORT=${port}): read the port to listen on from the PORT environment variable`,
        );
      }
      return check('DF201', 'pass', `answered on $PORT=${port}`);
  }
}

/** DF202 from the readiness wait (null when another rule explains why it could not be judged). */
export function lbheartbeatRule(r: Readiness): CheckResult | null {
  const fix = 'add a /__lbheartbeat__ route that answers 200 without touching backing services';
  switch (r.kind) {
    case 'ready':
      return check('DF202', 'pass', `answered 200 ${secs(r.ms)} after the container started`);
    case 'not-200':
      return check(
        'DF202',
        'fail',
        r.timedOut
          ? `still answered ${r.status} when startup-timeout ran out (${secs(r.ms)}; ${describeHeartbeatBody(r.body, 160)}): ${fix}, or raise startup-timeout if the app warms up slowly`
          : `answered ${r.status} (${describeHeartbeatBody(r.body, 160)}): ${fix}`,
      );
    default:
      return null;
  }
}
