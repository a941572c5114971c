import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { marked } from 'marked';
import { commentBody, marker, postPrComment, readMarker, type PostRequest } from '../../src/github/pr-comment.js';
import type { Report } from '../../src/report/report.js';
import { check } from '../../src/rules/catalogue.js';
import { Redactor } from '../../src/secrets/redactor.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/github-api.js';

const SECRET = 's3cr3t-db-pa55word';
const KEY = 'ci/dockerflow/sample-app';

const report = (verdict: 'pass' | 'fail'): Report => ({
  schemaVersion: 1,
  verdict,
  image: {
    id: `sha256:${'b'.repeat(64)}`,
    configDigest: `sha256:${'b'.repeat(64)}`,
    manifestDigest: null,
    tags: ['docker.io/example/app:pr-12'],
    digest: null,
    pushed: [],
  },
  version: {
    source: 'https://github.com/example/app',
    version: '',
    commit: 'aa11bb22',
    build: 'https://github.com/example/app/actions/runs/4242',
  },
  checks:
    verdict === 'pass'
      ? [check('DF202', 'pass', 'answered 200'), check('DF101', 'pass', 'user app (10001)')]
      : [
          check('DF101', 'pass', 'user app (10001)'),
          check('DF107', 'fail', 'CMD in shell form', { file: '/w/app/Dockerfile', line: 9 }),
          check('DF203', 'fail', `/__heartbeat__ answered 500: {"db":"error: password ${SECRET} rejected"}`),
          check('DF206', 'skip', 'no static-paths', { skip: 'not-configured' }),
        ],
  timings: { build: 5000, ready: 2345 },
  push: { planned: false, reason: 'a pull request builds and tests only' },
});

describe('sticky PR comment against a local GitHub API server', () => {
  let gh: FakeGitHub;
  const redactor = new Redactor();
  redactor.add(SECRET);
  const request = (over: Partial<PostRequest> = {}): PostRequest => ({
    token: 'ghs_testtoken',
    mode: 'true',
    target: { owner: 'example', repo: 'app', issueNumber: 12 },
    report: report('fail'),
    info: {
      key: KEY,
      runUrl: 'https://github.com/example/app/actions/runs/4242',
      artifactUrl: 'https://github.com/a/1',
      sizes: { size: 150_000_000, base: { ref: 'node:24-slim', size: 120_000_000 } },
    },
    failOn: 'error',
    redact: (s) => redactor.redact(s),
    apiUrl: gh.url,
    ...over,
  });

  before(async () => {
    gh = await fakeGitHub();
    // A long thread: 250 other comments (three pages of 100), one of them another job's dockerflow comment.
    for (let i = 0; i < 250; i++) {
      gh.comments.push({
        id: i + 1,
        issue: 12,
        user: { login: 'someone' },
        body: i === 3 ? `${marker('ci/other-job/.')}\nnot ours` : `comment ${i}`,
      });
    }
  });
  after(() => gh.close());

  it('creates one comment, redacted, with failures first and their fix, sizes, time to ready and links', async () => {
    const out = await postPrComment(request());
    assert.equal(out.status, 'created', JSON.stringify(out));
    const ours = gh.comments.filter((c) => readMarker(c.body, KEY));
    assert.equal(ours.length, 1);
    const body = ours[0]!.body;
    assert.ok(!body.includes(SECRET), 'the secret never reaches GitHub');
    assert.ok(gh.requests.every((r) => !r.body?.includes(SECRET)));
    assert.match(body, /\*\*\*/);
    // Every page was read before creating (the marker could have been on the last page).
    assert.deepEqual(
      gh.requests.filter((r) => r.method === 'GET').map((r) => new URL(r.path, 'http://x').searchParams.get('page') ?? '1'),
      ['1', '2', '3'],
    );
    assert.equal(gh.requests[0]!.auth, 'token ghs_testtoken');
    const h = marked.parse(body, { gfm: true, async: false });
    const text = h.replace(/<[^>]+>/g, '');
    assert.match(text, /Dockerflow ❌ fail/);
    const rows = [...h.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .trim(),
    );
    assert.match(
      rows[1]!,
      /^DF203[\s\S]*\/__heartbeat__ answered 500[\s\S]*make the failing check/,
      'failures first, errors before warnings',
    );
    assert.match(rows[2]!, /^DF107/);
    assert.match(rows[2]!, /exec "\$@"/, 'with the one-line fix');
    assert.match(rows[3]!, /^DF101/);
    assert.match(text, /Size 150\.0 MB: \+30\.0 MB over the base image node:24-slim \(120\.0 MB\)/);
    assert.match(text, /Ready \(\/__lbheartbeat__ 200\) 2\.3 s after start/);
    assert.match(h, /href="https:\/\/github\.com\/example\/app\/actions\/runs\/4242"/);
    assert.match(h, /href="https:\/\/github\.com\/a\/1"/);
  });

  it('edits the same comment in place on the next push, and compares the size with the last run', async () => {
    const before = gh.comments.length;
    const out = await postPrComment(request({ report: report('pass'), info: { ...request().info, sizes: { size: 140_000_000 } } }));
    assert.equal(out.status, 'updated', JSON.stringify(out));
    assert.equal(gh.comments.length, before, 'no new comment');
    const body = gh.comments.find((c) => readMarker(c.body, KEY))!.body;
    assert.match(body, /Dockerflow ✅ pass/);
    assert.match(body, /−10\.0 MB since the last run \(150\.0 MB\)/);
    assert.equal(gh.comments[3]!.body.includes('not ours'), true, "another job's comment is left alone");
  });

  it('on-failure: a passing run posts nothing new, but still updates an existing comment', async () => {
    const other = { ...request().info, key: 'ci/dockerflow/other-context' };
    const none = await postPrComment(request({ mode: 'on-failure', report: report('pass'), info: other }));
    assert.deepEqual(none, { status: 'skipped', reason: 'pr-comment is on-failure and the run passed' });
    assert.equal(gh.comments.filter((c) => readMarker(c.body, other.key)).length, 0);
    const upd = await postPrComment(request({ mode: 'on-failure', report: report('pass') }));
    assert.equal(upd.status, 'updated');
  });

  it("a fork's read-only token: 403 becomes a note that says so, never a throw", async () => {
    gh.readOnly = true;
    try {
      const out = await postPrComment(request({ info: { ...request().info, key: 'ci/fork/.' } }));
      assert.equal(out.status, 'failed');
      assert.match(
        (out as { note: string }).note,
        /^PR comment not posted on pull request #12 of example\/app: the token may not write to it \(403 Resource not accessible by integration.*fork.*pull-requests: write \(with the reusable workflow, the calling job\)/,
      );
    } finally {
      gh.readOnly = false;
    }
  });

  it('an unreachable API is a note too', async () => {
    const out = await postPrComment(request({ apiUrl: 'http://127.0.0.1:9' }));
    assert.equal(out.status, 'failed');
    assert.match((out as { note: string }).note, /^PR comment not posted on pull request #12 of example\/app: /);
  });

  it('pr-comment: false and an empty token never call the API', async () => {
    const n = gh.requests.length;
    assert.equal((await postPrComment(request({ mode: 'false' }))).status, 'skipped');
    const empty = await postPrComment(request({ token: '' }));
    assert.match((empty as { note: string }).note, /github-token is empty/);
    assert.equal(gh.requests.length, n);
  });

  it('the marker holds its key exactly; a comment for another key is not ours', () => {
    assert.deepEqual(readMarker(`${marker(KEY, 42)}\nbody`, KEY), { size: 42 });
    assert.equal(readMarker(`${marker(`${KEY}-x`)}`, KEY), null);
    assert.equal(readMarker('no marker here', KEY), null);
    assert.doesNotMatch(commentBody(report('pass'), { key: 'a/b/-->' }, 'error').split('\n')[0]!, /-->.*-->/);
  });
});
