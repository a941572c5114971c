/**
 * The sticky PR comment as the runner runs the action (node dist/index.js), against a local server speaking
 * GitHub's issue-comment REST endpoints (GITHUB_API_URL points Octokit at it): posted on a pull request with the
 * verdict, failures first, the real image and base image sizes, redacted; a fork's read-only token (403) is said
 * in the summary and does not fail the step.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { marked } from 'marked';
import { readMarker } from '../../src/github/pr-comment.js';
import { RULES } from '../../src/rules/catalogue.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/github-api.js';
import { FIXTURES, runAction } from '../helpers/run.js';

const CTX = path.join(FIXTURES, 'apps/compliant');
const event = (name: string): object => JSON.parse(readFileSync(path.join(FIXTURES, 'events', `${name}.json`), 'utf8'));
// The static stage is enough for a verdict; the smoke stage is proven elsewhere.
const STATIC_ONLY = RULES.filter((r) => r.stage !== 'inspect')
  .map((r) => r.id)
  .join(',');
const TOKEN = 'ghs_integrationTokenValue123';
// A secret whose value also appears in what the comment shows (the Dockerfile's name): it must never reach GitHub.
const LEAKY = 'df101-root';

describe('PR comment through the action (node dist/index.js)', { concurrency: true }, () => {
  let same: FakeGitHub;
  let fork: FakeGitHub;
  before(async () => {
    [same, fork] = await Promise.all([fakeGitHub(), fakeGitHub()]);
    fork.readOnly = true;
    for (let i = 0; i < 120; i++) same.comments.push({ id: i + 1, issue: 12, user: { login: 'someone' }, body: `review note ${i}` });
  });
  after(() => Promise.all([same.close(), fork.close()]));

  it(
    'a same-repository pull request gets one comment: verdict, failures first with the fix, sizes, redacted',
    { timeout: 300_000 },
    async () => {
      const r = await runAction({
        eventName: 'pull_request',
        event: event('pull-request-same-repo'),
        ref: 'refs/pull/12/merge',
        inputs: {
          context: CTX,
          file: path.join(FIXTURES, 'static/df101-root.Dockerfile'),
          image: 'prcomment/app',
          'checks-ignore': STATIC_ONLY,
          'github-token': TOKEN,
          'env-secrets': `LEAKY=${LEAKY}`,
          'upload-artifacts': 'false',
        },
        env: { GITHUB_API_URL: same.url, GITHUB_JOB: 'dockerflow', GITHUB_WORKFLOW: 'ci', GITHUB_HEAD_REF: 'feature' },
      });
      assert.equal(r.outputs.verdict, 'fail', r.stdout.slice(-3000));
      const ours = same.comments.filter((c) => readMarker(c.body, 'ci/dockerflow/__tests__/fixtures/apps/compliant'));
      assert.equal(ours.length, 1, `one comment, found by its marker\n${r.stdout.slice(-3000)}`);
      const body = ours[0]!.body;
      assert.equal(ours[0]!.issue, 12);
      assert.ok(!body.includes(LEAKY), 'the secret value is redacted from the comment');
      assert.ok(same.requests.every((q) => !q.body?.includes(LEAKY) && !q.body?.includes(TOKEN)));
      assert.ok(
        same.requests.every((q) => q.auth === `token ${TOKEN}`),
        'the github-token authenticates every call',
      );
      assert.deepEqual(
        same.requests.map((q) => q.method),
        ['GET', 'GET', 'POST'],
        'two pages read, then one comment created',
      );
      const h = marked.parse(body, { gfm: true, async: false });
      const text = h.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"');
      assert.match(text, /Dockerflow ❌ fail/);
      const firstRow = [...h.matchAll(/<tr>([\s\S]*?)<\/tr>/g)][1]![1]!.replace(/<[^>]+>/g, ' ');
      assert.match(firstRow, /DF101[\s\S]*fail[\s\S]*useradd --uid 10001/, 'the failure first, with its fix');
      assert.match(text, /Size \d+(\.\d)? MB: \+\d+(\.\d)? (kB|MB) over the base image node:24-slim \(\d+(\.\d)? MB\)/);
      assert.match(h, /href="https:\/\/github\.com\/example\/app\/actions\/runs\/4242"/);
      assert.match(r.stdout, /PR comment created: https:\/\/github\.com\/example\/app\/pull\/12#issuecomment-/);
    },
  );

  it("a fork's read-only token: the summary says so and the step is not failed by it", { timeout: 300_000 }, async () => {
    const r = await runAction({
      eventName: 'pull_request',
      event: event('pull-request-fork'),
      ref: 'refs/pull/13/merge',
      inputs: {
        context: CTX,
        file: path.join(FIXTURES, 'static/compliant.Dockerfile'),
        image: 'prcomment/app',
        'checks-ignore': STATIC_ONLY,
        'github-token': 'ghs_readOnlyForkToken',
        'upload-artifacts': 'false',
      },
      env: { GITHUB_API_URL: fork.url, GITHUB_JOB: 'dockerflow', GITHUB_WORKFLOW: 'ci', GITHUB_HEAD_REF: 'main' },
    });
    assert.equal(r.outputs.verdict, 'pass', r.stdout.slice(-3000));
    assert.equal(r.code, 0, `the step passes\n${r.stdout.slice(-3000)}`);
    assert.equal(fork.comments.length, 0);
    assert.ok(
      fork.requests.some((q) => q.method === 'POST'),
      'it tried',
    );
    const text = marked.parse(r.summary, { gfm: true, async: false }).replace(/<[^>]+>/g, '');
    assert.match(text, /PR comment not posted on pull request #13 of example\/app: the token may not write to it \(403 .*fork/);
    assert.match(r.stdout, /::warning::PR comment not posted/);
  });
});
