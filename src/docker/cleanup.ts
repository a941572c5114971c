import type { Runner } from '../exec/runner.js';
import { RUN_LABEL } from '../pipeline/context.js';
import { ownContainerId } from './own-container.js';

/**
 * Remove every container and network a run created (found by its label), whatever state they are in. Safe to
 * call twice: the pipeline calls it when it ends, the post step again in case the job was cancelled.
 */
export async function removeRunResources(runner: Runner, runId: string): Promise<{ containers: number; networks: number }> {
  const filter = `label=${RUN_LABEL}=${runId}`;
  const ids = async (argv: string[]): Promise<string[]> => {
    const r = await runner.run(argv, { allowFailure: true, quiet: true, cleanup: true });
    return r.exitCode === 0
      ? r.stdout
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  };
  // Both listed at once; the containers go first, as a network in use cannot be removed.
  const [containers, networks] = await Promise.all([
    ids(['docker', 'ps', '-aq', '--filter', filter]),
    ids(['docker', 'network', 'ls', '-q', '--filter', filter]),
  ]);
  if (containers.length) await runner.run(['docker', 'rm', '-f', '-v', ...containers], { allowFailure: true, quiet: true, cleanup: true });
  // A containerised job joined the run network to reach the app (Stack): it leaves first, or the network stays.
  const self = networks.length ? ownContainerId() : null;
  if (self) {
    await Promise.all(
      networks.map((n) =>
        runner.run(['docker', 'network', 'disconnect', '--force', n, self], { allowFailure: true, quiet: true, cleanup: true }),
      ),
    );
  }
  if (networks.length) await runner.run(['docker', 'network', 'rm', ...networks], { allowFailure: true, quiet: true, cleanup: true });
  return { containers: containers.length, networks: networks.length };
}
