import type { Runner } from '../exec/runner.js';
import { NO_GIT, type LocalGit } from './context.js';

/**
 * Ask git about the checkout that holds `dir`. A folder outside git gives NO_GIT, not an error. Reads only:
 * `--no-optional-locks` keeps git from refreshing `.git/index`, which would change the build context of every
 * repository without a .dockerignore and bust the layer cache of `COPY . /app` (no `git status` either).
 */
export async function readLocalGit(runner: Runner, dir: string): Promise<LocalGit> {
  const git = async (...args: string[]): Promise<string | null> => {
    try {
      const r = await runner.run(['git', '--no-optional-locks', '-C', dir, ...args], { allowFailure: true, quiet: true });
      return r.exitCode === 0 ? r.stdout.trim() || null : null;
    } catch {
      return null; // git itself missing
    }
  };
  const commit = await git('rev-parse', '--verify', 'HEAD');
  if (!commit) return (await git('rev-parse', '--git-dir')) ? { ...NO_GIT, noCommits: true } : NO_GIT;
  const [branch, exactTag, describe, remoteUrl, originHead] = await Promise.all([
    git('symbolic-ref', '--quiet', '--short', 'HEAD'),
    git('describe', '--tags', '--exact-match', 'HEAD'),
    // Not `--dirty`: it refreshes and rewrites .git/index whatever --no-optional-locks says (git 2.39).
    git('describe', '--tags', '--always'),
    git('remote', 'get-url', 'origin'),
    git('symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'),
  ]);
  return {
    commit,
    branch,
    exactTag,
    describe,
    remoteUrl,
    defaultBranch: originHead ? originHead.replace(/^origin\//, '') : null,
  };
}
