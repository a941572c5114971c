import { randomInt } from 'node:crypto';
import { lastLine } from '../exec/runner.js';
import { appContainerName, appRunArgv } from '../docker/run-argv.js';
import type { Built, RunContext } from '../pipeline/context.js';
import { appEnv } from './env.js';
import { ExitWatch } from './exit-watch.js';
import { LogCapture, type LogLine } from './logs.js';
import type { Stack } from './network.js';

export interface AppContainer {
  id: string;
  name: string;
  /** `$PORT` as given to the app. */
  port: number;
  /** The `port` input: where an app that ignores `$PORT` listens. */
  defaultPort: number;
  /** Base URLs that reach `$PORT`: the published host port first, then the container's IP on the run network. */
  portBases: string[];
  /** The same for the default port. */
  defaultBases: string[];
  /** The signal `docker stop` sends: the image's STOPSIGNAL, SIGTERM when unset. */
  stopSignal: string;
  /** performance.now() once `docker run` returned (the container is running). */
  startedAt: number;
  exit: ExitWatch;
  logs: LogCapture;
}

export type StartResult = { ok: true; app: AppContainer } | { ok: false; message: string };

/** A `$PORT` unlike the default, so an app that hard-codes its port is caught (DF201). */
export function pickPort(defaultPort: number): number {
  let p = defaultPort;
  while (p === defaultPort) p = randomInt(20000, 30000);
  return p;
}

/** Host ports and the network IP, from `docker inspect`, as base URLs for each container port. */
export function baseUrls(inspect: unknown, network: string, containerPort: number): string[] {
  const ns = ((inspect as { NetworkSettings?: unknown } | undefined)?.NetworkSettings ?? {}) as {
    Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null>;
    Networks?: Record<string, { IPAddress?: string }>;
  };
  const urls: string[] = [];
  for (const b of ns.Ports?.[`${containerPort}/tcp`] ?? []) {
    if (b.HostPort) urls.push(`http://${!b.HostIp || b.HostIp === '0.0.0.0' ? '127.0.0.1' : b.HostIp}:${b.HostPort}`);
  }
  const ip = ns.Networks?.[network]?.IPAddress;
  if (ip) urls.push(`http://${ip}:${containerPort}`);
  return urls;
}

/** Start the app as production would, with watchers for its exit and its output. */
export async function startApp(ctx: RunContext, built: Built, stack: Stack, onLine: (l: LogLine) => void): Promise<StartResult> {
  const port = pickPort(ctx.config.port);
  const env = appEnv(ctx);
  const argv = appRunArgv({ runId: ctx.runId, network: stack.network, image: built.imageId, port, defaultPort: ctx.config.port, env });
  const name = appContainerName(ctx.runId);
  ctx.ui.info(`Starting the app as ${name} with PORT=${port} (default port ${ctx.config.port})`);
  const run = await ctx.runner.run(argv, { byName: env.env, allowFailure: true });
  const startedAt = performance.now();
  if (run.exitCode !== 0) {
    const why = ctx.redactor.redact(lastLine(`${run.stderr}${run.stdout}`) || `exit ${run.exitCode}`);
    return {
      ok: false,
      message: `docker run could not start the container (exit ${run.exitCode}): ${why}; check that ENTRYPOINT/CMD name a program that exists in the image and is executable`,
    };
  }
  const id = run.stdout.trim().split('\n').pop()!.trim();
  // The addresses first, the watchers right after: the readiness poll cannot start without the published port,
  // and on a busy machine three docker CLIs starting at once slow each other down. Nothing is lost meanwhile:
  // `docker logs --follow` replays the output from the start and `docker wait` returns at once for an exited
  // container.
  const inspected = await ctx.runner.run(['docker', 'inspect', id], { quiet: true, allowFailure: true });
  const exit = new ExitWatch(ctx, id);
  const logs = new LogCapture(ctx, id, onLine);
  let info: unknown;
  try {
    info = (JSON.parse(inspected.stdout) as unknown[])[0];
  } catch {
    info = undefined;
  }
  const app: AppContainer = {
    id,
    name,
    port,
    defaultPort: ctx.config.port,
    portBases: baseUrls(info, stack.network, port),
    defaultBases: port === ctx.config.port ? [] : baseUrls(info, stack.network, ctx.config.port),
    stopSignal: (info as { Config?: { StopSignal?: string } } | undefined)?.Config?.StopSignal || 'SIGTERM',
    startedAt,
    exit,
    logs,
  };
  ctx.log.line(`app reachable at ${app.portBases.join(' or ') || '(no address: the container is not running)'}`);
  return { ok: true, app };
}
