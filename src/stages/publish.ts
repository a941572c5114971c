import { readFileSync } from 'node:fs';
import { UserError } from '../config/errors.js';
import type { Built, Prepared, RunContext } from '../run/context.js';
import { existingSession, refHost, refsByRegistry, sessionFor, type RegistrySession } from '../publish/login.js';
import { pushByDigest } from '../publish/by-digest.js';
import { describeOnHub } from '../publish/hub-description.js';
import { newPublished, publishTo, PublishError, type Published } from '../publish/published.js';
import { failsRun, type CheckResult } from '../rules/catalogue.js';

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
  const { plan } = prepared;
  let out = newPublished();
  if (!plan.push) return out;
  const failing = checks.filter((c) => failsRun(c, ctx.config.failOn)).map((c) => c.id);
  if (failing.length > 0) {
    const reason = `${failing.join(', ')} failed: nothing is pushed unless every rule at or above fail-on (${ctx.config.failOn}) passes`;
    ctx.ui.info(`Not pushing: ${reason}`);
    return { ...out, reason };
  }
  const configDigest = readFileSync(shasumFile, 'utf8').trim();
  if (configDigest !== built.configDigest) {
    throw new PublishError(new Error(`docker-image-shasum256.txt holds ${configDigest}, the build made ${built.configDigest}`), out);
  }

  // Refs by registry, in the order given: each registry is pushed and verified on its own, so one failing
  // does not hide what the others got.
  const byRegistry = refsByRegistry(plan.refs);
  const failures: { registry: string; error: Error }[] = [];
  for (const [registry, refs] of byRegistry) {
    try {
      const login = (session && sessionFor(session, registry)) ?? (await existingSession(ctx, session, registry));
      if (!login) throw new UserError(`the run is not logged in to ${registry}, so ${refs.join(', ')} cannot be pushed`);
      out = plan.byDigest
        ? await pushByDigest(ctx, login, built, refs, out)
        : await publishTo(ctx, login, built.imageId, configDigest, refs, out, built.platforms);
    } catch (e) {
      // What this registry got before its failure counts with what the others got.
      if (e instanceof PublishError) out = e.published;
      const error = e instanceof PublishError ? e.failure : (e as Error);
      if (byRegistry.size === 1) throw new PublishError(error, out);
      failures.push({ registry, error });
    }
  }
  if (failures.length > 0) {
    const ok = [...byRegistry.keys()].filter((r) => !failures.some((f) => f.registry === r));
    const failed = failures.map((f) => `${f.registry}: ${f.error.message}`).join('; ');
    const got =
      ok.length > 0 ? `; ${ok.join(', ')} got ${out.pushed.filter((r) => ok.includes(refHost(r))).join(', ')} (pushed and verified)` : '';
    throw new PublishError(new UserError(`publishing to ${failures.map((f) => f.registry).join(' and ')} failed (${failed})${got}`), out);
  }
  ctx.ui.info(
    `Pushed and verified ${out.pushed.join(', ')}${plan.byDigest ? ', untagged: dockerflow merge tags them' : ` (${out.digest})`}`,
  );
  if (plan.byDigest) return out;
  if (ctx.config.hubDescription || ctx.config.hubShortDescription) {
    try {
      await describeOnHub(ctx, prepared, session, out.pushed);
    } catch (e) {
      throw new PublishError(e as Error, out);
    }
  }
  return out;
}
