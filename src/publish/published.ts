/**
 * What a publish pushed (`Published`), the error that carries it when it failed part-way, and the push and
 * read-back of one registry's refs (`publishTo`), which the publish stage (stages/publish.ts) runs per registry.
 */
import { parseTagEntry } from '../config/image-ref.js';
import { targetPlatform, type Platform } from '../docker/platform.js';
import type { PlatformImage, RunContext } from '../run/context.js';
import { UserError } from '../config/errors.js';
import type { RegistrySession } from './login.js';
import type { PushPlan } from './policy.js';
import { pushRef } from './push.js';
import { RegistryClient } from './registry-client.js';
import { verifyPushed, type Verified } from './verify.js';

/** What the publish stage did: the refs it pushed and verified, their digests, or why it pushed nothing. */
export interface Published {
  /** Every ref pushed and read back as the image built, in order. */
  pushed: string[];
  digest: string | null;
  /** The single-platform image manifest the registry holds (the index entry when `digest` is an index). */
  manifestDigest: string | null;
  /** Why nothing was pushed although the policy said push (failed checks), when that happened. */
  reason: string | null;
  /** With several platforms: each one's manifest digest in the pushed index, by platform. */
  platformDigests: Record<string, string>;
}

export const newPublished = (): Published => ({ pushed: [], digest: null, manifestDigest: null, reason: null, platformDigests: {} });

/** A publish that failed part-way: `failure` says why, `published` what was pushed and verified before it. */
export class PublishError extends Error {
  constructor(
    readonly failure: Error,
    readonly published: Published,
  ) {
    super(failure.message);
    this.name = 'PublishError';
  }
}

/**
 * A `.catch` for a publish: what it pushed and verified before its failure goes to `keep`, and its failure on (the
 * pipeline and the merge report the partial result beside the error).
 */
export function keepPublished(keep: (published: Published) => void): (e: unknown) => never {
  return (e) => {
    if (e instanceof PublishError) {
      keep(e.published);
      throw e.failure;
    }
    throw e;
  };
}

/** The registry API client of a session: its login, every bearer token it gets masked and redacted at once. */
export function sessionClient(ctx: RunContext, session: RegistrySession): RegistryClient {
  return new RegistryClient(session.registry, { username: session.username, password: session.password }, (token) => {
    ctx.redactor.add(token);
    ctx.ui.setSecret(token);
  });
}

/** The push line of the report and summary: the policy's reason, or why its push did not happen. */
export function pushReason(plan: PushPlan, out: Published, error: string | undefined): string {
  if (out.reason) return out.reason;
  if (plan.push && out.pushed.length === 0 && error !== undefined)
    return `${plan.reason}, but the run failed before anything was pushed and verified`;
  return plan.reason;
}

/** What a pushed ref must hold, per platform: `name` '' for a one-platform image. */
export interface Expected {
  name: string;
  platform: Platform;
  configDigest: string;
  /** The platform's image manifest, when it is known before the read-back (a merge of by-digest pushes). */
  manifestDigest?: string;
}

/**
 * Push `refs` (all on the registry of `session`), then read each back and check it is the image built. Returns
 * `before` with the refs read back and verified added (a push docker reported done is not proof the registry
 * holds it); a failure throws a PublishError carrying the refs verified up to it.
 */
export async function publishTo(
  ctx: RunContext,
  session: RegistrySession,
  imageId: string,
  configDigest: string,
  refs: string[],
  before: Published,
  platforms?: readonly PlatformImage[],
): Promise<Published> {
  try {
    for (const ref of refs) await pushRef(ctx, session, imageId, ref);
  } catch (e) {
    throw new PublishError(e as Error, before);
  }
  // Several platforms: the tag names one index, read back to each platform's entry against its own config digest.
  const expected = platforms?.map((p) => ({
    name: p.platform,
    platform: targetPlatform([p.platform]),
    configDigest: p.configDigest,
  })) ?? [{ name: '', platform: targetPlatform(ctx.config.platforms), configDigest }];
  return readBack(ctx, session, refs, expected, before);
}

/**
 * Read each of `refs` back from the registry: every platform of `expected` must be in what it names, with its
 * config digest (and manifest, when given), and the tag must not move between two reads. Returns `before` with
 * the refs verified added; a failure throws a PublishError carrying those verified up to it.
 */
export async function readBack(
  ctx: RunContext,
  session: RegistrySession,
  refs: string[],
  expected: readonly Expected[],
  before: Published,
): Promise<Published> {
  const out: Published = { ...before, pushed: [...before.pushed], platformDigests: { ...before.platformDigests } };
  const client = sessionClient(ctx, session);
  try {
    for (const ref of refs) {
      const parsed = parseTagEntry(ref, session.registry, ctx.config.image);
      if (!parsed) throw new Error(`cannot parse the pushed ref ${ref}`);
      let verified: Verified | undefined;
      for (const e of expected) {
        const v = await verifyPushed(client, { ...parsed, display: ref }, e.configDigest, e.platform, (m) => ctx.ui.info(m));
        if (verified && v.digest !== verified.digest) {
          throw new UserError(
            `${ref} moved while it was read back (${verified.digest}, then ${v.digest}): another push moved the tag, re-run the job`,
          );
        }
        if (e.manifestDigest && v.manifestDigest !== e.manifestDigest) {
          throw new UserError(
            `${ref} names ${v.manifestDigest} for ${e.name}, not the tested ${e.manifestDigest}: another push moved the tag, re-run the job`,
          );
        }
        verified ??= v;
        if (e.name) {
          out.platformDigests[e.name] = v.manifestDigest;
          ctx.log.line(`verified ${ref} ${e.name}: manifest ${v.manifestDigest}, config ${v.configDigest}`);
        }
      }
      if (!verified) throw new Error(`nothing to verify ${ref} against`);
      ctx.log.line(
        `verified ${ref}: ${verified.digest === verified.manifestDigest ? 'manifest' : `index ${verified.digest}, manifest`} ${verified.manifestDigest}, config ${verified.configDigest}`,
      );
      out.pushed.push(ref);
      if (out.digest && out.digest !== verified.digest)
        ctx.ui.info(`${ref} has manifest digest ${verified.digest} (first ref: ${out.digest})`);
      out.digest ??= verified.digest;
      out.manifestDigest ??= verified.manifestDigest;
    }
  } catch (e) {
    throw new PublishError(e as Error, out);
  } finally {
    await client.close();
  }
  return out;
}
