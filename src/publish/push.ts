import { UserError } from '../config/errors.js';
import { pushArgv, tagArgv } from '../docker/registry-argv.js';
import type { RunContext } from '../run/context.js';
import { failureText, type RegistrySession } from './login.js';
import { classifyFailure, RetriesExhausted, retryRegistry } from './retry.js';

/** How long the retries of one push may take in all (docker's own included). */
export const PUSH_BUDGET_MS = 60_000;

/**
 * `docker push` one ref of the built image, retrying transient failures (connection reset or refused, EOF, 5xx,
 * 429, timeouts) with exponential backoff; an authentication refusal stops at once.
 */
export async function pushRef(ctx: RunContext, session: RegistrySession, imageId: string, ref: string): Promise<void> {
  // Through the session's runner: its DOCKER_CONFIG holds the login.
  await session.runner.run(tagArgv(imageId, ref));
  ctx.ui.info(`Pushing ${ref}`);
  try {
    await retryRegistry(`docker push ${ref}`, () => session.runner.run(pushArgv(ref)), {
      say: (line) => ctx.ui.info(line),
      why: failureText,
      // docker push retries each layer itself (about 50 s on a registry that fails every request): ours only
      // add attempts that fit in about a minute, so a failing registry is given up on in one.
      budgetMs: PUSH_BUDGET_MS,
    });
  } catch (e) {
    if (e instanceof RetriesExhausted) {
      throw new UserError(
        `docker push ${ref} failed ${e.attempts === 1 ? 'after docker retried it for ' + Math.round(e.elapsedMs / 1000) + ' s' : `${e.attempts} times`} (last: ${failureText(e.last)}): registry ${session.registry} is unreachable or failing; re-run the job later`,
      );
    }
    const why = failureText(e);
    if (classifyFailure(why) === 'auth') {
      throw new UserError(
        `registry ${session.registry} refused the push of ${ref} by user ${session.username} (${why}): check that the repository exists and that the token has write access to it`,
      );
    }
    throw new UserError(`docker push ${ref} failed: ${why}; the full output is in build.log`);
  }
}
