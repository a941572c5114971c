import { readFileSync } from 'node:fs';
import { UserError } from '../config/errors.js';
import { parseTagEntry } from '../config/image-ref.js';
import type { Built, Prepared, RunContext } from '../pipeline/context.js';
import type { RegistrySession } from '../publish/login.js';
import type { PushPlan } from '../publish/policy.js';
import { pushRef } from '../publish/push.js';
import { RegistryClient, RegistryHttpError } from '../publish/registry-client.js';
import { DEFAULT_BASE_DELAY_MS, DEFAULT_TRIES, RetriesExhausted, withRetry, type FailureKind } from '../publish/retry.js';
import { targetPlatform, verifyTag } from '../publish/verify.js';
import { failsRun, type CheckResult } from '../rules/catalogue.js';

/** What the publish stage did, filled in as it goes (a failed second push still reports the first). */
export interface Published {
  pushed: string[];
  digest: string | null;
  /** The single-platform image manifest the registry holds (the index entry when `digest` is an index). */
  manifestDigest: string | null;
  /** Why nothing was pushed although the policy said push (failed checks), when that happened. */
  reason: string | null;
}

export const newPublished = (): Published => ({ pushed: [], digest: null, manifestDigest: null, reason: null });

/** The push line of the report and summary: the policy's reason, or why its push did not happen. */
export function pushReason(plan: PushPlan, out: Published, error: string | undefined): string {
  if (out.reason) return out.reason;
  if (plan.push && out.pushed.length === 0 && error !== undefined) return `${plan.reason}, but the run failed before anything was pushed`;
  return plan.reason;
}

/**
 * Push every planned ref, then read each back from the registry and confirm it is the image in
 * docker-image-shasum256.txt. Nothing is pushed unless every rule at or above `fail-on` passed.
 */
export async function publish(
  ctx: RunContext,
  prepared: Prepared,
  built: Built,
  checks: CheckResult[],
  session: RegistrySession | null,
  shasumFile: string,
  out: Published,
): Promise<void> {
  const { plan } = prepared;
  if (!plan.push) return;
  const failing = checks.filter((c) => failsRun(c, ctx.config.failOn)).map((c) => c.id);
  if (failing.length > 0) {
    out.reason = `${failing.join(', ')} failed: nothing is pushed unless every rule at or above fail-on (${ctx.config.failOn}) passes`;
    ctx.ui.info(`Not pushing: ${out.reason}`);
    return;
  }
  if (!session) throw new Error('a push is planned but the run is not logged in');
  const configDigest = readFileSync(shasumFile, 'utf8').trim();
  if (configDigest !== built.configDigest) {
    throw new Error(`docker-image-shasum256.txt holds ${configDigest}, the build made ${built.configDigest}`);
  }

  // `pushed` lists only refs read back and verified: a push docker reported done is not proof the registry holds it.
  for (const ref of plan.refs) await pushRef(ctx, session, built.imageId, ref);

  const client = new RegistryClient(session.registry, { username: session.username, password: session.password }, (token) => {
    ctx.redactor.add(token);
    ctx.ui.setSecret(token);
  });
  const platform = targetPlatform(ctx.config.platforms);
  try {
    for (const ref of plan.refs) {
      const parsed = parseTagEntry(ref, session.registry, ctx.config.image);
      if (!parsed) throw new Error(`cannot parse the pushed ref ${ref}`);
      const verified = await withRetry(() => verifyTag(client, { ...parsed, display: ref }, configDigest, platform), {
        tries: DEFAULT_TRIES,
        baseDelayMs: DEFAULT_BASE_DELAY_MS,
        kindOf: kindOfHttp,
        onRetry: ({ attempt, tries, delayMs, error }) =>
          ctx.ui.info(
            `reading ${ref} back failed (${(error as Error).message}); retry ${attempt}/${tries - 1} in ${(delayMs / 1000).toFixed(1)} s`,
          ),
      }).catch((e: unknown) => {
        throw verifyError(ref, e);
      });
      ctx.log.line(
        `verified ${ref}: ${verified.digest === verified.manifestDigest ? 'manifest' : `index ${verified.digest}, manifest`} ${verified.manifestDigest}, config ${verified.configDigest}`,
      );
      out.pushed.push(ref);
      if (out.digest && out.digest !== verified.digest)
        ctx.ui.info(`${ref} has manifest digest ${verified.digest} (first ref: ${out.digest})`);
      out.digest ??= verified.digest;
      out.manifestDigest ??= verified.manifestDigest;
    }
  } finally {
    await client.close();
  }
  ctx.ui.info(`Pushed and verified ${out.pushed.join(', ')} (${out.digest})`);
}

function kindOfHttp(e: unknown): FailureKind {
  if (!(e instanceof RegistryHttpError)) return 'fatal';
  if (e.status === 0 || e.status === 429 || e.status >= 500) return 'transient';
  return e.status === 401 || e.status === 403 ? 'auth' : 'fatal';
}

function verifyError(ref: string, e: unknown): Error {
  if (e instanceof UserError) return e;
  const why =
    e instanceof RetriesExhausted ? `${e.attempts} attempts failed, the last with: ${(e.last as Error).message}` : (e as Error).message;
  if (e instanceof RegistryHttpError || e instanceof RetriesExhausted) {
    return new UserError(`pushed ${ref} but could not read it back to verify it: ${why}; the image is pushed, re-run to verify`);
  }
  return e as Error;
}
