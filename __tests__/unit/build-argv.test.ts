import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/config.js';
import { buildArgv, buildEnv, buildSettings, type Builder } from '../../src/docker/build-argv.js';
import { FIXTURES } from '../helpers/run.js';

const APP = path.join(FIXTURES, 'apps/compliant');
const cfg = (raw: Record<string, string>) => parseConfig({ raw: new Map(Object.entries(raw)), env: {}, cwd: APP, defaultOutDir: 'out' });
const req = (raw: Record<string, string>, builder: Builder = 'buildx') => ({
  config: cfg(raw),
  builder,
  refs: ['docker.io/example/app:latest'],
  labels: [{ key: 'org.opencontainers.image.revision', value: 'abc' }],
  iidFile: '/tmp/iid',
});
const DF = path.join(APP, 'Dockerfile');

describe('build argv', () => {
  const cases: { name: string; raw: Record<string, string>; builder?: Builder; argv: string[]; env?: Record<string, string> }[] = [
    {
      name: 'buildx, defaults',
      raw: {},
      argv: [
        'docker',
        'buildx',
        'build',
        '--load',
        '--progress',
        'plain',
        '--iidfile',
        '/tmp/iid',
        '--file',
        DF,
        '--tag',
        'docker.io/example/app:latest',
        '--label',
        'org.opencontainers.image.revision=abc',
        APP,
      ],
      env: {},
    },
    {
      name: 'classic builder when buildx is missing',
      raw: { 'cache-to': 'type=inline' },
      builder: 'classic',
      argv: [
        'docker',
        'build',
        '--iidfile',
        '/tmp/iid',
        '--file',
        DF,
        '--tag',
        'docker.io/example/app:latest',
        '--label',
        'org.opencontainers.image.revision=abc',
        APP,
      ],
      env: { DOCKER_BUILDKIT: '0' },
    },
    {
      name: 'every build option',
      raw: {
        labels: 'team=web\norg.opencontainers.image.revision=override',
        'build-args': 'NODE_ENV=production\nEMPTY=',
        target: 'prod',
        'no-cache': 'true',
        pull: 'true',
        'cache-from': 'type=registry,ref=example/app:cache',
        'cache-to': 'type=inline',
        platforms: 'linux/amd64',
      },
      argv: [
        'docker',
        'buildx',
        'build',
        '--load',
        '--progress',
        'plain',
        '--iidfile',
        '/tmp/iid',
        '--file',
        DF,
        '--tag',
        'docker.io/example/app:latest',
        '--label',
        'org.opencontainers.image.revision=abc',
        '--label',
        'team=web',
        '--label',
        'org.opencontainers.image.revision=override',
        '--build-arg',
        'NODE_ENV=production',
        '--build-arg',
        'EMPTY=',
        '--target',
        'prod',
        '--no-cache',
        '--pull',
        '--cache-from',
        'type=registry,ref=example/app:cache',
        '--cache-to',
        'type=inline',
        '--platform',
        'linux/amd64',
        APP,
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = req(c.raw, c.builder);
      const argv = buildArgv(r);
      if (c.argv.length) assert.deepEqual(argv, c.argv);
      if (c.env) assert.deepEqual({ ...buildEnv(r), ...buildSettings(r) }, c.env);
    });
  }

  it('passes secrets as id=…,env=… and their values only in the environment', () => {
    const r = req({ secrets: 'npm_token=s3cr3t-npm\ngh=ghp_abcdef' });
    const argv = buildArgv(r);
    assert.deepEqual(
      argv.filter((_, i) => argv[i - 1] === '--secret'),
      ['id=npm_token,env=DOCKERFLOW_BUILD_SECRET_0', 'id=gh,env=DOCKERFLOW_BUILD_SECRET_1'],
    );
    assert.ok(!argv.join(' ').includes('s3cr3t-npm') && !argv.join(' ').includes('ghp_abcdef'));
    assert.deepEqual(buildEnv(r), { DOCKERFLOW_BUILD_SECRET_0: 's3cr3t-npm', DOCKERFLOW_BUILD_SECRET_1: 'ghp_abcdef' });
  });
});
