import { readGitContext } from '../git/read.js';
import { versionJson, versionObject } from '../git/version.js';
import type { Prepared, RunContext } from '../run/context.js';
import { planPush } from '../publish/policy.js';
import { assertEngine } from '../docker/engine.js';

/** Git context → version object and push plan. Nothing is written yet. */
export async function prepare(ctx: RunContext): Promise<Prepared> {
  const [{ git, noCommits }] = await Promise.all([readGitContext(ctx.runner, ctx.config.context, ctx.env), assertEngine(ctx.runner)]);
  if (!git.commit) {
    ctx.ui.warning(
      noCommits
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
