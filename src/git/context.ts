/**
 * What was built, from where: the git context of a run, from the GitHub runner's environment and event payload,
 * or from the local checkout for the CLI. Pure functions here; `local-git.ts` asks git.
 */
export interface PullRequestInfo {
  number: number;
  /** Opened from another repository: never gets secrets, never pushes. */
  fork: boolean;
}

export interface GitContext {
  /** `push`, `pull_request`, `workflow_dispatch`, ..., or `local` for the CLI outside CI. */
  event: string;
  /** Repository URL (`source` of version.json). */
  repoUrl: string;
  /** The commit checked out and built. */
  commit: string;
  /** Full ref: refs/heads/main, refs/tags/v1.2, refs/pull/7/merge; empty when detached and unknown. */
  ref: string;
  branch: string | null;
  tag: string | null;
  defaultBranch: string | null;
  pullRequest: PullRequestInfo | null;
  /** CI job URL, or `local`. */
  buildUrl: string;
  /** `git describe --tags --always` of the checkout, when git could tell. */
  describe: string | null;
}

/** What the local checkout says (all optional: the context may not be a git repository at all). */
export interface LocalGit {
  commit: string | null;
  branch: string | null;
  exactTag: string | null;
  describe: string | null;
  remoteUrl: string | null;
  defaultBranch: string | null;
  /** The folder is in a git repository that has no commit yet (`git init`, nothing committed). */
  noCommits?: boolean;
}

export const NO_GIT: LocalGit = {
  commit: null,
  branch: null,
  exactTag: null,
  describe: null,
  remoteUrl: null,
  defaultBranch: null,
};

/** The parts of a GitHub event payload this tool reads. */
export interface GitHubEvent {
  repository?: { default_branch?: string; full_name?: string; html_url?: string };
  /** workflow_dispatch inputs: a `ref` input names the branch or tag a manual rebuild checked out. */
  inputs?: Record<string, unknown>;
  pull_request?: {
    number?: number;
    head?: { sha?: string; ref?: string; repo?: { full_name?: string; fork?: boolean } | null };
    base?: { repo?: { full_name?: string } };
  };
}

export function contextFromGitHub(env: NodeJS.ProcessEnv, event: GitHubEvent, local: LocalGit): GitContext {
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const repo = env.GITHUB_REPOSITORY ?? event.repository?.full_name ?? '';
  const eventName = env.GITHUB_EVENT_NAME ?? 'push';
  const ref = eventName === 'workflow_dispatch' ? dispatchedRef(env, event, local) : (env.GITHUB_REF ?? '');
  const pr = event.pull_request;
  const pullRequest: PullRequestInfo | null =
    pr && typeof pr.number === 'number'
      ? {
          number: pr.number,
          // A deleted fork has head.repo null: treat it as a fork, the safe side.
          fork: !pr.head?.repo || pr.head.repo.fork === true || pr.head.repo.full_name !== (pr.base?.repo?.full_name ?? repo),
        }
      : null;
  const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : null;
  const branch = ref.startsWith('refs/heads/')
    ? ref.slice('refs/heads/'.length)
    : pullRequest
      ? (env.GITHUB_HEAD_REF ?? pr?.head?.ref ?? null)
      : null;
  const runUrl = env.GITHUB_RUN_ID ? `${server}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : 'local';
  return {
    event: eventName,
    repoUrl: repo ? `${server}/${repo}` : (local.remoteUrl ?? ''),
    // The commit actually checked out (a PR's merge commit, or its head if the workflow checked that out).
    commit: local.commit ?? env.GITHUB_SHA ?? '',
    ref,
    branch,
    tag,
    defaultBranch: event.repository?.default_branch ?? null,
    pullRequest,
    buildUrl: runUrl,
    describe: local.describe,
  };
}

/**
 * A manual rebuild builds what the workflow checked out, which a `ref` input (as in sample-app.yml and the
 * reusable workflow) moves away from GITHUB_REF, the ref the workflow ran from: "Run workflow" on main with
 * ref v1.4.0 must publish :v1.4.0, and with ref feature-x nothing, never :latest. The ref input is matched
 * against GITHUB_REF and the checkout; without one, a checkout of another commit than GITHUB_SHA is named by
 * what git says of it. A ref that is neither a known branch nor a tag (a SHA, say) is empty: not pushed.
 */
function dispatchedRef(env: NodeJS.ProcessEnv, event: GitHubEvent, local: LocalGit): string {
  const ref = env.GITHUB_REF ?? '';
  const checkout = local.exactTag ? `refs/tags/${local.exactTag}` : local.branch ? `refs/heads/${local.branch}` : '';
  const wanted = typeof event.inputs?.ref === 'string' ? event.inputs.ref.trim() : '';
  if (wanted) {
    if (wanted.startsWith('refs/')) return wanted;
    const known = [`refs/tags/${wanted}`, `refs/heads/${wanted}`].find((full) => full === ref || full === checkout);
    return known ?? checkout;
  }
  return local.commit && env.GITHUB_SHA && local.commit !== env.GITHUB_SHA ? checkout : ref;
}

/** Outside GitHub Actions: the checkout is the truth; a CI URL from other systems is used when present. */
export function contextFromLocal(env: NodeJS.ProcessEnv, local: LocalGit): GitContext {
  const ciUrl = env.BUILD_URL ?? env.CI_JOB_URL ?? env.CIRCLE_BUILD_URL ?? null;
  return {
    event: 'local',
    repoUrl: local.remoteUrl ? normalizeRemote(local.remoteUrl) : '',
    commit: local.commit ?? '',
    ref: local.exactTag ? `refs/tags/${local.exactTag}` : local.branch ? `refs/heads/${local.branch}` : '',
    branch: local.branch,
    tag: local.exactTag,
    defaultBranch: local.defaultBranch,
    pullRequest: null,
    buildUrl: ciUrl ?? 'local',
    describe: local.describe,
  };
}

/** git@github.com:org/repo.git and https://token@github.com/org/repo.git → https://github.com/org/repo */
export function normalizeRemote(url: string): string {
  const scp = /^[\w.-]+@([\w.-]+):(.+?)(?:\.git)?\/?$/.exec(url);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  try {
    const u = new URL(url);
    if (u.protocol === 'file:') return url;
    u.username = '';
    u.password = '';
    const protocol = u.protocol === 'ssh:' || u.protocol === 'git:' ? 'https:' : u.protocol;
    return `${protocol}//${u.host}${u.pathname.replace(/\.git\/?$/, '').replace(/\/+$/, '')}`;
  } catch {
    return url;
  }
}
