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

describe('build argv, several platforms', () => {
  it('names every platform, in order, for one multi-platform --load (the containerd store holds it as one image)', () => {
    const argv = buildArgv(req({ platforms: 'linux/amd64,linux/arm64' }));
    assert.deepEqual(argv.slice(0, 6), ['docker', 'buildx', 'build', '--load', '--progress', 'plain']);
    const platforms = argv.flatMap((a, i) => (a === '--platform' ? [argv[i + 1]] : []));
    assert.deepEqual(platforms, ['linux/amd64', 'linux/arm64']);
    assert.equal(argv.at(-1), APP);
  });
});

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

describe('provenance and sbom (build-push-action names and meaning)', () => {
  const tail = (raw: Record<string, string>, attestations: boolean, builder: Builder = 'buildx'): string[] => {
    const argv = buildArgv({ ...req(raw, builder), attestations });
    const i = argv.indexOf('--label') + 2;
    return argv.slice(i, -1);
  };
  const cases: { raw: Record<string, string>; capable: string[]; incapable: string[] }[] = [
    { raw: {}, capable: [], incapable: [] },
    { raw: { provenance: 'mode=max' }, capable: ['--provenance', 'mode=max'], incapable: [] },
    { raw: { provenance: 'mode=min' }, capable: ['--provenance', 'mode=min'], incapable: [] },
    { raw: { provenance: 'TRUE' }, capable: ['--provenance', 'true'], incapable: [] },
    { raw: { provenance: 'false' }, capable: ['--provenance', 'false'], incapable: ['--provenance', 'false'] },
    {
      raw: { provenance: 'mode=max, builder-id=https://ci.example/run/1' },
      capable: ['--provenance', 'mode=max,builder-id=https://ci.example/run/1'],
      incapable: [],
    },
    { raw: { sbom: 'true' }, capable: ['--sbom', 'true'], incapable: [] },
    {
      raw: { sbom: 'generator=docker/buildkit-syft-scanner:1' },
      capable: ['--sbom', 'generator=docker/buildkit-syft-scanner:1'],
      incapable: [],
    },
    {
      raw: { provenance: 'mode=max', sbom: 'false' },
      capable: ['--provenance', 'mode=max', '--sbom', 'false'],
      incapable: ['--sbom', 'false'],
    },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.raw)}: ${c.capable.join(' ') || 'nothing'} / on an incapable builder ${c.incapable.join(' ') || 'nothing'}`, () => {
      assert.deepEqual(tail(c.raw, true), c.capable);
      assert.deepEqual(tail(c.raw, false), c.incapable);
      assert.deepEqual(tail(c.raw, true, 'classic'), [], 'the classic builder takes neither');
    });
  }

  it('refuses what build-push-action would not take, saying what to write', () => {
    for (const [name, value] of [
      ['provenance', 'mode=full'],
      ['provenance', 'yes please'],
      ['sbom', 'mode=max'],
    ] as const) {
      assert.throws(() => cfg({ [name]: value }), new RegExp(`${name}.*is not a ${name} setting.*use `), `${name}=${value}`);
    }
  });
});

describe('attestation support', () => {
  it('the containerd image store or a builder of its own can attach attestations; the classic store cannot', async () => {
    const { attestationSupport, cannotAttest, notKept } = await import('../../src/docker/attest.js');
    const classic = '[["Backing Filesystem","extfs"],["Supports d_type","true"]]';
    const containerd = '[["driver-type","io.containerd.snapshotter.v1"]]';
    const docker = 'Name:          default\nDriver:        docker\n';
    const container = 'Name:          builder\nDriver:        docker-container\n';
    assert.deepEqual(attestationSupport(docker, classic), { capable: false, driver: 'docker', containerdStore: false });
    assert.equal(attestationSupport(docker, containerd).capable, true);
    assert.equal(attestationSupport(container, classic).capable, true);
    assert.equal(attestationSupport('', '').capable, false, 'unknown is not capable');
    assert.equal(notKept(['provenance'], attestationSupport(docker, containerd)), null, 'the containerd store pushes them');
    assert.match(
      notKept(['provenance', 'sbom'], attestationSupport(container, classic))!,
      /^provenance and sbom made by the docker-container builder but not pushed: the classic image store keeps only the image/,
    );
    const line = cannotAttest(['provenance'], attestationSupport(docker, classic));
    assert.match(
      line,
      /^provenance not attached: buildx's docker driver on the classic image store .* containerd image store .* driver: docker-container/,
    );
  });
});

describe('the build stage’s docker helpers (moved from stages/build.ts)', () => {
  const docker = 'Name:          default\nDriver:        docker\n';
  const classicStore = '[["Backing Filesystem","extfs"]]';
  const containerdStore = '[["driver-type","io.containerd.snapshotter.v1"]]';

  it('canAttest: asks the builder only when an attestation is wanted, and warns once when it cannot attach it', async () => {
    const { canAttest } = await import('../../src/docker/attest.js');
    const { fakeRunner } = await import('./helpers.js');
    const answer = (store: string) => (argv: readonly string[]) =>
      argv[1] === 'buildx' ? { stdout: docker } : argv[1] === 'info' ? { stdout: store } : {};
    const none = fakeRunner();
    const warnings: string[] = [];
    const warn = (m: string): void => void warnings.push(m);
    assert.equal(await canAttest(none.runner, { provenance: '', sbom: 'false' }, 'buildx', warn), false);
    assert.equal(none.calls.length, 0, 'nothing asked for: no command');
    assert.equal(await canAttest(none.runner, { provenance: 'mode=max', sbom: '' }, 'classic', warn), false);
    assert.match(warnings.pop()!, /^provenance not attached: attestations need the docker buildx plugin/);
    const classic = fakeRunner(answer(classicStore));
    assert.equal(await canAttest(classic.runner, { provenance: 'true', sbom: 'true' }, 'buildx', warn), false);
    assert.deepEqual(
      classic.calls.map((c) => c.argv),
      [
        ['docker', 'buildx', 'inspect'],
        ['docker', 'info', '--format', '{{json .DriverStatus}}'],
      ],
    );
    assert.deepEqual(warnings.splice(0).length, 1);
    const containerd = fakeRunner(answer(containerdStore));
    assert.equal(await canAttest(containerd.runner, { provenance: 'true', sbom: '' }, 'buildx', warn), true);
    assert.deepEqual(warnings, [], 'the containerd store attaches them: no warning');
  });

  it('tagImage: a tag the containerd store is moving ("already exists") is tried again; any other failure throws', async () => {
    const { tagImage } = await import('../../src/docker/commands.js');
    const { fakeRunner } = await import('./helpers.js');
    const ID = `sha256:${'a'.repeat(64)}`;
    const racing = fakeRunner((_, n) =>
      n < 3 ? { exitCode: 1, stderr: 'Error response from daemon: image "app:1" already exists\n' } : {},
    );
    await tagImage(racing.runner, ID, 'app:1');
    assert.equal(racing.calls.length, 3);
    assert.ok(racing.calls.every((c) => c.argv.join(' ') === `docker tag ${ID} app:1`));
    const always = fakeRunner(() => ({ exitCode: 1, stderr: 'already exists\n' }));
    await assert.rejects(tagImage(always.runner, ID, 'app:1'), /exited 1: already exists/);
    assert.equal(always.calls.length, 5, 'five attempts, then the failure');
    const other = fakeRunner(() => ({ exitCode: 1, stderr: 'Error response from daemon: No such image\n' }));
    await assert.rejects(tagImage(other.runner, ID, 'app:1'), /No such image/);
    assert.equal(other.calls.length, 1, 'not retried');
  });

  it('ociLabels: source, revision and version from the version object, and when', async () => {
    const { ociLabels } = await import('../../src/docker/build-argv.js');
    const labels = ociLabels({ source: 'https://github.com/example/app', commit: 'abc', version: '1.2.3' });
    assert.deepEqual(labels.slice(0, 3), [
      { key: 'org.opencontainers.image.source', value: 'https://github.com/example/app' },
      { key: 'org.opencontainers.image.revision', value: 'abc' },
      { key: 'org.opencontainers.image.version', value: '1.2.3' },
    ]);
    assert.equal(labels[3]!.key, 'org.opencontainers.image.created');
    assert.ok(Math.abs(Date.parse(labels[3]!.value) - Date.now()) < 60_000);
  });
});
