/**
 * `dockerflow run --platform linux/amd64,linux/arm64` for real: one multi-platform build on the containerd store,
 * every rule judged on each platform (linux/arm64 under QEMU), one index pushed to the htpasswd registry only when
 * every platform passed, each platform's config digest read back, and `docker pull --platform linux/arm64` giving
 * the arm64 image that was tested. The same fixture broken on arm64 only fails the run and pushes nothing. Both
 * runs go at once (they share the build cache); skipped like arm64.test.ts where QEMU or the arm64 bases are missing.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { docker } from '../helpers/docker.js';
import { AMD, ARM, multiPlatformContext, multiPlatformMissing } from '../helpers/multi-platform.js';
import { catalog, htpasswdRegistry, manifestJson, tagsOf, uniquePrefix } from '../helpers/registry.js';
import { assertReportSchema } from '../helpers/report-schema.js';
import { runCli, type ProcResult } from '../helpers/run.js';

const PREFIX = uniquePrefix('multi');
const reg = htpasswdRegistry();

const skip = multiPlatformMissing();

interface Outcome {
  status: string;
  skip?: string;
  message: string;
}
interface Row extends Outcome {
  id: string;
  platforms?: Record<string, Outcome>;
}
interface Report {
  verdict: string;
  image: {
    configDigest: string;
    digest: string | null;
    pushed: string[];
    tags: string[];
    platforms?: { platform: string; id: string; configDigest: string; manifestDigest: string | null; emulated: boolean }[];
  };
  push?: { reason: string };
  checks: Row[];
  timings: Record<string, number>;
}
interface Run extends ProcResult {
  report: Report;
  out: string;
}

/** When each stage's section began in build.log (`===== smoke linux/arm64 [ISO time]`), by stage name. */
function sectionStarts(out: string): Record<string, number> {
  const log = readFileSync(path.join(out, 'build.log'), 'utf8');
  return Object.fromEntries([...log.matchAll(/^===== (.+) \[([^\]]+)\]$/gm)].map((m) => [m[1]!, Date.parse(m[2]!)]));
}

const temp: string[] = [];
const localRefs: string[] = [];

function fixtureContext(): string {
  const dir = multiPlatformContext();
  temp.push(dir);
  return dir;
}
let ctxDir: string | undefined;
const CTX = (): string => (ctxDir ??= fixtureContext());

/** The CLI on the fixture for both platforms, pushing tag t1 of `repo` to the htpasswd registry. */
async function run(repo: string, extra: string[]): Promise<Run> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'df-multi-out-'));
  temp.push(out);
  localRefs.push(`${reg.addr}/${PREFIX}/${repo}:t1`);
  const r = await runCli(
    [
      'run',
      '--context',
      CTX(),
      '--platform',
      `${AMD},${ARM}`,
      '--test-command',
      'selftest',
      ...extra,
      '--registry',
      reg.addr,
      '--image',
      `${PREFIX}/${repo}`,
      '--tag',
      't1',
      '--push',
      'true',
      '--username',
      reg.username,
      '--password-stdin',
      '--out',
      out,
      '-q',
    ],
    { input: reg.password },
  );
  return { ...r, out, report: JSON.parse(readFileSync(path.join(out, 'dockerflow-report.json'), 'utf8')) as Report };
}

/** A manifest or index from the registry's v2 API (independently of the code under test), with its digest. */
async function manifest(repo: string, ref: string): Promise<{ digest: string; body: Record<string, unknown> }> {
  const m = await manifestJson(reg, repo, ref);
  assert.equal(m.status, 200, `GET manifest ${repo}:${ref}`);
  return m;
}

const row = (r: Report, id: string): Row => r.checks.find((c) => c.id === id)!;

describe('multi-platform runs (linux/amd64 + linux/arm64 under QEMU)', { skip, concurrency: false }, () => {
  let good: Run;
  let broken: Run;

  before(async () => {
    [good, broken] = await Promise.all([
      run('good', []),
      // Broken on arm64 only; its test command runs on amd64 only (test-platforms). With a sidecar, which the
      // platforms share (DF205 would stop it under the other's probes): judged one after the other.
      run('broken', [
        '--build-arg',
        'BREAK_ON=aarch64',
        '--test-platform',
        AMD,
        '--service',
        'db=postgres:15 POSTGRES_PASSWORD=sidecar-pw',
        '--checks-ignore',
        'DF205',
      ]),
    ]);
    console.log(
      `# multi-platform timings (ms): good ${JSON.stringify(good.report.timings)}; broken ${JSON.stringify(broken.report.timings)}`,
    );
  });

  after(() => {
    for (const ref of localRefs) {
      try {
        docker('rmi', ref);
      } catch {
        // gone already (the pull case removes its tag)
      }
    }
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  });

  it('judges every rule on each platform, linux/arm64 emulated, and passes', () => {
    assert.equal(good.code, 0, good.stdout.slice(-3000) + good.stderr.slice(-2000));
    assertReportSchema(good.report);
    assert.equal(good.report.verdict, 'pass');
    assert.deepEqual(
      good.report.image.platforms?.map((p) => [p.platform, p.emulated]),
      [
        [AMD, false],
        [ARM, true],
      ],
    );
    const judged = ['DF101', 'DF102', 'DF103', 'DF104', 'DF105', 'DF106', 'DF107', 'DF108', 'DF109'];
    judged.push('DF201', 'DF202', 'DF203', 'DF204', 'DF207', 'DF208', 'DF301', 'DF302', 'DF401');
    for (const id of judged) {
      const r = row(good.report, id);
      assert.deepEqual(Object.keys(r.platforms ?? {}), [AMD, ARM], `${id} is judged on both platforms`);
      assert.equal(r.platforms![AMD]!.status, 'pass', `${id} on amd64: ${r.platforms![AMD]!.message}`);
      assert.equal(r.platforms![ARM]!.status, 'pass', `${id} on arm64: ${r.platforms![ARM]!.message}`);
      assert.equal(r.status, 'pass');
    }
    // The test command ran inside each platform's image.
    assert.match(row(good.report, 'DF401').platforms![ARM]!.message, /`selftest` exited 0/);
    // DF106 scanned each platform's own layers (the registry password is a secret to look for).
    assert.ok(good.report.timings[`secret-scan ${ARM}`]! >= 0, JSON.stringify(good.report.timings));
    // Each platform was started (and probed) in its own container; the emulated one took longer to answer.
    assert.ok(good.report.timings[`ready ${AMD}`]! >= 0 && good.report.timings[`ready ${ARM}`]! > 0, JSON.stringify(good.report.timings));
  });

  it('writes one shasum file per platform; the plain one holds the first platform’s config digest', () => {
    const [amd, arm] = good.report.image.platforms!;
    const read = (name: string): string => readFileSync(path.join(good.out, name), 'utf8').trim();
    assert.equal(read('docker-image-shasum256.txt'), amd!.configDigest);
    assert.equal(read('docker-image-shasum256-linux-amd64.txt'), amd!.configDigest);
    assert.equal(read('docker-image-shasum256-linux-arm64.txt'), arm!.configDigest);
    assert.notEqual(amd!.configDigest, arm!.configDigest);
    assert.equal(good.report.image.configDigest, amd!.configDigest);
    // The engine's IDs for the platforms are the ones the report names.
    for (const p of good.report.image.platforms!) {
      assert.equal(docker('image', 'inspect', '--platform', p.platform, '--format', '{{.Id}}', good.report.image.tags[0]!), p.id);
    }
  });

  it('pushes one index holding both platforms, each manifest naming the tested config; digest is the index', async () => {
    const repo = `${PREFIX}/good`;
    assert.deepEqual(await tagsOf(repo, reg), ['t1']);
    const index = await manifest(repo, 't1');
    assert.equal(good.report.image.digest, index.digest);
    assert.deepEqual(good.report.image.pushed, [`${reg.addr}/${repo}:t1`]);
    const entries = (index.body.manifests as { digest: string; platform?: { os: string; architecture: string } }[]).filter(
      (m) => m.platform && m.platform.os !== 'unknown',
    );
    assert.deepEqual(entries.map((m) => `${m.platform!.os}/${m.platform!.architecture}`).sort(), [AMD, ARM]);
    for (const p of good.report.image.platforms!) {
      const entry = entries.find((m) => `${m.platform!.os}/${m.platform!.architecture}` === p.platform)!;
      assert.equal(entry.digest, p.id, `${p.platform}: the index names the tested manifest`);
      assert.equal(p.manifestDigest, p.id);
      const child = await manifest(repo, entry.digest);
      assert.equal((child.body.config as { digest: string }).digest, p.configDigest, `${p.platform}: the registry's config digest`);
    }
  });

  it('docker pull --platform linux/arm64 of the tag gives the arm64 image that was tested', () => {
    const ref = `${reg.addr}/${PREFIX}/good:t1`;
    const config = mkdtempSync(path.join(os.tmpdir(), 'df-multi-docker-'));
    temp.push(config);
    const env = { ...process.env, DOCKER_CONFIG: config };
    execFileSync('docker', ['login', '-u', reg.username, '--password-stdin', reg.addr], { input: reg.password, env, stdio: 'pipe' });
    docker('rmi', ref);
    execFileSync('docker', ['pull', '-q', '--platform', ARM, ref], { env, stdio: 'pipe', timeout: 120_000 });
    const arm = good.report.image.platforms!.find((p) => p.platform === ARM)!;
    assert.equal(docker('image', 'inspect', '--platform', ARM, '--format', '{{.Id}}', ref), arm.id);
  });

  it('judges the platforms at once without sidecars, one after the other with one', () => {
    const g = sectionStarts(good.out);
    // Together: the second platform's smoke test starts before the first one's test command, in one process.
    assert.ok(g[`smoke ${ARM}`]! < g[`test ${AMD}`]!, JSON.stringify(g));
    assert.match(good.stderr, /Judging linux\/amd64 and linux\/arm64 at once/);
    // Each platform in its own app container, its lines in build.log named after it.
    const log = readFileSync(path.join(good.out, 'build.log'), 'utf8');
    assert.match(log, /--name df-[a-z0-9-]+-app-linux-arm64 /);
    assert.match(log, /^\[app linux\/arm64\] /m);
    const b = sectionStarts(broken.out);
    assert.ok(b[`smoke ${ARM}`]! >= b[`test ${AMD}`]!, JSON.stringify(b));
    assert.doesNotMatch(broken.stderr, /at once/);
  });

  it('fails a run broken on arm64 only, says which platform, and pushes nothing', async () => {
    assert.equal(broken.code, 1, broken.stdout.slice(-3000) + broken.stderr.slice(-2000));
    assertReportSchema(broken.report);
    assert.equal(broken.report.verdict, 'fail');
    const df208 = row(broken.report, 'DF208');
    assert.equal(df208.status, 'fail');
    assert.equal(df208.platforms![AMD]!.status, 'pass');
    assert.equal(df208.platforms![ARM]!.status, 'fail');
    assert.match(df208.message, /^linux\/arm64: /);
    assert.match(df208.message, /no support for aarch64/);
    // test-platforms: amd64 only, so DF401 passes with arm64 not configured.
    const df401 = row(broken.report, 'DF401');
    assert.equal(df401.status, 'pass');
    assert.equal(df401.platforms![ARM]!.skip, 'not-configured');
    // All or nothing: no tag, no repository, nothing in the report.
    assert.deepEqual(broken.report.image.pushed, []);
    assert.equal(broken.report.image.digest, null);
    assert.match(broken.report.push?.reason ?? '', /DF208 failed: nothing is pushed/);
    assert.ok(broken.report.image.platforms!.every((p) => p.manifestDigest === null));
    assert.deepEqual(await tagsOf(`${PREFIX}/broken`, reg), []);
    assert.ok(!(await catalog(PREFIX, reg)).includes(`${PREFIX}/broken`));
    assert.match(broken.stdout, /^FAIL DF208 .*linux\/arm64: /m);
    assert.match(broken.stdout, /\[linux\/amd64 PASS, linux\/arm64 FAIL\]$/m);
  });
});
