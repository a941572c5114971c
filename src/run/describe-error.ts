import { ConfigError, UserError } from '../config/errors.js';
import { CommandError } from '../exec/runner.js';

/** A user-facing failure keeps its message; anything else is a bug in this tool and says so. */
export function describeError(e: unknown): string {
  if (e instanceof UserError || e instanceof ConfigError || e instanceof CommandError) return e.message;
  const err = e instanceof Error ? e : new Error(String(e));
  const at = err.stack?.split('\n')[1]?.trim() ?? '';
  return `internal error: ${err.message} (${at}); please report it at the dockerflow-action issue tracker with build.log`;
}
