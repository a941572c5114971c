import type { Built, Prepared, RunContext } from '../run/context.js';
import { kill, removeContainers } from '../docker/commands.js';
import { check, rulesOf, type CheckResult, type RuleId } from '../rules/catalogue.js';
import { Rows } from '../smoke/rows.js';
import { crashRow, hasExited, stayedUp } from '../smoke/crash.js';
import { serviceFault, withServiceStates } from '../smoke/fault.js';
import { Http } from '../smoke/http.js';
import { EMULATION_FACTOR, emulatedLimit, HEARTBEAT_SETTLE_MS, LOG_SETTLE_MS } from '../smoke/limits.js';
import { logsRule, mozlogRule } from '../smoke/log-rules.js';
import { MozlogTally } from '../smoke/mozlog-schema.js';
import { dumpServiceLogs, type Stack } from '../smoke/network.js';
import { heartbeatRule, staticRule, versionRule } from '../smoke/probes.js';
import { waitReady } from '../smoke/readiness.js';
import { processTree, shutdownRow, signalSwallower, stopApp } from '../smoke/shutdown.js';
import { startApp, type AppContainer } from '../smoke/start.js';
import { lbheartbeatRule, portRule, rejectsHost } from '../smoke/startup-rules.js';
import { secs } from '../time/time.js';

export const SMOKE_RULES: readonly RuleId[] = rulesOf('smoke');

export interface SmokeOutcome {
  checks: CheckResult[];
  /** Milliseconds from the container's start to the first 200 from /__lbheartbeat__. */
  readyMs?: number;
}

/**
 * DF201–DF208, DF301, DF302: run the image as production would (private network, sidecars, `$PORT`), wait for
 * it, probe it, stop its services, stop it, and judge what it logged.
 */
export async function smoke(ctx: RunContext, prepared: Prepared, built: Built, stack: Stack): Promise<SmokeOutcome> {
  const rows = new Rows(SMOKE_RULES, ctx.config.checksIgnore);
  if (!SMOKE_RULES.some((id) => rows.on(id))) return { checks: rows.list() };

  await stack.ensure();
  const tally = new MozlogTally();
  const started = await startApp(ctx, built, stack, (l) => tally.add(l.text, l.stream));
  if (!started.ok) {
    rows.set(check('DF208', 'fail', started.message));
    rows.skipUnset(SMOKE_RULES, 'not judged: the container did not start (see DF208)');
    return { checks: rows.list() };
  }
  const app = started.app;
  const http = new Http((body) => ctx.redactor.redact(body), app.hostHeader);
  try {
    const readyMs = await judge(ctx, prepared, stack, app, http, tally, rows, built.platform?.emulated ?? false);
    return { checks: rows.list(), ...(readyMs !== undefined ? { readyMs } : {}) };
  } finally {
    app.exit.stop();
    app.logs.stop();
    await http.close();
    await removeContainers(ctx.runner, [app.id]);
    await dumpServiceLogs(ctx, stack);
  }
}

async function judge(
  ctx: RunContext,
  prepared: Prepared,
  stack: Stack,
  app: AppContainer,
  http: Http,
  tally: MozlogTally,
  rows: Rows,
  emulated: boolean,
): Promise<number | undefined> {
  const { config } = ctx;
  // Under QEMU the app's own work is slower: the limits that wait for it are longer (smoke/limits.ts).
  const startupTimeoutMs = emulatedLimit(config.startupTimeoutMs, emulated);
  const ready = await waitReady({
    http,
    app,
    timeoutMs: startupTimeoutMs,
    port: app.port,
    defaultPort: app.defaultPort,
    ...(app.listeners ? { listeners: app.listeners } : {}),
    onWaiting: (ms, last) =>
      ctx.ui.info(
        `Waiting for /__lbheartbeat__: ${secs(ms)} of the ${secs(startupTimeoutMs)} startup-timeout${emulated ? ` (emulated: ×${EMULATION_FACTOR})` : ''} (last: ${last})`,
      ),
  });
  const readyMs = ready.kind === 'ready' ? ready.ms : undefined;
  rows.set(portRule(ready, app.port, app.defaultPort, startupTimeoutMs));
  rows.set(lbheartbeatRule(ready, app.hostHeader, app.logs.tail(20)));
  // An app that refuses the probes' Host header answers every probe so: DF202 says why, once.
  if (ready.kind === 'not-200' && rejectsHost(ready.status, ready.body, app.logs.tail(20))) {
    rows.skipUnset(['DF203', 'DF204', 'DF205', 'DF206'], 'not judged: the app rejects the Host header of the probes (see DF202)');
  } else if (ready.kind === 'ready' || ready.kind === 'not-200') {
    ctx.ui.info(`The app answers at ${ready.base}${readyMs !== undefined ? ` (ready after ${secs(readyMs)})` : ''}; probing it`);
    const base = ready.base;
    const [hb, version, statics] = await Promise.all([
      rows.on('DF203') || rows.on('DF205')
        ? heartbeatRule(http, base, emulatedLimit(HEARTBEAT_SETTLE_MS, emulated), async () =>
            (await stack.states()).some((s) => !s.running),
          )
        : null,
      rows.on('DF204') ? versionRule(http, base, prepared.version) : null,
      rows.on('DF206') ? staticRule(http, base, config.staticPaths) : null,
    ]);
    // A probe that failed because the container was dying is left unset: DF208 explains it.
    const probes = [hb?.status === 'fail' ? await withServiceStates(stack, hb) : hb, version, statics];
    const died = probes.some((r) => r?.status === 'fail') && (await hasExited(ctx, app));
    for (const r of probes) if (!(died && r?.status === 'fail')) rows.set(r);
    if (!app.exit.current && rows.on('DF205')) {
      const fault = await serviceFault(http, base, stack, ready.kind, hb);
      if (!(fault.status === 'fail' && (await hasExited(ctx, app)))) rows.set(fault);
    }
  } else if (ready.kind === 'silent' || ready.kind === 'misbound') {
    rows.skipUnset(['DF202', 'DF203', 'DF204', 'DF205', 'DF206'], 'not judged: the app never answered HTTP (see DF201)');
  }

  // DF208: a crash after quick probes still fails: the app must stay up min-uptime (counted from its start).
  const minUp = config.minUptimeMs;
  let inUptime = false;
  if (!app.exit.current && minUp > 0 && performance.now() - app.startedAt < minUp) {
    ctx.ui.info(`Checks done; the app must stay up ${secs(minUp)} after it started (min-uptime) before it is stopped`);
    inUptime = !(await stayedUp(app, minUp));
  }
  if (app.exit.current) {
    const when =
      ready.kind === 'exited'
        ? 'before it answered /__lbheartbeat__'
        : inUptime
          ? `after the checks, within the ${secs(minUp)} it must stay up (min-uptime)`
          : 'during the checks';
    rows.set(await crashRow(ctx, app, when));
    rows.skipUnset(['DF201', 'DF202', 'DF203', 'DF204', 'DF205', 'DF206', 'DF207'], `not judged: the container exited ${when} (see DF208)`);
  } else {
    const upFor = performance.now() - app.startedAt;
    await http.reset(); // kept-alive connections must not hold up a graceful shutdown
    if (rows.on('DF207')) {
      const swallower = signalSwallower(await processTree(ctx, app));
      const stop = await stopApp(ctx, app);
      rows.set(shutdownRow(stop.exitCode, stop.ms, app.stopSignal, undefined, swallower));
    } else {
      await kill(ctx.runner, app.id);
    }
    rows.set(
      check('DF208', 'pass', `stayed up for ${secs(upFor)}, through every check${minUp > 0 ? ` and the ${secs(minUp)} min-uptime` : ''}`),
    );
  }

  await app.logs.settle(LOG_SETTLE_MS);
  rows.set(logsRule(app.logs.totalLines, app.logs.totalBytes, performance.now() - app.startedAt));
  rows.set(mozlogRule(tally, config.mozlog, ctx.redactor));
  return readyMs;
}
