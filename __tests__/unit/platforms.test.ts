/**
 * Several platforms, one report: the row merge (worst status, a map per platform), the summary's column per
 * platform, the per-platform shasum file names, which platform's view scans for secrets, and the emulation factor.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergePlatformRows } from '../../src/report/platforms.js';
import { clearPlatformShasums, outFiles, platformShasum, platformShasums, writeShasum } from '../../src/report/out-files.js';
import { Redactor } from '../../src/secrets/redactor.js';
import { readFileSync } from 'node:fs';
import type { Report } from '../../src/report/report.js';
import { summaryMarkdown, summaryText } from '../../src/report/summary.js';
import { check, reportRows } from '../../src/rules/catalogue.js';
import { platformViews, type Built } from '../../src/run/context.js';
import { EMULATION_FACTOR, emulatedLimit } from '../../src/smoke/limits.js';
import type { Config } from '../../src/config/config.js';
import { UserError } from '../../src/config/errors.js';
import { planPush } from '../../src/publish/policy.js';
import type { Prepared } from '../../src/run/context.js';
import { build } from '../../src/stages/build.js';
import { judgeTogether } from '../../src/pipeline/pipeline.js';
import { configFor, contextFor, fakeRunner, gitFor, tempDir } from './helpers.js';

const AMD = 'linux/amd64';
const ARM = 'linux/arm64';
const d = (c: string): string => `sha256:${c.repeat(64)}`;

describe('mergePlatformRows', () => {
  it('takes the worst status over the platforms and keeps each one in the platforms map', () => {
    const rows = mergePlatformRows([
      { platform: AMD, checks: [check('DF201', 'pass', 'listens on $PORT'), check('DF208', 'pass', 'stayed up for 5.0 s')] },
      {
        platform: ARM,
        checks: [check('DF201', 'pass', 'listens on $PORT'), check('DF208', 'fail', 'exited 1 before it answered /__lbheartbeat__')],
      },
    ]);
    assert.deepEqual(
      rows.map((r) => [r.id, r.status, r.message]),
      [
        ['DF201', 'pass', 'listens on $PORT'],
        ['DF208', 'fail', 'linux/arm64: exited 1 before it answered /__lbheartbeat__'],
      ],
    );
    assert.deepEqual(rows[1]!.platforms, {
      [AMD]: { status: 'pass', message: 'stayed up for 5.0 s' },
      [ARM]: { status: 'fail', message: 'exited 1 before it answered /__lbheartbeat__' },
    });
    // The worst row is kept whole (level, title), only its message names the platform.
    assert.equal(rows[1]!.level, 'error');
    assert.equal(rows[1]!.title, check('DF208', 'pass', '').title);
  });

  it('ranks a skip that leaves the rule unjudged above a pass, and one not configured there (test-platforms) below it', () => {
    const [unjudged] = mergePlatformRows([
      { platform: AMD, checks: [check('DF106', 'pass', 'no secret value found')] },
      { platform: ARM, checks: [check('DF106', 'skip', 'not judged on this platform', { skip: 'not-judged' })] },
    ]);
    assert.equal(unjudged!.status, 'skip');
    assert.equal(unjudged!.skip, 'not-judged');
    assert.equal(unjudged!.message, 'linux/arm64: not judged on this platform');
    assert.deepEqual(unjudged!.platforms![ARM], { status: 'skip', skip: 'not-judged', message: 'not judged on this platform' });

    const [narrowed] = mergePlatformRows([
      { platform: AMD, checks: [check('DF401', 'pass', '`npm test` exited 0 in 1.0 s')] },
      {
        platform: ARM,
        checks: [check('DF401', 'skip', 'not run on linux/arm64: test-platforms names linux/amd64', { skip: 'not-configured' })],
      },
    ]);
    assert.equal(narrowed!.status, 'pass');
    assert.equal(narrowed!.skip, undefined);
    assert.equal(narrowed!.message, 'linux/amd64: `npm test` exited 0 in 1.0 s');
    assert.equal(narrowed!.platforms![ARM]!.status, 'skip');
  });

  it('counts a rule a platform never got to (the run stopped) as not run there, not as passed', () => {
    const [row] = mergePlatformRows([
      { platform: AMD, checks: [{ ...check('DF202', 'pass', 'answered 200'), file: '/app/Dockerfile', line: 3 }] },
      { platform: ARM, checks: [] },
    ]);
    assert.equal(row!.status, 'skip');
    assert.equal(row!.skip, 'not-run');
    assert.match(row!.message, /^linux\/arm64: not run on this platform/);
    assert.deepEqual(Object.keys(row!.platforms!), [AMD, ARM]);
    assert.equal(row!.file, undefined, 'nothing of the other platform’s row');
  });

  it('leaves the message alone when every platform says the same, and the first platform wins a tie', () => {
    const [same] = mergePlatformRows([
      { platform: AMD, checks: [check('DF101', 'pass', 'runs as app (UID 10001)')] },
      { platform: ARM, checks: [check('DF101', 'pass', 'runs as app (UID 10001)')] },
    ]);
    assert.equal(same!.message, 'runs as app (UID 10001)');
    const [tie] = mergePlatformRows([
      { platform: AMD, checks: [check('DF203', 'fail', 'answered 500')] },
      { platform: ARM, checks: [check('DF203', 'fail', 'answered 503')] },
    ]);
    assert.equal(tie!.message, 'linux/amd64: answered 500');
  });
});

const multiReport = (): Report => {
  const checks = reportRows(
    mergePlatformRows([
      { platform: AMD, checks: [check('DF101', 'pass', 'runs as app (UID 10001)'), check('DF208', 'pass', 'stayed up')] },
      { platform: ARM, checks: [check('DF101', 'pass', 'runs as app (UID 10001)'), check('DF208', 'fail', 'exited 1')] },
    ]),
    new Set(),
    { skip: 'not-run', message: 'not run' },
  );
  return {
    schemaVersion: 1,
    verdict: 'fail',
    image: {
      id: d('a'),
      configDigest: d('a'),
      manifestDigest: d('b'),
      tags: ['127.0.0.1:5000/app:1'],
      digest: null,
      pushed: [],
      platforms: [
        { platform: AMD, id: d('b'), configDigest: d('a'), manifestDigest: null, emulated: false },
        { platform: ARM, id: d('d'), configDigest: d('c'), manifestDigest: null, emulated: true },
      ],
    },
    version: null,
    checks,
    timings: {},
  };
};

describe('the summary with several platforms', () => {
  it('has a column per platform, the emulated one marked, each cell that platform’s status', () => {
    const md = summaryMarkdown(multiReport(), { redact: (s) => s });
    const lines = md.split('\n');
    const head = lines.find((l) => l.startsWith('| Rule'))!;
    assert.equal(head, '| Rule | Status | `linux/amd64` | `linux/arm64` (emulated) | Level | Message |');
    const df208 = lines.find((l) => l.startsWith('| DF208'))!;
    assert.match(df208, /^\| DF208 .* \| ❌ fail \| ✅ pass \| ❌ fail \| error \| linux\/arm64: exited 1 \|$/);
    const df101 = lines.find((l) => l.startsWith('| DF101'))!;
    assert.match(df101, /\| ✅ pass \| ✅ pass \| ✅ pass \| error \|/);
    // A rule no platform judged (not run) has no outcome per platform.
    assert.match(
      lines.find((l) => l.startsWith('| DF201'))!,
      /\| ⏭️ skip \| – \| – \| error \|/,
    );
    assert.match(md, /- `linux\/arm64` \(emulated, QEMU\): config `sha256:c{64}`, image `sha256:d{64}`/);
  });

  it('keeps the single-platform table as it was', () => {
    const r = multiReport();
    delete r.image.platforms;
    const head = summaryMarkdown(r, { redact: (s) => s })
      .split('\n')
      .find((l) => l.startsWith('| Rule'));
    assert.equal(head, '| Rule | Status | Level | Message |');
  });

  it('says in the CLI text where the platforms disagree, and each platform’s image', () => {
    const text = summaryText(multiReport(), { dir: '/out' });
    assert.match(text, /^FAIL DF208 .*linux\/arm64: exited 1 \[linux\/amd64 PASS, linux\/arm64 FAIL\]$/m);
    assert.match(text, /^PASS DF101 .*UID 10001$/m);
    assert.doesNotMatch(
      text.split('\n').find((l) => l.includes('DF101'))!,
      /\[/,
    );
    assert.match(text, /^linux\/arm64 \(emulated\): image sha256:d{64}, config sha256:c{64}$/m);
  });
});

describe('per-platform files, views and limits', () => {
  it('names one shasum file per platform beside docker-image-shasum256.txt, and clears a previous run’s', () => {
    assert.equal(platformShasum(outFiles('/out'), 'linux/arm64'), '/out/docker-image-shasum256-linux-arm64.txt');
    assert.equal(platformShasum(outFiles('/out'), 'linux/arm/v7'), '/out/docker-image-shasum256-linux-arm-v7.txt');
    const files = outFiles(tempDir('out-'));
    const redactor = new Redactor();
    writeShasum(redactor, files, d('a'));
    writeShasum(redactor, files, d('c'), ARM);
    writeShasum(redactor, files, d('a'), AMD);
    assert.deepEqual(platformShasums(files), [platformShasum(files, AMD), platformShasum(files, ARM)]);
    assert.equal(readFileSync(platformShasum(files, ARM), 'utf8'), `${d('c')}\n`);
    clearPlatformShasums(files);
    assert.deepEqual(platformShasums(files), []);
    assert.equal(readFileSync(files.shasum, 'utf8'), `${d('a')}\n`, 'the plain file is the run’s own to overwrite');
  });

  it('gives each platform its own digests, the image keeping its engine ID', () => {
    const built: Built = {
      imageId: d('e'),
      configDigest: d('a'),
      manifestDigest: d('b'),
      refs: [],
      builder: 'buildx',
      platforms: [
        { platform: ARM, manifestDigest: d('d'), configDigest: d('c'), emulated: true },
        { platform: AMD, manifestDigest: d('b'), configDigest: d('a'), emulated: false },
      ],
    };
    const views = platformViews(built);
    assert.deepEqual(
      views.map((v) => [v.platform?.platform, v.imageId, v.configDigest, v.manifestDigest, v.platform?.emulated]),
      [
        [ARM, d('e'), d('c'), d('d'), true],
        [AMD, d('e'), d('a'), d('b'), false],
      ],
    );
    const single: Built = { imageId: d('a'), configDigest: d('a'), manifestDigest: null, refs: [], builder: 'classic' };
    assert.deepEqual(platformViews(single), [single]);
  });

  it('multiplies the limits of an emulated platform only', () => {
    assert.equal(emulatedLimit(60_000, false), 60_000);
    assert.equal(emulatedLimit(60_000, true), 60_000 * EMULATION_FACTOR);
    assert.ok(EMULATION_FACTOR > 1);
  });
});

describe('several platforms on an engine that cannot hold them', () => {
  const prepared = (config: Config): Prepared => {
    const g = gitFor();
    return { git: g, version: { source: '', version: '', commit: '', build: '' }, versionJson: '{}', plan: planPush(config, g) };
  };
  const attempt = async (store: string, buildx: boolean): Promise<{ error: unknown; calls: string[] }> => {
    const config = configFor({ platforms: 'linux/amd64,linux/arm64', image: 'example/app' });
    const { runner, calls } = fakeRunner((argv) => {
      if (argv.join(' ') === 'docker buildx version') return buildx ? { stdout: 'github.com/docker/buildx v0.29.1 abc' } : { exitCode: 1 };
      if (argv[1] === 'info') return { stdout: `${store} /var/lib/docker` };
      return {};
    });
    const error = await build(contextFor(config, runner), prepared(config)).then(
      () => null,
      (e: unknown) => e,
    );
    return { error, calls: calls.map((c) => c.argv.join(' ')) };
  };

  it('stops on the classic image store before building, with one config line naming the store and the fix', async () => {
    const { error, calls } = await attempt('[["Backing Filesystem","extfs"]]', true);
    assert.ok(error instanceof UserError, String(error));
    assert.equal(error.kind, 'config');
    assert.match(
      error.message,
      /^platforms: 2 platforms load as one image only on the containerd image store, and this engine uses the classic image store: turn it on \(dockerd "features": \{"containerd-snapshotter": true\}/,
    );
    assert.ok(!error.message.includes('\n'));
    assert.ok(!calls.some((c) => c.startsWith('docker buildx build')), calls.join('\n'));
  });

  it('stops without buildx, and builds on the containerd store', async () => {
    const { error } = await attempt('[["driver-type","io.containerd.snapshotter.v1"]]', false);
    assert.ok(error instanceof UserError);
    assert.match(error.message, /^platforms: 2 platforms need docker buildx, and the buildx plugin is missing/);
    const ok = await attempt('[["driver-type","io.containerd.snapshotter.v1"]]', true);
    // Past the check: the build itself ran (the fake engine wrote no image ID, so it fails after).
    assert.ok(
      ok.calls.some((c) => c.startsWith('docker buildx build') && c.includes('--platform linux/amd64 --platform linux/arm64')),
      ok.calls.join('\n'),
    );
  });
});

describe('several platforms judged at once, or one after the other', () => {
  const ctxWith = (raw: Record<string, string>) =>
    contextFor(configFor({ platforms: 'linux/amd64,linux/arm64', ...raw }), fakeRunner().runner);
  const cases: { name: string; raw: Record<string, string>; platforms: number; cores: number; want: boolean }[] = [
    { name: 'no sidecars, a core per platform: at once', raw: {}, platforms: 2, cores: 2, want: true },
    {
      name: 'a sidecar (DF205 stops it under the other platform): in turn',
      raw: { services: 'db=postgres:15' },
      platforms: 2,
      cores: 8,
      want: false,
    },
    { name: 'fewer cores than platforms: in turn', raw: {}, platforms: 3, cores: 2, want: false },
    { name: 'one platform: nothing to run together', raw: {}, platforms: 1, cores: 8, want: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(judgeTogether(ctxWith(c.raw), c.platforms, c.cores), c.want));
});
