import * as core from '@actions/core';
import { removeRunResources } from './docker/cleanup.js';
import { logout } from './publish/login.js';
import { Runner } from './exec/runner.js';
import { BuildLog } from './log/build-log.js';
import { Redactor } from './secrets/redactor.js';
import { ActionUi } from './ui/action-ui.js';
import os from 'node:os';
import path from 'node:path';

/**
 * The post step: remove what main left behind when the job was cancelled or main crashed (containers and
 * networks by the run's label), and log out of the registry main logged in to.
 */
export async function cleanup(): Promise<void> {
  const runId = core.getState('runId');
  if (!runId) return;
  const log = new BuildLog(path.join(os.tmpdir(), `dockerflow-post-${runId}`), new Redactor());
  const runner = new Runner(log, new ActionUi(), new Redactor());
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
    core.warning(`cleanup: ${(e as Error).message}`);
  } finally {
    await log.close();
  }
}
