import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pushRef } from '../../src/publish/push.js';
import type { RegistrySession } from '../../src/publish/login.js';
import type { Runner } from '../../src/exec/runner.js';
import { configFor, contextFor, fakeRunner } from './helpers.js';

const ID = `sha256:${'c'.repeat(64)}`;
const REF = 'ghcr.io/example/app:v1';
/** A session over `runner`, as the login stage makes one: a view of the run's runner with its DOCKER_CONFIG. */
const sessionOn = (runner: Runner): RegistrySession => ({
  registry: 'ghcr.io',
  username: 'octo',
  password: 'x',
  dockerConfig: '/tmp/df-cfg',
  runner: runner.withEnv({ DOCKER_CONFIG: '/tmp/df-cfg' }),
  close: async () => undefined,
});

test('push: tags the built image by ID, then pushes, with the private DOCKER_CONFIG', async () => {
  const { runner, calls } = fakeRunner();
  await pushRef(contextFor(configFor(), runner), sessionOn(runner), ID, REF);
  assert.deepEqual(
    calls.map((c) => c.argv),
    [
      ['docker', 'tag', ID, REF],
      ['docker', 'push', REF],
    ],
  );
  assert.ok(
    calls.every((c) => c.runnerEnv.DOCKER_CONFIG === '/tmp/df-cfg'),
    'both through the session: its DOCKER_CONFIG',
  );
  assert.deepEqual(runner.env, {}, "the run's runner keeps its env");
});

test('push: a denied push stops at once, naming registry, ref and user', async () => {
  const { runner, calls } = fakeRunner((argv) =>
    argv[1] === 'push' ? { exitCode: 1, stderr: 'denied: permission_denied: write_package\n' } : {},
  );
  await assert.rejects(
    pushRef(contextFor(configFor(), runner), sessionOn(runner), ID, REF),
    /^UserError: registry ghcr\.io refused the push of ghcr\.io\/example\/app:v1 by user octo \(denied: permission_denied: write_package\): check that the repository exists and that the token has write access to it$/,
  );
  assert.equal(calls.filter((c) => c.argv[1] === 'push').length, 1);
});

test('push: a transient failure is retried and logged', async () => {
  const messages: string[] = [];
  let pushes = 0;
  const { runner } = fakeRunner((argv) =>
    argv[1] === 'push' && ++pushes === 1 ? { exitCode: 1, stderr: 'received unexpected HTTP status: 502 Bad Gateway\n' } : {},
  );
  await pushRef(contextFor(configFor(), runner, {}, messages), sessionOn(runner), ID, REF);
  assert.equal(pushes, 2);
  assert.ok(
    messages.some((m) =>
      /^docker push ghcr\.io\/example\/app:v1 failed \(received unexpected HTTP status: 502 Bad Gateway\); retry 1\/3 in 1\.\d s$/.test(m),
    ),
    messages.join('\n'),
  );
});

test('push: any other failure is reported with its reason, not retried', async () => {
  const { runner, calls } = fakeRunner((argv) => (argv[1] === 'push' ? { exitCode: 1, stderr: 'manifest invalid: layers too big\n' } : {}));
  await assert.rejects(
    pushRef(contextFor(configFor(), runner), sessionOn(runner), ID, REF),
    /docker push ghcr\.io\/example\/app:v1 failed: manifest invalid: layers too big; the full output is in build\.log/,
  );
  assert.equal(calls.length, 2);
});
