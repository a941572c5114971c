import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { KeyValue } from '../config/parse-lines.js';
import { isDockerCliVariable } from '../secrets/names.js';
import type { BuildLog } from '../log/build-log.js';
import { LineRedactor, type Redactor } from '../secrets/redactor.js';
import type { Ui } from '../ui/ui.js';

export interface RunOptions {
  /** Bytes for stdin (a password for `docker login --password-stdin`). Never logged. */
  input?: string;
  /** The tool's own settings for this command (DOCKER_CONFIG for a login, DOCKER_BUILDKIT). */
  env?: Record<string, string>;
  /**
   * Values the command reads by name (build secrets, secret build args, multi-line container variables): never
   * in argv. A name the docker CLI reads itself (DOCKER_HOST, DOCKER_CONFIG, PATH...) is refused, so they can
   * never change what docker does: its environment stays the tool's own, plus `env` and `Runner.env`.
   */
  byName?: Record<string, string>;
  /** Echo the output to the console as it comes (build output, test output). */
  stream?: boolean;
  /** Return a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** Keep the output out of build.log (large machine-readable output, such as `docker inspect`). */
  quiet?: boolean;
  /**
   * What an interrupt does to this command while it runs: `kill` (the default) stops it at once; `finish` lets
   * it end, for a command that creates what the cleanup must then find and remove (a `docker create` stopped
   * half-way leaves the daemon creating a container after the cleanup has looked for it).
   */
  onAbort?: 'kill' | 'finish';
  /** A cleanup command: it still runs once the run was interrupted (every other command is refused then). */
  cleanup?: boolean;
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

/** Characters of each stream a RunResult keeps (its end); the whole output goes to build.log as it comes. */
export const OUTPUT_TAIL = 1 << 20;

/** The last `max` characters of a stream, decoded across chunk boundaries (invalid UTF-8 becomes U+FFFD). */
class Tail {
  private text = '';
  private readonly decoder = new StringDecoder('utf8');
  truncated = false;
  constructor(private readonly max: number) {}
  push(b: Buffer): void {
    this.text += this.decoder.write(b);
    if (this.text.length > 2 * this.max) this.trim();
  }
  end(): string {
    this.text += this.decoder.end();
    this.trim();
    return this.text;
  }
  private trim(): void {
    if (this.text.length <= this.max) return;
    this.text = this.text.slice(-this.max);
    this.truncated = true;
  }
}

/**
 * spawn without a shell; the output is handed on chunk by chunk and only a bounded tail of it is kept, so a
 * command that prints gigabytes (or one line without a newline) costs no more memory than one that prints a line.
 */
function spawnBounded(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input: string | undefined,
  onStdout: (b: Buffer) => void,
  onStderr: (b: Buffer) => void,
  onSpawn: (child: ChildProcess) => void,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // In a process group of its own, so that stopping it stops what it started too (docker runs buildx as a
    // child process; a killed docker CLI would leave it running, holding the pipes open).
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    onSpawn(child);
    const out = new Tail(OUTPUT_TAIL);
    const err = new Tail(OUTPUT_TAIL);
    child.stdout.on('data', (b: Buffer) => {
      out.push(b);
      onStdout(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      onStderr(b);
    });
    child.on('error', (e) => reject(new Error(`cannot run ${cmd}: ${e.message}`)));
    child.on('close', (code, signal) =>
      resolve({ exitCode: code ?? (signal ? 128 + (signalNumber(signal) ?? 15) : -1), stdout: out.end(), stderr: err.end() }),
    );
    child.stdin.on('error', () => undefined); // a command that exits without reading its input
    child.stdin.end(input !== undefined ? Buffer.from(input) : undefined);
  });
}

/** Signal a process and its process group (the group is its own when it was spawned `detached`). */
export function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    child.kill(signal); // not a group leader
  }
}

const signalNumber = (s: NodeJS.Signals): number | undefined => ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15 })[s as string];

export interface SpawnOptions {
  /** Why it runs, written after the command line in build.log (`$ docker save ID &  # why`). */
  why?: string;
}

/** A follower started by `Runner.spawn`: its output is the caller's to read; it ends by itself or by `kill()`. */
export interface Spawned {
  readonly stdout: Readable;
  readonly stderr: Readable;
  /**
   * Settles when it has exited and its streams are closed (never rejects): its exit code (128 + the signal's
   * number when it was killed, -1 when it could not start) and the end of its stderr, redacted.
   */
  readonly exited: Promise<{ exitCode: number; stderr: string }>;
  /** Stop it (SIGTERM) if it still runs; safe to call twice. */
  kill(): void;
}

/** Characters of a follower's stderr kept for its error message. */
const FOLLOWER_STDERR = 64 * 1024;

/** What a runner and its views (`withEnv`) share: the processes under way, the interrupt, the env files. */
interface Shared {
  /** Every process started that is still running, and what an interrupt does to it. */
  readonly live: Map<ChildProcess, 'kill' | 'finish'>;
  readonly idleWaiters: Set<() => void>;
  /** Why the run was interrupted, once it was: new commands are refused with it, but for cleanup ones. */
  interrupted: Error | null;
  /** The run's private folder (mode 0700) for `--env-file`s, made on first use, removed by `removeEnvFiles`. */
  envDir: string | null;
  envFiles: number;
}

/**
 * Runs external commands from an argv array (no shell), logging each command line and its output to build.log,
 * redacted, and optionally to the console.
 */
export class Runner {
  /**
   * Variables every command of this runner gets, fixed when it is made: a registry session's view
   * (`withEnv`) has DOCKER_CONFIG; the run's own runner has none.
   */
  readonly env: Readonly<Record<string, string>>;
  /** The runner this one is a view of (itself when it is none): what is asked once per run is keyed on it. */
  readonly root: Runner;
  private readonly shared: Shared;

  /**
   * `scratch`: the folder the env files' private folder is made in (the run's own work folder, which the post
   * step removes should the main step be killed); the system temp folder when unset.
   */
  constructor(
    private readonly log: BuildLog,
    private readonly ui: Ui,
    readonly redactor: Redactor,
    private readonly scratch: string = os.tmpdir(),
    view?: { env: Record<string, string>; of: Runner },
  ) {
    this.env = Object.freeze({ ...view?.env });
    this.root = view?.of.root ?? this;
    this.shared = view?.of.shared ?? { live: new Map(), idleWaiters: new Set(), interrupted: null, envDir: null, envFiles: 0 };
  }

  /**
   * A view of this runner whose commands also get `extra` (a registry session's DOCKER_CONFIG), this runner's
   * own env untouched. It shares everything else: build.log, the redactor, the processes under way (an
   * interrupt or `idle()` of either reaches both), the interrupt and the env files.
   */
  withEnv(extra: Record<string, string>): Runner {
    return new Runner(this.log, this.ui, this.redactor, this.scratch, { env: { ...this.env, ...extra }, of: this });
  }

  /**
   * A `docker run --env-file` for container variables: `KEY=VALUE` lines in a file only this user can read
   * (mode 0600, in a 0700 folder), so their values reach the container without being in any argv or in the
   * docker CLI's own environment. Removed by `removeEnvFiles` (at cleanup, and on interrupt).
   */
  envFile(entries: readonly KeyValue[]): string {
    const sh = this.shared;
    if (!sh.envDir) {
      mkdirSync(this.scratch, { recursive: true, mode: 0o700 });
      sh.envDir = mkdtempSync(path.join(this.scratch, 'env-'));
    }
    const file = path.join(sh.envDir, `env-${++sh.envFiles}`);
    writeFileSync(file, entries.map((e) => `${e.key}=${e.value}\n`).join(''), { mode: 0o600 });
    return file;
  }

  /**
   * A process started outside `run` (a follower such as `docker logs --follow`): an interrupt stops it with the
   * others, and `idle` waits for it.
   */
  track(child: ChildProcess, onAbort: 'kill' | 'finish' = 'kill'): void {
    if (child.exitCode !== null || child.signalCode !== null) return;
    this.shared.live.set(child, onAbort);
    const gone = (): void => {
      this.shared.live.delete(child);
      if (this.shared.live.size === 0) for (const w of this.shared.idleWaiters) w();
    };
    child.once('close', gone);
    child.once('error', gone);
    if (this.shared.interrupted && onAbort === 'kill') killTree(child, 'SIGTERM');
  }

  /**
   * The run was interrupted: stop every command still running (but those that must `finish`) and refuse new
   * ones, so nothing the run starts from now on can outlive its cleanup; cleanup commands still run.
   */
  abort(reason: Error): void {
    this.shared.interrupted ??= reason;
    for (const [child, how] of this.shared.live) if (how === 'kill') killTree(child, 'SIGTERM');
  }

  /**
   * Resolves once no process of this runner is running. One still running after `graceMs` is killed
   * (SIGKILL), so a command that ignores SIGTERM cannot hold the cleanup up.
   */
  idle(graceMs = 10_000): Promise<void> {
    if (this.shared.live.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        for (const child of this.shared.live.keys()) killTree(child, 'SIGKILL');
      }, graceMs);
      timer.unref();
      const done = (): void => {
        clearTimeout(timer);
        this.shared.idleWaiters.delete(done);
        resolve();
      };
      this.shared.idleWaiters.add(done);
    });
  }

  /** Remove every env file this runner wrote. */
  removeEnvFiles(): void {
    if (this.shared.envDir) rmSync(this.shared.envDir, { recursive: true, force: true });
    this.shared.envDir = null;
  }

  /**
   * A long-lived command beside the run (`docker logs --follow`, `docker wait`, `docker save` read as a stream):
   * no shell, the runner's environment (DOCKER_CONFIG while logged in), its command line in build.log (redacted),
   * in a process group of its own, and stopped with the run's other commands on an interrupt (after which a new
   * one is refused, as `run` refuses). `idle()` waits for it. Its stdout and stderr are not logged here: the
   * caller reads them (the app's output is logged line by line, prefixed; a saved image is never logged).
   */
  spawn(argv: readonly string[], opts: SpawnOptions = {}): Spawned {
    const [cmd, ...args] = argv;
    if (!cmd) throw new Error('Runner.spawn: empty argv');
    if (this.shared.interrupted) throw this.shared.interrupted;
    this.log.line(`$ ${displayArgv(argv)} &${opts.why ? `  # ${opts.why}` : ''}`);
    const env = Object.keys(this.env).length ? { ...(process.env as Record<string, string>), ...this.env } : process.env;
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.track(child);
    const err = new Tail(FOLLOWER_STDERR);
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const exited = new Promise<{ exitCode: number; stderr: string }>((resolve) => {
      child.on('error', (e) => resolve({ exitCode: -1, stderr: this.redactor.redact(`cannot run ${cmd}: ${e.message}`) }));
      child.on('close', (code, signal) =>
        resolve({ exitCode: code ?? (signal ? 128 + (signalNumber(signal) ?? 15) : -1), stderr: this.redactor.redact(err.end()) }),
      );
    });
    return {
      stdout: child.stdout,
      stderr: child.stderr,
      exited,
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) killTree(child, 'SIGTERM');
      },
    };
  }

  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const [cmd, ...args] = argv;
    if (!cmd) throw new Error('Runner.run: empty argv');
    if (this.shared.interrupted && !opts.cleanup) throw this.shared.interrupted;
    for (const name of Object.keys(opts.byName ?? {})) {
      if (isDockerCliVariable(name)) throw new Error(`${name} would change what the docker CLI itself does: it cannot be passed by name`);
    }
    // Quiet commands are logged once they end, with their exit code, so parallel ones stay readable.
    if (!opts.quiet) this.log.line(`$ ${displayArgv(argv)}`);
    const sink = (text: string): void => {
      if (!opts.quiet) this.log.writeRedacted(text);
      if (opts.stream) this.ui.output(text);
    };
    const out = new LineRedactor(this.redactor, sink);
    const err = new LineRedactor(this.redactor, sink);
    const started = performance.now();
    const env =
      opts.env || opts.byName || Object.keys(this.env).length
        ? { ...(process.env as Record<string, string>), ...opts.byName, ...opts.env, ...this.env }
        : process.env;
    const res = await spawnBounded(
      cmd,
      args,
      env,
      opts.input,
      (b) => out.write(b),
      (b) => err.write(b),
      (child) => this.track(child, opts.cleanup ? 'finish' : opts.onAbort),
    );
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
