/**
 * The docker CLI as typed functions over the Runner: every docker command the tool runs outside the build
 * (build-argv.ts), the containers it starts (run-argv.ts) and the registry commands (registry-argv.ts) has its argv
 * built here, in `dockerArgv`, and is run by the function next to it (docker/actions-toolkit's
 * `Docker.getExecOutput` is the model). No other folder spells a docker argv: __tests__/unit/docker-argv.test.ts
 * fails on one.
 */
import { CommandError, type Runner, type RunResult, type Spawned } from '../exec/runner.js';
import { tagArgv } from './registry-argv.js';
import { runLabelArgs } from './run-label.js';
import { platformArgs } from './run-argv.js';

/** argv of every command below, pure (table-tested in __tests__/unit/docker-argv.test.ts). */
export const dockerArgv = {
  serverVersion: (): string[] => ['docker', 'version', '--format', '{{.Server.Version}}'],
  buildxVersion: (): string[] => ['docker', 'buildx', 'version'],
  /** The engine's storage driver status and data root, one line: `<DriverStatus JSON> <DockerRootDir>`. */
  storeInfo: (): string[] => ['docker', 'info', '--format', '{{json .DriverStatus}} {{.DockerRootDir}}'],
  /** `docker inspect` of containers (whole JSON, or one `--format` template). */
  inspect: (ids: readonly string[], format?: string): string[] => ['docker', 'inspect', ...(format ? ['--format', format] : []), ...ids],
  imageInspect: (refs: readonly string[], format?: string, platform?: string): string[] => [
    'docker',
    'image',
    'inspect',
    ...(platform ? ['--platform', platform] : []),
    ...(format ? ['--format', format] : []),
    ...refs,
  ],
  /** A container that is never started (files are copied out of it); its command is a path that does not exist. */
  createIdle: (name: string, runId: string, image: string, platform?: string): string[] => [
    'docker',
    'create',
    '--name',
    name,
    ...runLabelArgs(runId),
    '--entrypoint',
    '/dockerflow-never-run',
    ...platformArgs(platform),
    image,
  ],
  /** Copy `file` (links followed) out of a container to `dest`. */
  copyOut: (container: string, file: string, dest: string): string[] => ['docker', 'cp', '-L', `${container}:${file}`, dest],
  remove: (ids: readonly string[], o: { volumes?: boolean } = {}): string[] => ['docker', 'rm', '-f', ...(o.volumes ? ['-v'] : []), ...ids],
  kill: (id: string): string[] => ['docker', 'kill', id],
  stop: (ids: readonly string[], graceS: number): string[] => ['docker', 'stop', '-t', String(graceS), ...ids],
  start: (ids: readonly string[]): string[] => ['docker', 'start', ...ids],
  top: (id: string): string[] => ['docker', 'top', id, '-eo', 'pid,ppid,args'],
  logsTail: (id: string, lines: number): string[] => ['docker', 'logs', '--tail', String(lines), id],
  logsFollow: (id: string): string[] => ['docker', 'logs', '--follow', id],
  wait: (id: string): string[] => ['docker', 'wait', id],
  save: (ref: string): string[] => ['docker', 'save', ref],
  imageRemove: (ref: string): string[] => ['docker', 'image', 'rm', ref],
  listContainers: (label: string): string[] => ['docker', 'ps', '-aq', '--filter', `label=${label}`],
  listNetworks: (label: string): string[] => ['docker', 'network', 'ls', '-q', '--filter', `label=${label}`],
  networkConnect: (network: string, container: string): string[] => ['docker', 'network', 'connect', network, container],
  networkDisconnect: (network: string, container: string): string[] => ['docker', 'network', 'disconnect', '--force', network, container],
  networkRemove: (networks: readonly string[]): string[] => ['docker', 'network', 'rm', ...networks],
};

const quietly = { allowFailure: true, quiet: true } as const;

/** The whole `docker inspect` object of a container; undefined when it cannot be read. */
export async function inspectContainer(runner: Runner, id: string): Promise<unknown> {
  const r = await runner.run(dockerArgv.inspect([id]), quietly);
  try {
    return (JSON.parse(r.stdout) as unknown[])[0];
  } catch {
    return undefined;
  }
}

/** A container's `State` object (ExitCode, OOMKilled, Error, StartedAt, FinishedAt...); null when unknown. */
export async function containerState<T>(runner: Runner, id: string): Promise<T | null> {
  const r = await runner.run(dockerArgv.inspect([id], '{{json .State}}'), quietly);
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    return null;
  }
}

/** `true`/`false` as the engine says whether the container runs; null when it cannot tell (no such container). */
export async function isRunning(runner: Runner, id: string): Promise<boolean | null> {
  const r = await runner.run(dockerArgv.inspect([id], '{{.State.Running}}'), quietly);
  const s = r.stdout.trim();
  return s === 'true' ? true : s === 'false' ? false : null;
}

/** A stopped container's exit code; -1 when it cannot be read. */
export async function exitCodeOf(runner: Runner, id: string): Promise<number> {
  const r = await runner.run(dockerArgv.inspect([id], '{{.State.ExitCode}}'), quietly);
  return Number(r.stdout.trim() || -1);
}

/** Name, running and exit code of each container, by name (without docker's leading `/`). */
export async function containerStates(
  runner: Runner,
  ids: readonly string[],
): Promise<Map<string, { running: boolean; exitCode: number }>> {
  const r = await runner.run(dockerArgv.inspect(ids, '{{.Name}} {{.State.Running}} {{.State.ExitCode}}'), quietly);
  return new Map(
    r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name = '', running = '', code = ''] = l.trim().split(' ');
        return [name.replace(/^\//, ''), { running: running === 'true', exitCode: Number(code) }] as const;
      }),
  );
}

/** `docker top ID -eo pid,ppid,args`; null when it failed. */
export async function top(runner: Runner, id: string): Promise<string | null> {
  const r = await runner.run(dockerArgv.top(id), quietly);
  return r.exitCode === 0 ? r.stdout : null;
}

/** Remove containers, running or not (best effort); `cleanup`: also once the run was interrupted. */
export async function removeContainers(
  runner: Runner,
  ids: readonly string[],
  o: { volumes?: boolean; cleanup?: boolean } = {},
): Promise<void> {
  if (ids.length) await runner.run(dockerArgv.remove(ids, o), { ...quietly, cleanup: o.cleanup ?? false });
}

/** SIGKILL, logged (best effort). */
export async function kill(runner: Runner, id: string): Promise<void> {
  await runner.run(dockerArgv.kill(id), { allowFailure: true });
}

/** `docker stop -t graceS`, logged (best effort): the stop signal, then SIGKILL after `graceS` seconds. */
export async function stop(runner: Runner, ids: readonly string[], graceS: number): Promise<RunResult | null> {
  return ids.length ? runner.run(dockerArgv.stop(ids, graceS), { allowFailure: true }) : null;
}

/** Start stopped containers again, logged (best effort). */
export async function start(runner: Runner, ids: readonly string[]): Promise<void> {
  if (ids.length) await runner.run(dockerArgv.start(ids), { allowFailure: true });
}

/** The container's last `lines` lines of output, into build.log (best effort). */
export async function logTail(runner: Runner, id: string, lines: number): Promise<void> {
  await runner.run(dockerArgv.logsTail(id, lines), { allowFailure: true });
}

/** `docker logs --follow`: the container's output from its start, for as long as it runs (a follower). */
export function followLogs(runner: Runner, id: string): Spawned {
  return runner.spawn(dockerArgv.logsFollow(id));
}

/** `docker wait`: ends when the container exits, printing its exit code (a follower). */
export function waitFor(runner: Runner, id: string): Spawned {
  return runner.spawn(dockerArgv.wait(id));
}

/**
 * `docker save REF` as a stream (a follower: killed with the run, or by the caller when it stops reading, which
 * it must do when it fails: a save nobody reads blocks on its full pipe for ever). `why` goes in build.log.
 */
export function save(runner: Runner, ref: string, why: string): Spawned {
  return runner.spawn(dockerArgv.save(ref), { why });
}

/**
 * A container made from `image` and never started, to copy files out of; returns its ID. An interrupt lets it
 * finish, so the cleanup finds the container (one stopped half-way is created after the cleanup looked).
 */
export async function createIdle(runner: Runner, name: string, runId: string, image: string, platform?: string): Promise<string> {
  const r = await runner.run(dockerArgv.createIdle(name, runId, image, platform), { quiet: true, onAbort: 'finish' });
  return r.stdout.trim();
}

/** Copy one file out of a container; false when it is not there. */
export async function copyOut(runner: Runner, container: string, file: string, dest: string): Promise<boolean> {
  const r = await runner.run(dockerArgv.copyOut(container, file, dest), quietly);
  return r.exitCode === 0;
}

/** `docker image inspect` of one image or several (docker prints those it finds and exits 1 if one is missing). */
export function imageInspect(
  runner: Runner,
  refs: readonly string[],
  o: { allowFailure?: boolean; platform?: string } = {},
): Promise<RunResult> {
  return runner.run(dockerArgv.imageInspect(refs, undefined, o.platform), { quiet: true, allowFailure: o.allowFailure ?? false });
}

/** The engine's ID of one platform's image in a multi-platform `ref` (containerd store); null when it has none. */
export async function platformImageId(runner: Runner, ref: string, platform: string): Promise<string | null> {
  const r = await runner.run(dockerArgv.imageInspect([ref], '{{.Id}}', platform), quietly);
  return r.exitCode === 0 ? r.stdout.trim() : null;
}

/** An image's size in bytes as the engine reports it; undefined when it cannot be read. */
export async function imageSize(runner: Runner, ref: string): Promise<number | undefined> {
  const r = await runner.run(dockerArgv.imageInspect([ref], '{{.Size}}'), quietly).catch(() => null);
  const n = r && r.exitCode === 0 ? Number(r.stdout.trim()) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Untag one ref (the image goes with its last tag, as any image): a cleanup command, run after an interrupt too. */
export async function removeImage(runner: Runner, ref: string): Promise<void> {
  await runner.run(dockerArgv.imageRemove(ref), { ...quietly, cleanup: true });
}

/** `<DriverStatus JSON> <DockerRootDir>` of the engine; null when `docker info` failed. */
export async function storeInfo(runner: Runner): Promise<string | null> {
  const r = await runner.run(dockerArgv.storeInfo(), quietly);
  return r.exitCode === 0 ? r.stdout : null;
}

/** Join a network (a job's own container joins the run's); false when docker refused. */
export async function connect(runner: Runner, network: string, container: string): Promise<boolean> {
  const r = await runner.run(dockerArgv.networkConnect(network, container), quietly);
  return r.exitCode === 0;
}

/**
 * Tag the built image by ID. The containerd store moves a tag by delete + create: a concurrent run moving it too
 * makes that fail once with "already exists", which is tried again (5 attempts); any other failure throws.
 */
export async function tagImage(runner: Runner, imageId: string, ref: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const argv = tagArgv(imageId, ref);
    const r = await runner.run(argv, { quiet: true, allowFailure: true });
    if (r.exitCode === 0) return;
    if (attempt >= 5 || !/already exists/i.test(r.stderr)) throw new CommandError(argv, r, runner.redactor);
  }
}
