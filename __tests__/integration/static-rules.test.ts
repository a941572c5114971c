/**
 * DF101–DF107 on real images built by a real engine: a compliant fixture passes every static rule, and each
 * broken fixture fails exactly its rule, through the CLI and through `node dist/index.js` as the runner starts it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { RULES, rule } from '../../src/rules/catalogue.js';
import { configDigest, docker, engineUp, imageStore } from '../helpers/docker.js';
import { assertReportSchema } from '../helpers/report-schema.js';
import { FIXTURES, readJson, runAction, runCli } from '../helpers/run.js';

/** The static fixtures are Dockerfiles of their own, built from the compliant app's context. */
const CTX = path.join(FIXTURES, 'apps/compliant');
const DOCKERFILES = path.join(FIXTURES, 'static');
const CANARY = `canary-${randomBytes(8).toString('hex')}`;
const RUNTIME_RULES = RULES.filter((r) => r.stage !== 'inspect')
  .map((r) => r.id)
  .join(',');

/**
 * `noCache`: BuildKit's cache key ignores a build secret's value, so a layer cached by an earlier run (another
 * canary) would hide this run's value: the fixture that copies the secret into a layer builds without the cache.
 */
const cases: {
  fixture: string;
  fails: string[];
  exit: number;
  message?: RegExp;
  /** The rule `message` and `line` are about (the first of `fails` when unset). */
  messageOf?: string;
  line?: number;
  noCache?: boolean;
  /** Build arguments, KEY=VALUE. */
  buildArgs?: string[];
  /** BuildKit's own check (DF108) that also fires, and on which line. */
  buildkit?: [string, number];
}[] = [
  { fixture: 'compliant', fails: [], exit: 0 },
  { fixture: 'df101-root', fails: ['DF101'], exit: 1, message: /runs as root \(no USER\)/ },
  { fixture: 'df102-group', fails: ['DF102'], exit: 1, message: /group app has GID 10002; it must be 10001/ },
  { fixture: 'df103-no-cmd', fails: ['DF103'], exit: 1, message: /no CMD/ },
  { fixture: 'df105-version', fails: ['DF105'], exit: 1, message: /commit: expected "[0-9a-f]{40}", got "deadbeef"/ },
  {
    fixture: 'df104-workdir',
    fails: ['DF104', 'DF105'],
    exit: 1,
    messageOf: 'DF105',
    message:
      /^\/app\/version\.json is missing: the build put version\.json at \/usr\/src\/app\/version\.json \(WORKDIR \/usr\/src\/app\).*"WORKDIR \/app" before "COPY \. \."/,
    line: 4,
  },
  {
    fixture: 'df106-env',
    fails: ['DF106', 'DF108'],
    exit: 1,
    message: /ENV DATABASE_PASSWORD looks like a secret/,
    line: 7,
    buildkit: ['SecretsUsedInArgOrEnv', 6], // BuildKit points at the ENV instruction's first line
  },
  { fixture: 'df106-layer', fails: ['DF106'], exit: 1, message: /: build secret token in layer [0-9a-f]+: \/app\/\.npmrc/, noCache: true },
  {
    fixture: 'df106-arg',
    // The build arg is a secret (named like one, and the build secret's value): DF109 warns about it, and
    // BuildKit's SecretsUsedInArgOrEnv (DF108) too.
    fails: ['DF106', 'DF108', 'DF109'],
    exit: 1,
    message: /: build secret token in image config \S+/,
    buildArgs: [`NPM_TOKEN=${CANARY}`],
    buildkit: ['SecretsUsedInArgOrEnv', 4],
  },
  // DF107 is a warning: it fails the run only with fail-on warning.
  // DF108 (BuildKit's checks) is a warning too, with one finding per line.
  {
    fixture: 'df107-shell',
    fails: ['DF107', 'DF108'],
    exit: 0,
    message: /ENTRYPOINT exec node \/app\/server.js is in shell form/,
    line: 7,
    buildkit: ['JSONArgsRecommended', 7],
  },
];

const staticFailures = (r: Report): string[] =>
  r.checks.filter((c) => rule(c.id).stage === 'inspect' && c.status === 'fail').map((c) => c.id);

/** `::add-mask::VALUE` is how an action tells the runner what to mask: the runner consumes that line. */
function assertNoCanary(where: string, text: string): void {
  const shown = text.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  assert.ok(!shown.some((l) => l.includes(CANARY)), `the secret value leaked into ${where}`);
}

function assertOutDirClean(dir: string): void {
  for (const f of readdirSync(dir)) assertNoCanary(`${dir}/${f}`, readFileSync(path.join(dir, f), 'utf8'));
}

describe('static rules on real images', { concurrency: 3 }, () => {
  before(() => assert.ok(engineUp(), 'no Docker engine answers: run scripts/setup/all.sh (as .ci/run does)'));

  for (const c of cases) {
    it(`CLI: ${c.fixture} fails ${c.fails.join(', ') || 'nothing'}`, async () => {
      const out = mkdtempSync(path.join(os.tmpdir(), `static-${c.fixture}-`));
      const r = await runCli([
        'run',
        '--context',
        CTX,
        '--file',
        path.join(DOCKERFILES, `${c.fixture}.Dockerfile`),
        '--image',
        `static/${c.fixture}`,
        '--out',
        out,
        '--secret',
        `token=${CANARY}`,
        '--min-uptime',
        '1', // the static rules are judged here; DF208's wait has its own tests (smoke, verdicts)
        ...(c.noCache ? ['--no-cache'] : []),
        ...(c.buildArgs ?? []).flatMap((a) => ['--build-arg', a]),
        '-q',
      ]);
      const report = readJson<Report>(path.join(out, 'dockerflow-report.json'));
      assertReportSchema(report);
      assert.deepEqual(staticFailures(report), c.fails, r.stdout + r.stderr);
      assert.equal(r.code, c.exit, r.stderr);
      for (const id of c.fails) {
        const row = report.checks.find((x) => x.id === id)!;
        assert.equal(row.file, path.join(DOCKERFILES, `${c.fixture}.Dockerfile`));
        if (id === 'DF108') {
          const [rule, line] = c.buildkit!;
          assert.equal(row.level, 'warning');
          assert.match(row.message, new RegExp(`^1 BuildKit check finding\\(s\\): ${rule} \\(line ${line}\\): `));
          assert.deepEqual(
            row.findings!.map((f) => [f.rule, f.line, f.file]),
            [[rule, line, row.file]],
          );
        } else {
          if (id === (c.messageOf ?? c.fails[0])) {
            if (c.message) assert.match(row.message, c.message);
            if (c.line) assert.equal(row.line, c.line);
          }
        }
        assert.match(r.stdout, new RegExp(`${row.level === 'error' ? 'FAIL' : 'WARN'} ${id}`));
      }
      if (!c.buildkit) assert.equal(report.checks.find((x) => x.id === 'DF108')!.status, 'pass', 'BuildKit checks find nothing');
      // The shasum file holds the config digest, on either image store (the README's recipe), and nothing else.
      const ref = `docker.io/static/${c.fixture}:${report.image.tags[0]!.split(':').pop()}`;
      const config = configDigest(ref);
      assert.match(config, /^sha256:[0-9a-f]{64}$/);
      assert.equal(readFileSync(path.join(out, 'docker-image-shasum256.txt'), 'utf8'), `${config}\n`);
      assert.equal(report.image.id, config);
      assert.equal(report.image.configDigest, config);
      const engineId = docker('image', 'inspect', '-f', '{{.Id}}', ref);
      if (imageStore() === 'classic') {
        assert.equal(engineId, config, 'the classic store calls the image by its config digest');
        assert.equal(report.image.manifestDigest, null, 'no manifest before a push on the classic store');
      } else {
        assert.notEqual(engineId, config, 'the containerd store calls the image by its manifest or index digest');
        assert.match(report.image.manifestDigest ?? '', /^sha256:[0-9a-f]{64}$/);
      }
      // The OCI labels say where the image came from, and build.log holds the build's own output.
      const labels = JSON.parse(docker('image', 'inspect', '-f', '{{json .Config.Labels}}', ref)) as Record<string, string>;
      assert.equal(labels['org.opencontainers.image.revision'], report.version!.commit);
      assert.equal(labels['org.opencontainers.image.version'], report.version!.version);
      assert.equal(labels['org.opencontainers.image.source'], report.version!.source);
      const created = Date.parse(labels['org.opencontainers.image.created'] ?? '');
      assert.ok(Math.abs(Date.now() - created) < 10 * 60_000, `created ${labels['org.opencontainers.image.created']}`);
      assert.match(readFileSync(path.join(out, 'build.log'), 'utf8'), /load build definition from/);
      // version.json in the image equals the generated one (DF105), and the secret went nowhere it should not.
      assert.deepEqual(readJson(path.join(out, 'version.json')), report.version);
      assertNoCanary('stdout', r.stdout);
      assertNoCanary('stderr', r.stderr);
      assertOutDirClean(out);
    });
  }

  it('a scratch image (no shell, no libc) is judged from its files and config alone: every static rule passes', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'static-scratch-'));
    const r = await runCli([
      'run',
      '--context',
      path.join(FIXTURES, 'apps/scratch'),
      '--image',
      'static/scratch',
      '--out',
      out,
      '--checks-ignore',
      RUNTIME_RULES,
      '-q',
    ]);
    const report = readJson<Report>(path.join(out, 'dockerflow-report.json'));
    assertReportSchema(report);
    assert.deepEqual(
      report.checks.filter((c) => rule(c.id).stage === 'inspect').map((c) => `${c.id} ${c.status}`),
      ['DF101', 'DF102', 'DF103', 'DF104', 'DF105', 'DF106', 'DF107', 'DF108', 'DF109'].map((id) => `${id} pass`),
      r.stdout + r.stderr,
    );
    assert.equal(r.code, 0, r.stderr);
  });

  it('the Dockerfile scan found the build secret only where it was copied into a layer', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'static-compliant-'));
    await runCli([
      'run',
      '--context',
      CTX,
      '--file',
      path.join(DOCKERFILES, 'compliant.Dockerfile'),
      '--image',
      'static/compliant',
      '--out',
      out,
      '--secret',
      `token=${CANARY}`,
      '-q',
    ]);
    const row = readJson<Report>(path.join(out, 'dockerflow-report.json')).checks.find((x) => x.id === 'DF106')!;
    assert.match(row.message, /1 secret value\(s\) found in no layer, config or history/);
  });

  it('fail-on warning turns the DF107 warning into a failing verdict', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'static-df107-'));
    const r = await runCli([
      'run',
      '--context',
      CTX,
      '--file',
      path.join(DOCKERFILES, 'df107-shell.Dockerfile'),
      '--image',
      'static/df107',
      '--out',
      out,
      '--fail-on',
      'warning',
      '-q',
    ]);
    assert.equal(r.code, 1);
    assert.equal(readJson<Report>(path.join(out, 'dockerflow-report.json')).verdict, 'fail');
  });

  it('checks-ignore skips a rule with the reason', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'static-ignore-'));
    const r = await runCli([
      'run',
      '--context',
      CTX,
      '--file',
      path.join(DOCKERFILES, 'df101-root.Dockerfile'),
      '--image',
      'static/ignore',
      '--out',
      out,
      '--checks-ignore',
      'DF101',
      '-q',
    ]);
    const row = readJson<Report>(path.join(out, 'dockerflow-report.json')).checks.find((x) => x.id === 'DF101')!;
    assert.equal(row.status, 'skip');
    assert.equal(row.message, 'ignored by checks-ignore');
    assert.equal(row.skip, 'ignored');
    assert.equal(r.code, 0);
  });

  for (const c of cases) {
    it(`node dist/index.js: ${c.fixture} gives the same verdict and outputs`, async () => {
      const r = await runAction({
        inputs: {
          context: CTX,
          file: path.join(DOCKERFILES, `${c.fixture}.Dockerfile`),
          image: `static/${c.fixture}`,
          secrets: `token=${CANARY}`,
          'no-cache': String(c.noCache ?? false),
          'build-args': (c.buildArgs ?? []).join('\n'),
          'upload-artifacts': 'false',
          // The static stage only: the CLI cases above run these fixtures through smoke too.
          'checks-ignore': RUNTIME_RULES,
        },
        eventName: 'pull_request',
        ref: 'refs/pull/12/merge',
        event: JSON.parse(readFileSync(path.join(FIXTURES, 'events/pull-request-same-repo.json'), 'utf8')),
      });
      assert.equal(r.outputs.verdict, c.fails.length && c.exit ? 'fail' : 'pass', r.stdout);
      assert.equal(r.code, c.exit, r.stdout);
      const report = readJson<Report>(r.outputs.report!);
      assert.deepEqual(staticFailures(report), c.fails);
      assert.equal(r.outputs.imageid, report.image.id);
      assert.equal(readFileSync(r.outputs['shasum-file']!, 'utf8'), `${report.image.id}\n`);
      assert.equal(r.outputs.tags, 'docker.io/static/' + c.fixture + ':pr-12');
      assert.equal(r.outputs.pushed, '');
      assert.equal(readJson<{ build: string }>(r.outputs['version-json']!).build, 'https://github.com/example/app/actions/runs/4242');
      // One row per rule in the summary and in the job log, and Dockerfile findings as annotations on their line.
      for (const row of report.checks) {
        assert.match(r.summary, new RegExp(`\\| ${row.id} `));
        const mark = row.status === 'pass' ? 'PASS' : row.status === 'skip' ? 'SKIP' : row.level === 'error' ? 'FAIL' : 'WARN';
        assert.match(r.stdout, new RegExp(`^${mark} ${row.id} `, 'm'));
      }
      for (const id of c.fails) {
        const row = report.checks.find((x) => x.id === id)!;
        assert.match(
          r.stdout,
          new RegExp(`::(error|warning) title=${id}[^,]*,file=__tests__/fixtures/static/${c.fixture}.Dockerfile,line=${row.line}::`),
        );
      }
      assert.match(r.summary, /pull request builds and tests only/);
      assert.match(r.stdout, new RegExp(`^::add-mask::${CANARY}$`, 'm'), 'the secret is registered with the runner');
      assertNoCanary('stdout', r.stdout);
      assertNoCanary('summary', r.summary);
      assertOutDirClean(path.dirname(r.outputs.report!));
    });
  }
});

describe('without the buildx plugin', { skip: !engineUp() && 'no Docker engine' }, () => {
  /** A PATH whose `docker` has no buildx (as on a runner without it); every other command goes to the real one. */
  function pathWithoutBuildx(): string {
    const real = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'no-buildx-'));
    writeFileSync(
      path.join(dir, 'docker'),
      `#!/bin/sh\n[ "$1" = buildx ] && { echo "docker: 'buildx' is not a docker command." >&2; exit 1; }\nexec ${real} "$@"\n`,
      { mode: 0o755 },
    );
    return `${dir}:${process.env.PATH}`;
  }

  it('the classic builder builds the image, and the static rules judge it the same', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'static-classic-'));
    const file = path.join(DOCKERFILES, 'df107-shell.Dockerfile');
    const r = await runCli(
      ['run', '--context', CTX, '--file', file, '--image', 'static/classic', '--out', out, '--checks-ignore', RUNTIME_RULES],
      {
        env: { PATH: pathWithoutBuildx() },
      },
    );
    assert.match(r.stderr, /with the classic docker builder/);
    const report = readJson<Report>(path.join(out, 'dockerflow-report.json'));
    assertReportSchema(report);
    assert.deepEqual(staticFailures(report), ['DF107'], r.stdout + r.stderr);
    const df108 = report.checks.find((x) => x.id === 'DF108')!;
    assert.deepEqual(
      [df108.status, df108.message],
      ['skip', 'the docker buildx plugin is missing; BuildKit checks need buildx 0.15 or later'],
    );
    const log = readFileSync(path.join(out, 'build.log'), 'utf8');
    assert.match(log, /\$ docker build .*--iidfile /);
    assert.doesNotMatch(log, /\$ docker buildx build/);
    // The legacy builder's --iidfile is the manifest digest on the containerd store: the shasum is still the config.
    const ref = report.image.tags[0]!;
    assert.equal(readFileSync(path.join(out, 'docker-image-shasum256.txt'), 'utf8'), `${configDigest(ref)}\n`);
    const labels = JSON.parse(docker('image', 'inspect', '-f', '{{json .Config.Labels}}', ref)) as Record<string, string>;
    assert.equal(labels['org.opencontainers.image.revision'], report.version!.commit);
  });

  it('a build secret without buildx is one clear error before any build', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'static-classic-secret-'));
    const r = await runCli(['run', '--context', CTX, '--image', 'static/classic', '--out', out, '--secret', `token=${CANARY}`, '-q'], {
      env: { PATH: pathWithoutBuildx() },
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: build secrets need BuildKit, and the docker buildx plugin is missing: install buildx/m);
    assertNoCanary('stderr', r.stderr);
    assert.doesNotMatch(readFileSync(path.join(out, 'build.log'), 'utf8'), /\$ docker (buildx )?build\s/);
  });
});
