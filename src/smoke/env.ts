import type { KeyValue } from '../config/parse-lines.js';
import { envArgs, type EnvArgs } from '../docker/run-argv.js';
import type { RunContext } from '../run/context.js';
import { isSecretEntry } from '../secrets/names.js';

/**
 * `--env` arguments for entries of the `env` or `services` inputs: an entry that is secret by the one rule
 * (src/secrets/names.ts), or whose value holds a registered secret, travels in the run's private env file.
 */
export function containerEnv(ctx: RunContext, entries: readonly KeyValue[], secret: ReadonlySet<KeyValue> = new Set()): EnvArgs {
  return envArgs(
    entries,
    (e) => secret.has(e) || isSecretEntry(e.key, e.value) || ctx.redactor.leaks(e.value),
    (file) => ctx.runner.envFile(file),
  );
}

/** The app's runtime environment (the app itself and its test command): `env`, then `env-secrets` (all secret). */
export function appEnv(ctx: RunContext): EnvArgs {
  return containerEnv(ctx, [...ctx.config.env, ...ctx.config.envSecrets], new Set(ctx.config.envSecrets));
}
