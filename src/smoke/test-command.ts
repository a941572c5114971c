import { displayArgv } from '../exec/runner.js';
import { testRunArgv } from '../docker/run-argv.js';
import type { Built, RunContext } from '../pipeline/context.js';
import { check, type CheckResult } from '../rules/catalogue.js';
import { appEnv } from './env.js';
import { TEST_TAIL_LINES } from './limits.js';
import type { Stack } from './network.js';

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** DF401: `docker run --rm IMAGE <test-command>` on the run's network, output streamed; exit 0 passes. */
export async function testCommandRule(ctx: RunContext, built: Built, stack: Stack): Promise<CheckResult> {
  const command = ctx.config.testCommand;
  const shown = ctx.redactor.redact(displayArgv(command));
  const env = appEnv(ctx);
  const argv = testRunArgv({ runId: ctx.runId, network: stack.network, image: built.imageId, env, command });
  const r = await ctx.ui.group(`test-command: ${shown}`, () => ctx.runner.run(argv, { byName: env.env, stream: true, allowFailure: true }));
  if (r.exitCode === 0) return check('DF401', 'pass', `\`${shown}\` exited 0 in ${secs(r.durationMs)}`);
  const lines = `${r.stdout}\n${r.stderr}`
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-TEST_TAIL_LINES)
    .map((l) => ctx.redactor.redact(l));
  const hint =
    r.exitCode === 126 || r.exitCode === 127
      ? 'the command could not be run: check that it exists in the image and that the ENTRYPOINT passes it on'
      : r.exitCode === 125
        ? 'docker could not start the test container: see build.log'
        : 'fix the failing tests (the full output is in build.log)';
  return check(
    'DF401',
    'fail',
    `\`${shown}\` exited ${r.exitCode} after ${secs(r.durationMs)}: ${hint}${lines.length ? `\nlast ${lines.length} line(s):\n${lines.join('\n')}` : ''}`,
  );
}
