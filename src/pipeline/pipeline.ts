import path from 'node:path';
import { removeRunResources } from '../docker/cleanup.js';
import { VersionFile } from '../git/version.js';
import { outFiles, writeRedacted, writeReport, writeShasum, type OutFiles } from '../report/out-files.js';
import { verdictOf, type Report } from '../report/report.js';
import { check, RULES, type CheckResult } from '../rules/catalogue.js';
import { Stack } from '../smoke/network.js';
import { build, detectBuilder } from '../stages/build.js';
import { inspect } from '../stages/inspect.js';
import { prepare } from '../stages/prepare.js';
import { smoke, SMOKE_RULES } from '../stages/smoke.js';
import { test } from '../stages/test.js';
import { login, wantsLogin, type RegistrySession } from '../publish/login.js';
import { newPublished, publish, pushReason } from '../stages/publish.js';
import type { Built, Prepared, RunContext } from './context.js';
import { describeError } from './describe-error.js';

export { describeError };

export interface Outcome {
  report: Report;
  files: OutFiles;
}

/**
 * prepare → (login) → build → inspect ∥ smoke → test → publish → report. Every stage hands a typed result to the
 * next; inspect (which may stream the whole image for DF106) runs alongside smoke. Whatever happens, the out dir
 * gets its files and everything the run started is removed.
 */
export async function runPipeline(ctx: RunContext): Promise<Outcome> {
  const files = outFiles(ctx.config.outDir);
  const timings: Record<string, number> = {};
  const checks: CheckResult[] = [];
  let prepared: Prepared | undefined;
  let built: Built | undefined;
  let error: string | undefined;
  let failedStage: string | undefined;
  let session: RegistrySession | null = null;
  const published = newPublished();

  const timed = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    ctx.log.section(stage);
    try {
      return await fn();
    } catch (e) {
      failedStage ??= stage;
      throw e;
    } finally {
      timings[stage] = Math.round(performance.now() - t0);
    }
  };

  const stack = new Stack(ctx);
  let early: Promise<void> | undefined;
  try {
    // Independent of the git metadata: runs while it is read.
    void detectBuilder(ctx);
    prepared = await timed('prepare', () => prepare(ctx));
    const p = prepared;
    if (wantsLogin(ctx, p)) session = await timed('login', () => login(ctx, p));
    writeRedacted(ctx.redactor, files.versionJson, p.versionJson);
    const versionFile = new VersionFile(ctx.config.context);
    const restoreVersionFile = (): void => versionFile.restore();
    ctx.undo.add(restoreVersionFile);
    versionFile.write(p.versionJson);
    // The run's network and sidecars do not depend on the image: they start (and their images are pulled)
    // while it builds, so a database is initialising during the build rather than after it. A failure is
    // reported by the stage that needs the stack (smoke or test), which awaits the same promise.
    if (needsStack(ctx)) {
      early = stack.ensure();
      early.catch(() => undefined);
    }
    try {
      built = await timed('build', () => build(ctx, p));
    } finally {
      ctx.undo.delete(restoreVersionFile);
      versionFile.restore();
    }
    const b = built;
    writeShasum(ctx.redactor, files, b.configDigest);
    const local = b.imageId === b.configDigest ? '' : ` (the engine calls it ${b.imageId})`;
    ctx.ui.info(`Built ${b.configDigest}${local}; checking the image against the Dockerflow rules`);
    // Both settle before going on, so cleanup never races a stage that is still running.
    const [inspected, smoked] = await Promise.allSettled([
      timed('inspect', () => inspect(ctx, p, b, timings)),
      timed('smoke', () => smoke(ctx, p, b, stack)),
    ]);
    if (inspected.status === 'rejected') throw inspected.reason;
    checks.push(...inspected.value);
    if (smoked.status === 'rejected') throw smoked.reason;
    checks.push(...smoked.value.checks);
    if (smoked.value.readyMs !== undefined) timings.ready = smoked.value.readyMs;
    checks.push(...(await timed('test', () => test(ctx, b, stack))));
    if (p.plan.push) await timed('publish', () => publish(ctx, p, b, checks, session, files.shasum, published));
  } catch (e) {
    error = ctx.redactor.redact(describeError(e));
    ctx.ui.error(error);
    ctx.log.line(`error: ${error}`);
  } finally {
    // A build that failed must not leave a sidecar starting behind the cleanup.
    await early?.catch(() => undefined);
    await session?.close().catch(() => undefined);
    await removeRunResources(ctx.runner, ctx.runId).catch(() => undefined);
    ctx.runner.removeEnvFiles();
  }

  const rows = inCatalogueOrder(checks, failedStage);
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
  return { report, files };
}

/** Whether the smoke or test stage will run containers (and so needs the network and sidecars). */
function needsStack(ctx: RunContext): boolean {
  const { checksIgnore, testCommand } = ctx.config;
  return SMOKE_RULES.some((id) => !checksIgnore.has(id)) || (!checksIgnore.has('DF401') && testCommand.length > 0);
}

/**
 * One row per rule, in catalogue order: a rule whose stage never ran (an earlier stage failed) is a skip that
 * says why, not a missing row.
 */
export function inCatalogueOrder(checks: readonly CheckResult[], failedStage: string | undefined): CheckResult[] {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const why = failedStage ? `not run: the ${failedStage} stage failed (see the error)` : 'not run';
  return RULES.map((r) => byId.get(r.id) ?? check(r.id, 'skip', why));
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
