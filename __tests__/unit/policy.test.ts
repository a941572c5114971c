import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GitContext } from '../../src/git/context.js';
import { planPush } from '../../src/publish/policy.js';
import { configFor, gitFor } from './helpers.js';

const HUB = 'docker.io/example/app';

interface Case {
  name: string;
  git: Partial<GitContext>;
  inputs?: Record<string, string>;
  push: boolean;
  refs: string[];
  reason: RegExp;
}

const PR = { number: 7, fork: false };
const FORK = { number: 8, fork: true };

const CASES: Case[] = [
  { name: 'push to the default branch → :latest', git: {}, push: true, refs: [`${HUB}:latest`], reason: /default branch main → :latest/ },
  {
    name: 'push to another branch → nothing',
    git: { ref: 'refs/heads/feature/x', branch: 'feature/x' },
    push: false,
    refs: [`${HUB}:feature-x`],
    reason: /branch feature\/x is not the default branch \(main\)/,
  },
  {
    name: 'tag push → :X',
    git: { ref: 'refs/tags/v1.2.3', branch: null, tag: 'v1.2.3' },
    push: true,
    refs: [`${HUB}:v1.2.3`],
    reason: /tag v1.2.3 → :v1.2.3/,
  },
  {
    name: 'a git tag that is no docker tag is sanitised',
    git: { ref: 'refs/tags/release/1.0', branch: null, tag: 'release/1.0' },
    push: true,
    refs: [`${HUB}:release-1.0`],
    reason: /tag release\/1.0 → :release-1.0/,
  },
  {
    name: 'same-repo pull request → nothing',
    git: { event: 'pull_request', ref: 'refs/pull/7/merge', branch: 'feature', pullRequest: PR },
    push: false,
    refs: [`${HUB}:pr-7`],
    reason: /pull request builds and tests only: it never logs in or pushes/,
  },
  {
    name: 'fork pull request → nothing',
    git: { event: 'pull_request', ref: 'refs/pull/8/merge', branch: 'main', pullRequest: FORK },
    push: false,
    refs: [`${HUB}:pr-8`],
    reason: /fork .* never logs in or pushes/,
  },
  {
    name: 'fork pull request with push: true → still nothing',
    git: { event: 'pull_request', ref: 'refs/pull/8/merge', branch: 'main', pullRequest: FORK },
    inputs: { push: 'true', tags: 'evil', username: 'u', password: 'pw-1234' },
    push: false,
    refs: [`${HUB}:evil`],
    reason: /fork/,
  },
  {
    name: 'pull_request_target from a fork (runs on the base branch) → nothing',
    git: { event: 'pull_request_target', pullRequest: FORK },
    push: false,
    refs: [`${HUB}:pr-8`],
    reason: /fork/,
  },
  {
    name: 'same-repo pull request with push: true → pushes its pr tag',
    git: { event: 'pull_request', ref: 'refs/pull/7/merge', branch: 'feature', pullRequest: PR },
    inputs: { push: 'true', username: 'u', password: 'pw-1234' },
    push: true,
    refs: [`${HUB}:pr-7`],
    reason: /push is true/,
  },
  {
    name: 'workflow_dispatch of main → :latest',
    git: { event: 'workflow_dispatch' },
    push: true,
    refs: [`${HUB}:latest`],
    reason: /:latest/,
  },
  {
    name: 'workflow_dispatch of a tag → :X',
    git: { event: 'workflow_dispatch', ref: 'refs/tags/v2', branch: null, tag: 'v2' },
    push: true,
    refs: [`${HUB}:v2`],
    reason: /tag v2/,
  },
  {
    name: 'workflow_dispatch of another branch → nothing',
    git: { event: 'workflow_dispatch', ref: 'refs/heads/dev', branch: 'dev' },
    push: false,
    refs: [`${HUB}:dev`],
    reason: /not the default branch/,
  },
  {
    name: 'explicit bare tags replace the policy',
    git: { ref: 'refs/heads/dev', branch: 'dev' },
    inputs: { tags: 'v1\nstable' },
    push: true,
    refs: [`${HUB}:v1`, `${HUB}:stable`],
    reason: /explicit tags/,
  },
  {
    name: "docker/metadata-action's tags output (full refs)",
    git: {},
    inputs: { tags: 'example/app:main\nexample/app:sha-0123456\ndocker.io/example/app:latest' },
    push: true,
    refs: [`${HUB}:main`, `${HUB}:sha-0123456`, `${HUB}:latest`],
    reason: /explicit tags/,
  },
  {
    name: 'explicit tags on a pull request → nothing',
    git: { event: 'pull_request', pullRequest: PR },
    inputs: { tags: 'v1' },
    push: false,
    refs: [`${HUB}:v1`],
    reason: /pull request/,
  },
  {
    name: 'push: false on main → nothing',
    git: {},
    inputs: { push: 'false' },
    push: false,
    refs: [`${HUB}:latest`],
    reason: /push is false/,
  },
  {
    name: 'a scheduled run on main → nothing',
    git: { event: 'schedule' },
    push: false,
    refs: [`${HUB}:latest`],
    reason: /push, workflow_dispatch and release events, not schedule/,
  },
  {
    name: 'a release (tag ref) → :X',
    git: { event: 'release', ref: 'refs/tags/v3', branch: null, tag: 'v3' },
    push: true,
    refs: [`${HUB}:v3`],
    reason: /tag v3/,
  },
  {
    name: 'default branch unknown → nothing, and says so',
    git: { defaultBranch: null },
    push: false,
    refs: [`${HUB}:main`],
    reason: /default branch is unknown/,
  },
  { name: 'the CLI outside CI → nothing', git: { event: 'local' }, push: false, refs: [`${HUB}:latest`], reason: /--push true/ },
  {
    name: 'the CLI with push: true',
    git: { event: 'local', branch: 'dev', defaultBranch: 'main' },
    inputs: { push: 'true', username: 'u', password: 'pw-1234' },
    push: true,
    refs: [`${HUB}:dev`],
    reason: /push is true/,
  },
  {
    name: 'another registry',
    git: {},
    inputs: { registry: '127.0.0.1:5000', image: 'team/app' },
    push: true,
    refs: ['127.0.0.1:5000/team/app:latest'],
    reason: /latest/,
  },
  {
    name: 'a Docker Hub single name gets library/',
    git: {},
    inputs: { image: 'app' },
    push: true,
    refs: ['docker.io/library/app:latest'],
    reason: /latest/,
  },
  {
    name: 'push: by-digest on the default branch → pushed by digest, the tags kept for the merge',
    git: {},
    inputs: { push: 'by-digest' },
    push: true,
    refs: [`${HUB}:latest`],
    reason: /default branch main → :latest, by digest \(untagged, for merge to tag\)/,
  },
  {
    name: 'push: by-digest on another branch → nothing, as auto',
    git: { ref: 'refs/heads/feature/x', branch: 'feature/x' },
    inputs: { push: 'by-digest' },
    push: false,
    refs: [`${HUB}:feature-x`],
    reason: /branch feature\/x is not the default branch/,
  },
  {
    name: 'push: by-digest on a pull request → nothing, as auto',
    git: { event: 'pull_request', ref: 'refs/pull/7/merge', branch: 'feature', pullRequest: PR },
    inputs: { push: 'by-digest' },
    push: false,
    refs: [`${HUB}:pr-7`],
    reason: /pull request builds and tests only/,
  },
  {
    name: 'push: by-digest outside CI → pushed by digest (asked for by name)',
    git: { event: 'local', ref: '', branch: 'main' },
    inputs: { push: 'by-digest' },
    push: true,
    refs: [`${HUB}:latest`],
    reason: /push by-digest outside CI/,
  },
];

for (const c of CASES) {
  test(`policy: ${c.name}`, () => {
    const plan = planPush(configFor(c.inputs), gitFor(c.git));
    assert.equal(plan.push, c.push, plan.reason);
    assert.deepEqual(plan.refs, c.refs);
    assert.match(plan.reason, c.reason);
    assert.equal(plan.byDigest ?? false, c.inputs?.push === 'by-digest');
  });
}
