import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { secretValues, unmaskableSecrets } from '../../src/config/config.js';
import { createRunContext } from '../../src/run/create.js';
import { Redactor } from '../../src/secrets/redactor.js';
import { appEnv } from '../../src/smoke/env.js';
import { CliUi } from '../../src/ui/cli-ui.js';
import { configFor, contextFor, fakeRunner, silentUi } from './helpers.js';

test('secrets: password, its base64 login form, build secrets and secret-named env values are secrets', () => {
  const config = configFor({
    username: 'alice',
    password: 'pw-Secret-1',
    secrets: 'api_key=build-Secret-2',
    env: 'API_TOKEN=env-Secret-3\nLOG_LEVEL=info\nDATABASE_URL=postgres://app:url-Secret-4@db/app',
  });
  assert.deepEqual(
    secretValues(config).sort(),
    [Buffer.from('alice:pw-Secret-1').toString('base64'), 'build-Secret-2', 'env-Secret-3', 'pw-Secret-1', 'url-Secret-4'].sort(),
  );
});

test('secrets: a multi-line value is redacted whole and line by line', () => {
  const r = new Redactor(['-----BEGIN KEY-----\nAAAAsecretline\n-----END KEY-----']);
  assert.equal(r.redact('got AAAAsecretline in a log'), 'got *** in a log');
  assert.equal(r.redact('json "-----BEGIN KEY-----\\nAAAAsecretline\\n-----END KEY-----"'), 'json "***"');
});

test('secrets: the CLI console redacts what it prints', () => {
  const err = new PassThrough();
  const ui = new CliUi(err);
  ui.setSecret('pw-Secret-1');
  ui.info('logging in with pw-Secret-1');
  ui.error('failed: pw-Secret-1');
  assert.equal(err.read().toString(), 'logging in with ***\nerror: failed: ***\n');
});

test('secrets: env-secrets values are secrets whatever their names, and reach the app by name only', () => {
  const config = configFor({ env: 'LOG_LEVEL=info', 'env-secrets': 'STRIPE_SK=sk-Secret-5\nOPENAI=oa-Secret-6' });
  assert.deepEqual(secretValues(config).sort(), ['oa-Secret-6', 'sk-Secret-5']);
  const ctx = contextFor(config, fakeRunner().runner);
  for (const v of secretValues(config)) ctx.redactor.add(v);
  const env = appEnv(ctx);
  assert.deepEqual(env.argv, ['--env', 'LOG_LEVEL=info', '--env-file', '/fake/env-file-1']);
  assert.deepEqual(env.env, {});
  assert.deepEqual((ctx.runner as unknown as { envFiles: unknown[] }).envFiles, [
    [
      { key: 'STRIPE_SK', value: 'sk-Secret-5' },
      { key: 'OPENAI', value: 'oa-Secret-6' },
    ],
  ]);
});

test('secrets: values too short to mask are named in a warning, never registered', () => {
  const config = configFor({ password: 'pw', secrets: 'npm=ok-long-enough\nx=1', env: 'DB_PASSWORD=ab\nLOG_LEVEL=i' });
  assert.deepEqual(unmaskableSecrets(config), ['build secret x', 'password', 'env DB_PASSWORD']);
  assert.deepEqual(secretValues(config), ['ok-long-enough']);
  const messages: string[] = [];
  createRunContext(config, silentUi(messages), {});
  assert.deepEqual(
    messages.filter((m) => m.startsWith('warning:')),
    ['build secret x', 'password', 'env DB_PASSWORD'].map(
      (n) => `warning: ${n} is shorter than 3 characters: it cannot be masked in logs or searched for in the image; use a longer value`,
    ),
  );
});
