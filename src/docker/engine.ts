import { UserError } from '../config/errors.js';
import { errorLine, type Runner } from '../exec/runner.js';
import { dockerArgv } from './commands.js';

/**
 * The oldest Docker Engine this tool supports: what GitHub's ubuntu-22.04 and ubuntu-24.04 runners ship, and the
 * only major version its tests run on (28.5, classic and containerd image stores; docs/engines.md). Older engines
 * differ in what `docker save` writes, how `--load` treats attestations and what BuildKit can check.
 */
export const MIN_ENGINE = { major: 28, minor: 0 } as const;

/** `28.5.2+dfsg4` → [28, 5]; null for a version that is not numbered (a development build). */
export function engineVersion(version: string): [number, number] | null {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** The one-line refusal for an engine below MIN_ENGINE, or null when it is new enough (or not numbered). */
export function tooOld(version: string): string | null {
  const v = engineVersion(version);
  if (!v) return null;
  const [major, minor] = v;
  if (major > MIN_ENGINE.major || (major === MIN_ENGINE.major && minor >= MIN_ENGINE.minor)) return null;
  return `Docker Engine ${version.trim()} is older than ${MIN_ENGINE.major}.${MIN_ENGINE.minor}, the oldest this tool supports: upgrade the engine (GitHub's runners ship 28) or point DOCKER_HOST at a newer one`;
}

/** Fail fast, before anything is built, when the docker CLI is missing, no engine answers it, or it is too old. */
export async function assertEngine(runner: Runner): Promise<void> {
  const r = await runner.run(dockerArgv.serverVersion(), { allowFailure: true, quiet: true }).catch(() => null);
  if (!r) throw new UserError('the docker CLI is not installed or not on PATH: install Docker (or Docker Desktop) and try again');
  if (r.exitCode !== 0 || !r.stdout.trim()) {
    const why = errorLine(r.stderr);
    throw new UserError(`no Docker engine answers (${why || 'no server version'}): start dockerd or Docker Desktop, or set DOCKER_HOST`);
  }
  const old = tooOld(r.stdout);
  if (old) throw new UserError(old);
}
