import { check, type CheckResult } from '../rules/catalogue.js';
import type { Readiness } from './readiness.js';
import { describeHeartbeatBody, shorten } from './heartbeat-body.js';
import { showListener } from './listeners.js';
import { secs } from '../time/time.js';

/** DF201 from the readiness wait (null when the container exited first: DF208 speaks then). */
export function portRule(r: Readiness, port: number, defaultPort: number, timeoutMs: number): CheckResult | null {
  switch (r.kind) {
    case 'exited':
      return null;
    case 'misbound': {
      const where = r.listeners.map(showListener).join(', ');
      if (r.why === 'loopback') {
        const v6 = r.listeners.every((l) => l.address.includes(':'));
        return check(
          'DF201',
          'fail',
          `the app listens on ${where}, a loopback address inside the container, so nothing outside it can connect (${secs(r.sinceListenMs)} after it began listening, ${secs(r.ms)} after the container started): bind ${v6 ? '"::"' : '"0.0.0.0"'} (all interfaces) instead, e.g. app.listen(process.env.PORT, "0.0.0.0") or --bind 0.0.0.0:$PORT`,
        );
      }
      return check(
        'DF201',
        'fail',
        `the app listens on ${where}, not on $PORT=${port} (${secs(r.sinceListenMs)} after it began listening, ${secs(r.ms)} after the container started): read the port to listen on from the PORT environment variable`,
      );
    }
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

/**
 * True when a 400 is the app refusing the Host header the probes send: its body or its recent log lines say so
 * (Django's DisallowedHost "Invalid HTTP_HOST header", Rails' HostAuthorization "Blocked hosts", …).
 */
export function rejectsHost(status: number, body: string, logTail: readonly string[]): boolean {
  if (status !== 400 && status !== 403 && status !== 421) return false;
  const said =
    /invalid http_host|disallowedhost|allowed_hosts|allowed hosts|blocked hosts?|invalid host|host header|not an allowed host|misdirected/i;
  return said.test(body) || logTail.some((l) => said.test(l));
}

/** How the probes' Host header looks (without the port) and how to allow it, for a message. */
function allowHostHint(host: string): string {
  const name = host.replace(/:\d+$/, '');
  return `allow "${name}" through the app's own setting, from the env input (e.g. ALLOWED_HOSTS=${name} for Django, DJANGO_ALLOWED_HOSTS or your framework's equivalent); every probe sends Host: ${host}`;
}

/**
 * DF202 from the readiness wait (null when another rule explains why it could not be judged). `host` is the Host
 * header the probes sent and `logTail` the app's last log lines, to explain a 400.
 */
export function lbheartbeatRule(r: Readiness, host = '', logTail: readonly string[] = []): CheckResult | null {
  const fix = 'add a /__lbheartbeat__ route that answers 200 without touching backing services';
  switch (r.kind) {
    case 'ready':
      return check('DF202', 'pass', `answered 200 ${secs(r.ms)} after the container started`);
    case 'not-200':
      if (r.status >= 300 && r.status < 400) {
        return check(
          'DF202',
          'fail',
          `answered ${r.status}, a redirect${r.location ? ` to ${JSON.stringify(shorten(r.location, 160))}` : ' (no Location)'} (at its first answer, ${secs(r.ms)} after the container started): load balancers do not follow redirects; answer 200 at /__lbheartbeat__ itself (exempt it from trailing-slash, HTTPS or login redirects)`,
        );
      }
      if (host && rejectsHost(r.status, r.body, logTail)) {
        return check(
          'DF202',
          'fail',
          `answered ${r.status}: the app rejected the Host header ${JSON.stringify(host)} (${describeHeartbeatBody(r.body, 120)}): ${allowHostHint(host)}`,
        );
      }
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
