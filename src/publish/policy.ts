import type { Config, TagPolicyEntry } from '../config/config.js';
import { formatRef, sanitizeTag } from '../config/image-ref.js';
import type { GitContext } from '../git/context.js';
import type { PushPlan } from '../run/context.js';

export type { PushPlan };

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
  const prOptIn = config.tagPolicy.includes('pr') && git.pullRequest !== null && !git.pullRequest.fork;
  const refs = explicit ? config.tags : unique([localTag, ...extraTags(config.tagPolicy, git, gitTag)].map(ref));
  const byDigest = config.push === 'by-digest';
  const no = (reason: string): PushPlan => ({ refs, push: false, reason, ...(byDigest ? { byDigest } : {}) });
  const yes = (reason: string): PushPlan =>
    byDigest ? { refs, push: true, reason: `${reason}, by digest (untagged, for merge to tag)`, byDigest } : { refs, push: true, reason };

  if (config.push === 'false') return no('push is false');
  if (git.pullRequest?.fork) {
    return no('a pull request from a fork builds and tests only: it gets no secrets and never logs in or pushes');
  }
  if (config.push === 'true') return yes('push is true');
  if (prOptIn && !explicit) return yes(`tag-policy pr: a pull request from this repository → :pr-${git.pullRequest!.number}`);
  if (git.pullRequest) return no('a pull request builds and tests only: it never logs in or pushes; push: true would push it');
  if (git.event === 'local') return byDigest ? yes('push by-digest outside CI') : no('run outside CI: pass --push true to push');
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

/**
 * The opt-in tags of `tag-policy`, added beside the policy's own (`latest`, the git tag, `pr-N`), never instead:
 * `sha` → `sha-<7 hex>` (docker/metadata-action's type=sha); `pr` → pushes a same-repository pull request's
 * `pr-N` (a fork never pushes); `semver` → a `vX.Y.Z` (or `X.Y.Z`) git tag also as `X.Y.Z`, `X.Y` and `X`, as
 * metadata-action's type=semver patterns do: a pre-release (`v2.0.0-rc.1`) only as `2.0.0-rc.1`, and a 0.x
 * release gets no bare `0` (under semver every 0.x minor may break).
 */
export function extraTags(policy: readonly TagPolicyEntry[], git: GitContext, gitTag: string | null): string[] {
  const out: string[] = [];
  if (policy.includes('semver') && git.tag) out.push(...semverTags(git.tag));
  if (policy.includes('sha') && /^[0-9a-f]{7,}$/.test(git.commit)) out.push(`sha-${git.commit.slice(0, 7)}`);
  return out.filter((t) => t !== gitTag);
}

/** `v1.2.3` → 1.2.3, 1.2, 1; `1.2.3-rc.1+b5` → 1.2.3-rc.1; anything that is not semver → nothing. */
export function semverTags(tag: string): string[] {
  const m =
    /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/.exec(tag);
  if (!m) return [];
  const [, major, minor, patch, pre] = m;
  if (pre) return [`${major}.${minor}.${patch}${pre}`];
  return [`${major}.${minor}.${patch}`, `${major}.${minor}`, ...(major === '0' ? [] : [major!])];
}

function unique(refs: string[]): string[] {
  return [...new Set(refs)];
}
