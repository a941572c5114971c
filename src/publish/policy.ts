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

/**
 * The push policy. Explicit `tags` replace it; `push: true|false` force it; `auto`:
 * default branch → :latest, tag X → :X (push or workflow_dispatch of such a ref), pull requests never push.
 */
export function planPush(config: Config, git: GitContext): PushPlan {
  const ref = (tag: string): string => formatRef({ registry: config.registry, repository: config.image, tag });
  const policyTag = git.tag ? git.tag : git.branch && git.branch === git.defaultBranch && !git.pullRequest ? 'latest' : null;
  const localTag = git.pullRequest
    ? `pr-${git.pullRequest.number}`
    : (policyTag ?? (git.branch ? sanitizeTag(git.branch) : git.commit ? git.commit.slice(0, 12) : 'local'));
  const refs = config.tags.length > 0 ? config.tags : [ref(localTag)];

  if (config.push === 'false') return { refs, push: false, reason: 'push is false' };
  if (git.pullRequest?.fork) {
    return { refs, push: false, reason: 'a pull request from a fork builds and tests only: it has no secrets and never pushes' };
  }
  if (config.push === 'true') return { refs, push: true, reason: 'push is true' };
  if (git.pullRequest) {
    return { refs, push: false, reason: 'a pull request builds and tests only (push: true would push it)' };
  }
  if (git.event === 'local') {
    return { refs, push: false, reason: 'run outside CI: pass --push true to push' };
  }
  if (config.tags.length > 0) return { refs, push: true, reason: 'explicit tags' };
  if (git.tag) return { refs, push: true, reason: `tag ${git.tag} → :${git.tag}` };
  if (policyTag === 'latest') return { refs, push: true, reason: `default branch ${git.branch} → :latest` };
  return {
    refs,
    push: false,
    reason: git.branch ? `branch ${git.branch} is not the default branch; only it and tags are pushed` : 'not a branch or tag',
  };
}
