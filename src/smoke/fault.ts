import { setTimeout as sleep } from 'node:timers/promises';
import { check, type CheckResult } from '../rules/catalogue.js';
import type { Http, HttpResult } from './http.js';
import { FAULT_POLL_MS, FAULT_WINDOW_MS, PROBE_TIMEOUT_MS } from './limits.js';
import type { Stack } from './network.js';
import { answered, HEARTBEAT } from './probes.js';
import { LBHEARTBEAT } from './readiness.js';
import { secs } from '../time/time.js';

/**
 * DF205: stop every sidecar, then poll until /__heartbeat__ turns 5xx (within FAULT_WINDOW_MS) while
 * /__lbheartbeat__ keeps answering 200. A load balancer would take every instance out if the lbheartbeat
 * followed the database down.
 */
export async function faultRule(http: Http, base: string, stack: Stack, windowMs = FAULT_WINDOW_MS): Promise<CheckResult> {
  const names = stack.services.map((s) => s.name).join(', ');
  await stack.stopServices();
  const t0 = performance.now();
  let heartbeat: HttpResult | null = null;
  while (performance.now() - t0 < windowMs) {
    const [hb, lb] = await Promise.all([http.get(base + HEARTBEAT, PROBE_TIMEOUT_MS), http.get(base + LBHEARTBEAT, PROBE_TIMEOUT_MS)]);
    heartbeat = hb;
    if (!lb.ok || lb.status !== 200) {
      return check(
        'DF205',
        'fail',
        `with ${names} stopped, /__lbheartbeat__ ${answered(lb)}: it must not check backing services (the load balancer would drop every instance); move those checks to /__heartbeat__`,
      );
    }
    if (hb.ok && hb.status >= 500) {
      return check(
        'DF205',
        'pass',
        `/__heartbeat__ turned ${hb.status} ${secs(performance.now() - t0)} after ${names} stopped; /__lbheartbeat__ stayed 200`,
      );
    }
    await sleep(FAULT_POLL_MS);
  }
  const last = heartbeat && !heartbeat.ok ? answered(heartbeat) : `still answered ${heartbeat?.ok ? heartbeat.status : '?'}`;
  return check(
    'DF205',
    'fail',
    `/__heartbeat__ ${last} ${secs(windowMs)} after ${names} stopped: check each backing service in /__heartbeat__ (with a short timeout) and answer 5xx when one is down`,
  );
}

/** DF205, or why it cannot be judged on this run. */
export async function serviceFault(
  http: Http,
  base: string,
  stack: Stack,
  readiness: 'ready' | 'not-200',
  heartbeat: CheckResult | null,
): Promise<CheckResult> {
  if (stack.services.length === 0) {
    return check('DF205', 'skip', 'no services configured: nothing to stop (list backing services in the services input to check this)', {
      skip: 'not-configured',
    });
  }
  if (readiness !== 'ready') {
    return check('DF205', 'skip', 'not judged: /__lbheartbeat__ was not 200 with the services up (see DF202)', { skip: 'not-judged' });
  }
  if (heartbeat && heartbeat.status !== 'pass') {
    return check('DF205', 'skip', 'not judged: /__heartbeat__ was not 200 with the services up (see DF203)', { skip: 'not-judged' });
  }
  // A sidecar that exited by itself (a one-shot image, a command that returns at once) is the cause, not the app.
  const down = (await stack.states()).filter((s) => !s.running);
  if (down.length) {
    const which = down.map(
      (s) => `service ${s.name} (${stack.services.find((x) => x.name === s.name)?.image ?? '?'}) exited with code ${s.exitCode}`,
    );
    return check(
      'DF205',
      'fail',
      `${which.join(', ')} by itself, before DF205 stopped it, so the app could not be judged with its services up and then down: a sidecar must keep running; check its image and command in the services input (its output is in build.log)`,
    );
  }
  return faultRule(http, base, stack);
}

/** A failing heartbeat often means a sidecar died: say so in DF203. */
export async function withServiceStates(stack: Stack, row: CheckResult): Promise<CheckResult> {
  const down = (await stack.states()).filter((s) => !s.running);
  if (!down.length) return row;
  const what = down.map((s) => `service ${s.name} had exited with code ${s.exitCode}`).join(', ');
  return { ...row, message: `${row.message} (${what}; its output is in build.log)` };
}
