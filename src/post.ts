import * as core from '@actions/core';
import { removeRunResources } from './docker/cleanup.js';
import { logout } from './publish/login.js';
import { Runner } from './exec/runner.js';
import { BuildLog } from './log/build-log.js';
import { Redactor } from './secrets/redactor.js';
import { ActionUi } from './ui/action-ui.js';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The post step: remove what main left behind when the job was cancelled or main was killed (containers and
 * networks by the run's label, its scratch folder with the build-context view), and log out of the registry
 * main logged in to. The user's working tree needs nothing: main never writes it (the build sees a view).
 * Everything it writes itself (its own log) stays inside RUNNER_TEMP and is removed when it is done.
 */
export async function cleanup(): Promise<void> {
  const runId = core.getState('runId');
  if (!runId) return;
  const workDir = core.getState('workDir');
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  const logDir = path.join(process.env.RUNNER_TEMP || os.tmpdir(), `dockerflow-post-${runId}`);
  const log = new BuildLog(logDir, new Redactor());
  const runner = new Runner(log, new ActionUi(), new Redactor());
  let failed = false;
  try {
    const removed = await removeRunResources(runner, runId);
    if (removed.containers || removed.networks) {
      core.info(`Removed ${removed.containers} container(s) and ${removed.networks} network(s) left by the run`);
    }
    // Main logs out when it ends; this catches a cancelled or crashed main, whose private DOCKER_CONFIG remains.
    const registry = core.getState('loggedIn');
    const dockerConfig = core.getState('dockerConfig');
    if (dockerConfig && (await logout(runner, registry, dockerConfig)))
      core.info(`Logged out of ${registry.split('\n').join(', ') || 'the registry'}`);
  } catch (e) {
    failed = true;
    core.warning(`cleanup: ${(e as Error).message}; the commands it ran are in ${log.path}`);
  } finally {
    await log.close();
    if (!failed) rmSync(logDir, { recursive: true, force: true });
  }
}
