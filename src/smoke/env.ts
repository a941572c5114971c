import type { KeyValue } from '../config/parse-lines.js';
import { envArgs, type EnvArgs } from '../docker/run-argv.js';
import type { RunContext } from '../pipeline/context.js';
import { isSecretName } from '../secrets/names.js';

/**
 * `--env` arguments for entries of the `env` or `services` inputs: an entry whose name says "secret", or whose
 * value holds a registered secret (a password inside a URL), travels by name only.
 */
export function containerEnv(ctx: RunContext, entries: readonly KeyValue[]): EnvArgs {
  return envArgs(entries, (e) => isSecretName(e.key) || ctx.redactor.leaks(e.value));
}

/** The app's runtime environment (the app itself and its test command): `env`, then `env-secrets` by name. */
export function appEnv(ctx: RunContext): EnvArgs {
  return containerEnv(ctx, [...ctx.config.env, ...ctx.config.envSecrets]);
}
