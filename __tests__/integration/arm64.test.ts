/**
 * arm64 on an amd64 machine, for real: the engine builds and runs linux/arm64 under QEMU (scripts/setup/qemu.sh: the
 * binfmt_misc handler with the F flag), `FROM node:24-slim` resolves for both platforms (scripts/setup/
 * base-images-arm64.sh), and a two-platform build loads as one image on the containerd store whose per-platform
 * manifests and config digests are the ones the local registry serves after a push.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { docker, engineUp, imageStore, testRegistry } from '../helpers/docker.js';
import { uniquePrefix } from '../helpers/registry.js';
import { FIXTURES } from '../helpers/run.js';

const CTX = path.join(FIXTURES, 'apps/arch-report');
const ROOT = path.resolve(FIXTURES, '../..');
const PREFIX = uniquePrefix('arm64');
const LOCAL = `dockerflow-test/${PREFIX}`;
const reg = testRegistry();
const skip = !engineUp()
  ? 'no Docker engine'
  : imageStore() !== 'containerd'
    ? 'multi-platform images need the containerd image store'
    : false;

/** docker with a time limit and the registry login of `config` (a throw-away DOCKER_CONFIG). */
function run(args: string[], opts: { config?: string; timeoutMs?: number; input?: string } = {}): string {
  try {
    return execFileSync('docker', args, {
      encoding: 'utf8',
      input: opts.input,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 180_000,
      maxBuffer: 64 * 1024 * 1024,
      env: opts.config ? { ...process.env, DOCKER_CONFIG: opts.config } : process.env,
    }).trim();
  } catch (e) {
    const err = e as { stderr?: string; signal?: string };
    throw new Error(
      `docker ${args.join(' ')} failed${err.signal ? ` (${err.signal}: timed out)` : ''}: ${(err.stderr ?? '').trim().slice(-2000)}`,
    );
  }
}

interface Descriptor {
  mediaType: string;
  digest: string;
  platform?: { os: string; architecture: string };
  annotations?: Record<string, string>;
}

const timings: Record<string, number> = {};
async function timed<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[label] = Math.round(performance.now() - t0);
  }
}

describe('arm64 under QEMU emulation', { skip, concurrency: false }, () => {
  let config = '';
  const locals: string[] = [];

  before(() => {
    // What is missing, and how to fix it, before a build fails with "exec format error" or "no match for platform".
    execFileSync('bash', [path.join(ROOT, 'scripts/setup/qemu.sh'), '--check'], { stdio: ['ignore', 'ignore', 'pipe'] });
    for (const base of ['node:24-slim', 'debian:bookworm-slim']) {
      assert.equal(
        docker('image', 'inspect', '--platform', 'linux/arm64', '--format', '{{.Os}}/{{.Architecture}}', base),
        'linux/arm64',
        `${base} has no linux/arm64 variant: run scripts/setup/base-images-arm64.sh`,
      );
    }
    config = mkdtempSync(path.join(os.tmpdir(), 'df-arm64-docker-'));
    run(['login', '-u', reg.username, '--password-stdin', reg.addr], { config, input: reg.password });
  });

  after(() => {
    for (const ref of locals) {
      try {
        docker('rmi', ref);
      } catch {
        // already gone
      }
    }
    if (config) rmSync(config, { recursive: true, force: true });
    console.log(`# arm64 timings (ms): ${JSON.stringify(timings)}`);
  });

  it('builds linux/arm64 with --load and runs it: the kernel says aarch64, Node says arm64, in RUN and in the container', async () => {
    const ref = `${LOCAL}:arm64`;
    locals.push(ref);
    await timed('build arm64', () => run(['buildx', 'build', '--platform', 'linux/arm64', '--load', '-q', '-t', ref, CTX]));
    assert.equal(docker('image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', ref), 'linux/arm64');
    const out = await timed('run arm64 (node boots emulated)', () => run(['run', '--rm', '--platform', 'linux/arm64', ref]));
    assert.equal(out, 'build aarch64 arm64\nrun aarch64 arm64');
    // The base it was built on is the arm64 node:24-slim: its layers are the image's first ones.
    const baseLayers = docker('image', 'inspect', '--platform', 'linux/arm64', '--format', '{{json .RootFS.Layers}}', 'node:24-slim');
    const layers = JSON.parse(docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', ref)) as string[];
    assert.deepEqual(layers.slice(0, (JSON.parse(baseLayers) as string[]).length), JSON.parse(baseLayers));
  });

  it('builds linux/amd64,linux/arm64 into one image on the containerd store; the registry serves the same manifests and config digests', async () => {
    const ref = `${LOCAL}:multi`;
    locals.push(ref);
    await timed('build amd64+arm64', () =>
      run(['buildx', 'build', '--platform', 'linux/amd64,linux/arm64', '--load', '-q', '-t', ref, CTX]),
    );

    // One name, two platforms, each with its own image ID (its manifest digest), the name's own ID being the index.
    const idOf = (platform?: string): string =>
      docker('image', 'inspect', ...(platform ? ['--platform', platform] : []), '--format', '{{.Id}}', ref);
    const ids = { amd64: idOf('linux/amd64'), arm64: idOf('linux/arm64') };
    assert.match(ids.amd64, /^sha256:[0-9a-f]{64}$/);
    assert.match(ids.arm64, /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(ids.amd64, ids.arm64);
    const indexId = idOf();
    assert.ok(indexId !== ids.amd64 && indexId !== ids.arm64, `the name's ID ${indexId} is the index, not one platform's manifest`);

    // Each platform runs as itself: natively, and under QEMU.
    assert.equal(
      await timed('run amd64', () => run(['run', '--rm', '--platform', 'linux/amd64', ref])),
      'build x86_64 x64\nrun x86_64 x64',
    );
    assert.equal(
      await timed('run arm64', () => run(['run', '--rm', '--platform', 'linux/arm64', ref])),
      'build aarch64 arm64\nrun aarch64 arm64',
    );

    // Pushed, the tag is an index whose image entries are exactly the local manifests (BuildKit's provenance
    // attestations ride beside them as unknown/unknown), and each manifest's config is the local image's config.
    const remote = `${reg.addr}/${PREFIX}/arch-report:multi`;
    locals.push(remote);
    docker('tag', ref, remote);
    await timed('push amd64+arm64', () => run(['push', '-q', remote], { config }));
    const index = JSON.parse(run(['buildx', 'imagetools', 'inspect', '--raw', remote], { config })) as {
      mediaType: string;
      manifests: Descriptor[];
    };
    assert.match(index.mediaType, /image\.index|manifest\.list/);
    const images = index.manifests.filter((m) => m.platform && m.platform.os !== 'unknown');
    assert.deepEqual(images.map((m) => `${m.platform!.os}/${m.platform!.architecture} ${m.digest}`).sort(), [
      `linux/amd64 ${ids.amd64}`,
      `linux/arm64 ${ids.arm64}`,
    ]);
    const remoteConfigs = JSON.parse(run(['buildx', 'imagetools', 'inspect', '--format', '{{json .Image}}', remote], { config })) as Record<
      string,
      { architecture: string; rootfs: { diff_ids: string[] } }
    >;
    const configDigests: Record<string, string> = {};
    for (const arch of ['amd64', 'arm64'] as const) {
      const manifest = JSON.parse(
        run(['buildx', 'imagetools', 'inspect', '--raw', `${reg.addr}/${PREFIX}/arch-report@${ids[arch]}`], { config }),
      ) as {
        config: { digest: string };
      };
      configDigests[arch] = manifest.config.digest;
      assert.match(manifest.config.digest, /^sha256:[0-9a-f]{64}$/);
      const remoteConfig = remoteConfigs[`linux/${arch}`];
      assert.equal(remoteConfig?.architecture, arch);
      const localLayers = JSON.parse(
        docker('image', 'inspect', '--platform', `linux/${arch}`, '--format', '{{json .RootFS.Layers}}', ref),
      ) as string[];
      assert.deepEqual(remoteConfig.rootfs.diff_ids, localLayers, `linux/${arch}: the registry's config names the local image's layers`);
    }
    assert.notEqual(configDigests.amd64, configDigests.arm64);
    console.log(
      `# arm64 multi-platform image: index ${indexId}, manifests ${JSON.stringify(ids)}, configs ${JSON.stringify(configDigests)}`,
    );

    // What a user on an arm64 machine gets: `docker pull --platform linux/arm64` of the tag is the tested image.
    docker('rmi', remote);
    await timed('pull arm64', () => run(['pull', '-q', '--platform', 'linux/arm64', remote], { config }));
    assert.equal(docker('image', 'inspect', '--platform', 'linux/arm64', '--format', '{{.Id}}', remote), ids.arm64);
  });
});
