/** Builders for unit tests: a validated Config over the compliant fixture, git contexts, a recording runner. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, type Config } from '../../src/config/config.js';
import type { Runner, RunOptions, RunResult } from '../../src/exec/runner.js';
import type { GitContext } from '../../src/git/context.js';
import type { RunContext } from '../../src/run/context.js';
import { Redactor } from '../../src/secrets/redactor.js';
import type { Ui } from '../../src/ui/ui.js';
import { FIXTURES } from '../helpers/run.js';

/** Every temporary folder of a unit test process lives here, and goes when the process ends. */
const TMP = mkdtempSync(path.join(os.tmpdir(), 'df-unit-'));
process.on('exit', () => rmSync(TMP, { recursive: true, force: true }));
export const tempDir = (prefix: string): string => mkdtempSync(path.join(TMP, prefix));

export function configFor(raw: Record<string, string> = {}): Config {
  return parseConfig({
    raw: new Map(Object.entries(raw)),
    env: { GITHUB_REPOSITORY: 'Example/App' },
    cwd: path.join(FIXTURES, 'apps/compliant'),
    defaultOutDir: tempDir('out-'),
  });
}

export function gitFor(over: Partial<GitContext> = {}): GitContext {
  return {
    event: 'push',
    repoUrl: 'https://github.com/example/app',
    commit: '0123456789abcdef0123456789abcdef01234567',
    ref: 'refs/heads/main',
    branch: 'main',
    tag: null,
    defaultBranch: 'main',
    pullRequest: null,
    buildUrl: 'https://github.com/example/app/actions/runs/1',
    describe: null,
    ...over,
  };
}

export interface RecordedCall {
  argv: readonly string[];
  opts: RunOptions;
  /** The env of the runner (or runner view) the call went through. */
  runnerEnv: Readonly<Record<string, string>>;
}

/**
 * A runner that records every call and answers from `answer` (default: exit 0, no output). Its `withEnv` views
 * record into the same `calls`, each call with the env of the view it went through.
 */
export function fakeRunner(answer: (argv: readonly string[], n: number) => Partial<RunResult> = () => ({})): {
  runner: Runner;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  const redactor = new Redactor();
  const envFiles: (readonly { key: string; value: string }[])[] = [];
  const make = (env: Readonly<Record<string, string>>, root?: Runner): Runner => {
    const r = {
      env,
      redactor,
      envFiles,
      envFile(entries: readonly { key: string; value: string }[]): string {
        envFiles.push(entries);
        return `/fake/env-file-${envFiles.length}`;
      },
      removeEnvFiles: () => undefined,
      withEnv: (extra: Record<string, string>): Runner => make(Object.freeze({ ...env, ...extra }), self.root),
      async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
        calls.push({ argv, opts, runnerEnv: env });
        const res: RunResult = { exitCode: 0, stdout: '', stderr: '', durationMs: 1, ...answer(argv, calls.length) };
        if (res.exitCode !== 0 && !opts.allowFailure) {
          const { CommandError } = await import('../../src/exec/runner.js');
          throw new CommandError(argv, res, redactor);
        }
        return res;
      },
    } as unknown as Runner & { root: Runner };
    const self = r;
    self.root = root ?? self;
    return self;
  };
  return { runner: make(Object.freeze({})), calls };
}

export function silentUi(messages: string[] = []): Ui {
  return {
    info: (m) => void messages.push(m),
    warning: (m) => void messages.push(`warning: ${m}`),
    error: (m) => void messages.push(`error: ${m}`),
    output: () => undefined,
    group: (_t, fn) => fn(),
    setSecret: () => undefined,
  };
}

export function contextFor(config: Config, runner: Runner, env: NodeJS.ProcessEnv = {}, messages: string[] = []): RunContext {
  return {
    config,
    ui: silentUi(messages),
    log: { line: () => undefined, section: () => undefined, write: () => undefined } as unknown as RunContext['log'],
    runner,
    redactor: new Redactor(),
    runId: 'df-unit',
    env: { RUNNER_TEMP: tempDir('temp-'), ...env },
    undo: new Set(),
    workDir: tempDir('work-'),
    abort: new AbortController(),
  };
}
