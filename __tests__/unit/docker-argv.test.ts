/**
 * The docker facade (src/docker/): every docker argv the tool runs is built there, each builder table-tested in
 * the style of docker/build-push-action's context tests, and no other folder of src/ spells one (nor the bench's
 * bare side, which must run what the pipeline runs).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  containerState,
  containerStates,
  dockerArgv,
  exitCodeOf,
  imageSize,
  inspectContainer,
  isRunning,
  removeContainers,
  stop,
  top,
} from '../../src/docker/commands.js';
import { RUN_LABEL } from '../../src/docker/run-label.js';
import { ROOT } from '../helpers/run.js';
import { fakeRunner } from './helpers.js';

const ID = 'c0ffee';

describe('dockerArgv: one builder per docker command', () => {
  const table: [string, string[], string[]][] = [
    ['server version', dockerArgv.serverVersion(), ['docker', 'version', '--format', '{{.Server.Version}}']],
    ['buildx version', dockerArgv.buildxVersion(), ['docker', 'buildx', 'version']],
    ['store info', dockerArgv.storeInfo(), ['docker', 'info', '--format', '{{json .DriverStatus}} {{.DockerRootDir}}']],
    ['inspect, whole', dockerArgv.inspect([ID]), ['docker', 'inspect', ID]],
    [
      'inspect, a template',
      dockerArgv.inspect([ID, 'b'], '{{.State.Running}}'),
      ['docker', 'inspect', '--format', '{{.State.Running}}', ID, 'b'],
    ],
    ['image inspect, two', dockerArgv.imageInspect(['app:1', 'node:24']), ['docker', 'image', 'inspect', 'app:1', 'node:24']],
    [
      'image inspect, size',
      dockerArgv.imageInspect(['app:1'], '{{.Size}}'),
      ['docker', 'image', 'inspect', '--format', '{{.Size}}', 'app:1'],
    ],
    [
      'create, never started',
      dockerArgv.createIdle('df-1-files', 'df-1', 'sha256:abc'),
      ['docker', 'create', '--name', 'df-1-files', '--label', `${RUN_LABEL}=df-1`, '--entrypoint', '/dockerflow-never-run', 'sha256:abc'],
    ],
    [
      'create, one platform of a multi-platform image',
      dockerArgv.createIdle('df-1-files', 'df-1', 'sha256:abc', 'linux/arm64'),
      [
        'docker',
        'create',
        '--name',
        'df-1-files',
        '--label',
        `${RUN_LABEL}=df-1`,
        '--entrypoint',
        '/dockerflow-never-run',
        '--platform',
        'linux/arm64',
        'sha256:abc',
      ],
    ],
    [
      'image inspect, one platform',
      dockerArgv.imageInspect(['sha256:abc'], undefined, 'linux/arm64'),
      ['docker', 'image', 'inspect', '--platform', 'linux/arm64', 'sha256:abc'],
    ],
    ['cp out, links followed', dockerArgv.copyOut(ID, '/etc/passwd', '/tmp/0'), ['docker', 'cp', '-L', `${ID}:/etc/passwd`, '/tmp/0']],
    ['rm', dockerArgv.remove([ID]), ['docker', 'rm', '-f', ID]],
    ['rm with volumes', dockerArgv.remove([ID, 'd'], { volumes: true }), ['docker', 'rm', '-f', '-v', ID, 'd']],
    ['kill', dockerArgv.kill(ID), ['docker', 'kill', ID]],
    ['stop', dockerArgv.stop([ID, 'db'], 10), ['docker', 'stop', '-t', '10', ID, 'db']],
    ['start', dockerArgv.start(['db']), ['docker', 'start', 'db']],
    ['top', dockerArgv.top(ID), ['docker', 'top', ID, '-eo', 'pid,ppid,args']],
    ['logs tail', dockerArgv.logsTail(ID, 200), ['docker', 'logs', '--tail', '200', ID]],
    ['logs follow', dockerArgv.logsFollow(ID), ['docker', 'logs', '--follow', ID]],
    ['wait', dockerArgv.wait(ID), ['docker', 'wait', ID]],
    ['save', dockerArgv.save('sha256:abc'), ['docker', 'save', 'sha256:abc']],
    ['image rm', dockerArgv.imageRemove('app:df-1'), ['docker', 'image', 'rm', 'app:df-1']],
    ['ps by label', dockerArgv.listContainers('dockerflow.run=df-1'), ['docker', 'ps', '-aq', '--filter', 'label=dockerflow.run=df-1']],
    [
      'networks by label',
      dockerArgv.listNetworks('dockerflow.run=df-1'),
      ['docker', 'network', 'ls', '-q', '--filter', 'label=dockerflow.run=df-1'],
    ],
    ['network connect', dockerArgv.networkConnect('df-1', ID), ['docker', 'network', 'connect', 'df-1', ID]],
    ['network disconnect', dockerArgv.networkDisconnect('df-1', ID), ['docker', 'network', 'disconnect', '--force', 'df-1', ID]],
    ['network rm', dockerArgv.networkRemove(['df-1', 'df-2']), ['docker', 'network', 'rm', 'df-1', 'df-2']],
  ];
  for (const [name, got, want] of table) it(name, () => assert.deepEqual(got, want));

  it('every builder is in the table', () => {
    assert.equal(table.length, Object.keys(dockerArgv).length + 5, 'inspect, rm and create have two rows each, image inspect three');
  });
});

describe('the facade reads what docker answers', () => {
  it('running, exit code, state, whole inspect', async () => {
    const { runner, calls } = fakeRunner((argv) => {
      const f = argv[3];
      if (f === '{{.State.Running}}') return { stdout: 'false\n' };
      if (f === '{{.State.ExitCode}}') return { stdout: '137\n' };
      if (f === '{{json .State}}') return { stdout: '{"ExitCode":3,"OOMKilled":true}' };
      return { stdout: `[{"Id":"${ID}"}]` };
    });
    assert.equal(await isRunning(runner, ID), false);
    assert.equal(await exitCodeOf(runner, ID), 137);
    assert.deepEqual(await containerState(runner, ID), { ExitCode: 3, OOMKilled: true });
    assert.deepEqual(await inspectContainer(runner, ID), { Id: ID });
    // Machine-readable answers stay out of build.log; a missing container is an answer, not a failure.
    assert.ok(calls.every((c) => c.opts.quiet && c.opts.allowFailure));
  });

  it('no such container: null, -1, undefined, not a throw', async () => {
    const { runner } = fakeRunner(() => ({ exitCode: 1, stderr: 'Error response from daemon: No such object: c0ffee' }));
    assert.equal(await isRunning(runner, ID), null);
    assert.equal(await exitCodeOf(runner, ID), -1);
    assert.equal(await containerState(runner, ID), null);
    assert.equal(await inspectContainer(runner, ID), undefined);
    assert.equal(await top(runner, ID), null);
    assert.equal(await imageSize(runner, 'gone:1'), undefined);
  });

  it('service states by name, without docker’s leading slash', async () => {
    const { runner } = fakeRunner(() => ({ stdout: '/df-1-svc-db true 0\n/df-1-svc-cache false 2\n' }));
    assert.deepEqual(
      [...(await containerStates(runner, ['df-1-svc-db', 'df-1-svc-cache']))],
      [
        ['df-1-svc-db', { running: true, exitCode: 0 }],
        ['df-1-svc-cache', { running: false, exitCode: 2 }],
      ],
    );
  });

  it('nothing to remove or stop runs no command; a stop is logged', async () => {
    const { runner, calls } = fakeRunner();
    await removeContainers(runner, []);
    assert.equal(await stop(runner, [], 10), null);
    assert.equal(calls.length, 0);
    await stop(runner, [ID], 10);
    assert.deepEqual(calls[0]!.argv, ['docker', 'stop', '-t', '10', ID]);
    assert.ok(!calls[0]!.opts.quiet, 'the stop and its output go to build.log');
  });
});

describe('no docker argv outside src/docker/', () => {
  const SRC = path.join(ROOT, 'src');
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
  /** `'docker'` as a string of its own: an argv's first word, or the command handed to spawn. */
  const DOCKER = /(['"`])docker\1/g;

  it('every other folder runs docker through src/docker/', () => {
    const found = sources(SRC)
      .filter((f) => !f.startsWith(path.join(SRC, 'docker') + path.sep))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) => (line.match(DOCKER) ? [`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`] : [])),
      );
    assert.deepEqual(found, [], 'build the argv in src/docker/commands.ts (or its argv modules) and call it from there');
  });

  it("the bench's bare side is built from src/docker/ too: only fixture set-up and its clock spell their own", () => {
    const BENCH = path.join(ROOT, 'bench');
    const found = sources(BENCH).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line) => (line.match(DOCKER) ? [`${path.relative(ROOT, f)}: ${line.trim()}`] : [])),
    );
    assert.deepEqual(found, [
      // The smoke fixtures' base image and the scan bench's two big images: set-up, not a side of any ratio.
      "bench/fail-fast.ts: await sh(['docker', 'build', '-q', '-t', SMOKE_BASE_TAG, path.join(FIXTURES, 'smoke-base')]);",
      // `docker events`: the engine's clock of the app's exit, the instrument of the fail-fast measure.
      "bench/fail-fast.ts: 'docker',",
      "bench/secret-scan.ts: await sh(['docker', 'build', '-q', '-t', big, bigCtx], { env: classic });",
      "bench/secret-scan.ts: await sh(['docker', 'build', '-q', '-t', appRef, appCtx], { env: classic });",
    ]);
  });

  it('the scan sees an argv literal and a spawn of docker', () => {
    assert.equal("run(['docker', 'kill', id])".match(DOCKER)?.length, 1);
    assert.equal('spawn("docker", argv)'.match(DOCKER)?.length, 1);
    assert.equal("ui.info('docker build failed')".match(DOCKER), null);
  });
});
