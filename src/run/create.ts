import { MIN_SECRET_LENGTH, secretValues, unmaskableSecrets, type Config } from '../config/config.js';
import { Runner } from '../exec/runner.js';
import { BuildLog } from '../log/build-log.js';
import { Redactor } from '../secrets/redactor.js';
import type { Ui } from '../ui/ui.js';
import os from 'node:os';
import { newRunId, workDirFor, type RunContext } from './context.js';

/**
 * Secrets are registered (console masking and file redaction, every form) before any command runs. `saveState`:
 * the action's way to hand values to its post step (logout, scratch folder); the CLI has none.
 */
export function createRunContext(
  config: Config,
  ui: Ui,
  env: NodeJS.ProcessEnv,
  runId = newRunId(),
  saveState?: RunContext['saveState'],
): RunContext {
  const redactor = new Redactor();
  for (const value of secretValues(config)) {
    redactor.add(value);
    ui.setSecret(value);
  }
  for (const name of unmaskableSecrets(config)) {
    ui.warning(
      `${name} is shorter than ${MIN_SECRET_LENGTH} characters: it cannot be masked in logs or searched for in the image; use a longer value`,
    );
  }
  const log = new BuildLog(config.outDir, redactor);
  const workDir = workDirFor(env, runId, os.tmpdir());
  const runner = new Runner(log, ui, redactor, workDir);
  // The run's env files go with its containers, and on an interrupt too.
  return {
    config,
    ui,
    log,
    runner,
    redactor,
    runId,
    env,
    undo: new Set<() => void>([() => runner.removeEnvFiles()]),
    workDir,
    abort: new AbortController(),
    ...(saveState ? { saveState } : {}),
  };
}
