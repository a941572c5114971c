import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isRuleId, type RuleId } from '../rules/catalogue.js';
import { isSecretName } from '../secrets/names.js';
import { ConfigError } from './errors.js';
import { DOCKER_HUB, isDockerHub, isRegistryHost, isRepository, parseTagEntry, formatRef } from './image-ref.js';
import { OPTIONS, OPTION_BY_NAME } from './options.js';
import { parseKeyValues, splitCommand, splitList, type KeyValue } from './parse-lines.js';

export type PushMode = 'auto' | 'true' | 'false';
export type MozlogMode = 'off' | 'warn' | 'require';
/** Opt-in extra tags (src/publish/policy.ts): `sha-<short>`, a same-repository PR's `pr-<N>`, semver expansion. */
export type TagPolicyEntry = 'sha' | 'pr' | 'semver';
export type PrCommentMode = 'true' | 'false' | 'on-failure';
export const TAG_POLICY_ENTRIES: readonly TagPolicyEntry[] = ['sha', 'pr', 'semver'];

export interface ServiceSpec {
  name: string;
  image: string;
  env: KeyValue[];
}

/** Everything a run needs, validated. Built only by `parseConfig`. */
export interface Config {
  context: string;
  file: string;
  /** Repository without registry, e.g. `mozilla/app`. */
  image: string;
  registry: string;
  /** Explicit tags as full refs; empty means the push policy decides. */
  tags: string[];
  labels: KeyValue[];
  buildArgs: KeyValue[];
  target: string;
  noCache: boolean;
  pull: boolean;
  cacheFrom: string[];
  cacheTo: string[];
  platforms: string[];
  /** `--provenance` value as build-push-action passes it (`false`, `true`, `mode=min`, `mode=max`, ...); empty: not given. */
  provenance: string;
  /** `--sbom` value (`true`, `false`, `generator=IMAGE`); empty: not given. */
  sbom: string;
  secrets: KeyValue[];
  port: number;
  env: KeyValue[];
  /** Runtime entries like `env`, every value a secret. */
  envSecrets: KeyValue[];
  services: ServiceSpec[];
  testCommand: string[];
  staticPaths: string[];
  startupTimeoutMs: number;
  checksIgnore: Set<RuleId>;
  failOn: 'error' | 'warning';
  mozlog: MozlogMode;
  version: string | null;
  push: PushMode;
  tagPolicy: TagPolicyEntry[];
  /** The sticky PR comment (src/github/pr-comment.ts): on every PR run, never, or when the run fails. */
  prComment: PrCommentMode;
  /** Token for the PR comment; empty outside Actions (the action's default is the job's own token). */
  githubToken: string;
  username: string;
  password: string;
  uploadArtifacts: boolean;
  artifactName: string;
  retentionDays: number | null;
  outDir: string;
}

/** Raw option values by option name, as strings (lists newline-joined), from inputs or flags. */
export type RawOptions = ReadonlyMap<string, string>;

export interface ConfigSources {
  raw: RawOptions;
  env: NodeJS.ProcessEnv;
  /** Directory relative paths are resolved from (GITHUB_WORKSPACE in the action). */
  cwd: string;
  /** Where the out dir goes when `out` is not given (RUNNER_TEMP/... in the action). */
  defaultOutDir: string;
}

export function parseConfig({ raw, env, cwd, defaultOutDir }: ConfigSources): Config {
  for (const name of raw.keys()) {
    if (!OPTION_BY_NAME.has(name)) {
      throw new ConfigError(name, 'is not an option', `remove it; options are: ${OPTIONS.map((o) => o.name).join(', ')}`);
    }
  }
  const str = (name: string): string => (raw.get(name) ?? OPTION_BY_NAME.get(name)?.default ?? '').trim();
  const list = (name: string): string[] => splitList(raw.get(name) ?? '', OPTION_BY_NAME.get(name)?.newlineOnly ?? false);
  const bool = (name: string): boolean => parseBool(name, str(name));

  const context = path.resolve(cwd, str('context') || '.');
  if (!existsSync(context) || !statSync(context).isDirectory()) {
    throw new ConfigError(
      'context',
      `"${str('context')}" is not a directory (resolved to ${context})`,
      'point it at the folder that holds your Dockerfile',
    );
  }
  const file = str('file') ? path.resolve(cwd, str('file')) : path.join(context, 'Dockerfile');
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new ConfigError('file', `no Dockerfile at ${file}`, 'create it, or set the Dockerfile path');
  }

  const registryIn = str('registry') || DOCKER_HUB;
  if (!isRegistryHost(registryIn)) {
    throw new ConfigError(
      'registry',
      `"${registryIn}" is not a registry host`,
      'write a host such as docker.io, ghcr.io or localhost:5000',
    );
  }
  const registry = isDockerHub(registryIn) ? DOCKER_HUB : registryIn;
  const image = str('image') || defaultImage(env, context);
  if (!isRepository(image)) {
    throw new ConfigError(
      'image',
      `"${image}" is not a valid repository name`,
      'use lower-case path parts such as mozilla/app, without registry or tag',
    );
  }

  const tags = list('tags').map((entry) => {
    const ref = parseTagEntry(entry, registry, image);
    if (!ref) {
      throw new ConfigError(
        'tags',
        `"${entry}" is neither a tag nor a full image reference`,
        'write a tag such as v1.2 or a ref such as docker.io/org/app:v1.2',
      );
    }
    return formatRef(ref);
  });

  const services = list('services').map((line): ServiceSpec => {
    const [head = '', ...envWords] = line.split(/\s+/);
    const m = /^([a-z0-9][a-z0-9_.-]*)=(\S+)$/.exec(head);
    if (!m) {
      throw new ConfigError(
        'services',
        `"${head}" is not NAME=IMAGE`,
        'write one sidecar per line, e.g. db=postgres:16 POSTGRES_PASSWORD=pw',
      );
    }
    return { name: m[1]!, image: m[2]!, env: parseKeyValues('services', envWords, 'KEY=VALUE after the image') };
  });

  const checksIgnore = new Set<RuleId>();
  for (const id of list('checks-ignore').map((s) => s.toUpperCase())) {
    if (!isRuleId(id)) throw new ConfigError('checks-ignore', `"${id}" is not a rule ID`, 'use IDs from docs/rules.md, e.g. DF104');
    checksIgnore.add(id);
  }

  const staticPaths = list('static-paths');
  for (const p of staticPaths) {
    if (!p.startsWith('/'))
      throw new ConfigError('static-paths', `"${p}" is not a URL path`, 'start each path with "/", e.g. /static/app.css');
  }

  const platforms = list('platforms');
  if (platforms.length > 1) {
    throw new ConfigError(
      'platforms',
      `${platforms.length} platforms given`,
      'give one: the image is loaded and run on this machine to be tested',
    );
  }

  const tagPolicy = [...new Set(list('tag-policy').map((s) => s.toLowerCase()))].map((entry) =>
    oneOf('tag-policy', entry, TAG_POLICY_ENTRIES),
  );

  const retention = str('retention-days');
  return {
    context,
    file,
    image,
    registry,
    tags,
    labels: parseKeyValues('labels', list('labels')),
    buildArgs: parseKeyValues('build-args', list('build-args')),
    target: str('target'),
    noCache: bool('no-cache'),
    pull: bool('pull'),
    cacheFrom: list('cache-from'),
    cacheTo: list('cache-to'),
    platforms,
    provenance: attestation('provenance', str('provenance'), /^(builder-id|mode|version|reproducible|filename|inline-only)$/),
    sbom: attestation('sbom', str('sbom'), /^(generator|scan-context|scan-stage|filename)$/),
    secrets: parseKeyValues('secrets', list('secrets'), 'ID=VALUE'),
    port: parseIntIn('port', str('port'), 1, 65535),
    env: parseKeyValues('env', list('env')),
    envSecrets: parseKeyValues('env-secrets', list('env-secrets')),
    services,
    testCommand: splitCommand('test-command', str('test-command')),
    staticPaths,
    startupTimeoutMs: parseIntIn('startup-timeout', str('startup-timeout'), 1, 3600) * 1000,
    checksIgnore,
    failOn: oneOf('fail-on', str('fail-on'), ['error', 'warning'] as const),
    mozlog: oneOf('mozlog', str('mozlog'), ['off', 'warn', 'require'] as const),
    version: raw.has('version') && str('version') !== '' ? str('version') : null,
    push: oneOf('push', str('push'), ['auto', 'true', 'false'] as const),
    tagPolicy,
    prComment: oneOf('pr-comment', str('pr-comment').toLowerCase(), ['true', 'false', 'on-failure'] as const),
    // The action's default `${{ github.token }}` is filled in by the runner; taken literally it is no token.
    githubToken: (raw.get('github-token') ?? '').trim().startsWith('${{') ? '' : (raw.get('github-token') ?? '').trim(),
    username: str('username'),
    password: raw.get('password') ?? '',
    uploadArtifacts: bool('upload-artifacts'),
    artifactName: validArtifactName(str('artifact-name') || 'dockerflow'),
    retentionDays: retention ? parseIntIn('retention-days', retention, 1, 90) : null,
    outDir: writableFolder(path.resolve(cwd, raw.get('out')?.trim() || defaultOutDir)),
  };
}

/** Shorter secrets cannot be masked or searched for: they would match everywhere. */
export const MIN_SECRET_LENGTH = 3;

export interface NamedSecret {
  /** Where the value came from, for messages (`build secret npm`, `env DB_PASSWORD`); never the value. */
  name: string;
  value: string;
}

/** Every secret the inputs hold, build secrets first (they are the likeliest to reach the image). */
function secretEntries(config: Config): NamedSecret[] {
  const entries = [
    ...config.secrets.map((s) => ({ name: `build secret ${s.key}`, value: s.value })),
    { name: 'password', value: config.password },
    { name: 'github-token', value: config.githubToken },
    ...config.envSecrets.map((e) => ({ name: `env-secrets ${e.key}`, value: e.value })),
  ];
  // How the login travels and is stored: `auth` in a docker config.json, and Basic Authorization headers.
  const auth = registryAuth(config);
  if (auth) entries.push({ name: 'registry login (docker config auth)', value: auth });
  const envs = [...config.env, ...config.services.flatMap((s) => s.env)];
  for (const { key, value } of envs) {
    if (isSecretName(key)) entries.push({ name: `env ${key}`, value });
    // A password inside a URL (postgres://user:pw@db/app) is a secret whatever the variable is called.
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:([^/@\s]+)@/i.exec(value);
    if (userinfo) entries.push({ name: `the password in env ${key}`, value: userinfo[1]! });
  }
  return entries.filter((e) => e.value !== '');
}

/** The secrets that can be masked and searched for, each value once, named after its first source. */
export function namedSecrets(config: Config): NamedSecret[] {
  const byValue = new Map<string, NamedSecret>();
  for (const e of secretEntries(config)) if (e.value.length >= MIN_SECRET_LENGTH && !byValue.has(e.value)) byValue.set(e.value, e);
  return [...byValue.values()];
}

/** Values that must never appear in a log, file or output: registered before any command runs. */
export function secretValues(config: Config): string[] {
  return namedSecrets(config).map((e) => e.value);
}

/** Secrets too short to mask or search for, by name: the run says so rather than pretend they are safe. */
export function unmaskableSecrets(config: Config): string[] {
  return secretEntries(config)
    .filter((e) => e.value.length < MIN_SECRET_LENGTH)
    .map((e) => e.name);
}

/** `base64(user:password)`: the `auth` of a docker config.json and the Basic Authorization header. */
export function registryAuth(config: Pick<Config, 'username' | 'password'>): string | null {
  return config.username && config.password ? Buffer.from(`${config.username}:${config.password}`).toString('base64') : null;
}

function defaultImage(env: NodeJS.ProcessEnv, context: string): string {
  if (env.GITHUB_REPOSITORY) return env.GITHUB_REPOSITORY.toLowerCase();
  return (
    path
      .basename(context)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'app'
  );
}

/** The out dir: a folder, or a path that can become one (its nearest existing parent is a writable folder). */
function writableFolder(dir: string): string {
  let existing = dir;
  while (!existsSync(existing)) existing = path.dirname(existing);
  if (!statSync(existing).isDirectory()) {
    const what = existing === dir ? 'is a file' : `cannot be made: ${existing} is a file`;
    throw new ConfigError(
      'out',
      `"${dir}" ${what}, not a folder`,
      'name a folder for the build log and report (it is created when missing)',
    );
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new ConfigError('out', `"${dir}" cannot be written: ${existing} is not writable`, 'name a folder you can write to');
  }
  return dir;
}

/**
 * A `--provenance` / `--sbom` value as build-push-action takes it: a boolean, or `key=value` pairs separated by
 * commas (`mode=max`, `mode=max,builder-id=URL`, `generator=IMAGE`).
 */
function attestation(name: string, value: string, keys: RegExp): string {
  if (value === '') return '';
  if (/^(true|false)$/i.test(value)) return value.toLowerCase();
  const pairs = value.split(',').map((p) => p.trim());
  for (const pair of pairs) {
    const [key = '', ...rest] = pair.split('=');
    if (!keys.test(key) || rest.join('=') === '' || (key === 'mode' && !/^(min|max)$/.test(rest.join('=')))) {
      throw new ConfigError(
        name,
        `"${pair}" is not a ${name} setting`,
        name === 'provenance' ? 'use false, true, mode=min or mode=max' : 'use true, false or generator=IMAGE',
      );
    }
  }
  return pairs.join(',');
}

function parseBool(name: string, value: string): boolean {
  if (/^(true|yes|1|on)$/i.test(value)) return true;
  if (/^(false|no|0|off|)$/i.test(value)) return false;
  throw new ConfigError(name, `"${value}" is not a boolean`, 'use true or false');
}

function parseIntIn(name: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(name, `"${value}" is not a whole number from ${min} to ${max}`, `use a whole number from ${min} to ${max}`);
  }
  return n;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(name, `"${value}" is not one of ${allowed.join(', ')}`, `use ${allowed.join(' or ')}`);
}

function validArtifactName(name: string): string {
  if (/["<>|*?\r\n\\/:]/.test(name)) {
    throw new ConfigError('artifact-name', `"${name}" has a character artifacts do not allow`, 'avoid " : < > | * ? \\ / and newlines');
  }
  return name;
}
