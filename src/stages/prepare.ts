import { readFileSync } from 'node:fs';
import { UserError } from '../config/errors.js';
import { contextFromGitHub, contextFromLocal, type GitContext, type GitHubEvent } from '../git/context.js';
import { readLocalGit } from '../git/local-git.js';
import { versionJson, versionObject } from '../git/version.js';
import type { Prepared, RunContext } from '../run/context.js';
import { planPush } from '../publish/policy.js';
import { assertEngine } from '../docker/engine.js';

/** Whether the context's repository had no commit yet, for the warning about the empty commit. */
const noCommits = new WeakMap<RunContext, boolean>();

export async function readGitContext(ctx: RunContext): Promise<GitContext> {
  const local = await readLocalGit(ctx.runner, ctx.config.context);
  noCommits.set(ctx, local.noCommits === true);
  if (ctx.env.GITHUB_ACTIONS !== 'true') return contextFromLocal(ctx.env, local);
  let event: GitHubEvent = {};
  const eventPath = ctx.env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      event = JSON.parse(readFileSync(eventPath, 'utf8')) as GitHubEvent;
    } catch (e) {
      throw new UserError(`cannot read the event payload at GITHUB_EVENT_PATH=${eventPath}: ${(e as Error).message}`);
    }
  }
  return contextFromGitHub(ctx.env, event, local);
}

/** Git context → version object and push plan. Nothing is written yet. */
export async function prepare(ctx: RunContext): Promise<Prepared> {
  const [git] = await Promise.all([readGitContext(ctx), assertEngine(ctx.runner)]);
  if (!git.commit) {
    ctx.ui.warning(
      noCommits.get(ctx)
        ? `the git repository at ${ctx.config.context} has no commits yet and GITHUB_SHA is unset: version.json has an empty commit; commit your files (git commit) first`
        : 'the build context is not in a git checkout and GITHUB_SHA is unset: version.json has an empty commit',
    );
  }
  const version = versionObject(git, ctx.config.version);
  if (!version.source) {
    ctx.ui.warning(
      'version.json has an empty source: the repository has no remote "origin" (and GITHUB_REPOSITORY is unset); add one (git remote add origin https://github.com/OWNER/REPO) so /__version__ says where the code comes from',
    );
  }
  const plan = planPush(ctx.config, git);
  ctx.log.line(
    `git: event=${git.event} ref=${git.ref || '-'} commit=${git.commit || '-'} pr=${git.pullRequest ? `#${git.pullRequest.number}${git.pullRequest.fork ? ' (fork)' : ''}` : '-'}`,
  );
  ctx.log.line(`push plan: ${plan.push ? 'push' : 'no push'} ${plan.refs.join(' ')} (${plan.reason})`);
  return { git, version, versionJson: versionJson(version), plan };
}
