import { readFileSync } from 'node:fs';
import { UserError } from '../config/errors.js';
import type { Runner } from '../exec/runner.js';
import { contextFromGitHub, contextFromLocal, type GitContext, type GitHubEvent } from './context.js';
import { readLocalGit } from './local-git.js';

/**
 * The run's git context: the local checkout of `contextDir`, and in Actions the event payload at
 * GITHUB_EVENT_PATH. `noCommits`: the repository has no commit yet (for the warning about the empty commit).
 */
export async function readGitContext(
  runner: Runner,
  contextDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ git: GitContext; noCommits: boolean }> {
  const local = await readLocalGit(runner, contextDir);
  const noCommits = local.noCommits === true;
  if (env.GITHUB_ACTIONS !== 'true') return { git: contextFromLocal(env, local), noCommits };
  let event: GitHubEvent = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      event = JSON.parse(readFileSync(eventPath, 'utf8')) as GitHubEvent;
    } catch (e) {
      throw new UserError(`cannot read the event payload at GITHUB_EVENT_PATH=${eventPath}: ${(e as Error).message}`);
    }
  }
  return { git: contextFromGitHub(env, event, local), noCommits };
}
