/**
 * The reusable workflow's `distribute` path, simulated here: one `push: by-digest` run per platform (linux/amd64
 * native, linux/arm64 under QEMU, as two matrix jobs would run them on their native runners), then
 * `dockerflow merge` of their reports into one index on the htpasswd registry. The legs push untagged; the merge
 * tags one index whose entries are exactly the manifests the legs tested; `docker pull --platform linux/arm64`
 * gives the tested arm64 image. A leg broken on arm64 pushes nothing and its merge tags nothing.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { configDigest, docker } from '../helpers/docker.js';
import { AMD, ARM, multiPlatformContext, multiPlatformMissing } from '../helpers/multi-platform.js';
import { catalog, htpasswdRegistry, manifestJson, tagsOf, uniquePrefix } from '../helpers/registry.js';
import { assertReportSchema } from '../helpers/report-schema.js';
import { runAction, runCli, type ProcResult } from '../helpers/run.js';

const skip = multiPlatformMissing();
const PREFIX = uniquePrefix('fanout');
const reg = htpasswdRegistry();

interface Outcome {
  status: string;
  skip?: string;
  message: string;
}
interface Report {
  verdict: string;
  image: {
    configDigest: string | null;
    manifestDigest: string | null;
    digest: string | null;
    pushed: string[];
    tags: string[];
    platforms?: { platform: string; id: string; configDigest: string; manifestDigest: string | null; emulated: boolean }[];
  };
  push?: { planned: boolean; reason: string };
  checks: (Outcome & { id: string; platforms?: Record<string, Outcome> })[];
  error?: string;
}
interface Run extends ProcResult {
  report: Report;
  out: string;
}

const temp: string[] = [];
const mkdir = (label: string): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `df-fanout-${label}-`));
  temp.push(dir);
  return dir;
};
const login = ['--registry', reg.addr, '--username', reg.username, '--password-stdin'];
const readReport = (out: string): Report => JSON.parse(readFileSync(path.join(out, 'dockerflow-report.json'), 'utf8')) as Report;

/** One matrix leg: the fixture for one platform, pushed by digest to `repo`. */
async function leg(context: string, repo: string, platform: string, extra: string[] = []): Promise<Run> {
  const out = mkdir('leg');
  const r = await runCli(
    [
      'run',
      '--context',
      context,
      '--platform',
      platform,
      '--image',
      `${PREFIX}/${repo}`,
      '--push',
      'by-digest',
      ...extra,
      ...login,
      '--out',
      out,
      '-q',
    ],
    { input: reg.password },
  );
  return { ...r, out, report: readReport(out) };
}

/** The merge job: the legs' out dirs (as download-artifact leaves them) into `tags` of `repo`. */
async function merge(repo: string, tags: string[], sources: string[]): Promise<Run> {
  const out = mkdir('merge');
  const r = await runCli(
    ['merge', '--image', `${PREFIX}/${repo}`, ...tags.flatMap((t) => ['--tag', t]), ...login, '--out', out, ...sources],
    {
      input: reg.password,
    },
  );
  return { ...r, out, report: readReport(out) };
}

/** A manifest or index from the registry's v2 API (independently of the code under test). */
const manifest = (repo: string, ref: string): ReturnType<typeof manifestJson> => manifestJson(reg, repo, ref);

describe('fan-out: one by-digest run per platform, then dockerflow merge', { skip, concurrency: false }, () => {
  let amd: Run;
  let arm: Run;
  let armBroken: Run;
  let good: Run;

  before(async () => {
    const context = multiPlatformContext();
    temp.push(context);
    // The legs run at once, as a matrix's jobs do (the broken one too: it is its own fan-out's arm64 leg).
    [amd, arm, armBroken] = await Promise.all([
      leg(context, 'app', AMD),
      leg(context, 'app', ARM),
      leg(context, 'broken', ARM, ['--build-arg', 'BREAK_ON=aarch64']),
    ]);
    for (const l of [amd, arm]) assert.equal(l.code, 0, l.stdout.slice(-3000) + l.stderr.slice(-2000));
    good = await merge('app', ['t1', 'v1.0'], [amd.out, arm.out]);
  });

  after(() => {
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  });

  it('each leg pushes its platform untagged, by the digest of the manifest it tested', async () => {
    for (const [l, platform] of [
      [amd, AMD],
      [arm, ARM],
    ] as const) {
      assertReportSchema(l.report);
      const [p] = l.report.image.platforms ?? [];
      assert.equal(p?.platform, platform);
      assert.equal(p.emulated, platform === ARM);
      assert.equal(p.configDigest, l.report.image.configDigest);
      assert.ok(p.manifestDigest?.startsWith('sha256:'), JSON.stringify(l.report.image));
      assert.deepEqual(l.report.image.pushed, [`${reg.addr}/${PREFIX}/app@${p.manifestDigest}`]);
      assert.equal(l.report.image.digest, p.manifestDigest);
      assert.match(l.report.push?.reason ?? '', /by digest/);
      // The registry has the manifest under its digest, naming the tested config.
      const m = await manifest(`${PREFIX}/app`, p.manifestDigest!);
      assert.equal(m.status, 200);
      assert.equal((m.body.config as { digest: string }).digest, p.configDigest);
      assert.match(l.stderr, new RegExp(`Pushing ${platform} by digest to .*\\(\\d+ blobs, no tag\\)`));
    }
    assert.notEqual(amd.report.image.configDigest, arm.report.image.configDigest);
  });

  it('merge tags one index of exactly the tested manifests, under every tag, and reports every platform', async () => {
    assert.equal(good.code, 0, good.stdout.slice(-3000) + good.stderr.slice(-2000));
    assertReportSchema(good.report);
    const repo = `${PREFIX}/app`;
    // Only the merge tagged anything.
    assert.deepEqual(await tagsOf(repo, reg), ['t1', 'v1.0']);
    const index = await manifest(repo, 't1');
    assert.equal((await manifest(repo, 'v1.0')).digest, index.digest);
    assert.equal(good.report.image.digest, index.digest);
    assert.deepEqual(good.report.image.pushed, [`${reg.addr}/${repo}:t1`, `${reg.addr}/${repo}:v1.0`]);
    const entries = (index.body.manifests as { digest: string; platform: { os: string; architecture: string } }[]).map((m) => [
      `${m.platform.os}/${m.platform.architecture}`,
      m.digest,
    ]);
    assert.deepEqual(entries.sort(), [
      [AMD, amd.report.image.platforms![0]!.manifestDigest],
      [ARM, arm.report.image.platforms![0]!.manifestDigest],
    ]);
    // One row per rule with each platform's outcome, as a one-runner multi-platform run reports it.
    assert.equal(good.report.verdict, 'pass');
    for (const id of ['DF101', 'DF106', 'DF201', 'DF204', 'DF208']) {
      const row = good.report.checks.find((c) => c.id === id)!;
      assert.deepEqual(Object.keys(row.platforms ?? {}).sort(), [AMD, ARM], id);
      assert.equal(row.status, 'pass');
    }
    assert.deepEqual(
      good.report.image.platforms?.map((p) => [p.platform, p.configDigest, p.emulated]),
      [
        [AMD, amd.report.image.configDigest, false],
        [ARM, arm.report.image.configDigest, true],
      ],
    );
    const read = (name: string): string => readFileSync(path.join(good.out, name), 'utf8').trim();
    assert.equal(read('docker-image-shasum256.txt'), amd.report.image.configDigest);
    assert.equal(read('docker-image-shasum256-linux-arm64.txt'), arm.report.image.configDigest);
    assert.match(good.stdout, /^verdict: PASS/m);
  });

  it('docker pull --platform linux/arm64 of the merged tag gives the arm64 image its leg tested', () => {
    const ref = `${reg.addr}/${PREFIX}/app:t1`;
    const config = mkdir('docker');
    const env = { ...process.env, DOCKER_CONFIG: config };
    execFileSync('docker', ['login', '-u', reg.username, '--password-stdin', reg.addr], { input: reg.password, env, stdio: 'pipe' });
    try {
      execFileSync('docker', ['pull', '-q', '--platform', ARM, ref], { env, stdio: 'pipe', timeout: 120_000 });
      const id = docker('image', 'inspect', '--platform', ARM, '--format', '{{.Id}}', ref);
      assert.equal(id, arm.report.image.platforms![0]!.manifestDigest, 'the manifest the arm64 leg pushed');
      assert.equal(configDigest(ref, ARM), arm.report.image.configDigest, 'the config the arm64 leg built and tested');
      assert.equal(docker('image', 'inspect', '--platform', ARM, '--format', '{{.Architecture}}', ref), 'arm64');
    } finally {
      docker('rmi', ref);
    }
  });

  it("the action's merge step (node dist/index.js, the merge input) tags :latest on a push to the default branch, with its outputs", async () => {
    const downloaded = mkdir('artifacts');
    cpSync(amd.out, path.join(downloaded, 'dockerflow-linux-amd64'), { recursive: true });
    cpSync(arm.out, path.join(downloaded, 'dockerflow-linux-arm64'), { recursive: true });
    const r = await runAction({
      inputs: {
        // As the reusable workflow's merge job gives them: the folder download-artifact filled, one artifact per leg.
        merge: downloaded,
        registry: reg.addr,
        image: `${PREFIX}/app`,
        username: reg.username,
        password: reg.password,
        // A caller's by-digest reaching the merge too: the merge tags, as auto decides.
        push: 'by-digest',
        'upload-artifacts': 'false',
        'pr-comment': 'false',
        // The merge is the step that tags, so it is the one that would describe the repository on Docker Hub.
        'hub-description': 'README.md',
      },
      eventName: 'push',
      ref: 'refs/heads/main',
      event: { repository: { default_branch: 'main', full_name: 'example/app', html_url: 'https://github.com/example/app' } },
    });
    assert.equal(r.code, 0, r.stdout.slice(-3000) + r.stderr.slice(-2000));
    const index = await manifest(`${PREFIX}/app`, 'latest');
    assert.equal(r.outputs.digest, index.digest);
    assert.equal(r.outputs.pushed, `${reg.addr}/${PREFIX}/app:latest`);
    assert.equal(r.outputs.verdict, 'pass');
    assert.equal(index.digest, good.report.image.digest, 'the same index as the CLI merge made of the same legs');
    assert.match(r.summary, /linux\/arm64/);
    assert.match(r.stdout, /Merging linux\/amd64, linux\/arm64 into one index/);
    assert.match(r.stdout, /hub-description: nothing was pushed to docker\.io/);
    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as Report;
    assert.equal(report.push?.reason, 'default branch main → :latest: one index of every platform');
  });

  it('a leg broken on arm64 pushes nothing, and its merge tags nothing and says which platform failed', async () => {
    assert.equal(armBroken.code, 1, armBroken.stdout.slice(-2000));
    assert.deepEqual(armBroken.report.image.pushed, []);
    assert.equal(armBroken.report.image.platforms?.[0]?.manifestDigest, null);
    assert.ok(!(await catalog(PREFIX, reg)).includes(`${PREFIX}/broken`), 'nothing reached the registry');
    const m = await merge('broken', ['t1'], [amd.out, armBroken.out]);
    assert.equal(m.code, 1, m.stdout + m.stderr);
    assertReportSchema(m.report);
    assert.equal(m.report.verdict, 'fail');
    assert.deepEqual(m.report.image.pushed, []);
    assert.match(m.report.push?.reason ?? '', /linux\/arm64 failed \(.*\): nothing is merged unless every platform passed/);
    const df208 = m.report.checks.find((c) => c.id === 'DF208')!;
    assert.equal(df208.platforms?.[AMD]?.status, 'pass');
    assert.equal(df208.platforms?.[ARM]?.status, 'fail');
    assert.deepEqual(await tagsOf(`${PREFIX}/broken`, reg), []);
  });

  it('a merge into another repository than the legs pushed to, or of a tampered report, fails in one line and tags nothing', async () => {
    const elsewhere = await merge('other', ['t1'], [amd.out, arm.out]);
    assert.equal(elsewhere.code, 1, elsewhere.stdout + elsewhere.stderr);
    assert.match(
      elsewhere.report.error ?? '',
      new RegExp(`is on ${reg.addr}/${PREFIX}/other, and the linux/amd64 run pushed no image there .*same image`),
    );
    assert.deepEqual(await tagsOf(`${PREFIX}/other`, reg), []);
    // A report whose arm64 entry names another manifest than it pushed: the merge does not take it.
    const tampered = mkdir('tampered');
    cpSync(arm.out, tampered, { recursive: true });
    const r = readReport(tampered);
    r.image.platforms![0]!.manifestDigest = amd.report.image.platforms![0]!.manifestDigest;
    writeFileSync(path.join(tampered, 'dockerflow-report.json'), JSON.stringify(r));
    const bad = await merge('app', ['t2'], [amd.out, tampered]);
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.report.error ?? '', /linux\/arm64 run pushed no image there/);
    assert.ok(!(await tagsOf(`${PREFIX}/app`, reg)).includes('t2'), 'the tampered merge tagged nothing');
  });
});
