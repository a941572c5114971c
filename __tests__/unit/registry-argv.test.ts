import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imagetoolsCreateArgv, loginArgv, loginServer, logoutArgv, pushArgv, tagArgv } from '../../src/docker/registry-argv.js';

const ID = `sha256:${'a'.repeat(64)}`;
const ID2 = `sha256:${'b'.repeat(64)}`;

const CASES: { name: string; argv: string[]; want: string[] }[] = [
  {
    name: 'login reads the password from stdin',
    argv: loginArgv('ghcr.io', 'octo'),
    want: ['docker', 'login', '--username', 'octo', '--password-stdin', 'ghcr.io'],
  },
  {
    name: 'login to Docker Hub by any alias',
    argv: loginArgv('index.docker.io', 'u'),
    want: ['docker', 'login', '--username', 'u', '--password-stdin', 'docker.io'],
  },
  {
    name: 'login to a registry with a port',
    argv: loginArgv('127.0.0.1:5000', 'u'),
    want: ['docker', 'login', '--username', 'u', '--password-stdin', '127.0.0.1:5000'],
  },
  { name: 'logout', argv: logoutArgv('registry-1.docker.io'), want: ['docker', 'logout', 'docker.io'] },
  { name: 'tag the built image by ID', argv: tagArgv(ID, 'ghcr.io/o/a:v1'), want: ['docker', 'tag', ID, 'ghcr.io/o/a:v1'] },
  { name: 'push one ref', argv: pushArgv('docker.io/o/a:latest'), want: ['docker', 'push', 'docker.io/o/a:latest'] },
  {
    name: 'merge two by-digest pushes under two tags',
    argv: imagetoolsCreateArgv(['r:5000/o/a:latest', 'r:5000/o/a:v1'], [`r:5000/o/a@${ID}`, `r:5000/o/a@${ID2}`]),
    want: [
      'docker',
      'buildx',
      'imagetools',
      'create',
      '--tag',
      'r:5000/o/a:latest',
      '--tag',
      'r:5000/o/a:v1',
      `r:5000/o/a@${ID}`,
      `r:5000/o/a@${ID2}`,
    ],
  },
];

for (const c of CASES) test(`argv: ${c.name}`, () => assert.deepEqual(c.argv, c.want));

test('argv: no builder takes a password', () => {
  for (const fn of [loginArgv, logoutArgv, pushArgv, tagArgv, imagetoolsCreateArgv]) assert.ok(fn.length <= 2);
  assert.equal(loginServer('docker.io'), 'docker.io');
});
