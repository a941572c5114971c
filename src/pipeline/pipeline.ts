import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../config/errors.js';
import { removeRunResources } from '../docker/cleanup.js';
import { createContextView } from '../git/context-view.js';
import { clearPlatformShasums, outFiles, writeRedacted, writeReport, writeShasum, type OutFiles } from '../report/out-files.js';
import { verdictOf, type ImagePlatform, type Report } from '../report/report.js';
import { reportRows, type CheckResult, type RuleId } from '../rules/catalogue.js';
import { Stack } from '../smoke/network.js';
import { detectBuilder } from '../docker/buildx.js';
import { removeImage } from '../docker/commands.js';
import { platformName, sameCpu, targetPlatform } from '../docker/platform.js';
import { build } from '../stages/build.js';
import { inspect } from '../stages/inspect.js';
import { prepare } from '../stages/prepare.js';
import { smoke, SMOKE_RULES } from '../stages/smoke.js';
import { test } from '../stages/test.js';
import { wantsLogin, type RegistrySession } from '../publish/login.js';
import { login } from '../stages/login.js';
import { publish } from '../stages/publish.js';
import { keepPublished, newPublished, pushReason, type Published } from '../publish/published.js';
import { Interrupted, platformViews, type Built, type Prepared, type RunContext } from '../run/context.js';
import { mergePlatformRows, type PlatformRows } from '../report/platforms.js';
import { describeError } from '../run/describe-error.js';
import { whenInterrupted } from './interrupt.js';

export { describeError };

export interface Outcome {
  report: Report;
  files: OutFiles;
  /** The run stopped on its inputs (a push due without credentials): the CLI exits 2, as for a bad flag. */
  configError: boolean;
}

/**
 * prepare → (login) → build → inspect ∥ smoke → test → publish → report. Every stage hands a typed result to the
 * next; inspect (which may stream the whole image for DF106) runs alongside smoke. Whatever happens, the out dir
 * gets its files and everything the run started is removed.
 */
export async function runPipeline(ctx: RunContext): Promise<Outcome> {
  const files = outFiles(ctx.config.outDir);
  clearPlatformShasums(files);
  const timings: Record<string, number> = {};
  /** What each platform's stages judged (one entry, platform '', for a single-platform build). */
  const perPlatform: PlatformRows[] = [];
  const judgedRows = (): CheckResult[] => (perPlatform.length > 1 ? mergePlatformRows(perPlatform) : perPlatform.flatMap((x) => x.checks));
  let prepared: Prepared | undefined;
  let built: Built | undefined;
  let error: string | undefined;
  let configError = false;
  let failedStage: string | undefined;
  let session: RegistrySession | null = null;
  let published = newPublished();
  const interrupted = whenInterrupted(ctx);
  /** Stages under way, to say which one an interrupt stopped. */
  const running = new Set<string>();
  let interruptedIn = '';

  // A signal ends the stage at once (its commands are being stopped): the run goes straight to its cleanup
  // and report instead of waiting for the stage to notice.
  const timed = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
    if (ctx.abort.signal.aborted) {
      interruptedIn ||= stage;
      failedStage ??= stage;
      throw ctx.abort.signal.reason as Error;
    }
    const t0 = performance.now();
    ctx.log.section(stage);
    running.add(stage);
    try {
      return await Promise.race([fn(), interrupted]);
    } catch (e) {
      if (ctx.abort.signal.aborted) interruptedIn ||= [...running].join(' and ');
      failedStage ??= stage;
      throw e;
    } finally {
      running.delete(stage);
      timings[stage] = Math.round(performance.now() - t0);
    }
  };
  const removeWorkDir = (): void => rmSync(ctx.workDir, { recursive: true, force: true });
  ctx.undo.add(removeWorkDir);

  let early: Promise<void> | undefined;
  try {
    // Independent of the git metadata: runs while it is read.
    void detectBuilder(ctx.runner);
    prepared = await timed('prepare', () => prepare(ctx));
    const p = prepared;
    if (wantsLogin(ctx, p)) session = await timed('login', () => login(ctx, p));
    // The stages from here on run their docker commands through the session's runner (its DOCKER_CONFIG holds
    // the logins: base image pulls, sidecars, the push); the cleanup below uses the run's own.
    const staged: RunContext = session ? { ...ctx, runner: session.runner } : ctx;
    const stack = new Stack(staged);
    writeRedacted(ctx.redactor, files.versionJson, p.versionJson);
    // The build sees the user's files and this run's version.json, in a view of its own: the working tree is
    // never written, so concurrent runs on one checkout each build their own version.json.
    mkdirSync(ctx.workDir, { recursive: true });
    const view = createContextView({
      context: ctx.config.context,
      dockerfile: ctx.config.file,
      dir: path.join(ctx.workDir, 'context'),
      versionJson: p.versionJson,
      exclude: [ctx.config.outDir],
    });
    ctx.log.line(
      `build context: ${view.files} file(s) of ${ctx.config.context} and this run's version.json, in ${view.dir} (${view.ms} ms${view.copied ? `, ${view.copied} copied` : ''})`,
    );
    // The run's network and sidecars do not depend on the image: they start (and their images are pulled)
    // while it builds, so a database is initialising during the build rather than after it. A failure is
    // reported by the stage that needs the stack (smoke or test), which awaits the same promise.
    if (needsStack(ctx)) {
      early = stack.ensure();
      early.catch(() => undefined);
    }
    try {
      built = await timed('build', () => build(staged, p, view.dir));
    } finally {
      rmSync(view.dir, { recursive: true, force: true });
    }
    const b = built;
    writeShasum(ctx.redactor, files, b.configDigest);
    for (const pi of b.platforms ?? []) writeShasum(ctx.redactor, files, pi.configDigest, pi.platform);
    const local = b.imageId === b.configDigest ? '' : ` (the engine calls it ${b.imageId})`;
    ctx.ui.info(`Built ${b.configDigest}${local}; checking the image against the Dockerflow rules`);
    // One platform: its stages, as they always ran. Several: each platform's, named after it, all at once when
    // the run has no sidecars (each platform has its own containers; the sidecars are shared, and DF205 stops
    // them, so with sidecars one platform after the other) and the machine has a core per platform.
    // Every platform has its entry from the start: one the run never reached counts as not run there.
    const views = platformViews(b).map((v) => ({ v, judged: [] as CheckResult[] }));
    for (const { v, judged } of views) perPlatform.push({ platform: v.platform?.platform ?? '', checks: judged });
    const judge = async ({ v, judged }: (typeof views)[number], together: boolean): Promise<void> => {
      const on = v.platform ? ` ${v.platform.platform}` : '';
      if (v.platform) {
        ctx.ui.info(`Judging${on}${v.platform.emulated ? ', emulated (QEMU): its limits are longer, see docs/engines.md' : ''}`);
        if (!together) await stack.restartServices(); // the previous platform's DF205 left them stopped
      }
      // Both settle before going on, so cleanup never races a stage that is still running.
      const [inspected, smoked] = await Promise.allSettled([
        timed(`inspect${on}`, () => inspect(staged, p, v, timings)),
        timed(`smoke${on}`, () => smoke(staged, p, v, stack)),
      ]);
      // What one of them judged is kept when the other failed or the run was interrupted.
      if (inspected.status === 'fulfilled') judged.push(...inspected.value);
      if (smoked.status === 'fulfilled') judged.push(...smoked.value.checks);
      if (inspected.status === 'rejected') throw inspected.reason;
      if (smoked.status === 'rejected') throw smoked.reason;
      if (smoked.value.readyMs !== undefined) timings[`ready${on}`] = smoked.value.readyMs;
      judged.push(...(await timed(`test${on}`, () => test(staged, v, stack))));
    };
    if (judgeTogether(ctx, views.length)) {
      ctx.ui.info(`Judging ${views.map(({ v }) => v.platform!.platform).join(' and ')} at once`);
      // Every platform settles before the first failure goes on: the cleanup must not race a platform still running.
      const settled = await Promise.allSettled(views.map((x) => judge(x, true)));
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    } else for (const x of views) await judge(x, false);
    const checks = judgedRows();
    if (p.plan.push) {
      published = await timed('publish', () =>
        // What was pushed and verified before a failure is reported with it.
        publish(staged, p, b, checks, session, files.shasum).catch(keepPublished((got) => (published = got))),
      );
    }
  } catch (e) {
    const reason: unknown = ctx.abort.signal.aborted ? ctx.abort.signal.reason : e;
    configError = reason instanceof UserError && reason.kind === 'config';
    error =
      reason instanceof Interrupted
        ? `interrupted by ${reason.signal}${interruptedIn ? ` during the ${interruptedIn} stage` : ''}: the run stopped there and its remaining rules were not judged; run it again for a verdict`
        : ctx.redactor.redact(describeError(e));
    ctx.ui.error(error);
    ctx.log.line(`error: ${error}`);
  } finally {
    // A build that failed must not leave a sidecar starting behind the cleanup (an interrupt does not wait:
    // the sidecar's `docker run` was stopped, and the cleanup below removes what it created).
    if (!ctx.abort.signal.aborted) await early?.catch(() => undefined);
    // After an interrupt, what was still running ends first (a `docker create` in flight finishes, the rest
    // is stopped), so the cleanup below sees every container the run made.
    if (ctx.abort.signal.aborted) await ctx.runner.idle();
    await session?.close().catch(() => undefined);
    await removeRunResources(ctx.runner, ctx.runId).catch(() => undefined);
    ctx.runner.removeEnvFiles();
    // Only the run's own tag: the image keeps its other tags (and goes with the last of them, as any image).
    if (built?.runRef) await removeImage(ctx.runner, built.runRef);
    ctx.undo.delete(removeWorkDir);
    removeWorkDir();
  }

  const rows = inCatalogueOrder(judgedRows(), ctx.config.checksIgnore, failedStage, interruptedIn || undefined);
  const report: Report = {
    schemaVersion: 1,
    verdict: verdictOf(rows, ctx.config.failOn, error),
    image: {
      id: built?.configDigest ?? null,
      configDigest: built?.configDigest ?? null,
      manifestDigest: published.manifestDigest ?? built?.manifestDigest ?? null,
      tags: built?.refs ?? prepared?.plan.refs ?? [],
      digest: published.digest,
      pushed: published.pushed,
      ...(built?.platforms
        ? {
            platforms: built.platforms.map((pi) => ({
              platform: pi.platform,
              id: pi.manifestDigest,
              configDigest: pi.configDigest,
              manifestDigest: published.platformDigests[pi.platform] ?? null,
              emulated: pi.emulated,
            })),
          }
        : built && prepared?.plan.byDigest
          ? { platforms: [onePlatform(ctx.config.platforms, built, published)] }
          : {}),
    },
    version: prepared?.version ?? null,
    checks: rows,
    timings,
    ...(prepared ? { push: { planned: prepared.plan.push, reason: pushReason(prepared.plan, published, error) } } : {}),
    ...(error !== undefined ? { error } : {}),
  };
  annotate(ctx, rows);
  writeReport(ctx.redactor, files, report);
  ctx.log.line(`verdict: ${report.verdict}`);
  await ctx.log.close();
  return { report, files, configError };
}

/**
 * Several platforms are judged at once when nothing they share can be disturbed by one of them (no sidecars: DF205
 * stops those) and the machine has a core per platform; else one after the other.
 */
export function judgeTogether(ctx: RunContext, platforms: number, cores = os.availableParallelism()): boolean {
  return platforms > 1 && ctx.config.services.length === 0 && cores >= platforms;
}

/** Whether the smoke or test stage will run containers (and so needs the network and sidecars). */
function needsStack(ctx: RunContext): boolean {
  const { checksIgnore, testCommand } = ctx.config;
  return SMOKE_RULES.some((id) => !checksIgnore.has(id)) || (!checksIgnore.has('DF401') && testCommand.length > 0);
}

/**
 * One row per rule, in catalogue order: an ignored rule says so, and a rule whose stage never ran (an earlier stage
 * failed, or the run was interrupted in `interruptedIn`) is a skip that says why, not a missing row.
 */
export function inCatalogueOrder(
  checks: readonly CheckResult[],
  ignored: ReadonlySet<RuleId>,
  failedStage: string | undefined,
  interruptedIn?: string,
): CheckResult[] {
  if (interruptedIn) {
    return reportRows(checks, ignored, {
      skip: 'interrupted',
      message: `not run: the run was interrupted during the ${interruptedIn} stage`,
    });
  }
  return reportRows(checks, ignored, {
    skip: 'not-run',
    message: failedStage ? `not run: the ${failedStage} stage failed (see the error)` : 'not run',
  });
}

/** Failing rules that point into the Dockerfile become annotations on that line. */
function annotate(ctx: RunContext, checks: CheckResult[]): void {
  const root = ctx.env.GITHUB_WORKSPACE ?? process.cwd();
  for (const c of checks.filter((c) => c.status === 'fail')) {
    if (c.findings?.length) {
      for (const f of c.findings) {
        const title = `${c.id} ${f.rule}`;
        ctx.ui.warning(f.url ? `${f.message} (${f.url})` : f.message, {
          title,
          file: path.relative(root, f.file),
          ...(f.line ? { line: f.line } : {}),
        });
      }
      continue;
    }
    const where = {
      title: `${c.id} ${c.title}`,
      ...(c.file ? { file: path.relative(root, c.file) } : {}),
      ...(c.line ? { line: c.line } : {}),
    };
    if (c.level === 'error') ctx.ui.error(c.message, where);
    else ctx.ui.warning(c.message, where);
  }
}

/** A one-platform build's entry in `image.platforms`: written for a by-digest run, whose merge step reads it. */
function onePlatform(platforms: string[], built: Built, published: Published): ImagePlatform {
  const platform = platformName(platforms);
  return {
    platform,
    id: built.manifestDigest ?? built.imageId,
    configDigest: built.configDigest,
    manifestDigest: published.platformDigests[platform] ?? null,
    emulated: !sameCpu(targetPlatform(platforms), targetPlatform([])),
  };
}
