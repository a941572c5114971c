/**
 * The smoke and test stages against the real engine: one fixture app per failure mode (all FROM one base image
 * built here once), each making exactly its rule fail. Runs fixtures concurrently; cleans up after itself.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { docker, engineSocket, engineUp, leftovers } from '../helpers/docker.js';
import { assertReportSchema } from '../helpers/report-schema.js';
import { FIXTURES, ROOT, actionEnv, parseFileCommand, readJson, runAction, runCli, spawnProc } from '../helpers/run.js';
import type { Report } from '../../src/report/report.js';
import { RULES, type CheckResult } from '../../src/rules/catalogue.js';

const BASE_IMAGE = 'dockerflow-smoke-fixture:base';
const APPS = path.join(FIXTURES, 'apps');
const skip = engineUp() ? false : 'no Docker engine';
const run = promisify(execFile);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockerflow-smoke-test-'));
/** Every run's id (from its build.log) and image tags, for the leftovers check and image cleanup. */
const runIds = new Set<string>();
/** RUNNER_TEMP folders of the action runs. */
const runnerTemps: string[] = [];
const images = new Set<string>();

interface FixtureRun {
  out: string;
  code: number;
  stdout: string;
  stderr: string;
  report: Report;
  log: string;
}

function remember(report: Report, log: string): void {
  for (const m of log.matchAll(/dockerflow\.run=(df-[a-z0-9-]+)/g)) runIds.add(m[1]!);
  for (const t of report.image.tags) images.add(t);
}

/**
 * A fresh copy of a fixture app (under its own name) for one run: runs go four at a time, and each puts its
 * version.json into its build context while it builds, so two runs must never share one.
 */
function appContext(name: string): string {
  const dir = path.join(mkdtempSync(path.join(tmp, 'ctx-')), name);
  cpSync(path.join(APPS, name), dir, { recursive: true });
  return dir;
}

/** `dockerflow run` (from source) on a fixture, with the given extra flags. */
async function fixture(name: string, flags: string[] = []): Promise<FixtureRun> {
  const out = path.join(tmp, `${name}-${Math.random().toString(36).slice(2, 8)}`);
  const p = await runCli(['run', '--context', appContext(name), '--out', out, '--push', 'false', '--startup-timeout', '30', ...flags]);
  assert.ok(existsSync(path.join(out, 'dockerflow-report.json')), `no report; stderr:\n${p.stderr}`);
  const report = readJson<Report>(path.join(out, 'dockerflow-report.json'));
  assertReportSchema(report);
  const log = readFileSync(path.join(out, 'build.log'), 'utf8');
  remember(report, log);
  return { ...p, out, report, log };
}

const row = (r: Report, id: string): CheckResult => {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `no ${id} row`);
  return c;
};
const failing = (r: Report): string[] => r.checks.filter((c) => c.status === 'fail').map((c) => c.id);
const explain = (r: Report): string =>
  r.checks
    .filter((c) => c.status !== 'pass')
    .map((c) => `${c.id} ${c.status}: ${c.message}`)
    .join('\n') + (r.error ? `\nerror: ${r.error}` : '');

/** Out dirs are kept when an assertion on them failed, to read their build.log. */
let keep = false;

/** Exactly `ids` fail (and the report is complete: one row per rule, in catalogue order). */
function onlyFails(r: Report, ids: string[], out = ''): void {
  const why = (): string => `${explain(r)}${out ? `\n(build.log in ${out})` : ''}`;
  if (r.error !== undefined || failing(r).join() !== ids.join()) keep = true;
  assert.equal(r.error, undefined, why());
  assert.deepEqual(failing(r), ids, why());
  assert.equal(r.checks.length, RULES.length);
  assert.deepEqual(
    r.checks.map((c) => c.id),
    [...r.checks.map((c) => c.id)].sort(),
  );
}

describe('smoke and test stages', { skip, concurrency: 4 }, () => {
  before(async () => {
    await run('docker', ['build', '--quiet', '--tag', BASE_IMAGE, path.join(APPS, 'smoke-base')]);
  });

  after(async () => {
    const mine = (names: string[]): string[] => names.filter((n) => [...runIds].some((id) => n.startsWith(id)));
    const left = leftovers();
    assert.deepEqual({ containers: mine(left.containers), networks: mine(left.networks) }, { containers: [], networks: [] });
    // This suite's images: the fixtures' own names, and dockerflow-smoke/* for the action runs.
    const byRef = docker('images', '--filter', 'reference=dockerflow-smoke/*', '--format', '{{.Repository}}:{{.Tag}}')
      .split('\n')
      .filter(Boolean);
    const all = [...images, ...byRef];
    if (all.length) await run('docker', ['image', 'rm', '--force', ...all]).catch(() => undefined);
    if (!keep) for (const dir of [tmp, ...runnerTemps]) rmSync(dir, { recursive: true, force: true });
  });

  it('passes every rule on a compliant app with a PostgreSQL sidecar and secrets kept out of argv and files', async () => {
    const pgPassword = 'pg-Pw-4b1e9c';
    const token = 'tok-Sx-77d0a2';
    const stripe = 'sk-live-5e3f0c'; // an env-secrets value: secret, though its name does not say so
    const r = await fixture('smoke-compliant', [
      '--service',
      `db=postgres:15 POSTGRES_PASSWORD=${pgPassword}`,
      '--env',
      `API_TOKEN=${token}`,
      '--env-secret',
      `STRIPE_SK=${stripe}`,
      '--env',
      'LOG_VALUES=API_TOKEN,STRIPE_SK',
      '--static-path',
      '/static/app.css',
      '--test-command',
      'test',
      '--mozlog',
      'require',
    ]);
    onlyFails(r.report, [], r.out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.report.verdict, 'pass');
    assert.ok(
      r.report.checks.every((c) => c.status === 'pass'),
      explain(r.report),
    );
    // DF205 really stopped the database, and the test command found it back up.
    assert.match(row(r.report, 'DF205').message, /turned 5\d\d .* after db stopped/);
    assert.match(r.log, /ok 1 - backend is reachable/);
    // The heartbeat's REQUIRE_ENV check proves API_TOKEN reached the container, yet no value is in argv or files.
    // The secret ones went in a private env file, removed when the run ended.
    const envFile = /--env LOG_VALUES=API_TOKEN,STRIPE_SK --env-file (\S+\/env-\S+) --env PORT=\d+ sha256:/.exec(r.log);
    assert.ok(envFile, `the app got its secrets by env file: ${/\$ docker run --detach --name \S+-app .*/.exec(r.log)?.[0]}`);
    assert.equal(existsSync(envFile[1]!), false, 'the env file is removed at cleanup');
    // The app printed both values; build.log has them redacted.
    assert.match(r.log, /"Fields":\{"API_TOKEN":"\*\*\*"\}/);
    assert.match(r.log, /"Fields":\{"STRIPE_SK":"\*\*\*"\}/);
    assert.match(r.log, /--env-file \S+\/env-\S+ postgres:15/);
    // The value forms of secret flags are in the CLI's argv: said once each, outside a terminal.
    assert.match(r.stderr, /^dockerflow: warning: --env API_TOKEN=… puts a secret value in this command's argv/m);
    assert.match(r.stderr, /^dockerflow: warning: --env-secret STRIPE_SK=… puts a secret value/m);
    for (const secret of [pgPassword, token, stripe]) {
      for (const text of [r.log, JSON.stringify(r.report), r.stdout, r.stderr]) assert.ok(!text.includes(secret), `${secret} leaked`);
    }
    for (const k of ['smoke', 'test', 'ready']) assert.equal(typeof r.report.timings[k], 'number', k);
    assert.match(r.log, /\[app\] \{"Timestamp":/);
  });

  it('DF203: a heartbeat failing because a sidecar died says which one, without waiting out the warm-up', async () => {
    // postgres refuses to start without POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust).
    const r = await fixture('smoke-dead-sidecar', ['--service', 'db=postgres:15', '--env', 'API_TOKEN=tok-Sx-91aa3']);
    onlyFails(r.report, ['DF203'], r.out);
    assert.match(
      row(r.report, 'DF203').message,
      /^answered 500 for \d+\.\d s with status "error"; checks: backend=error, config=ok; backend: cannot reach db:5432 .*\(service db had exited with code 1; its output is in build\.log\)$/,
    );
    const waited = Number(/^answered 500 for (\d+\.\d) s/.exec(row(r.report, 'DF203').message)?.[1]);
    assert.ok(waited < 10, `waited ${waited} s of the 15 s warm-up for a sidecar that had exited`);
    assert.match(row(r.report, 'DF205').message, /see DF203/);
    assert.match(r.log, /POSTGRES_PASSWORD is not set/);
    assert.match(r.stderr, /warning: service db exited with code 1/);
  });

  it('waits for an app that takes several seconds to start, without a fixed sleep', async () => {
    const r = await fixture('smoke-slow-start');
    onlyFails(r.report, [], r.out);
    // The app listens 4 s after its own start; `ready` counts from `docker run`'s return, which comes after the
    // container's process started (by up to a second on a busy engine: 3939 ms was seen on the classic store).
    assert.ok(r.report.timings.ready! >= 3000, `ready after ${r.report.timings.ready} ms`);
    assert.ok(r.report.timings.ready! < 8000, `ready after ${r.report.timings.ready} ms`);
    assert.equal(row(r.report, 'DF205').status, 'skip');
    assert.match(row(r.report, 'DF205').message, /no services configured/);
    assert.match(row(r.report, 'DF206').message, /no static-paths/);
    assert.match(row(r.report, 'DF401').message, /no test-command/);
  });

  it('DF201: an app that ignores $PORT is caught, and probed on its default port', async () => {
    const r = await fixture('smoke-ignores-port');
    onlyFails(r.report, ['DF201'], r.out);
    assert.match(row(r.report, 'DF201').message, /the app ignores \$PORT and listens on 8000/);
    for (const id of ['DF202', 'DF203', 'DF204']) assert.equal(row(r.report, id).status, 'pass', id);
  });

  it('DF201: an app that never listens fails after startup-timeout, with the dependent probes skipped', async () => {
    const r = await fixture('smoke-never-listens', ['--startup-timeout', '4']);
    onlyFails(r.report, ['DF201'], r.out);
    assert.match(
      row(r.report, 'DF201').message,
      /nothing answered HTTP on \$PORT=\d+ or on the default port 8000 within startup-timeout \(4\.0 s/,
    );
    for (const id of ['DF202', 'DF203', 'DF204', 'DF205', 'DF206']) assert.match(row(r.report, id).message, /see DF201/, id);
    assert.ok(r.report.timings.smoke! >= 4000);
    assert.equal(row(r.report, 'DF207').status, 'pass');
  });

  it('DF202: a missing /__lbheartbeat__ fails without waiting out startup-timeout', async () => {
    const r = await fixture('smoke-no-lbheartbeat');
    onlyFails(r.report, ['DF202'], r.out);
    assert.match(row(r.report, 'DF202').message, /^answered 404 .*add a \/__lbheartbeat__ route/);
    assert.ok(r.report.timings.smoke! < 20000, `smoke took ${r.report.timings.smoke} ms`);
  });

  it('DF203: a 500 heartbeat shows its status and failing checks', async () => {
    const r = await fixture('smoke-heartbeat-500');
    onlyFails(r.report, ['DF203'], r.out);
    const m = row(r.report, 'DF203').message;
    assert.match(
      m,
      /^answered 500 for 1\d\.\d s with status "error"; checks: database=error, cache=ok; database: could not connect to db:5432 \(db\.E001\)/,
    );
  });

  it('DF203: a hanging heartbeat fails its rule and the run goes on', async () => {
    const r = await fixture('smoke-heartbeat-hangs');
    onlyFails(r.report, ['DF203'], r.out);
    assert.match(row(r.report, 'DF203').message, /gave no answer within 5\.0 s/);
    assert.equal(row(r.report, 'DF207').status, 'pass', 'the hanging request must not hold up the shutdown');
  });

  it('DF204: a different /__version__ is shown field by field', async () => {
    const r = await fixture('smoke-version-differs');
    onlyFails(r.report, ['DF204'], r.out);
    assert.match(row(r.report, 'DF204').message, /commit: expected "[0-9a-f]*", got "0{40}"/);
  });

  it('DF206: a static path answering 404 fails', async () => {
    const r = await fixture('smoke-static-404', ['--static-path', '/static/app.css']);
    onlyFails(r.report, ['DF206'], r.out);
    assert.match(row(r.report, 'DF206').message, /\/static\/app\.css answered 404/);
  });

  it('DF207: ignoring SIGTERM needs SIGKILL: a warning, so the run still passes', async () => {
    const r = await fixture('smoke-ignores-sigterm');
    onlyFails(r.report, ['DF207'], r.out);
    const c = row(r.report, 'DF207');
    assert.equal(c.level, 'warning');
    assert.match(c.message, /still running 10 s after SIGTERM, so docker sent SIGKILL \(exit 137/);
    assert.equal(r.report.verdict, 'pass');
    assert.equal(r.code, 0);
  });

  it('DF208: a crash on start is seen within 2 s, with its exit code and last log lines', async () => {
    const r = await fixture('smoke-crash');
    onlyFails(r.report, ['DF208'], r.out);
    const m = row(r.report, 'DF208').message;
    // The fixture crashes 1.5 s after node starts; docker's start time comes earlier by however long node took
    // to boot on this (shared) machine, so the uptime is at least 1.5 s, not exactly 1.x s.
    const up = /^the container exited with code 3 (\d+\.\d) s after it started, before it answered \/__lbheartbeat__/.exec(m);
    assert.ok(up, m);
    assert.ok(Number(up[1]) >= 1.4 && Number(up[1]) < 10, `uptime ${up[1]} s`);
    assert.match(m, /cannot connect to the database: ECONNREFUSED/);
    const seen = Number(/seen (\d+) ms after the exit/.exec(m)?.[1]);
    assert.ok(seen < 2000, `seen ${seen} ms after the exit`);
    // Crash at 1.5 s with startup-timeout 30 s: the stage must not have waited for the timeout.
    assert.ok(r.report.timings.smoke! < 12000, `smoke took ${r.report.timings.smoke} ms`);
    for (const id of ['DF201', 'DF202', 'DF203', 'DF204', 'DF205', 'DF206', 'DF207']) {
      assert.equal(row(r.report, id).status, 'skip', id);
      assert.match(row(r.report, id).message, /see DF208/, id);
    }
    assert.equal(r.report.verdict, 'fail');
    assert.equal(r.code, 1);
  });

  it('a sidecar that cannot start (it starts during the build) is one clear error, with nothing left behind', async () => {
    // The local registry refuses an anonymous pull at once: no traffic leaves the machine.
    const image = '127.0.0.1:5000/dockerflow-test/no-such-image:1';
    const r = await fixture('smoke-compliant', [
      '--service',
      `db=${image}`,
      '--service',
      'cache=postgres:15 POSTGRES_PASSWORD=sidecar-pw',
      '--test-command',
      'test',
    ]);
    assert.match(
      r.report.error ?? '',
      new RegExp(`^service "db" \\(${image.replace(/[.]/g, '\\.')}\\) did not start: .*check the image name`),
    );
    assert.equal(r.report.verdict, 'fail');
    assert.equal(r.code, 1, r.stderr);
    assert.equal(typeof r.report.timings.build, 'number', 'the image was built while the sidecar failed');
    assert.equal(r.report.checks.find((c) => c.id === 'DF201')?.status, 'skip');
    assert.equal(r.report.checks.find((c) => c.id === 'DF101')?.status, 'pass', 'the static rules still judged the image');
    // The sidecar that did start, and the run's network, are gone with the run.
    const runId = /dockerflow\.run=(df-[a-z0-9-]+)/.exec(r.log)?.[1];
    assert.ok(runId, 'the run id is in build.log');
    assert.equal(docker('ps', '-aq', '--filter', `label=dockerflow.run=${runId}`), '');
    assert.equal(docker('network', 'ls', '-q', '--filter', `label=dockerflow.run=${runId}`), '');
  });

  it('DF208: a crash during the checks fails DF208 only; the probe it broke is skipped, not failed', async () => {
    const r = await fixture('smoke-crash-in-checks');
    onlyFails(r.report, ['DF208'], r.out);
    assert.match(
      row(r.report, 'DF208').message,
      /^the container exited with code 4 .*, during the checks .*heartbeat: segmentation fault/s,
    );
    for (const id of ['DF201', 'DF202']) assert.equal(row(r.report, id).status, 'pass', id);
    for (const id of ['DF203', 'DF205', 'DF207']) assert.match(row(r.report, id).message, /exited during the checks \(see DF208\)/, id);
  });

  it('DF301: an app that writes nothing fails it, and DF302 has nothing to judge', async () => {
    const r = await fixture('smoke-silent');
    onlyFails(r.report, ['DF301'], r.out);
    assert.match(row(r.report, 'DF301').message, /wrote nothing to stdout or stderr/);
    assert.equal(row(r.report, 'DF302').status, 'skip');
  });

  it('DF302: plain-text logs fail as an error under mozlog require, with the first offending line', async () => {
    const r = await fixture('smoke-plain-logs', ['--mozlog', 'require']);
    onlyFails(r.report, ['DF302'], r.out);
    const c = row(r.report, 'DF302');
    assert.equal(c.level, 'error');
    assert.match(c.message, /^0 of \d+ line\(s\) are mozlog; the first that is not \(not a JSON object\): "\d{4}-\d\d-\d\dT.* INFO /);
    assert.equal(r.report.verdict, 'fail');
  });

  it('DF205: an lbheartbeat that checks the backing service fails when the sidecar stops', async () => {
    const r = await fixture('smoke-lbheartbeat-needs-backend', ['--service', `backend=${BASE_IMAGE} FIXTURE_ROLE=backend`]);
    onlyFails(r.report, ['DF205'], r.out);
    assert.match(
      row(r.report, 'DF205').message,
      /with backend stopped, \/__lbheartbeat__ answered 503: it must not check backing services/,
    );
  });

  it('DF401: a failing test command fails with its exit code and last lines', async () => {
    const r = await fixture('smoke-failing-tests', ['--test-command', 'test']);
    onlyFails(r.report, ['DF401'], r.out);
    const m = row(r.report, 'DF401').message;
    assert.match(m, /^`test` exited 1 after \d+\.\d s: fix the failing tests/);
    assert.match(m, /not ok 2 - version\.json is served/);
    assert.match(r.stderr, /not ok 2/, 'test output is streamed to the console');
  });

  it('through dist/index.js: checks-ignore skips DF207, and the SIGTERM-ignoring app is not waited for', async () => {
    const a = await runAction({
      inputs: { context: appContext('smoke-ignores-sigterm'), push: 'false', 'checks-ignore': 'DF207', 'upload-artifacts': 'false' },
      repository: 'dockerflow-smoke/ignores-sigterm',
    });
    runnerTemps.push(a.runnerTemp);
    assert.equal(a.code, 0, a.stdout);
    assert.equal(a.outputs.verdict, 'pass');
    const report = readJson<Report>(a.outputs.report!);
    remember(report, readFileSync(a.outputs['build-log']!, 'utf8'));
    onlyFails(report, [], a.outputs['build-log']);
    assert.deepEqual(row(report, 'DF207'), {
      ...row(report, 'DF207'),
      status: 'skip',
      skip: 'ignored',
      message: 'ignored by checks-ignore',
    });
    const log = readFileSync(a.outputs['build-log']!, 'utf8');
    assert.match(log, /\$ docker kill [0-9a-f]{64}\n/, 'the app is killed, not given 10 s to stop');
    assert.doesNotMatch(log, /\$ docker stop -t 10 [0-9a-f]{64}\n/);
    assert.match(a.summary, /DF207/);
  });

  it('through dist/index.js: a crash fails the verdict output; default mozlog only warns', async () => {
    const [crash, plain] = await Promise.all([
      runAction({
        inputs: { context: appContext('smoke-crash'), push: 'false', 'upload-artifacts': 'false' },
        repository: 'dockerflow-smoke/crash',
      }),
      runAction({
        inputs: { context: appContext('smoke-plain-logs'), push: 'false', 'upload-artifacts': 'false' },
        repository: 'dockerflow-smoke/plain-logs',
      }),
    ]);
    runnerTemps.push(crash.runnerTemp, plain.runnerTemp);
    assert.equal(crash.outputs.verdict, 'fail');
    assert.equal(crash.code, 1);
    assert.match(crash.stdout, /::error title=DF208 .*::the container exited with code 3/);
    const cr = readJson<Report>(crash.outputs.report!);
    remember(cr, readFileSync(crash.outputs['build-log']!, 'utf8'));
    onlyFails(cr, ['DF208']);

    assert.equal(plain.outputs.verdict, 'pass', plain.stdout);
    const pr = readJson<Report>(plain.outputs.report!);
    remember(pr, readFileSync(plain.outputs['build-log']!, 'utf8'));
    onlyFails(pr, ['DF302']);
    assert.equal(row(pr, 'DF302').level, 'warning');
    assert.match(plain.stdout, /::warning title=DF302 /);
  });

  it('from inside a container (a container: job) the job joins the run network and probes the app at its address', async () => {
    const context = appContext('compliant');
    const out = path.join(path.dirname(context), 'out');
    // The host's docker CLI and socket, as a runner mounts them into a job container; the repository read-only.
    const dockerCli = (await run('sh', ['-c', 'command -v docker'])).stdout.trim();
    const job = await spawnProc([
      'docker',
      'run',
      '--rm',
      '--volume',
      `${engineSocket()}:/var/run/docker.sock`,
      '--volume',
      `${dockerCli}:/usr/local/bin/docker:ro`,
      '--volume',
      `${ROOT}:${ROOT}:ro`,
      '--volume',
      `${tmp}:${tmp}`,
      'node:24-slim',
      'node',
      path.join(ROOT, 'dist/cli/index.js'),
      'run',
      '--context',
      context,
      '--image',
      'dockerflow-smoke/in-container',
      '--out',
      out,
      '--startup-timeout',
      '30',
      '-q',
    ]);
    const report = readJson<Report>(path.join(out, 'dockerflow-report.json'));
    const log = readFileSync(path.join(out, 'build.log'), 'utf8');
    remember(report, log);
    assert.match(job.stderr, /This job runs in container [0-9a-f]{12}: it joined network df-/);
    // Not the host's 127.0.0.1 (the job's own loopback): the app's address on the run network.
    assert.match(job.stderr, /The app answers at http:\/\/(?!127\.)\d+\.\d+\.\d+\.\d+:\d+ /);
    onlyFails(report, [], out);
    assert.equal(job.code, 0, job.stderr.slice(-2000));
  });

  it('the post step removes what a killed main step left running', async () => {
    const env = actionEnv({
      inputs: {
        context: appContext('smoke-never-listens'),
        // A sidecar too: the app, the sidecar and the run's network must all go.
        services: 'db=postgres:15 POSTGRES_PASSWORD=sidecar-pw',
        push: 'false',
        'startup-timeout': '120',
        'upload-artifacts': 'false',
      },
      repository: 'dockerflow-smoke/killed',
    });
    runnerTemps.push(env.temp);
    const main = spawn(process.execPath, [path.join(ROOT, 'dist/index.js')], { env: env.env, cwd: ROOT, stdio: 'ignore' });
    try {
      // Wait (polling) until main has written its run id and started the app container.
      let runId = '';
      for (const t0 = Date.now(); Date.now() - t0 < 90000; await sleep(200)) {
        runId = parseFileCommand(readFileSync(env.files.state, 'utf8')).runId ?? '';
        if (runId && docker('ps', '-q', '--filter', `name=${runId}-app`)) break;
      }
      assert.ok(runId && docker('ps', '-q', '--filter', `name=${runId}-app`), 'the app container never started');
      runIds.add(runId);
      main.kill('SIGKILL');
      // The app and its sidecar at least; the static rules' idle container too when the kill lands while they read it.
      const named = (suffix: string): string => docker('ps', '-aq', '--filter', `name=^${runId}-${suffix}$`);
      assert.notEqual(named('app'), '', 'the app container to clean up');
      assert.notEqual(named('svc-db'), '', 'the sidecar to clean up');
      const post = await spawnProc([process.execPath, path.join(ROOT, 'dist/post/index.js')], {
        env: { ...env.env, STATE_runId: runId },
        cwd: ROOT,
      });
      assert.equal(post.code, 0, post.stdout + post.stderr);
      const removed = /Removed (\d+) container\(s\) and 1 network\(s\) left by the run/.exec(post.stdout);
      assert.ok(removed && Number(removed[1]) >= 2, post.stdout);
      assert.equal(named('app'), '');
      assert.equal(named('svc-db'), '');
      assert.equal(docker('ps', '-aq', '--filter', `label=dockerflow.run=${runId}`), '');
      assert.equal(docker('network', 'ls', '-q', '--filter', `label=dockerflow.run=${runId}`), '');
    } finally {
      main.kill('SIGKILL');
    }
  });
});
