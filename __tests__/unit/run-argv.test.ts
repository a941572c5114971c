import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appRunArgv, envArgs, networkCreateArgv, serviceRunArgv, testRunArgv } from '../../src/docker/run-argv.js';
import type { KeyValue } from '../../src/config/parse-lines.js';
import { isSecretName } from '../../src/secrets/names.js';

const IMG = 'sha256:' + 'a'.repeat(64);
const files: (readonly KeyValue[])[] = [];
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQ-pw-123\n-----END PRIVATE KEY-----';
const env = envArgs(
  [
    { key: 'LOG_LEVEL', value: 'debug' },
    { key: 'DB_PASSWORD', value: 'pw-123' },
    { key: 'DATABASE_URL', value: 'postgres://u:pw-123@db/app' },
    { key: 'TLS_KEY', value: PEM },
  ],
  (e) => isSecretName(e.key) || e.value.includes('pw-123'),
  (entries) => {
    files.push(entries);
    return `/private/env-${files.length}`;
  },
);

describe('container argv', () => {
  it('passes secret values in an env file, a multi-line one by name from the environment, public ones in argv', () => {
    assert.deepEqual(env, {
      argv: ['--env', 'LOG_LEVEL=debug', '--env', 'TLS_KEY', '--env-file', '/private/env-1'],
      env: { TLS_KEY: PEM },
    });
    assert.deepEqual(files, [
      [
        { key: 'DB_PASSWORD', value: 'pw-123' },
        { key: 'DATABASE_URL', value: 'postgres://u:pw-123@db/app' },
      ],
    ]);
  });

  it('writes no env file when no entry is secret', () => {
    const n = files.length;
    assert.deepEqual(
      envArgs(
        [{ key: 'A', value: '1' }],
        () => false,
        () => 'x',
      ),
      { argv: ['--env', 'A=1'], env: {} },
    );
    assert.equal(files.length, n);
  });

  it('labels the network with the run id', () => {
    assert.deepEqual(networkCreateArgv('df-1'), ['docker', 'network', 'create', '--label', 'dockerflow.run=df-1', 'df-1']);
  });

  it('starts a sidecar on the network under its service name', () => {
    assert.deepEqual(serviceRunArgv({ runId: 'df-1', network: 'df-1', name: 'db', image: 'postgres:15', env }), [
      'docker',
      'run',
      '--detach',
      '--name',
      'df-1-svc-db',
      '--label',
      'dockerflow.run=df-1',
      '--network',
      'df-1',
      '--network-alias',
      'db',
      ...env.argv,
      'postgres:15',
    ]);
  });

  it('starts the app with $PORT last, both ports published on 127.0.0.1 only, and its own ENTRYPOINT/CMD', () => {
    assert.deepEqual(appRunArgv({ runId: 'df-1', network: 'df-1', image: IMG, port: 23456, defaultPort: 8000, env }), [
      'docker',
      'run',
      '--detach',
      '--name',
      'df-1-app',
      '--label',
      'dockerflow.run=df-1',
      '--network',
      'df-1',
      '--publish',
      '127.0.0.1::23456',
      '--publish',
      '127.0.0.1::8000',
      ...env.argv,
      '--env',
      'PORT=23456',
      IMG,
    ]);
  });

  it('publishes one port when $PORT is the default', () => {
    const argv = appRunArgv({ runId: 'df-1', network: 'df-1', image: IMG, port: 8000, defaultPort: 8000, env: { argv: [], env: {} } });
    assert.deepEqual(
      argv.filter((a) => a.startsWith('127.0.0.1')),
      ['127.0.0.1::8000'],
    );
  });

  it('runs the test command through the image, removed afterwards, on the network', () => {
    assert.deepEqual(testRunArgv({ runId: 'df-1', network: 'df-1', image: IMG, env, command: ['pytest', '-k', 'not slow'] }), [
      'docker',
      'run',
      '--rm',
      '--name',
      'df-1-test',
      '--label',
      'dockerflow.run=df-1',
      '--network',
      'df-1',
      ...env.argv,
      IMG,
      'pytest',
      '-k',
      'not slow',
    ]);
  });

  it('never puts a secret value in any argv', () => {
    const all = [
      serviceRunArgv({ runId: 'r', network: 'r', name: 'db', image: 'i', env }),
      appRunArgv({ runId: 'r', network: 'r', image: IMG, port: 1, defaultPort: 2, env }),
      testRunArgv({ runId: 'r', network: 'r', image: IMG, env, command: ['t'] }),
    ].flat();
    assert.ok(all.every((a) => !a.includes('pw-123')));
  });

  it('names the platform before the image when one platform of a multi-platform image is run (and only then)', () => {
    const env = { argv: [], env: {} };
    const app = appRunArgv({ runId: 'r', network: 'r', image: IMG, port: 1, defaultPort: 1, env, platform: 'linux/arm64' });
    assert.deepEqual(app.slice(-3), ['--platform', 'linux/arm64', IMG]);
    const t = testRunArgv({ runId: 'r', network: 'r', image: IMG, env, command: ['t'], platform: 'linux/arm64' });
    assert.deepEqual(t.slice(-4), ['--platform', 'linux/arm64', IMG, 't']);
    assert.ok(!appRunArgv({ runId: 'r', network: 'r', image: IMG, port: 1, defaultPort: 1, env }).includes('--platform'));
  });
});
