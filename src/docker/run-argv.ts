import type { KeyValue } from '../config/parse-lines.js';
import { RUN_LABEL } from './run-label.js';
import { platformSlug } from './platform.js';

/**
 * argv for everything the smoke and test stages start, built in one place. Every container and network carries
 * the run label (cleanup and the post step remove by it), and secret values never appear in argv: they go in an
 * `--env-file` the runner writes (mode 0600, removed at cleanup), or, for a value that spans lines (which an
 * env file cannot hold), as `--env NAME` with the value in the docker CLI's environment under that name only.
 */

export interface EnvArgs {
  /** `--env NAME=value` for public values, `--env-file FILE` and `--env NAME` for secret ones. */
  argv: string[];
  /**
   * Values of multi-line secret entries, for the runner's `env` option (names the docker CLI never reads:
   * config parsing refuses the others).
   */
  env: Record<string, string>;
}

/** Writes `KEY=VALUE` lines to a private file and returns its path. */
export type EnvFileWriter = (entries: readonly KeyValue[]) => string;

/** docker's `--env-file` holds one `KEY=VALUE` per line, verbatim: a value with a line break cannot go there. */
export const fitsEnvFile = (value: string): boolean => !/[\r\n]/.test(value);

export function envArgs(entries: readonly KeyValue[], isSecret: (e: KeyValue) => boolean, envFile: EnvFileWriter): EnvArgs {
  const argv: string[] = [];
  const env: Record<string, string> = {};
  const inFile: KeyValue[] = [];
  for (const e of entries) {
    if (!isSecret(e)) argv.push('--env', `${e.key}=${e.value}`);
    else if (fitsEnvFile(e.value)) inFile.push(e);
    else {
      argv.push('--env', e.key);
      env[e.key] = e.value;
    }
  }
  // docker reads env files before `--env`: a name given both ways gets the `--env` value.
  if (inFile.length) argv.push('--env-file', envFile(inFile));
  return { argv, env };
}

/** `--platform P` before the image, when one platform of a multi-platform image is meant. */
export const platformArgs = (platform: string | undefined): string[] => (platform ? ['--platform', platform] : []);

const label = (runId: string): string[] => ['--label', `${RUN_LABEL}=${runId}`];

export function networkCreateArgv(runId: string): string[] {
  return ['docker', 'network', 'create', ...label(runId), runId];
}

export function serviceContainerName(runId: string, service: string): string {
  return `${runId}-svc-${service}`;
}

/**
 * A container of the run, `<run id>-<role>`, and `-<os>-<arch>` after it for one platform of several: the
 * platforms of a run without sidecars are judged at once, each in its own containers.
 */
export function runContainerName(runId: string, role: 'app' | 'test' | 'files', platform?: string): string {
  return `${runId}-${role}${platform ? `-${platformSlug(platform)}` : ''}`;
}

export function appContainerName(runId: string, platform?: string): string {
  return runContainerName(runId, 'app', platform);
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
  /** One platform of a multi-platform image (`--platform linux/arm64`); unset for a single-platform build. */
  platform?: string;
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
    appContainerName(a.runId, a.platform),
    ...label(a.runId),
    '--network',
    a.network,
    ...publish,
    ...a.env.argv,
    '--env',
    `PORT=${a.port}`,
    ...platformArgs(a.platform),
    a.image,
  ];
}

export interface TestRun {
  runId: string;
  network: string;
  image: string;
  env: EnvArgs;
  command: readonly string[];
  /** As for the app. */
  platform?: string;
}

/** `docker run IMAGE <test-command>`: the command replaces CMD and runs through the image's ENTRYPOINT. */
export function testRunArgv(t: TestRun): string[] {
  return [
    'docker',
    'run',
    '--rm',
    '--name',
    runContainerName(t.runId, 'test', t.platform),
    ...label(t.runId),
    '--network',
    t.network,
    ...t.env.argv,
    ...platformArgs(t.platform),
    t.image,
    ...t.command,
  ];
}
