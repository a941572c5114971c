/**
 * The action's `run()` (src/main.ts) with @actions/core faked (__tests__/helpers/fake-core.ts) and a pipeline that
 * returns or throws: the step's exit code, console lines, outputs and saved state, without an engine. The real
 * pipeline under the runner's protocol is proven by the integration tests (node dist/index.js, @github/local-action).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { run } from '../../src/main.js';
import type { Outcome } from '../../src/pipeline/pipeline.js';
import type { RunContext } from '../../src/run/context.js';
import { outFiles } from '../../src/report/out-files.js';
import { check, reportRows } from '../../src/rules/catalogue.js';
import { fakeHost } from '../helpers/fake-core.js';
import { FIXTURES } from '../helpers/run.js';
import { tempDir } from './helpers.js';

const PASSWORD = 'hunter2-registry-password';
const DIGEST = `sha256:${'c'.repeat(64)}`;

const actionEnv = (inputs: Record<string, string>): NodeJS.ProcessEnv => ({
  GITHUB_WORKSPACE: path.join(FIXTURES, 'apps/compliant'),
  GITHUB_REPOSITORY: 'example/app',
  RUNNER_TEMP: tempDir('runner-temp-'),
  ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
});

const outcome = (ctx: RunContext, verdict: 'pass' | 'fail'): Outcome => ({
  report: {
    schemaVersion: 1,
    verdict,
    image: { id: DIGEST, configDigest: DIGEST, manifestDigest: null, tags: ['docker.io/example/app:latest'], digest: null, pushed: [] },
    version: null,
    checks: reportRows(verdict === 'pass' ? [] : [check('DF101', 'fail', 'runs as root')], new Set(), {
      skip: 'not-run',
      message: 'not run',
    }),
    timings: {},
  },
  files: outFiles(ctx.config.outDir),
  configError: false,
});

describe('run(): the action step', () => {
  it('a bad input: one error line naming it, the step failed, verdict fail, the pipeline never started', async () => {
    const env = actionEnv({ 'fail-on': 'sometimes', username: 'me', password: PASSWORD });
    const fake = fakeHost(env, () => assert.fail('the pipeline must not run on a bad input'));
    await run(env, fake.host);
    assert.equal(fake.lines().length, 1, fake.lines().join('\n'));
    assert.equal(fake.lines()[0], '::error::input "fail-on": "sometimes" is not one of error, warning; use error or warning');
    assert.equal(fake.exitCode, 1);
    assert.deepEqual([...fake.outputs], [['verdict', 'fail']]);
    assert.deepEqual([...fake.states.keys()], ['runId']);
    assert.ok(fake.secrets.includes(PASSWORD), 'the password is masked even when a sibling input is wrong');
    assert.equal(fake.runs.length, 0);
  });

  it('a crash (an error no stage turned into a report): one redacted error line and a failed step, no rejection', async () => {
    const env = actionEnv({ username: 'me', password: PASSWORD });
    const fake = fakeHost(env, async () => {
      throw new TypeError(`Cannot read properties of undefined (reading 'Failure') near ${PASSWORD}`);
    });
    await run(env, fake.host); // resolves: a rejection would be an unhandled stack trace in the step's log
    assert.equal(fake.exitCode, 1);
    const errors = fake.lines().filter((l) => l.startsWith('::error::'));
    assert.equal(errors.length, 1, fake.lines().join('\n'));
    assert.match(errors[0]!, /^::error::the action crashed: .*reading 'Failure'/);
    assert.doesNotMatch(fake.lines().join('\n'), new RegExp(PASSWORD));
    assert.ok(fake.secrets.includes(PASSWORD));
  });

  it('a passing run: every output set, the step passes, the post step gets runId and workDir to clean up', async () => {
    const env = actionEnv({});
    const fake = fakeHost(env, async (ctx) => outcome(ctx, 'pass'));
    await run(env, fake.host);
    assert.equal(fake.exitCode, undefined, fake.lines().join('\n'));
    assert.equal(fake.runs.length, 1);
    const out = fake.runs[0]!.config.outDir;
    assert.equal(path.dirname(out), env.RUNNER_TEMP);
    assert.deepEqual(Object.fromEntries(fake.outputs), {
      verdict: 'pass',
      imageid: DIGEST,
      digest: '',
      tags: 'docker.io/example/app:latest',
      pushed: '',
      'version-json': path.join(out, 'version.json'),
      report: path.join(out, 'dockerflow-report.json'),
      'build-log': path.join(out, 'build.log'),
      'shasum-file': path.join(out, 'docker-image-shasum256.txt'),
    });
    // outDir was saved and never read (the post step reads runId, workDir and what login saves).
    assert.deepEqual([...fake.states.keys()], ['runId', 'workDir']);
    assert.equal(fake.states.get('runId'), fake.runs[0]!.runId);
    assert.ok(fake.lines().some((l) => /^verdict: PASS /.test(l)));
    assert.ok(!fake.lines().some((l) => l.startsWith('::error::')));
  });

  it('a failing verdict: the step fails with one line naming the rules that failed it', async () => {
    const env = actionEnv({});
    const fake = fakeHost(env, async (ctx) => outcome(ctx, 'fail'));
    await run(env, fake.host);
    assert.equal(fake.exitCode, 1);
    assert.equal(fake.outputs.get('verdict'), 'fail');
    const errors = fake.lines().filter((l) => l.startsWith('::error::'));
    assert.equal(errors.length, 1, fake.lines().join('\n'));
    assert.match(errors[0]!, /^::error::Dockerflow checks failed: DF101; see the job summary and .*dockerflow-report\.json$/);
  });
});
