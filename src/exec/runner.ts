import * as exec from '@actions/exec';
import type { BuildLog } from '../log/build-log.js';
import { LineRedactor, type Redactor } from '../secrets/redactor.js';
import type { Ui } from '../ui/ui.js';

export interface RunOptions {
  /** Bytes for stdin (a password for `docker login --password-stdin`). Never logged. */
  input?: string;
  /** Extra environment variables (build secrets travel here, never in argv). */
  env?: Record<string, string>;
  /** Echo the output to the console as it comes (build output, test output). */
  stream?: boolean;
  /** Return a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** Keep the output out of build.log (large machine-readable output, such as `docker inspect`). */
  quiet?: boolean;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** A command that exited non-zero; the message is redacted and ends with the stderr line that says why. */
export class CommandError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly result: RunResult,
    redactor: Redactor,
  ) {
    const last = redactor.redact(errorLine(result.stderr) || errorLine(result.stdout) || 'no output');
    super(`\`${redactor.redact(displayArgv(argv.slice(0, 3)))}…\` exited ${result.exitCode}: ${last}`);
    this.name = 'CommandError';
  }
}

/** The last non-blank line of a command's output ('' when there is none). */
export const lastLine = (s: string): string => s.trim().split('\n').pop()?.trim() ?? '';

/** Lines docker prints after the error that say nothing about it. */
const DOCKER_NOISE = /^(Run '.*--help' for more information\.?|See '.*--help'\.?)$/;

/**
 * The line of docker's output that says what went wrong ('' when there is none): docker's own
 * `Error response from daemon:` line, else a `docker: …` line (such as "Cannot connect to the Docker daemon"),
 * else the last `ERROR`/`error` line (BuildKit's "ERROR: failed to solve: …"), else the last line that is not
 * docker's "Run 'docker run --help' for more information". Every message that sums up a docker failure uses it.
 */
export function errorLine(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !DOCKER_NOISE.test(l));
  const last = (re: RegExp): string | undefined => lines.findLast((l) => re.test(l));
  const daemon = last(/Error response from daemon:/);
  if (daemon) return daemon.slice(daemon.indexOf('Error response from daemon:'));
  return last(/^docker: /) ?? last(/^(ERROR|error)\b/) ?? last(/error/i) ?? lines.at(-1) ?? '';
}

/** Quote argv for display in the log (never executed through a shell). */
export function displayArgv(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * Runs external commands from an argv array (no shell), logging each command line and its output to build.log,
 * redacted, and optionally to the console.
 */
export class Runner {
  /** Variables every command gets (DOCKER_CONFIG while the run is logged in to a registry). */
  readonly env: Record<string, string> = {};

  constructor(
    private readonly log: BuildLog,
    private readonly ui: Ui,
    readonly redactor: Redactor,
  ) {}

  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const [cmd, ...args] = argv;
    if (!cmd) throw new Error('Runner.run: empty argv');
    // Quiet commands are logged once they end, with their exit code, so parallel ones stay readable.
    if (!opts.quiet) this.log.line(`$ ${displayArgv(argv)}`);
    const sink = (text: string): void => {
      if (!opts.quiet) this.log.writeRedacted(text);
      if (opts.stream) this.ui.output(text);
    };
    const out = new LineRedactor(this.redactor, sink);
    const err = new LineRedactor(this.redactor, sink);
    const started = performance.now();
    const res = await exec.getExecOutput(cmd, args, {
      silent: true,
      ignoreReturnCode: true,
      ...(opts.input !== undefined ? { input: Buffer.from(opts.input) } : {}),
      ...(opts.env || Object.keys(this.env).length
        ? { env: { ...(process.env as Record<string, string>), ...this.env, ...opts.env } }
        : {}),
      listeners: { stdout: (b) => out.write(b), stderr: (b) => err.write(b) },
    });
    out.flush();
    err.flush();
    const result: RunResult = {
      exitCode: res.exitCode,
      stdout: res.stdout,
      stderr: res.stderr,
      durationMs: Math.round(performance.now() - started),
    };
    if (opts.quiet) this.log.line(`$ ${displayArgv(argv)}  # exit ${res.exitCode}, ${result.durationMs} ms`);
    else if (res.exitCode !== 0) this.log.line(`(exit ${res.exitCode} after ${result.durationMs} ms)`);
    if (res.exitCode !== 0 && !opts.allowFailure) throw new CommandError(argv, result, this.redactor);
    return result;
  }
}
