import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/errors.js';
import { contextFromGitHub, type LocalGit } from '../../src/git/context.js';
import { planPush, semverTags } from '../../src/publish/policy.js';
import { FIXTURES } from '../helpers/run.js';

const event = (name: string): object => JSON.parse(readFileSync(path.join(FIXTURES, 'events', `${name}.json`), 'utf8'));
const config = (raw: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  parseConfig({
    raw: new Map(Object.entries({ image: 'example/app', ...raw })),
    env,
    cwd: path.join(FIXTURES, 'apps/compliant'),
    defaultOutDir: '/tmp/x',
  });
const HEAD = '4c2b8f1e9d7a6c5b3e2f1a0d9c8b7a6e5f4d3c2b';
const local: LocalGit = {
  commit: HEAD,
  branch: null,
  exactTag: null,
  describe: null,
  remoteUrl: null,
  defaultBranch: null,
};
const ghEnv = (eventName: string, ref: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  GITHUB_EVENT_NAME: eventName,
  GITHUB_REF: ref,
  GITHUB_SHA: HEAD,
  GITHUB_REPOSITORY: 'example/app',
  GITHUB_RUN_ID: '777',
  ...extra,
});
const R = (...tags: string[]): string[] => tags.map((t) => `docker.io/example/app:${t}`);

interface Case {
  name: string;
  payload: string;
  env: NodeJS.ProcessEnv;
  policy: string;
  inputs?: Record<string, string>;
  refs: string[];
  push: boolean;
  reason?: RegExp;
}

const CASES: Case[] = [
  {
    name: 'no tag-policy: a tag push is :X only',
    payload: 'push-tag',
    env: ghEnv('push', 'refs/tags/v1.4.0'),
    policy: '',
    refs: R('v1.4.0'),
    push: true,
  },
  {
    name: 'semver: vX.Y.Z → X.Y.Z, X.Y, X beside the git tag',
    payload: 'push-tag',
    env: ghEnv('push', 'refs/tags/v1.4.0'),
    policy: 'semver',
    refs: R('v1.4.0', '1.4.0', '1.4', '1'),
    push: true,
  },
  {
    name: 'semver: a pre-release only as X.Y.Z-pre',
    payload: 'push-tag-prerelease',
    env: ghEnv('push', 'refs/tags/v2.0.0-rc.1'),
    policy: 'semver',
    refs: R('v2.0.0-rc.1', '2.0.0-rc.1'),
    push: true,
  },
  {
    name: 'semver: 0.x gets no bare 0',
    payload: 'push-tag-zero',
    env: ghEnv('push', 'refs/tags/v0.9.1'),
    policy: 'semver',
    refs: R('v0.9.1', '0.9.1', '0.9'),
    push: true,
  },
  {
    name: 'semver on the default branch: nothing to expand',
    payload: 'push-branch',
    env: ghEnv('push', 'refs/heads/main'),
    policy: 'semver',
    refs: R('latest'),
    push: true,
  },
  {
    name: 'sha on the default branch → latest and sha-<7>',
    payload: 'push-branch',
    env: ghEnv('push', 'refs/heads/main'),
    policy: 'sha',
    refs: R('latest', 'sha-4c2b8f1'),
    push: true,
  },
  {
    name: 'sha and semver on a tag, written in any order and case',
    payload: 'push-tag',
    env: ghEnv('push', 'refs/tags/v1.4.0'),
    policy: 'SHA\nsemver',
    refs: R('v1.4.0', '1.4.0', '1.4', '1', 'sha-4c2b8f1'),
    push: true,
  },
  {
    name: 'workflow_dispatch of a tag expands like its push',
    payload: 'workflow-dispatch',
    env: ghEnv('workflow_dispatch', 'refs/tags/v1.4.0'),
    policy: 'semver,sha',
    refs: R('v1.4.0', '1.4.0', '1.4', '1', 'sha-4c2b8f1'),
    push: true,
  },
  {
    name: 'sha on another branch: tagged locally, not pushed',
    payload: 'push-odd-branch',
    env: ghEnv('push', 'refs/heads/feature/x'),
    policy: 'sha',
    refs: R('feature-x', 'sha-4c2b8f1'),
    push: false,
    reason: /not the default branch/,
  },
  {
    name: 'pr: a same-repository pull request pushes pr-<N>',
    payload: 'pull-request-same-repo',
    env: ghEnv('pull_request', 'refs/pull/12/merge', { GITHUB_HEAD_REF: 'feature' }),
    policy: 'pr',
    refs: R('pr-12'),
    push: true,
    reason: /tag-policy pr: .* → :pr-12/,
  },
  {
    name: 'pr and sha on a same-repository pull request',
    payload: 'pull-request-same-repo',
    env: ghEnv('pull_request', 'refs/pull/12/merge', { GITHUB_HEAD_REF: 'feature' }),
    policy: 'pr,sha',
    refs: R('pr-12', 'sha-4c2b8f1'),
    push: true,
  },
  {
    name: 'without pr a same-repository pull request still pushes nothing',
    payload: 'pull-request-same-repo',
    env: ghEnv('pull_request', 'refs/pull/12/merge', { GITHUB_HEAD_REF: 'feature' }),
    policy: 'sha',
    refs: R('pr-12', 'sha-4c2b8f1'),
    push: false,
    reason: /builds and tests only/,
  },
  {
    name: 'pr never pushes a fork',
    payload: 'pull-request-fork',
    env: ghEnv('pull_request', 'refs/pull/13/merge', { GITHUB_HEAD_REF: 'main' }),
    policy: 'pr,sha',
    refs: R('pr-13', 'sha-4c2b8f1'),
    push: false,
    reason: /fork/,
  },
  {
    name: 'pr never pushes a fork, not even with push: true',
    payload: 'pull-request-fork',
    env: ghEnv('pull_request', 'refs/pull/13/merge', { GITHUB_HEAD_REF: 'main' }),
    policy: 'pr',
    inputs: { push: 'true' },
    refs: R('pr-13'),
    push: false,
    reason: /fork/,
  },
  {
    name: 'push: false wins over pr',
    payload: 'pull-request-same-repo',
    env: ghEnv('pull_request', 'refs/pull/12/merge', { GITHUB_HEAD_REF: 'feature' }),
    policy: 'pr',
    inputs: { push: 'false' },
    refs: R('pr-12'),
    push: false,
    reason: /push is false/,
  },
  {
    name: "explicit tags (docker/metadata-action's output) replace the policy, tag-policy included",
    payload: 'push-tag',
    env: ghEnv('push', 'refs/tags/v1.4.0'),
    policy: 'semver,sha',
    inputs: { tags: 'example/app:1.4.0\nexample/app:sha-4c2b8f1' },
    refs: R('1.4.0', 'sha-4c2b8f1'),
    push: true,
    reason: /explicit tags/,
  },
];

describe('tag-policy over real event payloads', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const git = contextFromGitHub(c.env, event(c.payload), local);
      const plan = planPush(config({ ...(c.policy ? { 'tag-policy': c.policy } : {}), ...c.inputs }, c.env), git);
      assert.deepEqual(plan.refs, c.refs);
      assert.equal(plan.push, c.push, plan.reason);
      if (c.reason) assert.match(plan.reason, c.reason);
    });
  }

  it('semver expansion ignores what is not semver and drops build metadata', () => {
    assert.deepEqual(semverTags('1.2.3'), ['1.2.3', '1.2', '1']);
    assert.deepEqual(semverTags('v10.0.7+build.5'), ['10.0.7', '10.0', '10']);
    for (const t of ['v1.2', 'release-1', 'v01.2.3', '1.2.3.4', 'latest']) assert.deepEqual(semverTags(t), [], t);
  });

  it('an unknown entry is a config error that lists the known ones', () => {
    assert.throws(
      () => config({ 'tag-policy': 'sha,latest' }),
      (e: unknown) => e instanceof ConfigError && /tag-policy.*"latest" is not one of sha, pr, semver/.test(e.message),
    );
  });
});
