import { UserError } from '../config/errors.js';
import { errorLine } from '../exec/runner.js';
import type { RunContext } from '../pipeline/context.js';

/** Fail fast, before anything is built, when the docker CLI is missing or no engine answers it. */
export async function assertEngine(ctx: RunContext): Promise<void> {
  const r = await ctx.runner
    .run(['docker', 'version', '--format', '{{.Server.Version}}'], { allowFailure: true, quiet: true })
    .catch(() => null);
  if (!r) throw new UserError('the docker CLI is not installed or not on PATH: install Docker (or Docker Desktop) and try again');
  if (r.exitCode !== 0 || !r.stdout.trim()) {
    const why = errorLine(r.stderr);
    throw new UserError(`no Docker engine answers (${why || 'no server version'}): start dockerd or Docker Desktop, or set DOCKER_HOST`);
  }
}
