import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ConfigSources } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { OPTIONS, cliFlag, type OptionSpec } from '../config/options.js';
import type { KeyValue } from '../config/parse-lines.js';
import { isSecretEntry } from '../secrets/names.js';

export const CLI_OPTIONS = OPTIONS.filter((o) => !o.actionOnly);

/** Options as `node:util` parseArgs wants them, derived from the one catalogue. */
function parseArgsOptions(): NonNullable<ParseArgsConfig['options']> {
  const opts: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean', short: 'q' } };
  for (const o of CLI_OPTIONS) {
    opts[o.flag ?? o.name] = o.kind === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple: o.kind === 'list' };
  }
  return opts;
}

export interface CliInvocation {
  command: string | null;
  help: boolean;
  quiet: boolean;
  passwordStdin: boolean;
  raw: Map<string, string>;
  /** Each repeatable flag's values, one per flag, by option name. */
  lists: Map<string, string[]>;
}

/** argv (without node and script) → raw option values keyed by option name, as the action's inputs are. */
export function parseCliArgs(argv: string[]): CliInvocation {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: parseArgsOptions(), allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]!;
    if (/--password\b/.test(msg)) throw new ConfigError('password', 'is never taken as a flag value', 'pipe it in with --password-stdin');
    throw new ConfigError('usage', msg.replace(/\. To specify.*$/, ''), 'see dockerflow --help');
  }
  const raw = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  for (const o of CLI_OPTIONS) {
    const v = values[o.flag ?? o.name];
    if (v === undefined || o.name === 'password-stdin') continue;
    if (Array.isArray(v)) lists.set(o.name, v);
    raw.set(o.name, Array.isArray(v) ? v.join('\n') : String(v));
  }
  const [command = null, ...extra] = parsed.positionals;
  if (command === 'merge') {
    // `dockerflow merge [--tag REF]... REPORT...`: the reports (or folders of them) of the by-digest runs.
    if (extra.length === 0) {
      throw new ConfigError(
        'usage',
        'merge needs the dockerflow-report.json of each by-digest run',
        'dockerflow merge --tag REF amd64-out arm64-out',
      );
    }
    raw.set('merge', extra.join('\n'));
    // Merging is asked for by name: outside CI it pushes, as --push true does (--push false only reports).
    if (!raw.has('push')) raw.set('push', 'true');
  } else if (extra.length > 0) throw new ConfigError('usage', `unexpected argument "${extra[0]}"`, 'see dockerflow --help');
  return {
    command,
    help: values.help === true,
    quiet: values.quiet === true,
    passwordStdin: values['password-stdin'] === true,
    raw,
    lists,
  };
}

/** The flag a user typed for an input name, for error messages. */
export function flagFor(input: string): string {
  const spec = OPTIONS.find((o) => o.name === input);
  // The merge step's reports are its arguments, not a flag.
  return input === 'merge' ? 'merge' : spec ? cliFlag(spec) : input === 'usage' ? 'usage' : `--${input}`;
}

function flagLine(o: OptionSpec): string {
  const arg = o.kind === 'boolean' ? '' : o.kind === 'list' ? (o.newlineOnly ? ' K=V' : ' VALUE') : ' VALUE';
  const name = `${cliFlag(o)}${arg}${o.kind === 'list' ? ' (repeatable)' : ''}`;
  return `  ${name.padEnd(34)} ${o.description}${o.default ? ` [default: ${o.default}]` : ''}`;
}

export function helpText(): string {
  return [
    'Usage: dockerflow run [options]',
    '       dockerflow merge [--tag REF]... [--image, --registry, --username, --password-stdin, --out] REPORT...',
    '',
    'Build the image in --context, inject version.json, check it against the Dockerflow rules, run and',
    'probe the container, run its tests and (with --push true) push it: the same pipeline as the GitHub Action.',
    '',
    'merge tags one index of the images that push by-digest runs (one per platform, e.g. one per native',
    "machine) pushed: each REPORT is such a run's dockerflow-report.json or its out dir. Nothing is built;",
    'every platform must have passed, and each is read back from the index. It pushes unless --push false.',
    '',
    'Options:',
    ...CLI_OPTIONS.map(flagLine),
    `  ${'-q, --quiet'.padEnd(34)} Do not stream build and command output`,
    `  ${'-h, --help'.padEnd(34)} Show this help`,
    '',
    'Secrets: a value given on the command line (--secret ID=VALUE, --env-secret K=V, --env K=V and',
    '--build-arg K=V with a secret name or URL password) is in argv, readable by other users of the machine',
    '(ps). Keep it out with --secret id=ID,env=VAR or id=ID,src=FILE, --env-secret NAME, --env NAME,',
    '--build-arg NAME (values from your environment), --env-file FILE and --password-stdin.',
    '',
    'Exit status: 0 the verdict is pass, 1 it is fail, 2 bad usage, 130 interrupted (SIGINT/SIGTERM).',
    'Example: dockerflow run --context sample-app --service "db=postgres:15 POSTGRES_PASSWORD=pw" \\',
    '           --env DATABASE_URL=postgres://postgres:pw@db/postgres --test-command test',
    '',
  ].join('\n');
}

/** Values a secret flag took on the command line, where `ps` shows them to every user of the machine. */
export interface ResolvedCli {
  resolved: NonNullable<ConfigSources['resolved']>;
  /** One warning per flag that put a secret value in argv. */
  inArgv: string[];
}

const DOCKER_SECRET_KEYS = new Set(['id', 'type', 'env', 'src', 'source', 'required']);

/** `id=npm,env=NPM_TOKEN` / `id=npm,src=FILE` (docker's --secret syntax), or null for the value form `ID=VALUE`. */
function dockerSecretSpec(spec: string): Map<string, string> | null {
  if (!/^(id|type)=/.test(spec)) return null;
  const fields = new Map<string, string>();
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim();
    if (!DOCKER_SECRET_KEYS.has(key)) return null;
    fields.set(key, part.slice(eq + 1));
  }
  return fields.has('id') ? fields : null;
}

function fromEnv(flag: string, name: string, env: NodeJS.ProcessEnv): string {
  const v = env[name];
  if (v === undefined)
    throw new ConfigError(flag, `${name} is not set in this environment`, `export ${name} before running dockerflow, or drop the flag`);
  return v;
}

function fromFile(flag: string, file: string, cwd: string): string {
  try {
    return readFileSync(path.resolve(cwd, file), 'utf8').replace(/\r?\n$/, '');
  } catch (e) {
    throw new ConfigError(
      flag,
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      'give a readable file',
    );
  }
}

/**
 * `docker run --env-file` syntax: one `KEY=VALUE` per line taken verbatim, a bare `KEY` takes the caller's value,
 * blank lines and `#` comments skipped.
 */
export function parseEnvFile(text: string, env: NodeJS.ProcessEnv, file: string): KeyValue[] {
  const out: KeyValue[] = [];
  for (const [i, raw] of text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .entries()) {
    const line = raw.trimStart();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line.trim() : line.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key))
      throw new ConfigError('env-file', `${file}:${i + 1} is not KEY=VALUE`, 'write one KEY=VALUE (or a bare KEY) per line');
    if (eq >= 0) out.push({ key, value: line.slice(eq + 1) });
    else if (env[key] !== undefined) out.push({ key, value: env[key]! });
  }
  return out;
}

/**
 * The secret flags' forms that keep values out of argv, read here: `--secret id=X,env=VAR|src=FILE`,
 * `--env-secret NAME`, `--env NAME` and `--build-arg NAME` from the caller's environment, `--env-file FILE`.
 * The value forms left in `inv.raw` are reported in `inArgv` when they hold a secret.
 */
export function resolveCliSecrets(inv: CliInvocation, env: NodeJS.ProcessEnv, cwd: string): ResolvedCli {
  const resolved: ResolvedCli['resolved'] = { secrets: [], env: [], 'env-secrets': [], 'build-args': [] };
  const inArgv: string[] = [];
  const keep = (name: string, lines: string[]): void => {
    if (lines.length) inv.raw.set(name, lines.join('\n'));
    else inv.raw.delete(name);
  };

  const secretLines: string[] = [];
  for (const spec of inv.lists.get('secrets') ?? []) {
    const f = dockerSecretSpec(spec);
    if (!f) {
      secretLines.push(spec);
      inArgv.push(`--secret ${spec.split('=')[0]}=…`);
      continue;
    }
    const id = f.get('id')!;
    const src = f.get('src') ?? f.get('source');
    const value =
      src !== undefined && f.get('type') !== 'env' ? fromFile('secrets', src, cwd) : fromEnv('secrets', f.get('env') ?? id, env);
    resolved.secrets!.push({ key: id, value });
  }
  keep('secrets', secretLines);

  const envSecretLines: string[] = [];
  for (const spec of inv.lists.get('env-secrets') ?? []) {
    if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(spec)) resolved['env-secrets']!.push({ key: spec, value: fromEnv('env-secrets', spec, env) });
    else {
      envSecretLines.push(spec);
      inArgv.push(`--env-secret ${spec.split('=')[0]}=…`);
    }
  }
  keep('env-secrets', envSecretLines);

  for (const [name, flag] of [
    ['env', '--env'],
    ['build-args', '--build-arg'],
  ] as const) {
    const lines: string[] = [];
    for (const spec of inv.lists.get(name) ?? []) {
      const eq = spec.indexOf('=');
      if (eq < 0 && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(spec.trim())) {
        resolved[name]!.push({ key: spec.trim(), value: fromEnv(name, spec.trim(), env) });
        continue;
      }
      lines.push(spec);
      if (eq > 0 && isSecretEntry(spec.slice(0, eq).trim(), spec.slice(eq + 1))) inArgv.push(`${flag} ${spec.slice(0, eq).trim()}=…`);
    }
    keep(name, lines);
  }

  for (const file of inv.lists.get('env-file') ?? [])
    resolved['env-secrets']!.push(...parseEnvFile(fromFile('env-file', file, cwd), env, file));
  inv.raw.delete('env-file');
  return { resolved, inArgv };
}

/** The warning for a secret value given on the command line (shown when stderr is not a terminal). */
export function argvWarning(flag: string): string {
  return `${flag} puts a secret value in this command's argv, where other users of the machine can read it (ps, /proc); use the forms that read it from your environment or a file (--secret id=ID,env=VAR or id=ID,src=FILE, --env-secret NAME, --env NAME, --build-arg NAME, --env-file FILE, --password-stdin)`;
}
