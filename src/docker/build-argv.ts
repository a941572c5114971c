import type { Config } from '../config/config.js';
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
  /** The builder can attach attestations (containerd image store, or a docker-container builder): see attest.ts. */
  attestations?: boolean;
}

/** Environment variable that carries build secret `id` to `--secret id=…,env=…`. */
export function secretEnvName(index: number): string {
  return `DOCKERFLOW_BUILD_SECRET_${index}`;
}

/**
 * argv for the image build, built in one place. Secret values never appear here: `--secret` names an
 * environment variable that `buildEnv` fills.
 */
export function buildArgv(req: BuildRequest): string[] {
  const c = req.config;
  const argv = req.builder === 'buildx' ? ['docker', 'buildx', 'build', '--load', '--progress', 'plain'] : ['docker', 'build'];
  argv.push('--iidfile', req.iidFile, '--file', c.file);
  for (const ref of req.refs) argv.push('--tag', ref);
  for (const { key, value } of [...req.labels, ...c.labels]) argv.push('--label', `${key}=${value}`);
  for (const { key, value } of c.buildArgs) argv.push('--build-arg', `${key}=${value}`);
  if (c.target) argv.push('--target', c.target);
  if (c.noCache) argv.push('--no-cache');
  if (c.pull) argv.push('--pull');
  for (const from of c.cacheFrom) argv.push('--cache-from', from);
  if (req.builder === 'buildx') for (const to of c.cacheTo) argv.push('--cache-to', to);
  for (const p of c.platforms) argv.push('--platform', p);
  if (req.builder === 'buildx') argv.push(...attestationArgs(c.provenance, c.sbom, req.attestations === true));
  if (req.builder === 'buildx') c.secrets.forEach(({ key }, i) => argv.push('--secret', `id=${key},env=${secretEnvName(i)}`));
  argv.push(c.context);
  return argv;
}

/**
 * The environment the build runs with: secret values by env var. Without the buildx plugin, current docker CLIs
 * refuse BuildKit, so the classic builder is the legacy one (which cannot take build secrets).
 */
export function buildEnv(req: BuildRequest): Record<string, string> {
  const env: Record<string, string> = {};
  req.config.secrets.forEach(({ value }, i) => (env[secretEnvName(i)] = value));
  if (req.builder === 'classic') env.DOCKER_BUILDKIT = '0';
  return env;
}
