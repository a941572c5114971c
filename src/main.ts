import * as core from '@actions/core';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, registryAuthPasswords, type Config } from './config/config.js';
import { ConfigError } from './config/errors.js';
import { OPTIONS } from './config/options.js';
import { failsRun } from './rules/catalogue.js';
import { newRunId } from './run/context.js';
import { createRunContext } from './run/create.js';
import { describeError } from './run/describe-error.js';
import { onInterrupt } from './pipeline/interrupt.js';
import { summaryMarkdown, summaryText } from './report/summary.js';
import { uploadOutDir } from './artifacts/upload.js';
import { ActionUi } from './ui/action-ui.js';
import { commentKey, commentTarget, postPrComment, type CommentOutcome } from './github/pr-comment.js';
import { imageSizes } from './inspect/size.js';
import type { Report } from './report/report.js';
import type { RunContext } from './run/context.js';
import type { Outcome } from './pipeline/pipeline.js';
import { Redactor } from './secrets/redactor.js';
import { appendFileRedacted, fileCommandRedacted } from './secrets/sink.js';

/**
 * What `run()` takes from the runner's world. The action runs with `actionHost()`; __tests__/unit/main.test.ts
 * passes fakes (a `core` as actions/typescript-action's __fixtures__/core.ts fakes it, a recording console, a
 * pipeline that returns or throws), so `run()` is tested without an engine. `core` is the few functions run() uses:
 * nothing else of @actions/core (`core.ExitCode`, absent from @github/local-action's stub) can creep in.
 */
export interface ActionHost {
  core: Pick<typeof core, 'getInput' | 'setOutput' | 'saveState' | 'setSecret'>;
  /** The step's console: every line the action writes (workflow commands included) goes here. */
  stdout: NodeJS.WritableStream;
  /** 1 fails the step (core.setFailed's exit code, without its unredacted write). */
  setExitCode(code: number): void;
  /** Ends the process at once (a cancelled run, once its report is written). */
  exit(code: number): void;
  runPipeline(ctx: RunContext): Promise<Outcome>;
  upload: typeof uploadOutDir;
}

export function actionHost(): ActionHost {
  return {
    core,
    stdout: process.stdout,
    setExitCode: (code) => {
      process.exitCode = code;
    },
    exit: (code) => process.exit(code),
    // Loaded once the inputs are valid: a bad input is reported without loading the pipeline's dependencies.
    // The merge input makes the step a fan-out's merge: it builds nothing, and writes the same outputs and report.
    runPipeline: async (ctx) =>
      ctx.config.merge.length > 0
        ? (await import('./pipeline/merge.js')).runMerge(ctx)
        : (await import('./pipeline/pipeline.js')).runPipeline(ctx),
    upload: uploadOutDir,
  };
}

/** GITHUB_OUTPUT / GITHUB_STATE entries, redacted as written (core's stdout commands where the files are absent). */
function outputTo(host: ActionHost, redactor: Redactor, env: NodeJS.ProcessEnv, name: string, value: string): void {
  if (!fileCommandRedacted(redactor, env.GITHUB_OUTPUT, name, value)) host.core.setOutput(name, redactor.redact(value));
}
function stateTo(host: ActionHost, redactor: Redactor, env: NodeJS.ProcessEnv, name: string, value: string): void {
  if (!fileCommandRedacted(redactor, env.GITHUB_STATE, name, value)) host.core.saveState(name, redactor.redact(value));
}

/** Read the action's inputs into raw option values; unknown INPUT_* variables are reported, not ignored. */
export function readActionInputs(env: NodeJS.ProcessEnv, getInput: (name: string) => string = core.getInput): Map<string, string> {
  const raw = new Map<string, string>();
  const known = new Set(OPTIONS.filter((o) => !o.cliOnly).map((o) => o.name));
  for (const key of Object.keys(env)) {
    if (!key.startsWith('INPUT_')) continue;
    const name = key.slice('INPUT_'.length).toLowerCase().replace(/ /g, '-');
    if (!known.has(name)) throw new ConfigError(name, 'is not an input of this action', `remove it; inputs are: ${[...known].join(', ')}`);
    const value = getInput(name);
    if (value !== '') raw.set(name, value);
  }
  return raw;
}

/**
 * The action's main step. Never rejects: a crash (a bug, an error no stage turned into a report) is one redacted
 * error line and a failed step, not a stack trace from an unhandled rejection.
 */
export async function run(env: NodeJS.ProcessEnv = process.env, host: ActionHost = actionHost()): Promise<void> {
  const ui = new ActionUi(host.stdout, (value) => host.core.setSecret(value));
  try {
    await main(env, host, ui);
  } catch (e) {
    ui.error(`the action crashed: ${describeError(e)}; the run's files, if any, are in RUNNER_TEMP`);
    host.setExitCode(1);
  }
}

async function main(env: NodeJS.ProcessEnv, host: ActionHost, ui: ActionUi): Promise<void> {
  const runId = newRunId();
  stateTo(host, new Redactor(), env, 'runId', runId);
  let config: Config;
  try {
    config = parseConfig({
      raw: readActionInputs(env, (name) => host.core.getInput(name)),
      env,
      cwd: env.GITHUB_WORKSPACE ?? process.cwd(),
      defaultOutDir: path.join(env.RUNNER_TEMP ?? os.tmpdir(), `dockerflow-out-${runId}`),
    });
  } catch (e) {
    // Mask the password even when its sibling inputs are wrong.
    const password = host.core.getInput('password');
    if (password) ui.setSecret(password);
    for (const pw of registryAuthPasswords(host.core.getInput('registry-auth'))) ui.setSecret(pw);
    ui.error(e instanceof ConfigError ? e.message : describeError(e));
    host.setExitCode(1);
    outputTo(host, ui.secrets, env, 'verdict', 'fail');
    return;
  }
  // The post step logs out of what main logged in to, should main be cancelled or crash (state is written
  // redacted, with the run's own redactor).
  const ctx: RunContext = createRunContext(config, ui, env, runId, (name, value) => stateTo(host, ctx.redactor, env, name, value));
  // Before anything is built: a main step killed with SIGKILL leaves its scratch folder (the build-context view)
  // to the post step.
  stateTo(host, ctx.redactor, env, 'workDir', ctx.workDir);

  // A cancelled job: version.json leaves the workspace at once, the run's containers go (the post step
  // removes them too, should this not finish), and the step fails.
  const removeHandlers = onInterrupt(
    ctx,
    (signal) => ui.error(`${signal}: the run was cancelled (interrupted); stopping it and removing its containers and networks`),
    1, // a failed step (core.ExitCode.Failure, which @github/local-action's stub of core does not have)
  );
  const { report, files } = await host.runPipeline(ctx).finally(removeHandlers);
  const setOutput = (name: string, value: string): void => outputTo(host, ctx.redactor, env, name, value);

  setOutput('verdict', report.verdict);
  setOutput('imageid', report.image.id ?? '');
  setOutput('digest', report.image.digest ?? '');
  setOutput('tags', report.image.tags.join('\n'));
  setOutput('pushed', report.image.pushed.join('\n'));
  setOutput('version-json', files.versionJson);
  setOutput('report', files.report);
  setOutput('build-log', files.buildLog);
  setOutput('shasum-file', files.shasum);

  // Every rule's row in the job log too, as the CLI prints it (failures also become annotations).
  ui.info(summaryText(report, files));
  if (ctx.abort.signal.aborted) {
    // Cancelled: the report is written and build.log closed; the step fails now (the runner kills it soon, and a
    // stage that was stopped may still hold a timer).
    host.exit(1);
    return;
  }
  const artifact = await host.upload(config, files, env);
  const notes: string[] = [];
  const prComment = await postComment(config, ctx, env, report, artifact?.url ?? undefined);
  if (prComment?.status === 'failed') {
    ui.warning(prComment.note);
    notes.push(prComment.note);
  } else if (prComment?.status === 'created' || prComment?.status === 'updated') {
    ui.info(`PR comment ${prComment.status}: ${prComment.url}`);
  }
  if (env.GITHUB_STEP_SUMMARY) {
    const markdown = summaryMarkdown(report, {
      redact: (t) => ctx.redactor.redact(t),
      ...(artifact?.url ? { artifactUrl: artifact.url } : {}),
      notes,
    });
    // Redacted last, on the exact text written.
    appendFileRedacted(ctx.redactor, env.GITHUB_STEP_SUMMARY, markdown);
  }
  if (report.error !== undefined) {
    // The pipeline already printed the error as an annotation: fail the step without saying it twice.
    host.setExitCode(1);
  } else if (report.verdict === 'fail') {
    // Only the rules that failed the run: a warning-level failure below fail-on is in the summary, not here.
    const failed = report.checks.filter((c) => failsRun(c, config.failOn)).map((c) => c.id);
    ui.error(`Dockerflow checks failed: ${failed.join(', ')}; see the job summary and ${files.report}`);
    host.setExitCode(1);
  }
}

/** The sticky PR comment on pull request runs (pr-comment: true or on-failure); null when there is none to post. */
async function postComment(
  config: Config,
  ctx: RunContext,
  env: NodeJS.ProcessEnv,
  report: Report,
  artifactUrl: string | undefined,
): Promise<CommentOutcome | null> {
  const target = commentTarget(env);
  if (!target || config.prComment === 'false') return null;
  // By a local tag: on the containerd image store the config digest (the report's image ID) names no image.
  const local = report.image.tags[0] ?? report.image.id;
  const sizes = local ? await imageSizes(ctx.runner, local, config.file, config.target) : {};
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  return postPrComment({
    token: config.githubToken,
    mode: config.prComment,
    target,
    report,
    failOn: config.failOn,
    info: {
      key: commentKey(env, path.relative(workspace, config.context) || '.'),
      ...(report.version?.build ? { runUrl: report.version.build } : {}),
      ...(artifactUrl ? { artifactUrl } : {}),
      sizes,
    },
    redact: (s) => ctx.redactor.redact(s),
    ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
  });
}
