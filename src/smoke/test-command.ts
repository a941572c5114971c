import { displayArgv, errorLine } from '../exec/runner.js';
import { testRunArgv } from '../docker/run-argv.js';
import type { Built, RunContext } from '../run/context.js';
import { check, type CheckResult } from '../rules/catalogue.js';
import { appEnv } from './env.js';
import { TEST_TAIL_LINES } from './limits.js';
import type { Stack } from './network.js';
import { secs } from '../time/time.js';

/** DF401: `docker run --rm IMAGE <test-command>` on the run's network, output streamed; exit 0 passes. */
export async function testCommandRule(ctx: RunContext, built: Built, stack: Stack): Promise<CheckResult> {
  const command = ctx.config.testCommand;
  const shown = ctx.redactor.redact(displayArgv(command));
  const env = appEnv(ctx);
  const argv = testRunArgv({
    runId: ctx.runId,
    network: stack.network,
    image: built.imageId,
    env,
    command,
    ...(built.platform ? { platform: built.platform.platform } : {}),
  });
  const r = await ctx.ui.group(`test-command: ${shown}`, () => ctx.runner.run(argv, { byName: env.env, stream: true, allowFailure: true }));
  if (r.exitCode === 0) return check('DF401', 'pass', `\`${shown}\` exited 0 in ${secs(r.durationMs)}`);
  const lines = `${r.stdout}\n${r.stderr}`
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-TEST_TAIL_LINES)
    .map((l) => ctx.redactor.redact(l));
  const hint = testFailureHint(r.exitCode, command[0] ?? '', `${r.stderr}\n${r.stdout}`);
  return check(
    'DF401',
    'fail',
    `\`${shown}\` exited ${r.exitCode} after ${secs(r.durationMs)}: ${ctx.redactor.redact(hint)}${lines.length ? `\nlast ${lines.length} line(s):\n${lines.join('\n')}` : ''}`,
  );
}

/**
 * What a failed test command's exit says. 126/127 blame the image only when docker itself could not run the
 * command; when the command ran and something it called was missing ("coverage: command not found"), that line
 * is the cause.
 */
export function testFailureHint(exitCode: number, program: string, output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (exitCode === 126 || exitCode === 127 || exitCode === 125) {
    const daemon = errorLine(output);
    const notRun = /Error response from daemon:|OCI runtime|executable file not found|exec format error/.test(daemon);
    if (notRun) {
      if (exitCode === 125 && !/executable file not found|no such file|permission denied/.test(daemon)) {
        return `docker could not start the test container (${daemon}): see build.log`;
      }
      return `docker could not run ${JSON.stringify(program)} in the image (${daemon}): check that it exists in the image (on PATH, executable) and that the ENTRYPOINT passes it on`;
    }
    // "sh: 1: coverage: not found", "bash: coverage: command not found", "/app/run-tests.sh: line 3: coverage: command not found"
    const missing = lines.findLast((l) => /(command not found|: not found)$/.test(l) || /No such file or directory$/.test(l));
    if (missing) {
      const tool = /(?:^|:\s*)([^\s:]+): (?:command )?not found$/.exec(missing)?.[1];
      return `the command ran, but ${tool ? `\`${tool}\`, which it calls, ` : 'a program it calls '}is not in the image (${JSON.stringify(missing)}): install it in the image (or in the build stage the test command uses), or fix the script that calls it`;
    }
    if (exitCode === 126)
      return 'a program the command runs could not be executed (not executable, or a script without its interpreter): see its last lines';
    return "exit 127 usually means a program was not found; see the command's last lines";
  }
  return 'fix the failing tests (the full output is in build.log)';
}
