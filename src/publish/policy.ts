import type { Config } from '../config/config.js';
import { formatRef, sanitizeTag } from '../config/image-ref.js';
import type { GitContext } from '../git/context.js';

/** What the run will tag, and whether it pushes, with the reason in words for the summary. */
export interface PushPlan {
  /** Full refs the image is tagged with (pushed when `push`). */
  refs: string[];
  push: boolean;
  reason: string;
}

/** Events on which `push: auto` publishes: a push, a manual rebuild of a ref, a release (its tag). */
const PUBLISHING_EVENTS = new Set(['push', 'workflow_dispatch', 'release']);

/**
 * The push policy. Explicit `tags` replace it; `push: true|false` force it; `auto`:
 * default branch → :latest, tag X → :X (push or workflow_dispatch of such a ref), pull requests never push.
 * A pull request from a fork never pushes, whatever the inputs say.
 */
export function planPush(config: Config, git: GitContext): PushPlan {
  const ref = (tag: string): string => formatRef({ registry: config.registry, repository: config.image, tag });
  const gitTag = git.tag ? sanitizeTag(git.tag) : null;
  const onDefault = !git.pullRequest && git.branch !== null && git.branch === git.defaultBranch;
  const policyTag = gitTag ?? (onDefault ? 'latest' : null);
  const localTag = git.pullRequest
    ? `pr-${git.pullRequest.number}`
    : (policyTag ?? (git.branch ? sanitizeTag(git.branch) : git.commit ? git.commit.slice(0, 12) : 'local'));
  const explicit = config.tags.length > 0;
  const refs = explicit ? config.tags : [ref(localTag)];
  const no = (reason: string): PushPlan => ({ refs, push: false, reason });
  const yes = (reason: string): PushPlan => ({ refs, push: true, reason });

  if (config.push === 'false') return no('push is false');
  if (git.pullRequest?.fork) {
    return no('a pull request from a fork builds and tests only: it gets no secrets and never logs in or pushes');
  }
  if (config.push === 'true') return yes('push is true');
  if (git.pullRequest) return no('a pull request builds and tests only: it never logs in or pushes; push: true would push it');
  if (git.event === 'local') return no('run outside CI: pass --push true to push');
  if (explicit) return yes('explicit tags');
  if (!PUBLISHING_EVENTS.has(git.event)) {
    return no(`the push policy pushes on push, workflow_dispatch and release events, not ${git.event}: set push: true or tags to push`);
  }
  if (git.tag) return yes(`tag ${git.tag} → :${gitTag}`);
  if (onDefault) return yes(`default branch ${git.branch} → :latest`);
  if (git.branch && !git.defaultBranch) {
    return no(`the default branch is unknown (the event payload has no repository.default_branch), so branch ${git.branch} is not pushed`);
  }
  return no(
    git.branch
      ? `branch ${git.branch} is not the default branch (${git.defaultBranch}); only it and tags are pushed`
      : 'not a branch or tag',
  );
}
