/**
 * Runner.withEnv: a registry session's view of the run's runner. Its commands get the session's DOCKER_CONFIG,
 * the run's runner keeps its env, and the two share what a run has once: the processes under way (an interrupt
 * of either stops both, `idle()` waits for both), the interrupt itself and the env files. Real processes.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { it } from 'node:test';
import { Runner } from '../../src/exec/runner.js';
import { BuildLog } from '../../src/log/build-log.js';
import { Redactor } from '../../src/secrets/redactor.js';
import { silentUi, tempDir } from './helpers.js';

const printConfig = [process.execPath, '-e', "process.stdout.write(process.env.DOCKER_CONFIG ?? '(unset)')"];

const runnerAndLog = (): { runner: Runner; log: BuildLog } => {
  const redactor = new Redactor();
  const log = new BuildLog(tempDir('log-'), redactor);
  return { runner: new Runner(log, silentUi(), redactor, tempDir('scratch-')), log };
};

it("a view's commands get its env; the runner it was made from keeps its own", async () => {
  const { runner, log } = runnerAndLog();
  const before = (await runner.run(printConfig)).stdout;
  const view = runner.withEnv({ DOCKER_CONFIG: '/run/session-config' });
  assert.equal((await view.run(printConfig)).stdout, '/run/session-config');
  assert.equal((await runner.run(printConfig)).stdout, before, "the run's runner still runs with the process's own");
  assert.deepEqual(runner.env, {});
  assert.deepEqual(view.env, { DOCKER_CONFIG: '/run/session-config' });
  assert.throws(() => ((view.env as Record<string, string>).DOCKER_CONFIG = '/elsewhere'), TypeError, 'its env is fixed');
  assert.equal(view.withEnv({ EXTRA: '1' }).env.DOCKER_CONFIG, '/run/session-config', 'a view of a view keeps both');
  assert.equal(view.root, runner);
  assert.equal(view.withEnv({}).root, runner);
  await log.close();
});

it("an interrupt of the run stops the view's commands and refuses new ones there; idle() waits for them", async () => {
  const { runner, log } = runnerAndLog();
  const view = runner.withEnv({ DOCKER_CONFIG: '/run/session-config' });
  const running = view.run(['sleep', '30'], { allowFailure: true });
  const follower = view.spawn(['sleep', '30']);
  const t0 = performance.now();
  const why = new Error('interrupted by SIGTERM');
  runner.abort(why);
  await runner.idle(5000);
  assert.equal((await running).exitCode, 143, "the run's interrupt stopped the view's command");
  assert.equal((await follower.exited).exitCode, 143, "and the view's follower");
  assert.ok(performance.now() - t0 < 4000, 'at once, not after a grace');
  await assert.rejects(view.run(['true']), (e) => e === why, 'the view refuses new commands once the run was interrupted');
  assert.equal((await view.run(['true'], { cleanup: true })).exitCode, 0, 'but runs cleanup ones');
  await log.close();
});

it("the run's removeEnvFiles removes the env files its views wrote", async () => {
  const { runner, log } = runnerAndLog();
  const file = runner.withEnv({ DOCKER_CONFIG: '/run/session-config' }).envFile([{ key: 'A', value: 'b' }]);
  assert.ok(existsSync(file));
  runner.removeEnvFiles();
  assert.equal(existsSync(file), false);
  await log.close();
});
