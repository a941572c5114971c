/**
 * Several registries in one run: `registry-auth` in docker/login-action's YAML form, the credentials check before
 * the build, one login per registry into the one private DOCKER_CONFIG, and ghcr.io with the job's token.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseRegistryAuth, registryAuthPasswords, secretValues } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/errors.js';
import { checkPushable, existingSession, sessionFor } from '../../src/publish/login.js';
import { login } from '../../src/stages/login.js';
import { planPush } from '../../src/publish/policy.js';
import type { Prepared } from '../../src/run/context.js';
import type { Config } from '../../src/config/config.js';
import { configFor, contextFor, fakeRunner, gitFor, tempDir } from './helpers.js';

const PW_HUB = 'dckr_pat_unit-Secret-1';
const PW_GHCR = 'ghs_unitSecret0123456789';

function prepared(config: Config): Prepared {
  const g = gitFor({});
  return { git: g, version: { source: '', version: '', commit: '', build: '' }, versionJson: '{}', plan: planPush(config, g) };
}

test("registry-auth: docker/login-action's YAML list; registry defaults to docker.io", () => {
  const yaml = `- username: hubuser\n  password: ${PW_HUB}\n- registry: ghcr.io\n  username: octocat\n  password: "${PW_GHCR}"\n`;
  assert.deepEqual(parseRegistryAuth(yaml, null), [
    { registry: 'docker.io', username: 'hubuser', password: PW_HUB },
    { registry: 'ghcr.io', username: 'octocat', password: PW_GHCR },
  ]);
  assert.deepEqual(parseRegistryAuth('', null), []);
  assert.deepEqual(registryAuthPasswords(yaml), [PW_HUB, PW_GHCR]);
  assert.deepEqual(registryAuthPasswords('- password: [unclosed'), [], 'best effort, never throws');
});

test('registry-auth: every mistake is one line naming the entry, never echoing a password', () => {
  const cases: [string, RegExp][] = [
    [`registry: ghcr.io\nusername: u\npassword: ${PW_HUB}`, /is not a YAML list/],
    [`- registry: ghcr.io\n  username: u\n  password: ${PW_HUB}: x`, /is not valid YAML \(.* at line 3\)/],
    [`- registry: ghcr.io\n  username: u`, /entry 1 \(ghcr\.io\) has no password/],
    [`- registry: ghcr.io\n  password: ${PW_HUB}`, /entry 1 \(ghcr\.io\) has no username/],
    [`- registry: ghcr.io\n  username: u\n  password: ${PW_HUB}\n  ecr: auto`, /entry 1 has the key "ecr"/],
    [`- registry: "not a host!"\n  username: u\n  password: ${PW_HUB}`, /entry 1: "not a host!" is not a registry host/],
    [
      `- username: u\n  password: ${PW_HUB}\n- registry: index.docker.io\n  username: v\n  password: x${PW_HUB}`,
      /entry 2 logs in to docker\.io again/,
    ],
    [`- registry: ghcr.io\n  username: [a, b]\n  password: ${PW_HUB}`, /entry 1: username is not a plain value/],
  ];
  for (const [yaml, expected] of cases) {
    assert.throws(
      () => parseRegistryAuth(yaml, null),
      (e: Error) =>
        e instanceof ConfigError &&
        expected.test(e.message) &&
        !e.message.includes(PW_HUB) &&
        e.message.startsWith('input "registry-auth"'),
      yaml,
    );
  }
  assert.throws(
    () => parseRegistryAuth(`- registry: ghcr.io\n  username: u\n  password: ${PW_HUB}`, 'ghcr.io'),
    /logs in to ghcr\.io again \(the username and password inputs already do\)/,
  );
});

test('registry-auth: every password and its docker config auth are secrets of the run', () => {
  const config = configFor({ 'registry-auth': `- registry: ghcr.io\n  username: octocat\n  password: ${PW_GHCR}` });
  const secrets = secretValues(config);
  assert.ok(secrets.includes(PW_GHCR));
  assert.ok(secrets.includes(Buffer.from(`octocat:${PW_GHCR}`).toString('base64')));
});

test('ghcr.io with the job token: registry ghcr.io, username github.actor, password GITHUB_TOKEN → docker login on stdin', async () => {
  const config = configFor({ registry: 'ghcr.io', username: 'octocat', password: PW_GHCR, push: 'true' });
  const { runner, calls } = fakeRunner();
  const session = await login(contextFor(config, runner, { GITHUB_ACTIONS: 'true' }), prepared(config));
  assert.ok(session);
  assert.deepEqual(calls[0]!.argv, ['docker', 'login', '--username', 'octocat', '--password-stdin', 'ghcr.io']);
  assert.equal(calls[0]!.opts.input, PW_GHCR);
  assert.equal(prepared(config).plan.refs[0], 'ghcr.io/example/app:latest');
  await session.close();
});

test('two registries: each logged in once, before anything else, into one private DOCKER_CONFIG', async () => {
  const config = configFor({
    username: 'hubuser',
    password: PW_HUB,
    tags: 'docker.io/example/app:v1\nghcr.io/example/app:v1',
    'registry-auth': `- registry: ghcr.io\n  username: octocat\n  password: ${PW_GHCR}`,
  });
  const { runner, calls } = fakeRunner();
  const ctx = contextFor(config, runner, { GITHUB_ACTIONS: 'true' });
  const state: Record<string, string> = {};
  ctx.saveState = (k, v) => void (state[k] = v);
  const session = await login(ctx, prepared(config));
  assert.ok(session);
  assert.deepEqual(
    calls.map((c) => [c.argv.at(-1), c.opts.input]),
    [
      ['docker.io', PW_HUB],
      ['ghcr.io', PW_GHCR],
    ],
  );
  const dirs = new Set(calls.map((c) => c.runnerEnv.DOCKER_CONFIG));
  assert.deepEqual([...dirs], [session.dockerConfig], 'one DOCKER_CONFIG for both, the private one');
  assert.equal(state.loggedIn, 'docker.io\nghcr.io');
  assert.equal(sessionFor(session, 'ghcr.io')?.username, 'octocat');
  assert.equal(sessionFor(session, 'index.docker.io')?.password, PW_HUB);
  assert.equal(sessionFor(session, 'quay.io'), null);
  await session.close();
  assert.deepEqual(
    calls.slice(2).map((c) => c.argv),
    [
      ['docker', 'logout', 'docker.io'],
      ['docker', 'logout', 'ghcr.io'],
    ],
  );
});

test('two registries: a refused login to one a push goes to fails the run naming it, and logs out of the other', async () => {
  const config = configFor({
    registry: '127.0.0.1:5000',
    username: 'alice',
    password: PW_HUB,
    tags: '127.0.0.1:5000/example/app:v1\n127.0.0.1:5010/example/app:v1',
    'registry-auth': `- registry: 127.0.0.1:5010\n  username: bob\n  password: ${PW_GHCR}`,
  });
  const { runner, calls } = fakeRunner((argv) =>
    argv.includes('127.0.0.1:5010') && argv[1] === 'login'
      ? {
          exitCode: 1,
          stderr: 'Error response from daemon: Get "http://127.0.0.1:5010/v2/": unauthorized: incorrect username or password\n',
        }
      : { exitCode: 0 },
  );
  await assert.rejects(
    login(contextFor(config, runner), prepared(config)),
    /^UserError: registry 127\.0\.0\.1:5010 refused the login of user bob \(.*incorrect username or password\)/,
  );
  assert.deepEqual(calls.at(-1)!.argv, ['docker', 'logout', '127.0.0.1:5000']);
});

test('two registries: a tag on a registry without credentials fails before the build, saying where to add them', () => {
  const { runner } = fakeRunner();
  const config = configFor({
    username: 'hubuser',
    password: PW_HUB,
    tags: 'docker.io/example/app:v1\nghcr.io/example/app:v1\nquay.io/example/app:v1',
    'registry-auth': `- registry: ghcr.io\n  username: octocat\n  password: ${PW_GHCR}`,
  });
  assert.throws(
    () => checkPushable(contextFor(config, runner, { GITHUB_ACTIONS: 'true' }), prepared(config)),
    /tag quay\.io\/example\/app:v1 is on quay\.io, but neither username\/password nor registry-auth logs in to quay\.io: add "- registry: quay\.io" with username and password to registry-auth/,
  );
  // The primary registry needs no credentials when every ref is on registry-auth's.
  const ghcrOnly = configFor({
    tags: 'ghcr.io/example/app:v1',
    'registry-auth': `- registry: ghcr.io\n  username: octocat\n  password: ${PW_GHCR}`,
  });
  assert.doesNotThrow(() => checkPushable(contextFor(ghcrOnly, runner), prepared(ghcrOnly)));
});

test('ECR and GAR: logged in by their own actions first, the run pushes with no password and reads back with those logins', async () => {
  const ecr = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
  const gar = 'europe-docker.pkg.dev';
  const dir = tempDir('job-docker-');
  const ecrToken = 'ecr-unit-Secret-token';
  writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ auths: { [ecr]: { auth: Buffer.from(`AWS:${ecrToken}`).toString('base64') } }, credHelpers: { [gar]: 'gcloud' } }),
  );
  const config = configFor({ tags: `${ecr}/example/app:v1\n${gar}/proj/repo/app:v1` });
  const { runner, calls } = fakeRunner((argv) =>
    argv[0] === 'docker-credential-gcloud' ? { stdout: '{"Username":"oauth2accesstoken","Secret":"ya29.unit-Secret"}' } : {},
  );
  const ctx = contextFor(config, runner, { DOCKER_CONFIG: dir });
  assert.doesNotThrow(() => checkPushable(ctx, prepared(config)));
  assert.equal(await login(ctx, prepared(config)), null, 'nothing to log in to: the job did');
  const e = await existingSession(ctx, null, ecr);
  assert.deepEqual([e?.username, e?.password, e?.dockerConfig], ['AWS', ecrToken, dir]);
  const g = await existingSession(ctx, null, gar);
  assert.deepEqual([g?.username, g?.password], ['oauth2accesstoken', 'ya29.unit-Secret']);
  assert.deepEqual(calls.at(-1)!.argv, ['docker-credential-gcloud', 'get']);
  assert.equal(calls.at(-1)!.opts.input, gar);
  assert.equal(await existingSession(ctx, null, 'quay.io'), null);
  // Without such a login the push is still refused before the build.
  const quay = configFor({ tags: 'quay.io/example/app:v1' });
  assert.throws(() => checkPushable(contextFor(quay, runner, { DOCKER_CONFIG: dir }), prepared(quay)), /is on quay\.io/);
});

test('docs: the README and docs/publishing.md show ghcr.io with the job token and registry-auth', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  for (const file of ['README.md', 'docs/publishing.md']) {
    const text = readFileSync(path.join(root, file), 'utf8');
    assert.match(text, /password: \$\{\{ secrets\.GITHUB_TOKEN \}\}/, file);
    assert.match(text, /packages: write/, file);
    assert.match(text, /registry-auth: \|/, file);
    assert.match(text, /hub-description: README\.md/, file);
  }
});
