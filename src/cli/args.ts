import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config/errors.js';
import { OPTIONS, cliFlag, type OptionSpec } from '../config/options.js';

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
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  for (const o of CLI_OPTIONS) {
    const v = values[o.flag ?? o.name];
    if (v === undefined || o.name === 'password-stdin') continue;
    raw.set(o.name, Array.isArray(v) ? v.join('\n') : String(v));
  }
  const [command = null, ...extra] = parsed.positionals;
  if (extra.length > 0) throw new ConfigError('usage', `unexpected argument "${extra[0]}"`, 'see dockerflow --help');
  return { command, help: values.help === true, quiet: values.quiet === true, passwordStdin: values['password-stdin'] === true, raw };
}

/** The flag a user typed for an input name, for error messages. */
export function flagFor(input: string): string {
  const spec = OPTIONS.find((o) => o.name === input);
  return spec ? cliFlag(spec) : input === 'usage' ? 'usage' : `--${input}`;
}

function flagLine(o: OptionSpec): string {
  const arg = o.kind === 'boolean' ? '' : o.kind === 'list' ? (o.newlineOnly ? ' K=V' : ' VALUE') : ' VALUE';
  const name = `${cliFlag(o)}${arg}${o.kind === 'list' ? ' (repeatable)' : ''}`;
  return `  ${name.padEnd(34)} ${o.description}${o.default ? ` [default: ${o.default}]` : ''}`;
}

export function helpText(): string {
  return [
    'Usage: dockerflow run [options]',
    '',
    'Build the image in --context, inject version.json, check it against the Dockerflow rules, run and',
    'probe the container, run its tests and (with --push true) push it: the same pipeline as the GitHub Action.',
    '',
    'Options:',
    ...CLI_OPTIONS.map(flagLine),
    `  ${'-q, --quiet'.padEnd(34)} Do not stream build and command output`,
    `  ${'-h, --help'.padEnd(34)} Show this help`,
    '',
    'Exit status: 0 the verdict is pass, 1 it is fail, 2 bad usage, 130 interrupted (SIGINT/SIGTERM).',
    'Example: dockerflow run --context sample-app --service "db=postgres:15 POSTGRES_PASSWORD=pw" \\',
    '           --env DATABASE_URL=postgres://postgres:pw@db/postgres --test-command test',
    '',
  ].join('\n');
}
