import type { Runner } from '../exec/runner.js';
import type { Builder } from './build-argv.js';
import { dockerArgv } from './commands.js';

/** One answer per run (its runner's root: a registry session's view asks the same engine): the build and the BuildKit checks both ask. */
const detected = new WeakMap<Runner, Promise<string | null>>();

/** What `docker buildx version` says (null without the plugin), asked once per run. */
export function buildxVersionLine(runner: Runner): Promise<string | null> {
  let line = detected.get(runner.root);
  if (!line) {
    line = runner.run(dockerArgv.buildxVersion(), { allowFailure: true, quiet: true }).then(
      (r) => (r.exitCode === 0 ? r.stdout.trim() : null),
      () => null,
    );
    detected.set(runner.root, line);
  }
  return line;
}

/**
 * buildx when the plugin answers, the classic builder otherwise: decided at run time, once per run. The pipeline
 * asks early, so `docker buildx version` runs while the git metadata is read.
 */
export function detectBuilder(runner: Runner): Promise<Builder> {
  return buildxVersionLine(runner).then((line) => (line === null ? 'classic' : 'buildx'));
}
