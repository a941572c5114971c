import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, classifyFailure, RetriesExhausted, retryRegistry, withRetry, type FailureKind } from '../../src/publish/retry.js';

const CLASSES: [string, FailureKind][] = [
  ['Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized', 'auth'],
  ['denied: requested access to the resource is denied', 'auth'],
  ['unauthorized: authentication required', 'auth'],
  ['unauthorized: incorrect username or password', 'auth'],
  ['no basic auth credentials', 'auth'],
  ['Error response from daemon: Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', 'transient'],
  ['read tcp 10.0.0.1:5432->1.2.3.4:443: read: connection reset by peer', 'transient'],
  ['Put "http://127.0.0.1:5059/v2/x/manifests/t1": EOF', 'transient'],
  // The containerd image store's pusher, when the registry drops the connection mid-request.
  [
    'failed commit on ref "manifest-sha256:7f70": failed to do request: Put "https://127.0.0.1:40567/v2/x/manifests/sha256:7f70": readfrom tcp 127.0.0.1:40250->127.0.0.1:40567: write tcp 127.0.0.1:40250->127.0.0.1:40567: use of closed network connection',
    'transient',
  ],
  ['received unexpected HTTP status: 503 Service Unavailable', 'transient'],
  ['received unexpected HTTP status: 502 Bad Gateway', 'transient'],
  ['toomanyrequests: too many requests, retry later (429)', 'transient'],
  ['net/http: TLS handshake timeout', 'transient'],
  ['Get "https://registry-1.docker.io/v2/": context deadline exceeded', 'transient'],
  ['dial tcp: lookup nosuch.example: no such host', 'fatal'],
  ['manifest invalid: manifest invalid', 'fatal'],
  ['tag does not exist: x', 'fatal'],
];

for (const [text, kind] of CLASSES) test(`classify: ${kind}: ${text.slice(0, 60)}`, () => assert.equal(classifyFailure(text), kind));

const opts = (sleeps: number[], retries: string[] = []) => ({
  tries: 4,
  baseDelayMs: 100,
  kindOf: (e: unknown) => classifyFailure((e as Error).message),
  onRetry: ({ attempt }: { attempt: number }) => void retries.push(`retry ${attempt}`),
  sleep: async (ms: number) => void sleeps.push(ms),
});

test('retry: transient failures are retried with growing delays, then succeed', async () => {
  const sleeps: number[] = [];
  const retries: string[] = [];
  let n = 0;
  const r = await withRetry(
    async () => {
      if (++n < 3) throw new Error('connection reset by peer');
      return 'ok';
    },
    opts(sleeps, retries),
  );
  assert.equal(r, 'ok');
  assert.equal(n, 3);
  assert.deepEqual(retries, ['retry 1', 'retry 2']);
  assert.ok(sleeps[0]! >= 100 && sleeps[0]! <= 120, `first delay ${sleeps[0]}`);
  assert.ok(sleeps[1]! >= 200 && sleeps[1]! <= 240, `second delay ${sleeps[1]}`);
});

test('retry: bounded, then RetriesExhausted with the last error', async () => {
  const sleeps: number[] = [];
  let n = 0;
  await assert.rejects(
    withRetry(async () => {
      n++;
      throw new Error('503 Service Unavailable');
    }, opts(sleeps)),
    (e: unknown) => e instanceof RetriesExhausted && e.attempts === 4 && /503/.test((e.last as Error).message),
  );
  assert.equal(n, 4);
  assert.equal(sleeps.length, 3);
});

test('retry: an auth refusal stops at once', async () => {
  const sleeps: number[] = [];
  let n = 0;
  await assert.rejects(
    withRetry(async () => {
      n++;
      throw new Error('unauthorized: authentication required');
    }, opts(sleeps)),
    /unauthorized/,
  );
  assert.equal(n, 1);
  assert.equal(sleeps.length, 0);
});

test('retry: backoff doubles and jitters by at most 20 %', () => {
  assert.equal(
    backoffDelay(1000, 1, () => 0),
    1000,
  );
  assert.equal(
    backoffDelay(1000, 3, () => 0),
    4000,
  );
  assert.equal(
    backoffDelay(1000, 2, () => 1),
    2400,
  );
});

test('retryRegistry: the one registry retry says each retry in one line, and stops at once on a refusal', async () => {
  const said: string[] = [];
  const sleeps: number[] = [];
  let n = 0;
  const got = await retryRegistry(
    'docker push r/x:1',
    async () => {
      if (++n < 3) throw new Error(n === 1 ? 'EOF' : 'received unexpected HTTP status: 503 Service Unavailable');
      return 'pushed';
    },
    { say: (l) => said.push(l), why: (e) => (e as Error).message, sleep: async (ms) => void sleeps.push(ms) },
  );
  assert.equal(got, 'pushed');
  assert.equal(said.length, 2);
  assert.match(said[0]!, /^docker push r\/x:1 failed \(EOF\); retry 1\/3 in 1\.[0-2] s$/);
  assert.match(
    said[1]!,
    /^docker push r\/x:1 failed \(received unexpected HTTP status: 503 Service Unavailable\); retry 2\/3 in 2\.[0-4] s$/,
  );
  assert.equal(sleeps.length, 2);

  said.length = 0;
  await assert.rejects(
    retryRegistry(
      'docker login to r',
      async () => {
        throw new Error('unauthorized: incorrect username or password');
      },
      { say: (l) => said.push(l), why: (e) => (e as Error).message, sleep: async () => undefined },
    ),
    /incorrect username or password/,
  );
  assert.deepEqual(said, [], 'a refused password is never retried');
});
