/** The CLI's contract: exit 0 pass, 1 fail, 2 bad usage; one line per error, never a stack trace. */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { docker, engineUp } from '../helpers/docker.js';
import type { Report } from '../../src/report/report.js';
import { RULES } from '../../src/rules/catalogue.js';
import { assertReportSchema } from '../helpers/report-schema.js';
import { FIXTURES, ROOT, actionEnv, cleanEnv, readJson, runAction, runCli } from '../helpers/run.js';

const APP = path.join(FIXTURES, 'apps/compliant');

describe('CLI usage errors exit 2 with one line naming the flag', () => {
  const cases: [string[], RegExp][] = [
    [['run', '--colour', 'blue'], /^dockerflow: usage: Unknown option '--colour'; see dockerflow --help\n$/],
    [['run', '--password', 'hunter2'], /^dockerflow: --password: is never taken as a flag value; pipe it in with --password-stdin\n$/],
    [['deploy'], /^dockerflow: usage: unknown command "deploy"; the commands are "run" and "merge"/],
    [
      ['merge', '--tag', 'x:1'],
      /^dockerflow: usage: merge needs the dockerflow-report.json of each by-digest run; dockerflow merge --tag REF /,
    ],
    [
      ['merge', path.join(APP, 'missing')],
      /^dockerflow: merge: .*missing does not exist; give the dockerflow-report.json of each by-digest run, or a folder holding them\n$/,
    ],
    [['run', '--context', APP, '--push', 'maybe'], /^dockerflow: --push: "maybe" is not one of auto, true, false, by-digest/],
    [
      ['run', '--context', APP, '--port', 'http'],
      /^dockerflow: --port: "http" is not a whole number from 1 to 65535; use a whole number from 1 to 65535\n$/,
    ],
    [
      // A bare NAME takes the caller's value, as docker does: unset, it is one clear error.
      ['run', '--context', APP, '--env', 'NOEQUALS'],
      /^dockerflow: --env: NOEQUALS is not set in this environment; export NOEQUALS before running dockerflow, or drop the flag\n$/,
    ],
    [['run', '--context', APP, '--checks-ignore', 'DF999'], /^dockerflow: --checks-ignore: "DF999" is not a rule ID/],
    [['run', '--context', path.join(APP, 'missing')], /^dockerflow: --context: ".*missing" is not a directory/],
    [['run', '--context', APP, '--image', 'Bad/Name'], /^dockerflow: --image: "Bad\/Name" is not a valid repository name/],
    [['run', '--context', APP, '--tag', 'not ok'], /^dockerflow: --tag: "not ok" is neither a tag nor a full image reference/],
    [['run', '--context', APP, '--fail-on', 'info'], /^dockerflow: --fail-on: "info" is not one of error, warning/],
    [
      ['run', '--context', APP, '--out', path.join(APP, 'Dockerfile')],
      /^dockerflow: --out: ".*Dockerfile" is a file, not a folder; name a folder for the build log and report/,
    ],
    [
      ['run', '--context', APP, '--out', path.join(APP, 'Dockerfile', 'out')],
      /^dockerflow: --out: ".*out" cannot be made: .*Dockerfile is a file/,
    ],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const r = await runCli(args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.ok(!r.stderr.includes('hunter2'));
    });
  }

  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: dockerflow run \[options\]/);
  });
});

describe('the action stops on bad inputs before any Docker command', () => {
  for (const [inputs, message] of [
    [{ context: APP, port: 'http' }, /::error::input "port": "http" is not a whole number/],
    [{ context: APP, 'checks-ignore': 'DF999' }, /::error::input "checks-ignore": "DF999" is not a rule ID/],
    [{ context: APP, colour: 'blue' }, /::error::input "colour": is not an input of this action; remove it/],
    [{ context: APP, push: 'yes', password: 's3cret-pw' }, /::error::input "push": "yes" is not one of auto, true, false/],
  ] as const) {
    it(Object.keys(inputs).join(', '), async () => {
      const r = await runAction({ inputs: inputs as Record<string, string> });
      assert.equal(r.code, 1);
      assert.match(r.stdout, message);
      assert.equal(r.outputs.verdict, 'fail');
      assert.doesNotMatch(r.stdout, /\$ docker|docker build/);
      assert.ok(!r.stdout.split('\n').some((l) => l.includes('s3cret-pw') && !l.startsWith('::add-mask::')));
    });
  }
});

describe('runtime failures', () => {
  it('no engine: exit 1 with one line saying how to fix it, and the report still written', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'cli-noengine-'));
    const r = await runCli(['run', '--context', APP, '--out', out, '-q'], { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: no Docker engine answers \(.*\): start dockerd or Docker Desktop, or set DOCKER_HOST$/m);
    assert.match(r.stdout, new RegExp(`^${RULES.length} rules not run: the prepare stage failed`, 'm'), r.stderr);
    assert.match(r.stdout, /verdict: FAIL/);
    const report = readJson<Report>(path.join(out, 'dockerflow-report.json'));
    assertReportSchema(report);
    assert.equal(report.image.id, null);
    assert.match(report.error ?? '', /no Docker engine answers/);
  });

  it('an engine below the minimum (Docker 20.10, served by a local HTTP server speaking its API): exit 1, one line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-oldengine-'));
    const sock = path.join(dir, 'docker.sock');
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.setHeader('Api-Version', '1.41');
      res.setHeader('Content-Type', req.url === '/_ping' ? 'text/plain' : 'application/json');
      if (req.url === '/_ping') return res.end('OK');
      if (/^\/v1\.\d+\/version$/.test(req.url ?? '')) {
        return res.end(
          JSON.stringify({ Version: '20.10.24+dfsg1', ApiVersion: '1.41', MinAPIVersion: '1.12', Os: 'linux', Arch: 'amd64' }),
        );
      }
      res.statusCode = 404;
      res.end('{"message":"page not found"}');
    });
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    try {
      const r = await runCli(['run', '--context', APP, '--out', path.join(dir, 'out'), '-q'], { env: { DOCKER_HOST: `unix://${sock}` } });
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        /^error: Docker Engine 20\.10\.24\+dfsg1 is older than 28\.0, the oldest this tool supports: upgrade the engine \(GitHub's runners ship 28\) or point DOCKER_HOST at a newer one$/m,
      );
      assert.ok(
        seen.some((s) => /\/version$/.test(s)),
        `the CLI asked the engine its version (${seen.join(', ')})`,
      );
      assert.ok(!seen.some((s) => s.startsWith('POST')), `nothing was built, created or run (${seen.join(', ')})`);
      const report = readJson<Report>(path.join(dir, 'out', 'dockerflow-report.json'));
      assert.match(report.error ?? '', /older than 28\.0/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('interrupted', { skip: !engineUp() && 'no Docker engine' }, () => {
  /** The CLI and the action, started on `ctx`, and what each says and exits with when a signal stops it. */
  const entries: { name: string; start: (ctx: string, out: string) => ChildProcess; code: number; says: RegExp }[] = [
    {
      name: 'the CLI',
      code: 130,
      says: /SIGTERM: interrupted; stopping the run and removing the run's containers and networks/,
      start: (ctx, out) =>
        spawn(
          process.execPath,
          [path.join(ROOT, 'dist/cli/index.js'), 'run', '--context', ctx, '--image', 'dockerflow-test/interrupted', '--no-cache'].concat([
            '--service',
            'db=postgres:15 POSTGRES_PASSWORD=sidecar-pw',
            '--out',
            out,
            '-q',
          ]),
          // Its own process group, so that whatever it leaves running can be killed afterwards.
          { env: cleanEnv(), cwd: ctx, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
        ),
    },
    {
      name: 'the action (a cancelled job)',
      code: 1,
      says: /::error::SIGTERM: the run was cancelled \(interrupted\); stopping it and removing its containers and networks/,
      start: (ctx, out) => {
        const { env } = actionEnv({
          inputs: {
            context: ctx,
            image: 'dockerflow-test/interrupted',
            'no-cache': 'true',
            services: 'db=postgres:15 POSTGRES_PASSWORD=sidecar-pw',
            'upload-artifacts': 'false',
          },
          ref: 'refs/heads/feature',
          env: { RUNNER_TEMP: out },
        });
        return spawn(process.execPath, [path.join(ROOT, 'dist/index.js')], {
          env,
          cwd: ctx,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      },
    },
  ];
  /** The report and build.log of an interrupted run: verdict fail, "interrupted", the log closed with the verdict. */
  const assertInterruptedReport = (dir: string, signal: string, stage: RegExp, output: string): Report => {
    const report = readJson<Report>(path.join(dir, 'dockerflow-report.json'));
    assertReportSchema(report);
    assert.equal(report.verdict, 'fail');
    assert.match(report.error ?? '', new RegExp(`^interrupted by ${signal} during the ${stage.source} stage`));
    assert.match(readFileSync(path.join(dir, 'build.log'), 'utf8'), /\nverdict: fail\n$/, 'build.log is complete');
    assert.doesNotMatch(output, /internal error|please report it/);
    return report;
  };
  for (const e of entries) {
    it(`SIGTERM to ${e.name} during the build: the build, the sidecar and the network go; a report says "interrupted"`, async () => {
      const ctx = mkdtempSync(path.join(os.tmpdir(), 'interrupt-'));
      const out = mkdtempSync(path.join(os.tmpdir(), 'interrupt-out-'));
      // A build that takes a while, so the interrupt lands in it (the sidecar starts meanwhile).
      writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM debian:bookworm-slim\nRUN sleep 15\nCOPY . /app\n');
      const child = e.start(ctx, out);
      let output = '';
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const building = (runId: string): string =>
        spawnSync('pgrep', ['-f', `build.*dockerflow-${runId}`], { encoding: 'utf8' }).stdout.trim();
      try {
        // This run's ID: other runs (other test files) may have a db sidecar at the same time; this one's ID is in
        // its build.log (the CLI's --out) or names its out dir (the action's, under RUNNER_TEMP).
        const ours = (id: string): boolean =>
          existsSync(path.join(out, 'build.log'))
            ? readFileSync(path.join(out, 'build.log'), 'utf8').includes(id)
            : readdirSync(out).some((n) => n.includes(id));
        let runId = '';
        for (const t0 = Date.now(); !runId && Date.now() - t0 < 60_000; await sleep(100)) {
          const sidecars = docker('ps', '-q', '--filter', 'label=dockerflow.run', '--filter', 'name=-svc-db').split('\n').filter(Boolean);
          let ids: string[] = [];
          try {
            ids = sidecars.length ? docker('inspect', '-f', '{{index .Config.Labels "dockerflow.run"}}', ...sidecars).split('\n') : [];
          } catch {
            // one of them went away meanwhile (another run's cleanup): look again
          }
          runId = ids.find((id) => id && ours(id) && building(id)) ?? '';
        }
        assert.ok(runId, `the build and the sidecar never both started:\n${output}`);
        // To the process alone (a supervisor's kill, not a terminal's Ctrl-C to the whole group): the build goes on.
        process.kill(child.pid!, 'SIGTERM');
        assert.equal(await exited, e.code, output);
        assert.match(output, e.says);
        assert.deepEqual(readdirSync(ctx), ['Dockerfile'], "nothing is left in the user's context");
        assert.equal(docker('ps', '-aq', '--filter', `label=dockerflow.run=${runId}`), '');
        assert.equal(docker('network', 'ls', '-q', '--filter', `label=dockerflow.run=${runId}`), '');
        const dir = e.code === 130 ? out : path.join(out, `dockerflow-out-${runId}`);
        const report = assertInterruptedReport(dir, 'SIGTERM', /build/, output);
        assert.deepEqual(Object.keys(report.timings), ['prepare', 'build'], 'the stages that ran');
        assert.match(report.checks.find((c) => c.id === 'DF101')!.message, /^not run: the run was interrupted during the build stage/);
        // The build it had started was stopped with it (it takes a moment to wind down), not left running on its own
        // for the rest of its 15 s.
        for (const t0 = Date.now(); building(runId) && Date.now() - t0 < 5000;) await sleep(100);
        assert.equal(building(runId), '', 'no build of the context is still running');
      } finally {
        try {
          process.kill(-child.pid!, 'SIGKILL'); // the orphaned build, and the process itself if it is still there
        } catch {
          // nothing left
        }
        rmSync(ctx, { recursive: true, force: true });
        rmSync(out, { recursive: true, force: true });
      }
    });
  }

  it('SIGINT to the CLI during the smoke stage: exit 130, "interrupted", the inspect rows kept, no internal error', async () => {
    const ctx = mkdtempSync(path.join(os.tmpdir(), 'interrupt-smoke-'));
    cpSync(APP, ctx, { recursive: true });
    const out = mkdtempSync(path.join(os.tmpdir(), 'interrupt-smoke-out-'));
    // A long min-uptime keeps the run in the smoke stage once the app answers.
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'dist/cli/index.js'),
        'run',
        '--context',
        ctx,
        '--image',
        'dockerflow-test/interrupted-smoke',
        '--min-uptime',
        '600',
        '--checks-ignore',
        'DF106',
      ].concat(['--out', out, '-q']),
      { env: cleanEnv(), cwd: ctx, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      for (const t0 = Date.now(); !output.includes('(min-uptime)') && Date.now() - t0 < 120_000;) await sleep(100);
      assert.match(output, /must stay up 600\.0 s after it started \(min-uptime\)/);
      // This run's ID from its own build.log (other runs may be going on on the same engine).
      const runId = /--label dockerflow\.run=(df-[a-z0-9-]+)/.exec(readFileSync(path.join(out, 'build.log'), 'utf8'))?.[1] ?? '';
      assert.ok(runId && docker('ps', '-q', '--filter', `label=dockerflow.run=${runId}`, '--filter', 'name=-app'), 'its app is running');
      process.kill(child.pid!, 'SIGINT');
      assert.equal(await exited, 130, output);
      const report = assertInterruptedReport(out, 'SIGINT', /(inspect and )?smoke/, output);
      const status = (id: string): string => report.checks.find((c) => c.id === id)!.status;
      // The signal comes once smoke waits out min-uptime; inspect runs alongside and may not have finished.
      if (/during the inspect and smoke stage/.test(report.error ?? '')) {
        assert.equal(status('DF101'), 'skip');
        assert.match(
          report.checks.find((c) => c.id === 'DF101')!.message,
          /^not run: the run was interrupted during the inspect and smoke stage/,
        );
      } else {
        assert.equal(status('DF101'), 'pass', 'what the inspect stage judged is kept');
      }
      // The smoke stage was stopped before it judged its rules: each says so.
      for (const id of ['DF202', 'DF208']) {
        assert.equal(status(id), 'skip');
        assert.match(
          report.checks.find((c) => c.id === id)!.message,
          /^not run: the run was interrupted during the (inspect and )?smoke stage/,
        );
      }
      assert.equal(docker('ps', '-aq', '--filter', `label=dockerflow.run=${runId}`), '');
      assert.match(output, /verdict: FAIL/);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // nothing left
      }
      rmSync(ctx, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });
});
