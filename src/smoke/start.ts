import { randomInt } from 'node:crypto';
import { errorLine } from '../exec/runner.js';
import { inspectContainer } from '../docker/commands.js';
import { appContainerName, appRunArgv } from '../docker/run-argv.js';
import type { Built, RunContext } from '../run/context.js';
import { appEnv } from './env.js';
import { ExitWatch } from './exit-watch.js';
import { procListenerReader, type Listener } from './listeners.js';
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
  /**
   * The Host header of every probe: the published port's `127.0.0.1:<host port>`, also when the probes go to the
   * container's address (a job in a container), so one allowed-hosts setting works in both.
   */
  hostHeader: string;
  /** The container's init process on the engine's host (State.Pid; 0 when unknown). */
  pid: number;
  /** Its listening sockets, when the engine is local (null: cannot be read here). */
  listeners: (() => Promise<Listener[] | null>) | null;
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

/** What to do about a failed `docker run`, from the line that says why: only an exec failure blames the image. */
export function runFailureHint(why: string): string {
  if (/Cannot connect to the Docker daemon|Is the docker daemon running|error during connect/i.test(why)) {
    return 'the Docker engine went away during the run: check that dockerd is running (and DOCKER_HOST), then run again';
  }
  if (/Conflict\. The container name/i.test(why)) {
    return 'a container of that name already exists (a run with this run ID is still going, or was not cleaned up): remove it with docker rm -f, then run again';
  }
  if (/port is already allocated|address already in use/i.test(why)) return 'a host port was taken meanwhile: run again';
  if (/no space left on device/i.test(why)) return 'the Docker host is out of disk space: free some (docker system df shows what uses it)';
  if (/exec format error/i.test(why))
    return 'the image was built for another CPU architecture than this engine runs: build it for this platform';
  if (/executable file not found|no such file or directory|permission denied|exec: /i.test(why)) {
    return 'check that ENTRYPOINT/CMD name a program that exists in the image and is executable';
  }
  return 'the full output is in build.log';
}

/** Start the app as production would, with watchers for its exit and its output. */
export async function startApp(ctx: RunContext, built: Built, stack: Stack, onLine: (l: LogLine) => void): Promise<StartResult> {
  const port = pickPort(ctx.config.port);
  const env = appEnv(ctx);
  const argv = appRunArgv({
    runId: ctx.runId,
    network: stack.network,
    image: built.imageId,
    port,
    defaultPort: ctx.config.port,
    env,
    ...(built.platform ? { platform: built.platform.platform } : {}),
  });
  const name = appContainerName(ctx.runId, built.platform?.platform);
  const on = built.platform ? ` for ${built.platform.platform}${built.platform.emulated ? ' (emulated)' : ''}` : '';
  ctx.ui.info(`Starting the app${on} as ${name} with PORT=${port} (default port ${ctx.config.port})`);
  const run = await ctx.runner.run(argv, { byName: env.env, allowFailure: true, onAbort: 'finish' });
  const startedAt = performance.now();
  if (run.exitCode !== 0) {
    const why = ctx.redactor.redact(errorLine(`${run.stderr}\n${run.stdout}`) || `exit ${run.exitCode}`);
    return { ok: false, message: `docker run could not start the container (exit ${run.exitCode}): ${why}; ${runFailureHint(why)}` };
  }
  const id = run.stdout.trim().split('\n').pop()!.trim();
  // The addresses first, the watchers right after: the readiness poll cannot start without the published port,
  // and on a busy machine three docker CLIs starting at once slow each other down. Nothing is lost meanwhile:
  // `docker logs --follow` replays the output from the start and `docker wait` returns at once for an exited
  // container.
  const info = await inspectContainer(ctx.runner, id);
  const exit = new ExitWatch(ctx, id);
  // With several platforms (judged at once, maybe) each app's lines in build.log say whose they are.
  const logs = new LogCapture(ctx, id, onLine, built.platform ? `app ${built.platform.platform}` : 'app');
  const pid = Number((info as { State?: { Pid?: number } } | undefined)?.State?.Pid ?? 0);
  const portBases = baseUrls(info, stack.network, port);
  const app: AppContainer = {
    id,
    hostHeader: new URL(portBases[0] ?? `http://127.0.0.1:${port}`).host,
    pid,
    listeners: procListenerReader(pid, id),
    name,
    port,
    defaultPort: ctx.config.port,
    portBases,
    defaultBases: port === ctx.config.port ? [] : baseUrls(info, stack.network, ctx.config.port),
    stopSignal: (info as { Config?: { StopSignal?: string } } | undefined)?.Config?.StopSignal || 'SIGTERM',
    startedAt,
    exit,
    logs,
  };
  ctx.log.line(`app reachable at ${app.portBases.join(' or ') || '(no address: the container is not running)'}`);
  return { ok: true, app };
}
