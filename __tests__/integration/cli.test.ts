/** The CLI's contract: exit 0 pass, 1 fail, 2 bad usage; one line per error, never a stack trace. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, runAction, runCli } from '../helpers/run.js';

const APP = path.join(FIXTURES, 'apps/compliant');

describe('CLI usage errors exit 2 with one line naming the flag', () => {
  const cases: [string[], RegExp][] = [
    [['run', '--colour', 'blue'], /^dockerflow: usage: Unknown option '--colour'; see dockerflow --help\n$/],
    [['run', '--password', 'hunter2'], /^dockerflow: --password: is never taken as a flag value; pipe it in with --password-stdin\n$/],
    [['deploy'], /^dockerflow: usage: unknown command "deploy"; the command is "run"/],
    [
      ['run', '--context', APP, '--port', 'http'],
      /^dockerflow: --port: "http" is not a whole number from 1 to 65535; use a whole number from 1 to 65535\n$/,
    ],
    [
      ['run', '--context', APP, '--env', 'NOEQUALS'],
      /^dockerflow: --env: a line without "=" is not KEY=VALUE; write one KEY=VALUE per line\n$/,
    ],
    [['run', '--context', APP, '--checks-ignore', 'DF999'], /^dockerflow: --checks-ignore: "DF999" is not a rule ID/],
    [['run', '--context', path.join(APP, 'missing')], /^dockerflow: --context: ".*missing" is not a directory/],
    [['run', '--context', APP, '--image', 'Bad/Name'], /^dockerflow: --image: "Bad\/Name" is not a valid repository name/],
    [['run', '--context', APP, '--tag', 'not ok'], /^dockerflow: --tag: "not ok" is neither a tag nor a full image reference/],
    [['run', '--context', APP, '--fail-on', 'info'], /^dockerflow: --fail-on: "info" is not one of error, warning/],
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
    assert.match(r.stdout, /^18 rules not run: the prepare stage failed/m);
    assert.match(r.stdout, /verdict: FAIL/);
  });
});
