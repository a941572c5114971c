import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createDockerConfig, existingLogin } from '../../src/publish/docker-config.js';
import { checkPushable, wantsLogin } from '../../src/publish/login.js';
import { login } from '../../src/stages/login.js';
import { planPush } from '../../src/publish/policy.js';
import type { Prepared } from '../../src/run/context.js';
import type { GitContext } from '../../src/git/context.js';
import type { Config } from '../../src/config/config.js';
import { configFor, contextFor, fakeRunner, gitFor, tempDir } from './helpers.js';

const PASSWORD = 'pw-unit-Secret-123';

function prepared(config: Config, git: Partial<GitContext> = {}): Prepared {
  const g = gitFor(git);
  return { git: g, version: { source: '', version: '', commit: '', build: '' }, versionJson: '{}', plan: planPush(config, g) };
}

test('login: password on stdin only, into a private DOCKER_CONFIG; close logs out and removes it', async () => {
  const config = configFor({ registry: '127.0.0.1:5000', username: 'alice', password: PASSWORD });
  const { runner, calls } = fakeRunner();
  const ctx = contextFor(config, runner, { GITHUB_ACTIONS: 'true' });
  const state: Record<string, string> = {};
  ctx.saveState = (k, v) => void (state[k] = v);
  const session = await login(ctx, prepared(config));
  assert.ok(session);
  assert.deepEqual(calls[0]!.argv, ['docker', 'login', '--username', 'alice', '--password-stdin', '127.0.0.1:5000']);
  assert.equal(calls[0]!.opts.input, PASSWORD);
  assert.equal(calls[0]!.opts.quiet, true);
  assert.ok(!calls.some((c) => c.argv.some((a) => a.includes(PASSWORD))), 'the password is never in argv');
  const dir = calls[0]!.runnerEnv.DOCKER_CONFIG!;
  assert.ok(dir.startsWith(ctx.env.RUNNER_TEMP!), `${dir} is under RUNNER_TEMP`);
  assert.equal(session.runner.env.DOCKER_CONFIG, dir, "every later docker command (through the session's runner) uses the login");
  assert.deepEqual(runner.env, {}, "the run's own runner is untouched");
  assert.deepEqual(state, { dockerConfig: dir, loggedIn: '127.0.0.1:5000' });
  await session.close();
  assert.deepEqual(calls[1]!.argv, ['docker', 'logout', '127.0.0.1:5000']);
  assert.equal(calls[1]!.runnerEnv.DOCKER_CONFIG, dir, 'the logout runs with the private config');
  assert.equal(existsSync(dir), false);
  assert.deepEqual(runner.env, {});
});

test('login: a refused password stops at once, naming registry and user', async () => {
  const config = configFor({ registry: '127.0.0.1:5000', username: 'alice', password: PASSWORD });
  const { runner, calls } = fakeRunner(() => ({
    exitCode: 1,
    stderr: 'Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized\n',
  }));
  const ctx = contextFor(config, runner);
  await assert.rejects(
    login(ctx, prepared(config)),
    /registry 127\.0\.0\.1:5000 refused the login of user alice .*401 Unauthorized.*check the username and password/,
  );
  assert.equal(calls.length, 1, 'no retry on an auth error');
  assert.equal(existsSync(calls[0]!.runnerEnv.DOCKER_CONFIG!), false, 'the private config is removed');
});

test('login: nothing planned → no login at all (pull requests)', async () => {
  const config = configFor({ username: 'alice', password: PASSWORD });
  const { runner, calls } = fakeRunner();
  const ctx = contextFor(config, runner);
  const pr = prepared(config, { event: 'pull_request', pullRequest: { number: 3, fork: false } });
  assert.equal(await login(ctx, pr), null);
  assert.equal(calls.length, 0);
});

test('login: who logs in (a push is due, or credentials outside pull requests)', () => {
  const creds = { username: 'alice', password: PASSWORD };
  const feature = { ref: 'refs/heads/feature', branch: 'feature' };
  const pr = { event: 'pull_request', pullRequest: { number: 3, fork: false } };
  const cases: [string, Record<string, string>, Partial<GitContext>, boolean][] = [
    ['default branch with credentials: the push is due', creds, {}, true],
    ['another branch with credentials: for the base image pulls', creds, feature, true],
    ['another branch with credentials and push false: still for the pulls', { ...creds, push: 'false' }, feature, true],
    ['another branch without credentials', {}, feature, false],
    ['only a username', { username: 'alice' }, feature, false],
    ['a pull request with credentials', creds, pr, false],
    ['a pull request with push true', { ...creds, push: 'true' }, pr, true],
  ];
  for (const [name, raw, git, expected] of cases) {
    const config = configFor(raw);
    assert.equal(wantsLogin(contextFor(config, fakeRunner().runner), prepared(config, git)), expected, name);
  }
});

test('login: a refused login with no push due is a warning, and the run goes on without it', async () => {
  const config = configFor({ registry: '127.0.0.1:5000', username: 'alice', password: PASSWORD });
  const { runner, calls } = fakeRunner(() => ({ exitCode: 1, stderr: 'Error response from daemon: 401 Unauthorized\n' }));
  const messages: string[] = [];
  const ctx = contextFor(config, runner, {}, messages);
  assert.equal(await login(ctx, prepared(config, { ref: 'refs/heads/feature', branch: 'feature' })), null);
  assert.equal(calls.length, 1);
  assert.match(messages.join('\n'), /^warning: registry 127\.0\.0\.1:5000 refused the login of user alice .*goes on without a login/m);
  assert.deepEqual(runner.env, {}, "later commands (the run's own runner) do not use the failed login");
});

test('login: a due push without credentials is an error before anything runs', () => {
  const { runner } = fakeRunner();
  const hub = configFor({});
  assert.throws(
    () => checkPushable(contextFor(hub, runner, { GITHUB_ACTIONS: 'true' }), prepared(hub)),
    /^UserError: push is due \(default branch main → :latest\) but no username\/password: set the DOCKERHUB_USERNAME\/DOCKERHUB_TOKEN secrets.*or push: false$/,
  );
  const ghcr = configFor({ registry: 'ghcr.io', username: 'octo' });
  assert.throws(
    () => checkPushable(contextFor(ghcr, runner, { GITHUB_ACTIONS: 'true' }), prepared(ghcr)),
    /but no password: .*GITHUB_TOKEN/,
  );
  assert.throws(() => checkPushable(contextFor(hub, runner), prepared(hub)), /--username and --password-stdin, or --push false/);
});

test('login: every ref must be on the registry logged in to', () => {
  const config = configFor({ username: 'u', password: PASSWORD, tags: 'ghcr.io/example/app:v1' });
  const { runner } = fakeRunner();
  assert.throws(
    () => checkPushable(contextFor(config, runner), prepared(config)),
    /tag ghcr\.io\/example\/app:v1 is on ghcr\.io, but this run logs in to docker\.io only: set registry: ghcr\.io/,
  );
});

test("docker config: starts from the user's, never keeps a credsStore or this registry's login", () => {
  const user = tempDir('user-');
  mkdirSync(path.join(user, 'buildx'));
  writeFileSync(
    path.join(user, 'config.json'),
    JSON.stringify({
      auths: { 'https://index.docker.io/v1/': { auth: 'old' }, 'quay.io': { auth: 'keep' } },
      credsStore: 'desktop',
      credHelpers: { 'docker.io': 'osxkeychain', 'gcr.io': 'gcloud' },
      currentContext: 'default',
    }),
  );
  const dir = createDockerConfig(user, user, 'docker.io', (m) => assert.fail(m));
  const cfg = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
  assert.deepEqual(cfg, { auths: { 'quay.io': { auth: 'keep' } }, credHelpers: { 'gcr.io': 'gcloud' }, currentContext: 'default' });
  assert.ok(lstatSync(path.join(dir, 'buildx')).isSymbolicLink(), 'buildx builders stay those the job set up');
  assert.equal((lstatSync(dir).mode & 0o777).toString(8), '700');
});

test('docker config: a malformed config.json is one warning naming the file, not a silent empty config', () => {
  const user = tempDir('user-');
  const file = path.join(user, 'config.json');
  writeFileSync(file, '{"auths": {"quay.io": {"auth": "keep"}},}'); // a trailing comma
  const warnings: string[] = [];
  const dir = createDockerConfig(user, user, 'docker.io', (m) => warnings.push(m));
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')), {});
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0]!,
    new RegExp(
      `^the docker config ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} cannot be read \\(.*JSON.*\\): this run ignores it, .*fix the file or remove it$`,
    ),
  );
  assert.equal(
    existingLogin(user, 'quay.io', (m) => warnings.push(m)),
    null,
  );
  assert.equal(warnings.length, 1, 'said once per file');

  const array = tempDir('user-');
  writeFileSync(path.join(array, 'config.json'), '[]');
  assert.equal(
    existingLogin(array, 'quay.io', (m) => warnings.push(m)),
    null,
  );
  assert.match(warnings[1]!, /cannot be read \(not a JSON object\)/);

  const none = tempDir('user-');
  assert.equal(
    existingLogin(none, 'quay.io', (m) => assert.fail(m)),
    null,
    'no file is no login, and no warning',
  );
});
