/**
 * The merge step of a fan-out (`dockerflow merge`, the action's `merge` input, the reusable workflow's merge job):
 * read the reports of the by-digest runs (one per platform), then, when every one passed and pushed and the push
 * policy says push, tag one index of their images and verify it; one combined report either way. Nothing is built.
 */
import { UserError } from '../config/errors.js';
import { describeOnHub } from '../publish/hub-description.js';
import { existingSession, refsByRegistry, sessionFor, type RegistrySession } from '../publish/login.js';
import { mergeIndex, type PushedPlatform } from '../publish/merge.js';
import { keepPublished, newPublished, type Published } from '../publish/published.js';
import { legName, legRows, mergeBlocker, readLeg, reportFiles, type Leg } from '../report/legs.js';
import { clearPlatformShasums, outFiles, writeRedacted, writeReport, writeShasum } from '../report/out-files.js';
import { verdictOf, type Report } from '../report/report.js';
import { reportRows } from '../rules/catalogue.js';
import { describeError } from '../run/describe-error.js';
import type { Prepared, RunContext } from '../run/context.js';
import { login } from '../stages/login.js';
import { prepare } from '../stages/prepare.js';
import type { Outcome } from './pipeline.js';

export async function runMerge(run: RunContext): Promise<Outcome> {
  // The legs pushed by digest; the merge tags, as `auto` decides (the reusable workflow may pass by-digest on).
  const ctx: RunContext = run.config.push === 'by-digest' ? { ...run, config: { ...run.config, push: 'auto' } } : run;
  const files = outFiles(ctx.config.outDir);
  clearPlatformShasums(files);
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  let legs: Leg[] = [];
  let prepared: Prepared | undefined;
  let session: RegistrySession | null = null;
  let published = newPublished();
  let blocked: string | null = null;
  let error: string | undefined;
  let configError = false;
  try {
    ctx.log.section('merge');
    legs = ctx.config.merge.flatMap(reportFiles).map(readLeg);
    ctx.ui.info(`Merging the runs of ${legs.map(legName).join(', ')} (${legs.map((l) => l.file).join(', ')})`);
    prepared = await prepare(ctx);
    blocked = mergeBlocker(legs);
    if (blocked) ctx.ui.info(`Not merging: ${blocked}`);
    else if (prepared.plan.push) {
      session = await login(ctx, prepared);
      const pushed: PushedPlatform[] = legs.flatMap((l) =>
        l.platforms.map((p) => ({
          platform: p.platform,
          configDigest: p.configDigest,
          manifestDigest: p.manifestDigest!,
          pushed: l.report.image.pushed,
        })),
      );
      // Each registry with its own login, as a run pushes (registry-auth adds registries beside `registry`).
      for (const [registry, refs] of refsByRegistry(prepared.plan.refs)) {
        const account = (session && sessionFor(session, registry)) ?? (await existingSession(ctx, session, registry));
        if (!account) throw new UserError(`the merge is not logged in to ${registry}, so ${refs.join(', ')} cannot be pushed`);
        published = await mergeIndex({ ...ctx, runner: account.runner }, account, refs, pushed, published).catch(
          keepPublished((p) => (published = p)),
        );
      }
      ctx.ui.info(`Pushed and verified ${published.pushed.join(', ')} (${published.digest})`);
      // The legs leave the Docker Hub description to the merge: it is the step that tags.
      if (ctx.config.hubDescription || ctx.config.hubShortDescription) await describeOnHub(ctx, prepared, session, published.pushed);
    } else ctx.ui.info(`Not merging: ${prepared.plan.reason}`);
  } catch (e) {
    configError = e instanceof UserError && e.kind === 'config';
    error = ctx.redactor.redact(describeError(e));
    ctx.ui.error(error);
    ctx.log.line(`error: ${error}`);
  } finally {
    await session?.close().catch(() => undefined);
    timings.merge = Math.round(performance.now() - t0);
  }

  const report = combinedReport(ctx, legs, prepared, published, blocked, error, timings);
  const first = report.image.platforms?.[0];
  if (first) writeShasum(ctx.redactor, files, first.configDigest);
  for (const p of report.image.platforms ?? []) writeShasum(ctx.redactor, files, p.configDigest, p.platform);
  const version = legs[0]?.report.version;
  if (version) writeRedacted(ctx.redactor, files.versionJson, `${JSON.stringify(version)}\n`);
  writeReport(ctx.redactor, files, report);
  await ctx.log.close();
  return { report, files, configError };
}

/** The legs' report as one: their rows per platform, the index pushed (or why not), each platform's manifest in it. */
function combinedReport(
  ctx: RunContext,
  legs: readonly Leg[],
  prepared: Prepared | undefined,
  published: Published,
  blocked: string | null,
  error: string | undefined,
  timings: Record<string, number>,
): Report {
  const rows =
    legs.length > 0
      ? legRows(legs)
      : reportRows([], ctx.config.checksIgnore, { skip: 'not-run', message: 'not run: no report to merge (see the error)' });
  const platforms = legs
    .flatMap((l) => l.platforms)
    .map((p) => ({ ...p, manifestDigest: published.platformDigests[p.platform] ?? p.manifestDigest }));
  const first = platforms[0];
  return {
    schemaVersion: 1,
    verdict: verdictOf(rows, ctx.config.failOn, error),
    image: {
      id: first?.configDigest ?? null,
      configDigest: first?.configDigest ?? null,
      manifestDigest: published.manifestDigest ?? first?.manifestDigest ?? null,
      tags: prepared?.plan.refs ?? [],
      digest: published.digest,
      pushed: published.pushed,
      ...(platforms.length > 0 ? { platforms } : {}),
    },
    version: legs[0]?.report.version ?? null,
    checks: rows,
    // The merge's own, then each leg's stages under its platform.
    timings: Object.assign(
      {},
      timings,
      ...legs.map((l) => Object.fromEntries(Object.entries(l.report.timings).map(([k, v]) => [`${legName(l)} ${k}`, v]))),
    ),
    ...(prepared ? { push: { planned: prepared.plan.push, reason: blocked ?? mergeReason(prepared, published, error) } } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

function mergeReason(prepared: Prepared, published: Published, error: string | undefined): string {
  if (prepared.plan.push && published.pushed.length === 0 && error !== undefined)
    return `${prepared.plan.reason}, but the merge failed before anything was pushed and verified`;
  return prepared.plan.push ? `${prepared.plan.reason}: one index of every platform` : prepared.plan.reason;
}
