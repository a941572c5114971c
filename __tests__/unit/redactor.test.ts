import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineRedactor, Redactor } from '../../src/secrets/redactor.js';
import { isSecretName } from '../../src/secrets/names.js';

describe('Redactor', () => {
  it('masks every value, the longest first, and JSON-escaped forms', () => {
    const r = new Redactor(['abc', 'abcdef', 'quo"te']);
    assert.equal(r.redact('x abcdef y abc z'), 'x *** y *** z');
    assert.equal(r.redact(JSON.stringify({ v: 'quo"te' })), '{"v":"***"}');
  });

  it('masks multi-line values line by line', () => {
    const r = new Redactor(['-----BEGIN-----\nc2VjcmV0LWJvZHk=\n-----END-----']);
    assert.equal(r.redact('line c2VjcmV0LWJvZHk= here'), 'line *** here');
  });

  it('ignores values too short to mask without destroying the log', () => {
    assert.equal(new Redactor(['ab', '']).redact('ab cd'), 'ab cd');
  });

  it('catches a secret split across two chunks of a stream', () => {
    const out: string[] = [];
    const lr = new LineRedactor(new Redactor(['hunter2-secret']), (l) => out.push(l));
    lr.write('token=hunt');
    lr.write('er2-secret and more\nnext ');
    lr.write(Buffer.from('line hunter2-secret'));
    lr.flush();
    assert.deepEqual(out, ['token=*** and more\n', 'next line ***']);
  });
});

describe('secret-looking names', () => {
  const secret = [
    'DB_PASSWORD',
    'PASSWORD',
    'API_KEY',
    'APIKEY',
    'GITHUB_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'npm-token',
    'client.secret',
    'PGPASSWORD',
    'SLACKTOKEN',
    // *_KEY and *KEY names, as BuildKit's SecretsUsedInArgOrEnv counts them, and the issue #9 list.
    'STRIPE_KEY',
    'SIGNING_KEY',
    'JWT_KEY',
    'APP_KEY',
    'SIGNINGKEY',
    'PASSPHRASE',
    'GPG_PASSPHRASE',
    'GOOGLE_CREDENTIALS',
    'AWS_CREDENTIAL',
    'DB_PWORD',
  ];
  const plain = [
    'PORT',
    'KEYBOARD_LAYOUT',
    'TOKENIZER_PATH',
    'PASSENGER_COUNT',
    'LOG_LEVEL',
    'DATABASE_URL',
    'AUTHOR',
    'BYPASS_CACHE',
    // The documented public ones: *_PUBLIC_KEY (any PUBLIC word) and key identifiers.
    'JWT_PUBLIC_KEY',
    'PUBLIC_KEY',
    'AWS_ACCESS_KEY_ID',
    'GPG_KEY_ID',
    // A DSN is secret by its value (userinfo), not by its name.
    'SENTRY_DSN',
  ];
  for (const n of secret) it(`${n} looks secret`, () => assert.equal(isSecretName(n), true));
  for (const n of plain) it(`${n} does not`, () => assert.equal(isSecretName(n), false));
});
