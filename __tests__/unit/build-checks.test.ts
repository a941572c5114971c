import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCheckArgv, buildCheckEnv } from '../../src/docker/build-argv.js';
import { buildChecks, buildxVersion, parseCheckOutput } from '../../src/inspect/build-checks.js';
import { configFor, contextFor, fakeRunner } from './helpers.js';

/** What buildx 0.29 prints for `--call check,format=json` (trimmed: `sources` omitted). */
const JSON_OUT = JSON.stringify({
  warnings: [
    {
      ruleName: 'SecretsUsedInArgOrEnv',
      description: 'Sensitive data should not be used in the ARG or ENV commands',
      url: 'https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/',
      detail: 'Do not use ARG or ENV instructions for sensitive data (ARG "API_TOKEN")',
      location: { ranges: [{ start: { line: 2 }, end: { line: 2 } }] },
    },
    {
      ruleName: 'JSONArgsRecommended',
      detail: 'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
      location: { ranges: [{ start: { line: 5 }, end: { line: 5 } }] },
    },
  ],
  sources: [],
});

test('buildx versions: upstream and Debian spellings', () => {
  assert.deepEqual(buildxVersion('github.com/docker/buildx v0.29.1 a1b2c3'), [0, 29]);
  assert.deepEqual(buildxVersion('github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3'), [0, 13]);
  assert.equal(buildxVersion('something else'), null);
});

test('check output: every warning with its line; "warnings": null is none; anything else is not check output', () => {
  assert.deepEqual(parseCheckOutput(JSON_OUT, '/src/Dockerfile'), [
    {
      rule: 'SecretsUsedInArgOrEnv',
      message: 'Do not use ARG or ENV instructions for sensitive data (ARG "API_TOKEN")',
      file: '/src/Dockerfile',
      line: 2,
      url: 'https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/',
    },
    {
      rule: 'JSONArgsRecommended',
      message: 'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
      file: '/src/Dockerfile',
      line: 5,
    },
  ]);
  assert.deepEqual(parseCheckOutput('{"warnings":null,"sources":[]}', 'D'), []);
  assert.equal(parseCheckOutput('', 'D'), null);
  assert.equal(parseCheckOutput('{"other":1}', 'D'), null);
});

test('check argv: the build args and target of the build, nothing built', () => {
  const config = configFor({ 'build-args': 'A=1', target: 'runtime' });
  assert.deepEqual(buildCheckArgv(config), [
    'docker',
    'buildx',
    'build',
    '--call',
    'check,format=json',
    '--progress',
    'quiet',
    '--file',
    config.file,
    '--build-arg',
    'A=1',
    '--target',
    'runtime',
    config.context,
  ]);
});

test('DF108: findings fail as a warning on the first line; old or missing buildx and a failed check are skips with the reason', async () => {
  const { runner, calls } = fakeRunner(() => ({ exitCode: 1, stdout: JSON_OUT }));
  const ctx = contextFor(configFor(), runner);
  const row = await buildChecks(ctx, 'github.com/docker/buildx 0.29.1+ds1 0.29.1+ds1-4');
  assert.equal(calls.length, 1);
  assert.equal(row.status, 'fail');
  assert.equal(row.level, 'warning');
  assert.equal(row.line, 2);
  assert.equal(row.file, ctx.config.file);
  assert.match(row.message, /^2 BuildKit check finding\(s\): SecretsUsedInArgOrEnv \(line 2\): .*; JSONArgsRecommended \(line 5\): /);
  assert.equal(row.findings?.length, 2);

  const clean = await buildChecks(contextFor(configFor(), fakeRunner(() => ({ stdout: '{"warnings":null}' })).runner), 'buildx v0.15.0');
  assert.deepEqual([clean.status, clean.message], ['pass', "BuildKit's Dockerfile checks found nothing"]);

  const old = fakeRunner();
  const skipped = await buildChecks(contextFor(configFor(), old.runner), 'github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3');
  assert.deepEqual(
    [skipped.status, skipped.message],
    ['skip', "buildx 0.13 has no --call check (added in 0.15); upgrade buildx to run BuildKit's checks"],
  );
  assert.equal(old.calls.length, 0, 'nothing is run on an old buildx');

  const none = await buildChecks(contextFor(configFor(), fakeRunner().runner), null);
  assert.equal(none.status, 'skip');
  assert.match(none.message, /buildx plugin is missing/);

  const broken = fakeRunner(() => ({ exitCode: 1, stderr: 'ERROR: failed to solve: frontend does not support --call\n' }));
  const failed = await buildChecks(contextFor(configFor(), broken.runner), 'buildx v0.20.0');
  assert.deepEqual(
    [failed.status, failed.message],
    [
      'skip',
      'docker buildx build --call check did not run (ERROR: failed to solve: frontend does not support --call); the build itself reports Dockerfile errors',
    ],
  );
});

test('check argv: a secret build arg goes by name, its value only in the environment docker reads it from', () => {
  const config = configFor({ 'build-args': 'NPM_TOKEN=npm_s3cr3t|"value\nPUBLIC=1' });
  const argv = buildCheckArgv(config);
  assert.ok(!argv.some((a) => a.includes('npm_s3cr3t')), argv.join(' '));
  assert.deepEqual(argv.slice(argv.indexOf('--build-arg'), argv.lastIndexOf('--build-arg') + 2), [
    '--build-arg',
    'NPM_TOKEN',
    '--build-arg',
    'PUBLIC=1',
  ]);
  assert.deepEqual(buildCheckEnv(config), { NPM_TOKEN: 'npm_s3cr3t|"value' });
});
