import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { isRuleId, type RuleId } from '../rules/catalogue.js';
import { isDockerCliVariable, secretParts } from '../secrets/names.js';
import { ConfigError } from './errors.js';
import { DOCKER_HUB, isRegistryHost, isRepository, normalRegistry, parseTagEntry, formatRef } from './image-ref.js';

/** `[host[:port]/]path[:tag][@sha256:…]`, as `docker run` takes it (not an option, not a URL). */
function isImageReference(s: string): boolean {
  const m = /^(?:([^/]+)\/)?([^:@]+(?:\/[^:@]+)*)(?::([^@/]+))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(s);
  if (!m || s.startsWith('-') || s.length > 255) return false;
  const [, first, rest = '', tag] = m;
  const host = first && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : null;
  const repo = host ? rest : first ? `${first}/${rest}` : rest;
  if (host && !isRegistryHost(host)) return false;
  if (!isRepository(repo)) return false;
  return tag === undefined || /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag);
}
import { OPTIONS, OPTION_BY_NAME } from './options.js';
import { parseKeyValues, splitCommand, splitList, type KeyValue } from './parse-lines.js';

/** `by-digest`: as `auto` decides (forced outside CI), but untagged, by digest, for `dockerflow merge` to tag. */
export type PushMode = 'auto' | 'true' | 'false' | 'by-digest';
export type MozlogMode = 'off' | 'warn' | 'require';
/** Opt-in extra tags (src/publish/policy.ts): `sha-<short>`, a same-repository PR's `pr-<N>`, semver expansion. */
export type TagPolicyEntry = 'sha' | 'pr' | 'semver';
export type PrCommentMode = 'true' | 'false' | 'on-failure';
export const TAG_POLICY_ENTRIES: readonly TagPolicyEntry[] = ['sha', 'pr', 'semver'];

/** One registry's login, from the username/password inputs or an entry of `registry-auth`. */
export interface RegistryCredential {
  registry: string;
  username: string;
  password: string;
}

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
  /** Target platforms (`os/arch[/variant]`), in the order given; empty: the engine's own. Several need the containerd image store. */
  platforms: string[];
  /** The platforms the test command (DF401) runs on: every one of `platforms` unless `test-platforms` narrows it. */
  testPlatforms: string[];
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
  /** DF106: scan the layers this build wrote, or every layer. */
  secretScan: 'new' | 'all';
  mozlog: MozlogMode;
  version: string | null;
  push: PushMode;
  /** The action's merge step: reports (or folders of them) of `push: by-digest` runs to tag as one index; empty: a run. */
  merge: string[];
  tagPolicy: TagPolicyEntry[];
  /** The sticky PR comment (src/github/pr-comment.ts): on every PR run, never, or when the run fails. */
  prComment: PrCommentMode;
  /** Token for the PR comment; empty outside Actions (the action's default is the job's own token). */
  githubToken: string;
  username: string;
  password: string;
  /** `registry-auth` entries: further registries to log in to (docker/login-action's form). */
  registryAuth: RegistryCredential[];
  /** File whose text becomes the Docker Hub repository description after a verified push; null when not set. */
  hubDescription: string | null;
  hubShortDescription: string;
  uploadArtifacts: boolean;
  artifactName: string;
  retentionDays: number | null;
  outDir: string;
  /** The app must stay up this long after it started before DF208 can pass (0: through the checks only). */
  minUptimeMs: number;
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
  /**
   * Entries the CLI read from the caller's environment or from files (`--secret id=X,env=VAR`,
   * `--env-secret NAME`, `--env-file FILE`), appended after the option's own lines: values that never were
   * in anyone's argv, and may span lines.
   */
  resolved?: Partial<Record<'secrets' | 'env' | 'env-secrets' | 'build-args', KeyValue[]>>;
}

export function parseConfig({ raw, env, cwd, defaultOutDir, resolved = {} }: ConfigSources): Config {
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
  // The merge step builds nothing (it reads the git context of `context` only): its reports must exist instead.
  const merge = list('merge').map((p) => path.resolve(cwd, p));
  for (const p of merge) {
    if (!existsSync(p)) {
      throw new ConfigError(
        'merge',
        `${p} does not exist`,
        'give the dockerflow-report.json of each by-digest run, or a folder holding them',
      );
    }
  }
  if (merge.length === 0 && (!existsSync(file) || !statSync(file).isFile())) {
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
  const registry = normalRegistry(registryIn);
  const image = str('image') || defaultImage(env, context);
  if (!isRepository(image)) {
    throw new ConfigError(
      'image',
      `"${image}" is not a valid repository name`,
      'use lower-case path parts such as mozilla/app, without registry or tag',
    );
  }
  // distribution/reference: a name (registry included) is at most 255 characters; docker fails late otherwise.
  const fullName = `${registry}/${image}`;
  if (fullName.length > 255) {
    throw new ConfigError(
      'image',
      `"${image.slice(0, 40)}…" makes an image name of ${fullName.length} characters (with the registry), over the 255 that registries accept`,
      'use a shorter repository name',
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
    const [, name = '', image = ''] = m;
    // `db=--privileged` would reach `docker run` as an option, not an image.
    if (!isImageReference(image)) {
      throw new ConfigError(
        'services',
        `the image of service "${name}" is "${image}", which is not an image reference${image.startsWith('-') ? ' (docker run would read it as an option)' : ''}`,
        'write NAME=IMAGE with an image such as postgres:16 or ghcr.io/org/db:1',
      );
    }
    return { name, image, env: parseKeyValues('services', envWords, 'KEY=VALUE after the image') };
  });
  const seenServices = new Set<string>();
  for (const s of services) {
    if (seenServices.has(s.name)) {
      throw new ConfigError(
        'services',
        `service name "${s.name}" is given twice`,
        'give each sidecar its own name (it is also its host name on the run network)',
      );
    }
    seenServices.add(s.name);
  }

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

  const platforms = parsePlatforms(list('platforms'));
  const testPlatforms = parseTestPlatforms(list('test-platforms'), platforms);

  const registryAuth = parseRegistryAuth(raw.get('registry-auth') ?? '', str('username') || raw.get('password') ? registry : null);
  const hubFile = str('hub-description');
  const hubDescription = hubFile ? path.resolve(cwd, hubFile) : null;
  if (hubDescription && (!existsSync(hubDescription) || !statSync(hubDescription).isFile())) {
    throw new ConfigError('hub-description', `no file at ${hubDescription}`, 'name a file in the repository, e.g. README.md');
  }
  const hubShortDescription = str('hub-short-description');
  if (hubShortDescription.length > HUB_SHORT_DESCRIPTION_MAX) {
    throw new ConfigError(
      'hub-short-description',
      `is ${hubShortDescription.length} characters long`,
      `Docker Hub takes at most ${HUB_SHORT_DESCRIPTION_MAX}: shorten it`,
    );
  }

  // A forced push needs credentials; say so before anything is built. (A pull request from a fork never pushes,
  // whatever push says: the plan decides then.)
  const push = oneOf('push', str('push'), ['auto', 'true', 'false', 'by-digest'] as const);
  const username = str('username');
  const password = raw.get('password') ?? '';
  // (registry-auth credentials are checked per registry when the push is planned.)
  if (push === 'true' && (!username || !password) && registryAuth.length === 0 && !/^pull_request/.test(env.GITHUB_EVENT_NAME ?? '')) {
    const missing = !username && !password ? 'username and password' : !username ? 'username' : 'password';
    throw new ConfigError(
      !username ? 'username' : 'password',
      `push is true but no ${missing} is given`,
      env.GITHUB_ACTIONS === 'true'
        ? 'pass username and password from repository secrets, or set push: false'
        : 'pass --username and --password-stdin, or --push false',
    );
  }

  const tagPolicy = [...new Set(list('tag-policy').map((s) => s.toLowerCase()))].map((entry) =>
    oneOf('tag-policy', entry, TAG_POLICY_ENTRIES),
  );

  const retention = str('retention-days');
  const config: Config = {
    context,
    file,
    image,
    registry,
    tags,
    labels: parseKeyValues('labels', list('labels')),
    buildArgs: [...parseKeyValues('build-args', list('build-args')), ...(resolved['build-args'] ?? [])],
    target: str('target'),
    noCache: bool('no-cache'),
    pull: bool('pull'),
    cacheFrom: list('cache-from'),
    cacheTo: list('cache-to'),
    platforms,
    testPlatforms,
    provenance: attestation('provenance', str('provenance'), /^(builder-id|mode|version|reproducible|filename|inline-only)$/),
    sbom: attestation('sbom', str('sbom'), /^(generator|scan-context|scan-stage|filename)$/),
    secrets: [...parseKeyValues('secrets', list('secrets'), 'ID=VALUE'), ...(resolved.secrets ?? [])],
    port: parseIntIn('port', str('port'), 1, 65535),
    env: [...parseKeyValues('env', list('env')), ...(resolved.env ?? [])],
    envSecrets: [...parseKeyValues('env-secrets', list('env-secrets')), ...(resolved['env-secrets'] ?? [])],
    services,
    testCommand: splitCommand('test-command', str('test-command')),
    staticPaths,
    startupTimeoutMs: parseIntIn('startup-timeout', str('startup-timeout'), 1, 3600) * 1000,
    checksIgnore,
    failOn: oneOf('fail-on', str('fail-on'), ['error', 'warning'] as const),
    secretScan: oneOf('secret-scan', str('secret-scan'), ['new', 'all'] as const),
    mozlog: oneOf('mozlog', str('mozlog'), ['off', 'warn', 'require'] as const),
    version: raw.has('version') && str('version') !== '' ? str('version') : null,
    push,
    username,
    password,
    registryAuth,
    hubDescription,
    hubShortDescription,
    tagPolicy,
    prComment: oneOf('pr-comment', str('pr-comment').toLowerCase(), ['true', 'false', 'on-failure'] as const),
    // The action's default `${{ github.token }}` is filled in by the runner; taken literally it is no token.
    githubToken: (raw.get('github-token') ?? '').trim().startsWith('${{') ? '' : (raw.get('github-token') ?? '').trim(),
    merge,
    uploadArtifacts: bool('upload-artifacts'),
    artifactName: validArtifactName(str('artifact-name') || 'dockerflow'),
    retentionDays: retention ? parseIntIn('retention-days', retention, 1, 90) : null,
    outDir: writableFolder(
      raw.get('out')?.trim() ? path.resolve(cwd, raw.get('out')!.trim()) : outsideContext(path.resolve(cwd, defaultOutDir), context),
    ),
    minUptimeMs: parseIntIn('min-uptime', str('min-uptime') || '5', 0, 3600) * 1000,
  };
  checkSecretTransport(config);
  return config;
}

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

/**
 * `platforms`: one value is passed to the build as given (as before); several must each be `os/arch[/variant]`,
 * given once each. Whether the engine can hold several in one image (the containerd image store) is asked by the
 * build stage, which knows the engine.
 */
export function parsePlatforms(values: string[]): string[] {
  if (values.length <= 1) return values;
  const seen = new Set<string>();
  for (const v of values) {
    if (!PLATFORM.test(v)) {
      throw new ConfigError('platforms', `"${v}" is not a platform`, 'write each as os/arch[/variant], e.g. linux/amd64,linux/arm64');
    }
    if (seen.has(v)) throw new ConfigError('platforms', `"${v}" is given twice`, 'give each platform once');
    seen.add(v);
  }
  return values;
}

/** `test-platforms`: a subset of `platforms` (every one when empty). */
export function parseTestPlatforms(values: string[], platforms: string[]): string[] {
  if (values.length === 0) return platforms;
  for (const v of values) {
    if (!platforms.includes(v)) {
      throw new ConfigError(
        'test-platforms',
        `"${v}" is not one of the platforms built (${platforms.join(', ') || "the engine's own"})`,
        'name platforms listed in platforms, or leave test-platforms empty to test every one',
      );
    }
  }
  return [...new Set(values)];
}

/**
 * Secrets that would have to travel in the docker CLI's own environment under a name the docker CLI reads
 * (a secret build arg `DOCKER_AUTH_CONFIG`, a multi-line `env-secrets` entry `DOCKER_HOST`) are refused: they
 * would change which daemon, config or proxy docker uses. Single-line container variables go in an env file
 * and are never refused.
 */
function checkSecretTransport(config: Config): void {
  for (const a of secretBuildArgs(config)) {
    if (isDockerCliVariable(a.key)) {
      throw new ConfigError(
        'build-args',
        `${a.key} holds a secret, and a secret build arg is passed to docker by name from its environment, where ${a.key} would change what docker itself does`,
        `pass it as a build secret instead (secrets: ${a.key.toLowerCase()}=…, read with RUN --mount=type=secret,id=${a.key.toLowerCase()})`,
      );
    }
  }
  const multiLine = [
    ...config.envSecrets.map((e) => ['env-secrets', e] as const),
    ...config.env.filter((e) => secretParts(e.key, e.value).length > 0).map((e) => ['env', e] as const),
    ...config.services.flatMap((s) => s.env.filter((e) => secretParts(e.key, e.value).length > 0).map((e) => ['services', e] as const)),
  ];
  for (const [input, e] of multiLine) {
    if (/[\r\n]/.test(e.value) && isDockerCliVariable(e.key)) {
      throw new ConfigError(
        input,
        `${e.key} holds a multi-line secret, which docker can only take by name from its own environment, where ${e.key} would change what docker itself does`,
        `rename the variable (the app can read ${e.key} from another name) or make the value one line (base64)`,
      );
    }
  }
}

/** Whether `p` is `dir` or inside it. */
export function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The default out dir, unless it lies in the build context (the CLI run from the app's folder with
 * `--context .`): there a `COPY . /app` would take the last run's files into the image and change its layer on
 * every run. Then one folder per context under the system temp folder, the same on every run.
 */
export function outsideContext(dir: string, context: string): string {
  if (!isInside(dir, context)) return dir;
  const id = createHash('sha256').update(context).digest('hex').slice(0, 8);
  return path.join(os.tmpdir(), 'dockerflow-out', `${path.basename(context) || 'root'}-${id}`);
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
  // One rule for env, services and build args (src/secrets/names.ts): a secret-looking name, a private key,
  // a *_DSN with userinfo, or a password inside a URL (postgres://user:pw@db/app), whatever the name.
  for (const c of config.registryAuth) {
    entries.push({ name: `registry-auth password for ${c.registry}`, value: c.password });
    const basic = registryAuth(c);
    if (basic) entries.push({ name: `registry-auth login for ${c.registry} (docker config auth)`, value: basic });
  }
  const judged: [string, KeyValue][] = [
    ...config.buildArgs.map((e): [string, KeyValue] => ['build-arg', e]),
    ...config.env.map((e): [string, KeyValue] => ['env', e]),
    ...config.services.flatMap((s) => s.env.map((e): [string, KeyValue] => [`service ${s.name} env`, e])),
  ];
  for (const [where, { key, value }] of judged)
    for (const part of secretParts(key, value))
      entries.push({ name: part.whole ? `${where} ${key}` : `the password in ${where} ${key}`, value: part.value });
  return entries.filter((e) => e.value !== '');
}

/** Build args that are secrets by the one rule: passed by name from the environment, never in argv. */
export function secretBuildArgs(config: Pick<Config, 'buildArgs'>): KeyValue[] {
  return config.buildArgs.filter((a) => secretParts(a.key, a.value).length > 0);
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

/** Docker Hub's limit for a repository's short description. */
export const HUB_SHORT_DESCRIPTION_MAX = 100;

/** Every registry login the inputs give: `registry`'s username/password first, then `registry-auth`. */
export function registryCredentials(config: Pick<Config, 'registry' | 'username' | 'password' | 'registryAuth'>): RegistryCredential[] {
  const primary =
    config.username || config.password ? [{ registry: config.registry, username: config.username, password: config.password }] : [];
  return [...primary, ...config.registryAuth];
}

/**
 * `registry-auth` as docker/login-action takes it: a YAML list of `registry` (default docker.io), `username`,
 * `password`. Error messages give the entry and line, never the text: it holds passwords. `taken` is the registry
 * the username/password inputs already log in to (an entry for it again would be ambiguous).
 */
export function parseRegistryAuth(text: string, taken: string | null): RegistryCredential[] {
  if (!text.trim()) return [];
  const fail = (what: string): never => {
    throw new ConfigError(
      'registry-auth',
      what,
      'write a YAML list, one entry per registry: "- registry: ghcr.io" then "username:" and "password:" lines indented under it',
    );
  };
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    fail(`is not valid YAML (${e.code.toLowerCase().replace(/_/g, ' ')} at line ${e.linePos?.[0]?.line ?? '?'})`);
  }
  if (!isSeq(doc.contents)) fail('is not a YAML list');
  const seen = new Set<string>(taken ? [taken] : []);
  const out: RegistryCredential[] = [];
  const items = isSeq(doc.contents) ? doc.contents.items : [];
  items.forEach((item, i) => {
    const where = `entry ${i + 1}`;
    if (!isMap(item)) fail(`${where} is not a mapping of registry, username and password`);
    const fields: Record<string, string> = {};
    for (const pair of isMap(item) ? item.items : []) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!['registry', 'username', 'password'].includes(key)) {
        fail(`${where} has the key "${key}" (only registry, username and password are read)`);
      }
      if (!isScalar(pair.value) || typeof pair.value.value === 'object') fail(`${where}: ${key} is not a plain value`);
      fields[key] = isScalar(pair.value) ? String(pair.value.value ?? '') : '';
    }
    const registryIn = (fields.registry ?? '').trim() || DOCKER_HUB;
    if (!isRegistryHost(registryIn)) fail(`${where}: "${registryIn}" is not a registry host`);
    const registry = normalRegistry(registryIn);
    if (!fields.username?.trim() || !fields.password) {
      fail(`${where} (${registry}) has no ${!fields.username?.trim() ? 'username' : 'password'}`);
    }
    if (seen.has(registry)) {
      fail(
        `${where} logs in to ${registry} again${registry === taken ? ' (the username and password inputs already do)' : ''}: keep one login per registry`,
      );
    }
    seen.add(registry);
    out.push({ registry, username: fields.username!.trim(), password: fields.password! });
  });
  return out;
}

/**
 * The passwords in a `registry-auth` text, best effort and never throwing: masked before the inputs are checked,
 * so a mistake elsewhere cannot print them.
 */
export function registryAuthPasswords(text: string): string[] {
  try {
    const value: unknown = parseDocument(text).toJS();
    if (!Array.isArray(value)) return [];
    return value.flatMap((e: unknown) =>
      e && typeof e === 'object' && typeof (e as { password?: unknown }).password === 'string'
        ? [(e as { password: string }).password]
        : [],
    );
  } catch {
    return [];
  }
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
