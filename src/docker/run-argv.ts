import type { KeyValue } from '../config/parse-lines.js';
import { RUN_LABEL } from '../pipeline/context.js';

/**
 * argv for everything the smoke and test stages start, built in one place. Every container and network carries
 * the run label (cleanup and the post step remove by it), and secret values never appear in argv: they are
 * passed as `--env NAME`, with the value in the docker CLI's environment (`EnvArgs.env`).
 */

export interface EnvArgs {
  /** `--env NAME=value` for public values, `--env NAME` for secret ones. */
  argv: string[];
  /** Values of the secret entries, for the runner's `env` option. */
  env: Record<string, string>;
}

export function envArgs(entries: readonly KeyValue[], isSecret: (e: KeyValue) => boolean): EnvArgs {
  const argv: string[] = [];
  const env: Record<string, string> = {};
  for (const e of entries) {
    if (isSecret(e)) {
      argv.push('--env', e.key);
      env[e.key] = e.value;
    } else {
      argv.push('--env', `${e.key}=${e.value}`);
    }
  }
  return { argv, env };
}

const label = (runId: string): string[] => ['--label', `${RUN_LABEL}=${runId}`];

export function networkCreateArgv(runId: string): string[] {
  return ['docker', 'network', 'create', ...label(runId), runId];
}

export function serviceContainerName(runId: string, service: string): string {
  return `${runId}-svc-${service}`;
}

export function appContainerName(runId: string): string {
  return `${runId}-app`;
}

export interface ServiceRun {
  runId: string;
  network: string;
  name: string;
  image: string;
  env: EnvArgs;
}

/** A sidecar, reachable from the app by its service name. */
export function serviceRunArgv(s: ServiceRun): string[] {
  return [
    'docker',
    'run',
    '--detach',
    '--name',
    serviceContainerName(s.runId, s.name),
    ...label(s.runId),
    '--network',
    s.network,
    '--network-alias',
    s.name,
    ...s.env.argv,
    s.image,
  ];
}

export interface AppRun {
  runId: string;
  network: string;
  image: string;
  /** The port given to the app in `$PORT`. */
  port: number;
  /** The app's default port (the `port` input): published too, to tell an app that ignores `$PORT`. */
  defaultPort: number;
  env: EnvArgs;
}

/**
 * The app as production starts it: its own ENTRYPOINT and CMD, configuration in the environment, `$PORT` last
 * so it wins over an `env` entry of the same name. Ports are published on 127.0.0.1 only, on free host ports.
 */
export function appRunArgv(a: AppRun): string[] {
  const publish = ['--publish', `127.0.0.1::${a.port}`];
  if (a.defaultPort !== a.port) publish.push('--publish', `127.0.0.1::${a.defaultPort}`);
  return [
    'docker',
    'run',
    '--detach',
    '--name',
    appContainerName(a.runId),
    ...label(a.runId),
    '--network',
    a.network,
    ...publish,
    ...a.env.argv,
    '--env',
    `PORT=${a.port}`,
    a.image,
  ];
}

export interface TestRun {
  runId: string;
  network: string;
  image: string;
  env: EnvArgs;
  command: readonly string[];
}

/** `docker run IMAGE <test-command>`: the command replaces CMD and runs through the image's ENTRYPOINT. */
export function testRunArgv(t: TestRun): string[] {
  return [
    'docker',
    'run',
    '--rm',
    '--name',
    `${t.runId}-test`,
    ...label(t.runId),
    '--network',
    t.network,
    ...t.env.argv,
    t.image,
    ...t.command,
  ];
}
