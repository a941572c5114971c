import { readFileSync } from 'node:fs';
import { UserError } from '../config/errors.js';
import { parseTagEntry } from '../config/image-ref.js';
import type { Built, PlatformImage, Prepared, RunContext } from '../run/context.js';
import { existingSession, refHost, sessionFor, type RegistrySession } from '../publish/login.js';
import { hubApiUrl, hubTargets, updateHubDescription } from '../publish/hub-description.js';
import type { PushPlan } from '../publish/policy.js';
import { pushRef } from '../publish/push.js';
import { RegistryClient } from '../publish/registry-client.js';
import { targetPlatform } from '../docker/platform.js';
import { verifyPushed, type Verified } from '../publish/verify.js';
import { failsRun, type CheckResult } from '../rules/catalogue.js';

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

/** The push line of the report and summary: the policy's reason, or why its push did not happen. */
export function pushReason(plan: PushPlan, out: Published, error: string | undefined): string {
  if (out.reason) return out.reason;
  if (plan.push && out.pushed.length === 0 && error !== undefined)
    return `${plan.reason}, but the run failed before anything was pushed and verified`;
  return plan.reason;
}

/**
 * Push every planned ref, then read each back from the registry and confirm it is the image in
 * docker-image-shasum256.txt. Nothing is pushed unless every rule at or above `fail-on` passed. Returns what was
 * pushed and verified; a failure throws a PublishError that carries what was, before it (a failed second push
 * still reports the first).
 */
export async function publish(
  ctx: RunContext,
  prepared: Prepared,
  built: Built,
  checks: CheckResult[],
  session: RegistrySession | null,
  shasumFile: string,
): Promise<Published> {
  const out = newPublished();
  try {
    await publishInto(ctx, prepared, built, checks, session, shasumFile, out);
  } catch (e) {
    throw new PublishError(e as Error, out);
  }
  return out;
}

async function publishInto(
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
  const configDigest = readFileSync(shasumFile, 'utf8').trim();
  if (configDigest !== built.configDigest) {
    throw new Error(`docker-image-shasum256.txt holds ${configDigest}, the build made ${built.configDigest}`);
  }

  // Refs by registry, in the order given: each registry is pushed and verified on its own, so one failing
  // does not hide what the others got.
  const byRegistry = new Map<string, string[]>();
  for (const ref of plan.refs) byRegistry.set(refHost(ref), [...(byRegistry.get(refHost(ref)) ?? []), ref]);
  const failures: { registry: string; error: Error }[] = [];
  for (const [registry, refs] of byRegistry) {
    try {
      const login = (session && sessionFor(session, registry)) ?? (await existingSession(ctx, session, registry));
      if (!login) throw new UserError(`the run is not logged in to ${registry}, so ${refs.join(', ')} cannot be pushed`);
      await publishTo(ctx, login, built.imageId, configDigest, refs, out, built.platforms);
    } catch (e) {
      if (byRegistry.size === 1) throw e;
      failures.push({ registry, error: e as Error });
    }
  }
  if (failures.length > 0) {
    const ok = [...byRegistry.keys()].filter((r) => !failures.some((f) => f.registry === r));
    const failed = failures.map((f) => `${f.registry}: ${f.error.message}`).join('; ');
    const got =
      ok.length > 0 ? `; ${ok.join(', ')} got ${out.pushed.filter((r) => ok.includes(refHost(r))).join(', ')} (pushed and verified)` : '';
    throw new UserError(`publishing to ${failures.map((f) => f.registry).join(' and ')} failed (${failed})${got}`);
  }
  ctx.ui.info(`Pushed and verified ${out.pushed.join(', ')} (${out.digest})`);
  if (ctx.config.hubDescription || ctx.config.hubShortDescription) await describeOnHub(ctx, prepared, session, out.pushed);
}

/**
 * Push `refs` (all on the registry of `session`), then read each back and check it is the image built. `pushed`
 * lists only refs read back and verified: a push docker reported done is not proof the registry holds it.
 */
async function publishTo(
  ctx: RunContext,
  session: RegistrySession,
  imageId: string,
  configDigest: string,
  refs: string[],
  out: Published,
  platforms?: PlatformImage[],
): Promise<void> {
  for (const ref of refs) await pushRef(ctx, session, imageId, ref);
  const client = new RegistryClient(session.registry, { username: session.username, password: session.password }, (token) => {
    ctx.redactor.add(token);
    ctx.ui.setSecret(token);
  });
  // Every platform built is read back through the index the tag names, each against its own config digest.
  const expected = platforms?.map((p) => ({ name: p.platform, platform: targetPlatform([p.platform]), configDigest: p.configDigest })) ?? [
    { name: '', platform: targetPlatform(ctx.config.platforms), configDigest },
  ];
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
  } finally {
    await client.close();
  }
}

/**
 * Docker Hub's repository description, after a verified push to docker.io, when asked for: never on pull
 * requests, and a failure is a warning (the image is pushed; the description is not worth failing the run).
 */
async function describeOnHub(ctx: RunContext, prepared: Prepared, session: RegistrySession | null, pushed: string[]): Promise<void> {
  const { hubDescription, hubShortDescription } = ctx.config;
  const { repositories, skip } = hubTargets(pushed, ctx.config.image, !!prepared.git.pullRequest);
  if (skip) {
    ctx.ui.info(`hub-description: ${skip}`);
    return;
  }
  const hub = (session && sessionFor(session, 'docker.io')) ?? (await existingSession(ctx, session, 'docker.io'));
  if (!hub?.password) {
    ctx.ui.warning("hub-description: no docker.io username/password to log in to Docker Hub's API with, so the description is not updated");
    return;
  }
  const fullDescription = hubDescription ? readFileSync(hubDescription, 'utf8') : undefined;
  for (const repository of repositories) {
    const result = await updateHubDescription({
      apiUrl: hubApiUrl(ctx.env),
      username: hub.username,
      password: hub.password,
      repository,
      fullDescription,
      shortDescription: hubShortDescription || undefined,
      onSecret: (token) => {
        ctx.redactor.add(token);
        ctx.ui.setSecret(token);
      },
    });
    if (result.ok) ctx.ui.info(`Updated the Docker Hub description of ${repository}`);
    else ctx.ui.warning(`hub-description: ${result.error}`);
  }
}
