import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/config.js';
import { contextFromGitHub, contextFromLocal, normalizeRemote, type LocalGit } from '../../src/git/context.js';
import { versionJson, versionObject } from '../../src/git/version.js';
import { planPush } from '../../src/publish/policy.js';
import { FIXTURES } from '../helpers/run.js';

const event = (name: string): object => JSON.parse(readFileSync(path.join(FIXTURES, 'events', `${name}.json`), 'utf8'));
const config = (raw: Record<string, string> = {}) =>
  parseConfig({
    raw: new Map(Object.entries({ image: 'example/app', ...raw })),
    env: {},
    cwd: path.join(FIXTURES, 'apps/compliant'),
    defaultOutDir: '/tmp/x',
  });

const HEAD = '4c2b8f1e9d7a6c5b3e2f1a0d9c8b7a6e5f4d3c2b';
const local: LocalGit = {
  commit: HEAD,
  branch: null,
  exactTag: null,
  describe: 'v1.3.0-5-g4c2b8f1',
  remoteUrl: null,
  defaultBranch: null,
};
const ghEnv = (eventName: string, ref: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  GITHUB_EVENT_NAME: eventName,
  GITHUB_REF: ref,
  GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
  GITHUB_REPOSITORY: 'example/app',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '777',
  ...extra,
});

describe('git context and version.json from real event payloads', () => {
  const cases = [
    {
      name: 'push to the default branch',
      env: ghEnv('push', 'refs/heads/main'),
      payload: 'push-branch',
      version: 'v1.3.0-5-g4c2b8f1',
      refs: ['docker.io/example/app:latest'],
      push: true,
    },
    {
      name: 'push of a tag',
      env: ghEnv('push', 'refs/tags/v1.4.0'),
      payload: 'push-tag',
      version: 'v1.4.0',
      refs: ['docker.io/example/app:v1.4.0'],
      push: true,
    },
    {
      name: 'pull request from the same repository',
      env: ghEnv('pull_request', 'refs/pull/12/merge', { GITHUB_HEAD_REF: 'feature' }),
      payload: 'pull-request-same-repo',
      version: 'v1.3.0-5-g4c2b8f1',
      refs: ['docker.io/example/app:pr-12'],
      push: false,
    },
    {
      name: 'pull request from a fork',
      env: ghEnv('pull_request', 'refs/pull/13/merge', { GITHUB_HEAD_REF: 'main' }),
      payload: 'pull-request-fork',
      version: 'v1.3.0-5-g4c2b8f1',
      refs: ['docker.io/example/app:pr-13'],
      push: false,
    },
    {
      name: 'workflow_dispatch of a tag',
      env: ghEnv('workflow_dispatch', 'refs/tags/v1.4.0'),
      payload: 'workflow-dispatch',
      version: 'v1.4.0',
      refs: ['docker.io/example/app:v1.4.0'],
      push: true,
    },
    {
      name: 'push to a branch with odd characters',
      env: ghEnv('push', (event('push-odd-branch') as { ref: string }).ref),
      payload: 'push-odd-branch',
      version: 'v1.3.0-5-g4c2b8f1',
      refs: ['docker.io/example/app:feature-q-n-code-id-7-x-y'],
      push: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const git = contextFromGitHub(c.env, event(c.payload), local);
      const v = versionObject(git, null);
      assert.deepEqual(v, {
        source: 'https://github.com/example/app',
        version: c.version,
        commit: HEAD, // the checkout, not GITHUB_SHA
        build: 'https://github.com/example/app/actions/runs/777',
      });
      // Whatever the names hold, the file is JSON that reads back to the same object.
      assert.deepEqual(JSON.parse(versionJson(v)), v);
      const plan = planPush(config(), git);
      assert.deepEqual(plan.refs, c.refs);
      assert.equal(plan.push, c.push, plan.reason);
    });
  }

  describe('a manual rebuild publishes what it checked out, not the ref it ran from', () => {
    const dispatch = (ref: string, inputs: Record<string, unknown>, checkout: Partial<LocalGit>, sha = HEAD) =>
      planPush(
        config(),
        contextFromGitHub(
          ghEnv('workflow_dispatch', ref, { GITHUB_SHA: sha }),
          { ...event('workflow-dispatch'), inputs },
          { ...local, ...checkout },
        ),
      );
    const cases: { name: string; plan: ReturnType<typeof dispatch>; refs: string[]; push: boolean }[] = [
      {
        name: 'run from main with ref=v1.4.0 (a tag checkout is detached at the tag) → :v1.4.0',
        plan: dispatch('refs/heads/main', { ref: 'v1.4.0' }, { exactTag: 'v1.4.0' }, 'f'.repeat(40)),
        refs: ['docker.io/example/app:v1.4.0'],
        push: true,
      },
      {
        name: 'run from main with ref=feature-x → nothing, not :latest',
        plan: dispatch('refs/heads/main', { ref: 'feature-x' }, { branch: 'feature-x' }, 'f'.repeat(40)),
        refs: ['docker.io/example/app:feature-x'],
        push: false,
      },
      {
        name: 'run from main with ref=refs/tags/v2.0.0 → :v2.0.0',
        plan: dispatch('refs/heads/main', { ref: 'refs/tags/v2.0.0' }, {}, 'f'.repeat(40)),
        refs: ['docker.io/example/app:v2.0.0'],
        push: true,
      },
      {
        name: 'run from main with ref=main → :latest',
        plan: dispatch('refs/heads/main', { ref: 'main' }, { branch: 'main' }),
        refs: ['docker.io/example/app:latest'],
        push: true,
      },
      {
        name: 'run from main with a SHA as ref (neither branch nor tag) → nothing',
        plan: dispatch('refs/heads/main', { ref: HEAD }, {}, 'f'.repeat(40)),
        refs: ['docker.io/example/app:4c2b8f1e9d7a'],
        push: false,
      },
      {
        name: 'no ref input, checkout of another commit on branch develop → nothing, not :latest',
        plan: dispatch('refs/heads/main', {}, { branch: 'develop' }, 'f'.repeat(40)),
        refs: ['docker.io/example/app:develop'],
        push: false,
      },
      {
        name: 'no ref input, the commit it ran from → its ref',
        plan: dispatch('refs/heads/main', {}, {}),
        refs: ['docker.io/example/app:latest'],
        push: true,
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        assert.deepEqual(c.plan.refs, c.refs);
        assert.equal(c.plan.push, c.push, c.plan.reason);
      });
    }
  });

  it('marks fork pull requests as forks, and never pushes them even with push: true', () => {
    const git = contextFromGitHub(ghEnv('pull_request', 'refs/pull/13/merge'), event('pull-request-fork'), local);
    assert.deepEqual(git.pullRequest, { number: 13, fork: true });
    const plan = planPush(config({ push: 'true', username: 'u', password: 'pw-1234' }), git);
    assert.equal(plan.push, false);
    assert.match(plan.reason, /fork/);
  });

  it('keeps the branch name intact in the context even when it is not a valid tag', () => {
    const ref = (event('push-odd-branch') as { ref: string }).ref;
    const git = contextFromGitHub(ghEnv('push', ref), event('push-odd-branch'), local);
    assert.equal(git.branch, ref.slice('refs/heads/'.length));
    const v = versionObject(git, git.branch);
    assert.equal(JSON.parse(versionJson(v)).version, git.branch);
  });

  it('falls back to GITHUB_SHA when the context is not a git checkout', () => {
    const none: LocalGit = { ...local, commit: null, describe: null };
    const git = contextFromGitHub(ghEnv('push', 'refs/heads/main'), event('push-branch'), none);
    assert.equal(git.commit, 'ffffffffffffffffffffffffffffffffffffffff');
    assert.equal(versionObject(git, null).version, 'fffffff');
  });

  it('the version input overrides the derived version', () => {
    const git = contextFromGitHub(ghEnv('push', 'refs/tags/v1.4.0'), event('push-tag'), local);
    assert.equal(versionObject(git, '2026.11.24').version, '2026.11.24');
  });

  it('explicit tags replace the policy and push on a branch', () => {
    const git = contextFromGitHub(ghEnv('push', 'refs/heads/develop'), event('push-branch'), local);
    const plan = planPush(config({ tags: 'edge\nghcr.io/example/app:sha-4c2b8f1' }), git);
    assert.deepEqual(plan.refs, ['docker.io/example/app:edge', 'ghcr.io/example/app:sha-4c2b8f1']);
    assert.equal(plan.push, true);
  });
});

describe('local git context (CLI)', () => {
  it('uses the checkout, a normalised remote and a local build marker', () => {
    const git = contextFromLocal({}, { ...local, branch: 'main', remoteUrl: 'git@github.com:example/app.git', defaultBranch: 'main' });
    assert.deepEqual(versionObject(git, null), {
      source: 'https://github.com/example/app',
      version: 'v1.3.0-5-g4c2b8f1',
      commit: HEAD,
      build: 'local',
    });
    assert.equal(planPush(config(), git).push, false);
    assert.equal(planPush(config({ push: 'true', username: 'u', password: 'pw-1234' }), git).push, true);
  });

  it('takes a CI job URL when another CI sets one', () => {
    assert.equal(contextFromLocal({ CI_JOB_URL: 'https://ci.example/jobs/9' }, local).buildUrl, 'https://ci.example/jobs/9');
  });

  for (const [url, want] of [
    ['git@github.com:example/app.git', 'https://github.com/example/app'],
    ['https://x-access-token:abc@github.com/example/app.git', 'https://github.com/example/app'],
    ['ssh://git@gitlab.example/group/app.git', 'https://gitlab.example/group/app'],
    ['https://github.com/example/app', 'https://github.com/example/app'],
  ] as const) {
    it(`normalises ${url} and drops credentials`, () => assert.equal(normalizeRemote(url), want));
  }
});
