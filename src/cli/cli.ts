import { text } from 'node:stream/consumers';
import { parseConfig, type Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { createRunContext } from '../run/create.js';
import { describeError } from '../run/describe-error.js';
import { onInterrupt } from '../pipeline/interrupt.js';
import { summaryText } from '../report/summary.js';
import { CliUi } from '../ui/cli-ui.js';
import { argvWarning, flagFor, helpText, parseCliArgs, resolveCliSecrets } from './args.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** `dockerflow run ...`: returns the exit code (0 pass, 1 fail, 2 usage, 130 interrupted). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let config: Config;
  let quiet = false;
  try {
    const inv = parseCliArgs(argv);
    if (inv.help || inv.command === null || inv.command === 'help') {
      (inv.help || inv.command === 'help' ? io.stdout : io.stderr).write(helpText());
      return inv.help || inv.command === 'help' ? 0 : 2;
    }
    if (inv.command !== 'run' && inv.command !== 'merge')
      throw new ConfigError('usage', `unknown command "${inv.command}"`, 'the commands are "run" and "merge"; see dockerflow --help');
    quiet = inv.quiet;
    if (inv.passwordStdin) inv.raw.set('password', (await text(io.stdin)).replace(/\r?\n$/, ''));
    const { resolved, inArgv } = resolveCliSecrets(inv, io.env, io.cwd);
    config = parseConfig({ raw: inv.raw, env: io.env, cwd: io.cwd, defaultOutDir: 'dockerflow-out', resolved });
    // Outside a terminal (a script, a CI job) others are likelier to be watching the process list.
    if (!(io.stderr as { isTTY?: boolean }).isTTY)
      for (const flag of inArgv) io.stderr.write(`dockerflow: warning: ${argvWarning(flag)}\n`);
  } catch (e) {
    io.stderr.write(`dockerflow: ${e instanceof ConfigError ? e.render(flagFor) : describeError(e)}\n`);
    return 2;
  }

  const ctx = createRunContext(config, new CliUi(io.stderr, !quiet), io.env);
  const removeHandlers = onInterrupt(
    ctx,
    (signal) => io.stderr.write(`\ndockerflow: ${signal}: interrupted; stopping the run and removing the run's containers and networks\n`),
    130,
  );
  try {
    const { report, files, configError } =
      config.merge.length > 0
        ? await (await import('../pipeline/merge.js')).runMerge(ctx)
        : await (await import('../pipeline/pipeline.js')).runPipeline(ctx);
    io.stdout.write(ctx.redactor.redact(summaryText(report, files)));
    if (ctx.abort.signal.aborted) return 130;
    if (configError) return 2;
    return report.verdict === 'pass' ? 0 : 1;
  } finally {
    removeHandlers();
  }
}
