import { secretBuildArgs, type Config } from '../config/config.js';
import type { KeyValue } from '../config/parse-lines.js';
import { attestationArgs } from './attest.js';

export type Builder = 'buildx' | 'classic';

export interface BuildRequest {
  config: Config;
  builder: Builder;
  refs: string[];
  /** OCI labels computed for this build, added before the user's labels (which may override them). */
  labels: KeyValue[];
  iidFile: string;
  /** The folder sent as the context (the run's view of `config.context`); `config.context` when unset. */
  contextDir?: string;
  /** The builder can attach attestations (containerd image store, or a docker-container builder): see attest.ts. */
  attestations?: boolean;
}

/** The OCI labels of the image, from the run's version object (before the user's labels, which may override them). */
export function ociLabels(v: { source: string; commit: string; version: string }): KeyValue[] {
  return [
    { key: 'org.opencontainers.image.source', value: v.source },
    { key: 'org.opencontainers.image.revision', value: v.commit },
    { key: 'org.opencontainers.image.version', value: v.version },
    { key: 'org.opencontainers.image.created', value: new Date().toISOString() },
  ];
}

/** Environment variable that carries build secret `id` to `--secret id=…,env=…`. */
export function secretEnvName(index: number): string {
  return `DOCKERFLOW_BUILD_SECRET_${index}`;
}

/**
 * argv for the image build, built in one place. Secret values never appear here: `--secret` names an
 * environment variable that `buildEnv` fills, and a secret build arg is `--build-arg NAME`, which docker reads
 * from that same environment.
 */
export function buildArgv(req: BuildRequest): string[] {
  const c = req.config;
  const argv = req.builder === 'buildx' ? ['docker', 'buildx', 'build', '--load', '--progress', 'plain'] : ['docker', 'build'];
  argv.push('--iidfile', req.iidFile, '--file', c.file);
  for (const ref of req.refs) argv.push('--tag', ref);
  for (const { key, value } of [...req.labels, ...c.labels]) argv.push('--label', `${key}=${value}`);
  const secret = new Set(secretBuildArgs(c));
  for (const a of c.buildArgs) argv.push('--build-arg', secret.has(a) ? a.key : `${a.key}=${a.value}`);
  if (c.target) argv.push('--target', c.target);
  if (c.noCache) argv.push('--no-cache');
  if (c.pull) argv.push('--pull');
  for (const from of c.cacheFrom) argv.push('--cache-from', from);
  if (req.builder === 'buildx') for (const to of c.cacheTo) argv.push('--cache-to', to);
  for (const p of c.platforms) argv.push('--platform', p);
  if (req.builder === 'buildx') argv.push(...attestationArgs(c.provenance, c.sbom, req.attestations === true));
  if (req.builder === 'buildx') c.secrets.forEach(({ key }, i) => argv.push('--secret', `id=${key},env=${secretEnvName(i)}`));
  argv.push(req.contextDir ?? c.context);
  return argv;
}

/**
 * The environment the build runs with: secret values by env var. Without the buildx plugin, current docker CLIs
 * refuse BuildKit, so the classic builder is the legacy one (which cannot take build secrets).
 */
export function buildEnv(req: BuildRequest): Record<string, string> {
  const env: Record<string, string> = {};
  req.config.secrets.forEach(({ value }, i) => (env[secretEnvName(i)] = value));
  for (const { key, value } of secretBuildArgs(req.config)) env[key] = value;
  return env;
}

/**
 * argv for BuildKit's own Dockerfile checks (`docker buildx build --call check`, buildx ≥ 0.15): nothing is built;
 * the findings come back as JSON on stdout. Build args and target are passed as for the build, since some checks
 * depend on them (a secret one by name, its value from `buildCheckEnv`, as for the build); secrets are not needed.
 */
export function buildCheckArgv(c: Config): string[] {
  const argv = ['docker', 'buildx', 'build', '--call', 'check,format=json', '--progress', 'quiet', '--file', c.file];
  const secret = new Set(secretBuildArgs(c));
  for (const a of c.buildArgs) argv.push('--build-arg', secret.has(a) ? a.key : `${a.key}=${a.value}`);
  if (c.target) argv.push('--target', c.target);
  if (c.platforms[0]) argv.push('--platform', c.platforms[0]);
  argv.push(c.context);
  return argv;
}

/** The values of the secret build args `buildCheckArgv` names, for the runner's `byName`. */
export function buildCheckEnv(c: Config): Record<string, string> {
  return Object.fromEntries(secretBuildArgs(c).map((a) => [a.key, a.value]));
}

/** The tool's own settings for the build command (not values read by name). */
export function buildSettings(req: BuildRequest): Record<string, string> {
  return req.builder === 'classic' ? { DOCKER_BUILDKIT: '0' } : {};
}
