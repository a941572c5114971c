/**
 * Publishing against the real engine and the local htpasswd registry: the bundled action (`node dist/index.js`
 * with real event payloads) and the CLI push exactly the refs the policy says, nothing else, and the registry's
 * catalogue and tag lists are read back to prove it. Every case uses its own repository.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RegistryClient } from '../../src/publish/registry-client.js';
import { RULES } from '../../src/rules/catalogue.js';
import { targetPlatform } from '../../src/docker/platform.js';
import { verifyTag } from '../../src/publish/verify.js';
import { configDigest, docker, engineUp, imageStore, RECIPE, testRegistry } from '../helpers/docker.js';
import {
  catalog,
  closedPort,
  flakyProxy,
  htpasswdRegistry,
  manifestOf,
  putIndex,
  tagsOf,
  tokenRegistry,
  tokenUser,
  uniquePrefix,
  type TestRegistry,
} from '../helpers/registry.js';
import { FIXTURES, readJson, runAction, runCli, type ActionEnv, type ActionRun } from '../helpers/run.js';

const reg = testRegistry();
const HTPASSWD = htpasswdRegistry();
const TOKEN = tokenRegistry();
const BOTH = [HTPASSWD, TOKEN];
const PREFIX = uniquePrefix('publish');
const COMPLIANT = path.join(FIXTURES, 'apps/compliant');
const SHA = '0123456789abcdef0123456789abcdef01234567';
const REPOSITORY = { default_branch: 'main', full_name: 'example/app', html_url: 'https://github.com/example/app' };
const localRefs: string[] = [];
const tempDirs: string[] = [];
const outDir = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'df-pub-out-'));
  tempDirs.push(dir);
  return dir;
};

interface Report {
  verdict: string;
  image: {
    id: string;
    configDigest: string;
    manifestDigest: string | null;
    digest: string | null;
    pushed: string[];
    tags: string[];
    platforms?: { platform: string; manifestDigest: string | null }[];
  };
  push?: { planned: boolean; reason: string };
  error?: string;
  checks: { id: string; status: string }[];
}

/** The action on the compliant fixture, pushing to `repo` on the test registry. */
async function action(
  repo: string,
  a: Partial<ActionEnv> & { inputs?: Record<string, string> },
): Promise<ActionRun & { report: Report; log: string }> {
  const r = await runAction({
    workspace: COMPLIANT,
    ...a,
    inputs: {
      context: '.',
      registry: reg.addr,
      image: `${PREFIX}/${repo}`,
      username: reg.username,
      password: reg.password,
      'checks-ignore': 'DF106', // the layer scan has its own tests; the canary case below keeps it on
      'upload-artifacts': 'false',
      'min-uptime': '1', // DF208's wait has its own tests (smoke, verdicts): 1 s here, not the default 5
      ...a.inputs,
    },
  });
  tempDirs.push(r.runnerTemp);
  const outDir = path.dirname(r.outputs.report ?? '');
  localRefs.push(...(r.outputs.tags ?? '').split('\n').filter(Boolean));
  return { ...r, report: readJson<Report>(r.outputs.report!), log: readFileSync(path.join(outDir, 'build.log'), 'utf8') };
}

/** `dockerflow run` of `context` with `--push true` of tag t1 to `registry`, the password on stdin. */
function pushWithCli(
  a: { context: string; registry: string; repo: string; password: string; out: string; username?: string },
  extra: string[] = [],
): ReturnType<typeof runCli> {
  return runCli(
    [
      'run',
      '--context',
      a.context,
      '--min-uptime',
      '1', // as in action() above
      ...extra,
      '--registry',
      a.registry,
      '--image',
      `${PREFIX}/${a.repo}`,
      '--tag',
      't1',
      '--push',
      'true',
      '--username',
      a.username ?? reg.username,
      '--password-stdin',
      '--out',
      a.out,
      '-q',
    ],
    { input: a.password },
  );
}

/** The registry holds exactly `tags` for the repository (and no repository at all when there are none). */
async function assertRegistry(repo: string, tags: string[], r: TestRegistry = HTPASSWD): Promise<void> {
  const full = `${PREFIX}/${repo}`;
  assert.deepEqual(await tagsOf(full, r), [...tags].sort(), `tags of ${full} on ${r.addr}`);
  assert.equal((await catalog(PREFIX, r)).includes(full), tags.length > 0, `${full} in the catalogue of ${r.addr}`);
}

/** What a successful push must leave behind: outputs, report and registry agree on digest and image ID. */
async function assertPushed(
  r: ActionRun & { report: Report },
  repo: string,
  tags: string[],
  registries: TestRegistry[] = [HTPASSWD],
): Promise<void> {
  assert.equal(r.code, 0, r.stdout.slice(-3000));
  for (const g of registries) await assertRegistry(repo, tags, g);
  const refs = registries.flatMap((g) => tags.map((t) => `${g.addr}/${PREFIX}/${repo}:${t}`));
  assert.deepEqual(r.report.image.pushed, refs);
  assert.equal(r.outputs.pushed, refs.join('\n'));
  const shasum = readFileSync(r.outputs['shasum-file']!, 'utf8');
  for (const [g, t] of registries.flatMap((g) => tags.map((t) => [g, t] as const))) {
    const m = await manifestOf(`${PREFIX}/${repo}`, t, g);
    assert.equal(m.digest, r.outputs.digest, 'the digest output is what the tag resolves to (manifest or index)');
    assert.equal(`${m.config}\n`, shasum, 'docker-image-shasum256.txt holds the config digest');
    assert.equal(r.report.image.manifestDigest, m.manifest, 'the report carries the image manifest digest');
  }
  assert.equal(`${r.report.image.configDigest}\n`, shasum, 'the report carries the config digest');
  assert.equal(r.outputs.imageid, r.report.image.configDigest);
  assert.equal(r.report.image.digest, r.outputs.digest);
  assert.notEqual(r.outputs.digest, r.outputs.imageid, 'the digest is not the image ID');
  assert.match(r.summary, /Push: pushed/);
  assert.ok(r.summary.includes(`Image ID (config digest, as in docker-image-shasum256.txt): \`${shasum.trim()}\``), r.summary);
  if (r.report.image.manifestDigest !== r.report.image.digest) {
    assert.ok(r.summary.includes(`Image manifest in that index: \`${r.report.image.manifestDigest}\``), 'an index names its image');
  }
  assert.equal(r.state.loggedIn, registries.map((g) => g.addr).join('\n'));
  assert.ok(!existsSync(r.state.dockerConfig!), 'the private DOCKER_CONFIG is gone when main ends');
}

function assertNoLogin(r: ActionRun & { log: string }): void {
  assert.doesNotMatch(r.log, /docker login/);
  assert.doesNotMatch(r.stdout, /Logging in/);
  assert.equal(r.state.loggedIn, undefined);
}

describe('publish', { skip: !engineUp() && 'no Docker engine' }, () => {
  // The user's own docker config (absent on a fresh machine) is never touched: logins go to a private one.
  const userDockerConfig = path.join(os.homedir(), '.docker/config.json');
  const readUserDockerConfig = (): string | null => (existsSync(userDockerConfig) ? readFileSync(userDockerConfig, 'utf8') : null);
  const dockerConfigBefore = readUserDockerConfig();

  before(async () => {
    const res = await fetch(`http://${reg.addr}/v2/`).catch(() => null);
    assert.equal(res?.status, 401, `the test registry should answer 401 on ${reg.addr} (scripts/setup/registry.sh)`);
  });

  after(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    for (const ref of new Set(localRefs)) spawnQuiet(['docker', 'rmi', ref]);
    // A tag moved to another image leaves its old repo digest behind.
    const digests = docker('images', '--digests', '--format', '{{.Repository}}@{{.Digest}}').split('\n');
    for (const ref of digests.filter((d) => d.includes(`/${PREFIX}/`) && !d.endsWith('@<none>'))) spawnQuiet(['docker', 'rmi', ref]);
    assert.equal(readUserDockerConfig(), dockerConfigBefore, "the user's docker config is never touched");
  });

  test('push to the default branch → :latest, verified, outputs and summary', async () => {
    const r = await action('main', { eventName: 'push', ref: 'refs/heads/main', event: { repository: REPOSITORY } });
    await assertPushed(r, 'main', ['latest']);
    assert.match(r.report.push!.reason, /default branch main → :latest/);
    assert.match(r.log, /\$ docker login --username dockerflow --password-stdin 127\.0\.0\.1:\d+/);
    assert.ok(r.log.indexOf('===== login') < r.log.indexOf('===== build'), 'logged in before the build');
    assert.match(r.log, /verified .*:latest: (index sha256:[0-9a-f]{64}, )?manifest sha256:[0-9a-f]{64}, config sha256:[0-9a-f]{64}/);

    // The README's recipe, as a user runs it after pulling the pushed tag on this engine's image store.
    const ref = `${reg.addr}/${PREFIX}/main:latest`;
    const dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'df-pub-pull-'));
    tempDirs.push(dockerConfig);
    const env = { ...process.env, DOCKER_CONFIG: dockerConfig };
    execFileSync('docker', ['login', '--username', reg.username, '--password-stdin', reg.addr], {
      input: reg.password,
      env,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    docker('image', 'rm', ref);
    execFileSync('docker', ['pull', '-q', ref], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const shasumFile = r.outputs['shasum-file']!;
    const recipe = `${RECIPE.replace('"$1"', ref)} | diff - "${shasumFile}" && echo "same image"`;
    assert.equal(execFileSync('sh', ['-c', recipe], { encoding: 'utf8' }), 'same image\n', `on the ${imageStore()} store`);
    // …and it tells another image apart.
    const other = `${RECIPE.replace('"$1"', 'debian:bookworm-slim')} | diff - "${shasumFile}" >/dev/null && echo "same image" || echo differs`;
    assert.equal(execFileSync('sh', ['-c', other], { encoding: 'utf8' }), 'differs\n');
    if (imageStore() === 'classic') {
      // The shorter form the README gives for the classic store.
      assert.equal(`${docker('inspect', '-f', '{{.Id}}', ref)}\n`, readFileSync(shasumFile, 'utf8'));
    }
  });

  test('push: by-digest on the default branch: untagged, read back by digest (containerd store); a config error before the build (classic store)', async () => {
    const r = await action('bydigest', {
      eventName: 'push',
      ref: 'refs/heads/main',
      event: { repository: REPOSITORY },
      inputs: { push: 'by-digest' },
    });
    if (imageStore() === 'classic') {
      assert.equal(r.code, 1, r.stdout.slice(-2000));
      assert.match(
        r.report.error ?? '',
        /^push: by-digest uploads the image from the containerd image store, and this engine uses the classic image store: turn it on/,
      );
      assert.doesNotMatch(r.log, /\$ docker buildx build|\$ docker build /, 'refused before the build');
      await assertRegistry('bydigest', []);
      return;
    }
    assert.equal(r.code, 0, r.stdout.slice(-3000));
    const [p] = r.report.image.platforms ?? [];
    assert.ok(p?.manifestDigest, JSON.stringify(r.report.image));
    assert.equal(r.outputs.pushed, `${reg.addr}/${PREFIX}/bydigest@${p.manifestDigest}`);
    assert.equal(r.outputs.digest, p.manifestDigest);
    // No tag in the registry; the manifest under its digest names the tested config.
    assert.deepEqual(await tagsOf(`${PREFIX}/bydigest`, HTPASSWD), []);
    const got = await manifestOf(`${PREFIX}/bydigest`, p.manifestDigest, HTPASSWD);
    assert.equal(got.config, readFileSync(r.outputs['shasum-file']!, 'utf8').trim());
    assert.doesNotMatch(r.log, /\$ docker push/);
  });

  test('push to another branch → logged in for the base image pulls, nothing pushed', async () => {
    const r = await action('branch', { eventName: 'push', ref: 'refs/heads/feature/x', event: { repository: REPOSITORY } });
    assert.equal(r.code, 0, r.stdout.slice(-2000));
    await assertRegistry('branch', []);
    assert.match(r.log, /\$ docker login --username dockerflow --password-stdin 127\.0\.0\.1:\d+/);
    assert.ok(r.log.indexOf('===== login') < r.log.indexOf('===== build'), 'logged in before the build');
    assert.doesNotMatch(r.log, /\$ docker push/);
    assert.ok(!existsSync(r.state.dockerConfig!), 'the private DOCKER_CONFIG is gone when main ends');
    assert.equal(r.outputs.pushed, '');
    assert.equal(r.outputs.digest, '');
    assert.match(r.summary, /not pushed \(branch feature\/x is not the default branch \(main\)/);
  });

  test("a private base image is pulled with the run's login: the stages after the login run with its DOCKER_CONFIG", async () => {
    // A base image only the registry holds, behind its htpasswd auth (debian:bookworm-slim under another name).
    const base = `${reg.addr}/${PREFIX}/private-base:1`;
    const dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'df-pub-base-'));
    const context = mkdtempSync(path.join(os.tmpdir(), 'df-pub-base-ctx-'));
    tempDirs.push(dockerConfig, context);
    const env = { ...process.env, DOCKER_CONFIG: dockerConfig };
    execFileSync('docker', ['login', '--username', reg.username, '--password-stdin', reg.addr], {
      input: reg.password,
      env,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    docker('tag', 'debian:bookworm-slim', base);
    execFileSync('docker', ['push', '-q', base], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    docker('image', 'rm', base);
    writeFileSync(path.join(context, 'Dockerfile'), `FROM ${base}\nCMD ["sleep", "1"]\n`);
    // Only the build matters here: the rules that run the image, and the layer scan, are left out.
    const ignore = [...RULES.filter((r) => r.stage !== 'inspect').map((r) => r.id), 'DF106'].join(',');
    const args = (out: string): string[] => [
      'run',
      '--context',
      context,
      '--registry',
      reg.addr,
      '--image',
      `${PREFIX}/private-base-app`,
      '--push',
      'false',
      '--checks-ignore',
      ignore,
      '--out',
      out,
      '-q',
    ];
    // Without credentials the pull is refused: the base really is private (first, so no cache can hide it).
    const anonOut = outDir();
    await runCli(args(anonOut));
    const anon = readJson<Report>(path.join(anonOut, 'dockerflow-report.json'));
    assert.equal(anon.image.configDigest, null, 'nothing was built without the login');
    assert.match(anon.error ?? '', /docker build of .*Dockerfile failed/);
    // With them, the login stage logs in and the build pulls through the session's private DOCKER_CONFIG.
    const out = outDir();
    const r = await runCli([...args(out), '--username', reg.username, '--password-stdin'], { input: reg.password });
    const report = readJson<Report>(path.join(out, 'dockerflow-report.json'));
    localRefs.push(...report.image.tags);
    assert.equal(report.error, undefined, `${report.error} ${r.stderr.slice(-1500)}`);
    assert.match(report.image.configDigest, /^sha256:[0-9a-f]{64}$/);
    assert.match(
      readFileSync(path.join(out, 'build.log'), 'utf8'),
      /\$ docker login --username dockerflow --password-stdin 127\.0\.0\.1:\d+/,
    );
  });

  test('tag push → :X', async () => {
    const r = await action('tag', { eventName: 'push', ref: 'refs/tags/v1.2.3', event: { repository: REPOSITORY } });
    await assertPushed(r, 'tag', ['v1.2.3']);
  });

  test('same-repo pull request → nothing pushed, no login, the summary says why', async () => {
    const pr = {
      number: 7,
      head: { ref: 'feature', sha: SHA, repo: { full_name: 'example/app', fork: false } },
      base: { repo: { full_name: 'example/app' } },
    };
    const r = await action('pr', {
      eventName: 'pull_request',
      ref: 'refs/pull/7/merge',
      event: { repository: REPOSITORY, pull_request: pr },
      env: { GITHUB_HEAD_REF: 'feature' },
    });
    assert.equal(r.code, 0, r.stdout.slice(-2000));
    await assertRegistry('pr', []);
    assertNoLogin(r);
    assert.match(r.summary, /not pushed \(a pull request builds and tests only: it never logs in or pushes/);
  });

  test('fork pull request → nothing pushed, no login, even with credentials and push: true', async () => {
    const pr = {
      number: 8,
      head: { ref: 'main', sha: SHA, repo: { full_name: 'mallory/app', fork: true } },
      base: { repo: { full_name: 'example/app' } },
    };
    const r = await action('fork', {
      eventName: 'pull_request',
      ref: 'refs/pull/8/merge',
      event: { repository: REPOSITORY, pull_request: pr },
      env: { GITHUB_HEAD_REF: 'main' },
      inputs: { push: 'true' },
    });
    assert.equal(r.code, 0, r.stdout.slice(-2000));
    await assertRegistry('fork', []);
    assertNoLogin(r);
    assert.match(
      r.summary,
      /not pushed \(a pull request from a fork builds and tests only: it gets no secrets and never logs in or pushes\)/,
    );
  });

  test('workflow_dispatch of main → :latest', async () => {
    const r = await action('dispatch', {
      eventName: 'workflow_dispatch',
      ref: 'refs/heads/main',
      event: { repository: REPOSITORY, inputs: {} },
    });
    await assertPushed(r, 'dispatch', ['latest']);
  });

  test("explicit tags (docker/metadata-action's full refs and a bare tag) replace the policy", async () => {
    const repo = `${reg.addr}/${PREFIX}/explicit`;
    const r = await action('explicit', {
      eventName: 'push',
      ref: 'refs/heads/feature/y',
      event: { repository: REPOSITORY },
      inputs: { tags: `${repo}:feature-y\n${repo}:sha-0123456\nstable` },
    });
    await assertPushed(r, 'explicit', ['feature-y', 'sha-0123456', 'stable']);
  });

  test('a push that is due without credentials fails before the build, saying how to fix it', async () => {
    const r = await action('nocreds', {
      eventName: 'push',
      ref: 'refs/heads/main',
      event: { repository: REPOSITORY },
      inputs: { username: '', password: '' },
    });
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /::error::push is due \(default branch main → :latest\) but no username\/password: pass username and password inputs for 127\.0\.0\.1:\d+/,
    );
    assert.doesNotMatch(r.log, /===== build/);
    await assertRegistry('nocreds', []);
    // The CLI in a job (the same push policy): a config error, exit 2 as for a bad flag, before the build.
    const out = outDir();
    const event = path.join(out, 'event.json');
    writeFileSync(event, JSON.stringify({ repository: REPOSITORY }));
    const cli = await runCli(['run', '--context', COMPLIANT, '--registry', reg.addr, '--image', `${PREFIX}/nocreds`, '--out', out, '-q'], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: SHA, GITHUB_EVENT_PATH: event },
    });
    assert.equal(cli.code, 2, cli.stderr);
    assert.match(cli.stderr, /push is due \(default branch main → :latest\) but no username\/password: pass username and password inputs/);
    assert.doesNotMatch(readFileSync(path.join(out, 'build.log'), 'utf8'), /===== build/);
    await assertRegistry('nocreds', []);
  });

  test('a failing rule (no USER: DF101) → nothing pushed, and the report says why', async () => {
    const out = outDir();
    const r = await pushWithCli({ context: COMPLIANT, registry: reg.addr, repo: 'nouser', password: reg.password, out }, [
      '--file',
      path.join(FIXTURES, 'static/df101-root.Dockerfile'),
      '--checks-ignore',
      'DF106',
    ]);
    localRefs.push(`${reg.addr}/${PREFIX}/nouser:t1`);
    assert.equal(r.code, 1, r.stderr);
    const report = readJson<Report>(path.join(out, 'dockerflow-report.json'));
    assert.equal(report.checks.find((c) => c.id === 'DF101')?.status, 'fail');
    assert.deepEqual(report.image.pushed, []);
    assert.match(report.push!.reason, /^DF101 failed: nothing is pushed unless every rule at or above fail-on \(error\) passes$/);
    assert.match(r.stdout, /not pushed: DF101/);
    await assertRegistry('nouser', []);
  });

  for (const g of BOTH) {
    test(`a wrong password (${g.kind} registry): one clear error naming registry and user, nothing built or pushed`, async () => {
      const out = outDir();
      const r = await pushWithCli({
        context: COMPLIANT,
        registry: g.addr,
        repo: `wrongpw-${g.kind}`,
        username: g.username,
        password: 'not-the-password-42',
        out,
      });
      assert.equal(r.code, 1);
      // htpasswd: "401 Unauthorized"; the token service: "unauthorized: incorrect username or password".
      assert.match(
        r.stderr,
        new RegExp(
          `error: registry ${g.addr} refused the login of user ${g.username} \\(.*(401 Unauthorized|unauthorized: incorrect username or password)\\): check the username and password`,
        ),
      );
      assert.doesNotMatch(r.stderr, /retry/);
      assert.ok(!`${r.stderr}${r.stdout}${readFileSync(path.join(out, 'build.log'), 'utf8')}`.includes('not-the-password-42'));
      assert.doesNotMatch(readFileSync(path.join(out, 'build.log'), 'utf8'), /===== build/);
      await assertRegistry(`wrongpw-${g.kind}`, [], g);
    });
  }

  test('registry down: bounded retries with backoff, then a clear error', async () => {
    const port = await closedPort();
    const out = outDir();
    const r = await pushWithCli({ context: COMPLIANT, registry: `127.0.0.1:${port}`, repo: 'down', password: reg.password, out });
    assert.equal(r.code, 1);
    for (const n of [1, 2, 3])
      assert.match(
        r.stderr,
        new RegExp(`docker login to 127\\.0\\.0\\.1:${port} failed \\(.*connection refused\\); retry ${n}/3 in \\d+\\.\\d s`),
      );
    assert.doesNotMatch(r.stderr, /retry 4/);
    assert.match(
      r.stderr,
      new RegExp(
        `error: cannot reach registry 127\\.0\\.0\\.1:${port} to log in: 4 attempts failed \\(last: .*connection refused\\); check the registry address and that it is up`,
      ),
    );
    assert.ok(r.ms > 6000, `backoff 1+2+4 s (took ${r.ms} ms)`);
    assert.match(r.stdout, /not pushed: push is true, but the run failed before anything was pushed/);
  });

  test('a registry that fails the first attempts (503, dropped connection): login and push succeed after retries', async () => {
    const proxy = await flakyProxy({ first: ['503', 'drop'], manifestPuts: ['503', 'drop'] });
    try {
      const out = outDir();
      const r = await pushWithCli({ context: COMPLIANT, registry: proxy.host, repo: 'flaky', password: reg.password, out }, [
        '--checks-ignore',
        'DF106',
      ]);
      localRefs.push(`${proxy.host}/${PREFIX}/flaky:t1`);
      assert.equal(r.code, 0, `${r.stderr}\n${proxy.log.join('\n')}`);
      assert.match(r.stderr, /docker login to 127\.0\.0\.1:\d+ failed \(.*\); retry 1\/3 in/);
      assert.doesNotMatch(r.stderr, /docker login .*retry 2\/3/);
      if (imageStore() === 'classic') {
        assert.match(r.stderr, /docker push 127\.0\.0\.1:\d+\/.*flaky:t1 failed \(.*503 Service Unavailable\); retry 1\/3/);
        assert.match(r.stderr, /docker push 127\.0\.0\.1:\d+\/.*flaky:t1 failed \(.*EOF.*\); retry 2\/3/);
      } else {
        // containerd's pusher retries a 503 itself; the dropped connection reaches dockerflow (as EOF, a closed
        // connection or a reset one, depending on when it drops), which retries it.
        assert.match(
          r.stderr,
          /docker push 127\.0\.0\.1:\d+\/.*flaky:t1 failed \(.*(EOF|use of closed network connection|connection reset by peer)\); retry 1\/3/,
        );
        assert.doesNotMatch(r.stderr, /flaky:t1 failed .*retry 2\/3/);
      }
      // Each fault hit one manifest upload, in order; the tag's own manifest went up once, last. The classic store
      // PUTs one manifest (by tag); the containerd store the image and its attestation by digest, then the index by
      // tag, the two by digest side by side: the attestation's may go up beside the image's that failed.
      const puts = proxy.log.filter((l) => /^PUT .*\/manifests\//.test(l));
      const outcome = (l: string): string => l.split(' -> ')[1]!;
      const byTag = (l: string): boolean => /\/manifests\/t1 -> /.test(l);
      const why = puts.join('\n');
      assert.deepEqual(
        puts.map(outcome).filter((o) => o !== 'forwarded'),
        ['503', 'dropped'],
        why,
      );
      const forwarded = puts.filter((l) => outcome(l) === 'forwarded');
      assert.deepEqual(forwarded.filter(byTag).length, 1, why);
      assert.ok(byTag(forwarded.at(-1)!), why);
      assert.ok(imageStore() === 'classic' ? forwarded.length === 1 : [3, 4].includes(forwarded.length), why);
      await assertRegistry('flaky', ['t1']);
      const report = readJson<Report>(path.join(out, 'dockerflow-report.json'));
      assert.equal(report.image.digest, (await manifestOf(`${PREFIX}/flaky`, 't1')).digest);
    } finally {
      await proxy.close();
    }
  });

  for (const g of BOTH) {
    test(`verify (${g.kind} registry): passes on the pushed manifest and an index naming it, fails with both hashes when the tag is re-pointed`, async () => {
      const repo = `${PREFIX}/repoint-${g.kind}`;
      const ref = `${g.addr}/${repo}:t1`;
      const dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'df-pub-dc-'));
      const env = { ...process.env, DOCKER_CONFIG: dockerConfig };
      try {
        execFileSync('docker', ['login', '--username', g.username, '--password-stdin', g.addr], {
          input: g.password,
          env,
          stdio: ['pipe', 'ignore', 'ignore'],
        });
        const first = configDigest('debian:bookworm-slim');
        const second = configDigest('node:24-slim');
        const push = (image: string): void => {
          docker('tag', image, ref);
          execFileSync('docker', ['push', ref], { env, stdio: 'ignore' });
        };
        localRefs.push(ref);
        const tokens: string[] = [];
        const client = new RegistryClient(g.addr, { username: g.username, password: g.password }, (t) => tokens.push(t));
        const target = { repository: repo, tag: 't1', display: ref };
        const platform = targetPlatform([]);
        try {
          push('debian:bookworm-slim');
          const ok = await verifyTag(client, target, first, platform);
          assert.equal(ok.configDigest, first);
          const pushed = await manifestOf(repo, 't1', g);
          assert.equal(ok.digest, pushed.digest);
          // An index (what a multi-platform push leaves) is followed to this platform's manifest.
          await putIndex(g, repo, 'idx', pushed, platform);
          const viaIndex = await verifyTag(client, { ...target, tag: 'idx', display: `${g.addr}/${repo}:idx` }, first, platform);
          assert.equal(viaIndex.configDigest, first);
          assert.notEqual(viaIndex.digest, pushed.digest, 'the digest of an index is its own');
          await assert.rejects(
            verifyTag(client, { ...target, tag: 'idx' }, first, { os: 'linux', architecture: 's390x' }),
            /is a multi-platform index without linux\/s390x/,
          );
          // A bearer token per repository scope, fetched once and reused; Basic auth needs none.
          assert.equal(tokens.length, g.kind === 'token' ? 1 : 0, 'tokens fetched');
          push('node:24-slim'); // someone else moves the tag
          await assert.rejects(
            verifyTag(client, target, first, platform),
            (e: Error) =>
              e.message.includes(`its config digest is ${second}, docker-image-shasum256.txt says ${first}`) && e.message.includes(ref),
          );
        } finally {
          await client.close();
        }
      } finally {
        rmSync(dockerConfig, { recursive: true, force: true });
      }
    });
  }

  test('canary: password, build secret and a secret-named env value appear nowhere, the pushed image included', async () => {
    const build = `canary-build-${Math.random().toString(36).slice(2)}`;
    const envValue = `canary-env-${Math.random().toString(36).slice(2)}`;
    const basic = Buffer.from(`${reg.username}:${reg.password}`).toString('base64');
    const canaries = { password: reg.password, 'build secret': build, 'env API_TOKEN': envValue, 'base64 login': basic };
    const r = await action('canary', {
      eventName: 'push',
      ref: 'refs/heads/main',
      event: { repository: REPOSITORY },
      // compliant.Dockerfile reads the build secret `token` without keeping it.
      inputs: {
        file: path.join(FIXTURES, 'static/compliant.Dockerfile'),
        secrets: `token=${build}`,
        env: `API_TOKEN=${envValue}\nLOG_LEVEL=info`,
        'checks-ignore': '',
      },
    });
    await assertPushed(r, 'canary', ['latest']);
    assert.equal(r.report.checks.find((c) => c.id === 'DF106')?.status, 'pass');

    const leaks: string[] = [];
    const scan = (where: string, text: string | Buffer): void => {
      for (const [name, value] of Object.entries(canaries)) if (text.includes(value)) leaks.push(`${name} in ${where}`);
    };
    // The runner consumes ::add-mask:: commands: they are how a value gets masked, not a leak.
    scan(
      'stdout',
      r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    );
    scan('stderr', r.stderr);
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else scan(path.relative(r.runnerTemp, p), readFileSync(p));
      }
    };
    walk(r.runnerTemp); // out dir, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE
    assert.ok(
      readdirSync(r.runnerTemp).every((n) => !n.startsWith('dockerflow-docker-config-')),
      'no login left in RUNNER_TEMP',
    );
    const tar = path.join(mkdtempSync(path.join(os.tmpdir(), 'df-pub-save-')), 'image.tar');
    try {
      // By tag: on the containerd store the config digest (imageid) is not a name the engine knows.
      execFileSync('docker', ['save', '-o', tar, r.report.image.tags[0]!]);
      scan('the image (docker save)', readFileSync(tar));
    } finally {
      rmSync(path.dirname(tar), { recursive: true, force: true });
    }
    assert.deepEqual(leaks, []);
    const masks = r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    for (const value of Object.values(canaries))
      assert.ok(masks.includes(`::add-mask::${value}`), 'every secret is masked on the runner console');
  });

  // The token-auth registry (scripts/setup/token-registry.sh) as Docker Hub and ghcr.io work, and both registries
  // in one run. Independent repositories, so these run side by side.
  describe('token auth, and two registries in one run', { concurrency: true }, () => {
    // A run writes version.json into its context for the build: runs side by side each get their own copy.
    const ownCopy = (): string => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'df-pub-ws-'));
      tempDirs.push(dir);
      cpSync(COMPLIANT, dir, { recursive: true });
      return dir;
    };
    const pushEvent = () => ({ eventName: 'push', ref: 'refs/heads/main', event: { repository: REPOSITORY }, workspace: ownCopy() });
    const authYaml = (u: { username: string; password: string }): string =>
      `- registry: ${TOKEN.addr}\n  username: ${u.username}\n  password: ${u.password}\n`;

    before(async () => {
      const res = await fetch(`http://${TOKEN.addr}/v2/`).catch(() => null);
      assert.match(
        res?.headers.get('www-authenticate') ?? '',
        /^Bearer realm="http:\/\/127\.0\.0\.1:\d+\/token",service="/,
        `the token registry should answer 401 Bearer on ${TOKEN.addr} (scripts/setup/token-registry.sh)`,
      );
    });

    test('token registry: login through the token service, push, read back through a bearer token', async () => {
      const r = await action('token', {
        ...pushEvent(),
        inputs: { registry: TOKEN.addr, username: TOKEN.username, password: TOKEN.password },
      });
      await assertPushed(r, 'token', ['latest'], [TOKEN]);
      assert.match(r.log, new RegExp(`\\$ docker login --username dockerflow --password-stdin ${TOKEN.addr}`));
      assert.match(r.log, /verified .*:latest: (index sha256:[0-9a-f]{64}, )?manifest sha256:[0-9a-f]{64}, config sha256:[0-9a-f]{64}/);
    });

    test('two registries (htpasswd and token) in one run: both logged in before the build, pushed, verified', async () => {
      const repo = `${PREFIX}/two`;
      const r = await action('two', {
        ...pushEvent(),
        inputs: {
          tags: `${HTPASSWD.addr}/${repo}:latest\n${TOKEN.addr}/${repo}:latest`,
          'registry-auth': authYaml(TOKEN),
          // Nothing goes to docker.io: the description is left alone, and the log says so.
          'hub-description': 'Dockerfile',
        },
      });
      await assertPushed(r, 'two', ['latest'], [HTPASSWD, TOKEN]);
      const build = r.log.indexOf('===== build');
      for (const g of BOTH) {
        const at = r.log.indexOf(`$ docker login --username ${g.username} --password-stdin ${g.addr}`);
        assert.ok(at >= 0 && at < build, `logged in to ${g.addr} before the build`);
        assert.match(r.log, new RegExp(`verified ${g.addr}/${repo}:latest: (index sha256:[0-9a-f]{64}, )?manifest`));
      }
      assert.match(r.stdout, /hub-description: nothing was pushed to docker\.io/);
      const masks = r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
      assert.ok(masks.includes(`::add-mask::${TOKEN.password}`), 'the registry-auth password is masked');
      const basic = Buffer.from(`${TOKEN.username}:${TOKEN.password}`).toString('base64');
      const visible = `${r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')}${r.stderr}${r.log}`;
      assert.ok(!visible.includes(TOKEN.password) && !visible.includes(basic), 'the registry-auth password appears nowhere');
    });

    test('two registries by digest, then merged: each blob uploaded through both logins (a bearer token on one), one index tagged on each', async () => {
      const repo = `${PREFIX}/twodigest`;
      // A tag of its own on each registry: each tag is read back from its own registry, with that registry's login.
      const inputs = {
        tags: `${HTPASSWD.addr}/${repo}:latest\n${TOKEN.addr}/${repo}:stable`,
        'registry-auth': authYaml(TOKEN),
      };
      const ev = pushEvent();
      const leg = await action('twodigest', { ...ev, inputs: { ...inputs, push: 'by-digest' } });
      assert.equal(leg.code, 0, leg.stdout.slice(-3000));
      const [p] = leg.report.image.platforms ?? [];
      assert.deepEqual(
        leg.report.image.pushed,
        BOTH.map((g) => `${g.addr}/${repo}@${p!.manifestDigest}`),
      );
      for (const g of BOTH) assert.deepEqual(await tagsOf(repo, g), [], `nothing tagged on ${g.addr} by the leg`);
      const merged = await runAction({
        ...ev,
        inputs: {
          ...inputs,
          merge: path.dirname(leg.outputs.report!),
          registry: HTPASSWD.addr,
          image: repo,
          username: HTPASSWD.username,
          password: HTPASSWD.password,
          'upload-artifacts': 'false',
        },
      });
      tempDirs.push(merged.runnerTemp);
      assert.equal(merged.code, 0, merged.stdout.slice(-3000));
      assert.equal(merged.outputs.pushed, `${HTPASSWD.addr}/${repo}:latest\n${TOKEN.addr}/${repo}:stable`);
      for (const [g, tag] of [
        [HTPASSWD, 'latest'],
        [TOKEN, 'stable'],
      ] as const) {
        assert.deepEqual(await tagsOf(repo, g), [tag]);
        const got = await manifestOf(repo, tag, g);
        assert.equal(got.manifest, p!.manifestDigest, `${g.addr}: the index names the leg's manifest`);
      }
    });

    test('two registries, the token user may only pull: the run fails naming that registry, the other is pushed and reported', async () => {
      const repo = `${PREFIX}/half`;
      const reader = tokenUser('reader');
      const r = await action('half', {
        ...pushEvent(),
        inputs: { tags: `${HTPASSWD.addr}/${repo}:latest\n${TOKEN.addr}/${repo}:latest`, 'registry-auth': authYaml(reader) },
      });
      assert.equal(r.code, 1, r.stdout.slice(-2000));
      const reported = r.report.error ?? '';
      assert.match(
        reported,
        new RegExp(
          `^publishing to ${TOKEN.addr} failed \\(${TOKEN.addr}: registry ${TOKEN.addr} refused the push of ${TOKEN.addr}/${repo}:latest by user reader \\(.*\\): check that the repository exists and that the token has write access to it\\); ${HTPASSWD.addr} got ${HTPASSWD.addr}/${repo}:latest \\(pushed and verified\\)$`,
        ),
      );
      assert.match(r.stdout, /::error::publishing to 127\.0\.0\.1:\d+ failed/);
      assert.deepEqual(r.report.image.pushed, [`${HTPASSWD.addr}/${repo}:latest`]);
      assert.equal(r.outputs.pushed, `${HTPASSWD.addr}/${repo}:latest`);
      await assertRegistry('half', ['latest'], HTPASSWD);
      await assertRegistry('half', [], TOKEN);
      assert.doesNotMatch(r.log, /retry/, 'a refusal is not retried');
    });

    test('token registry: a token that expires between two reads is fetched again', async () => {
      const repo = `${PREFIX}/expiry`;
      const ref = `${TOKEN.addr}/${repo}:t1`;
      const dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'df-pub-dc-'));
      const env = { ...process.env, DOCKER_CONFIG: dockerConfig };
      const short = tokenUser('shortlived'); // its tokens are honoured for 3 s
      const tokens: string[] = [];
      const client = new RegistryClient(TOKEN.addr, short, (t) => tokens.push(t));
      try {
        execFileSync('docker', ['login', '--username', TOKEN.username, '--password-stdin', TOKEN.addr], {
          input: TOKEN.password,
          env,
          stdio: ['pipe', 'ignore', 'ignore'],
        });
        docker('tag', 'debian:bookworm-slim', ref);
        localRefs.push(ref);
        execFileSync('docker', ['push', ref], { env, stdio: 'ignore' });
        const image = configDigest('debian:bookworm-slim');
        const target = { repository: repo, tag: 't1', display: ref };
        assert.equal((await verifyTag(client, target, image, targetPlatform([]))).configDigest, image);
        assert.equal(tokens.length, 1);
        // Wait out the token: Distribution honours a token until exp + 60 s (the issuer sets exp back by as much).
        const { exp } = JSON.parse(Buffer.from(tokens[0]!.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
        const until = (exp + 60 + 1) * 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
        const stale = await fetch(`http://${TOKEN.addr}/v2/${repo}/manifests/t1`, { headers: { authorization: `Bearer ${tokens[0]}` } });
        assert.equal(stale.status, 401, 'the first token has expired');
        assert.equal((await verifyTag(client, target, image, targetPlatform([]))).configDigest, image);
        assert.equal(tokens.length, 2, 'a new token was fetched');
        assert.notEqual(tokens[1], tokens[0]);
      } finally {
        await client.close();
        rmSync(dockerConfig, { recursive: true, force: true });
      }
    });
  });

  test('the post step logs out of a login a crashed main left behind', async () => {
    const dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'dockerflow-docker-config-'));
    execFileSync('docker', ['login', '--username', reg.username, '--password-stdin', reg.addr], {
      input: reg.password,
      env: { ...process.env, DOCKER_CONFIG: dockerConfig },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    assert.match(readFileSync(path.join(dockerConfig, 'config.json'), 'utf8'), /"auth"/);
    const r = await runAction({
      entry: 'dist/post/index.js',
      inputs: {},
      env: { STATE_runId: 'df-post-test', STATE_loggedIn: reg.addr, STATE_dockerConfig: dockerConfig },
    });
    tempDirs.push(r.runnerTemp);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, new RegExp(`Logged out of ${reg.addr}`));
    assert.equal(existsSync(dockerConfig), false);
  });
});

function spawnQuiet(argv: string[]): void {
  try {
    execFileSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
  } catch {
    // already gone
  }
}
