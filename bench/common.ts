/**
 * What every part of the bench shares: where things are, running a command and timing it, statistics, the
 * formatters of docs/benchmarks.md, and the catalogue's run-time rules. Nothing here reads the command line.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { RULES } from '../src/rules/catalogue.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CLI = path.join(ROOT, 'dist/cli/index.js');
export const ACTION = path.join(ROOT, 'dist/index.js');
export const SAMPLE = path.join(ROOT, 'sample-app');
export const FIXTURES = path.join(ROOT, '__tests__/fixtures/apps');
export const COMPLIANT = path.join(FIXTURES, 'compliant');
export const CRASH = path.join(FIXTURES, 'smoke-crash');
export const SMOKE_BASE_TAG = 'dockerflow-smoke-fixture:base';
export const REGISTRY = '127.0.0.1:5000';
export const REG_DIR = process.env.DOCKERFLOW_CACHE
  ? path.join(process.env.DOCKERFLOW_CACHE, 'registry')
  : '/var/cache/dockerflow/registry';
export const SAMPLE_SERVICE = 'db=postgres:15 POSTGRES_PASSWORD=x';
export const SAMPLE_DB_URL = 'postgres://postgres:x@db:5432/postgres';

/** The rules that run the image (smoke and test), from the catalogue: the push bench judges the image statically only. */
export const RUNTIME_RULES = RULES.filter((r) => r.stage !== 'inspect').map((r) => r.id);

/** How one timed measurement is run: from the command line (bench/run.ts). */
export interface Settings {
  runs: number;
  /** Seconds per load phase. */
  loadS: number;
  /** Concurrent clients of the load phases. */
  concurrency: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Processes, clocks

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface ShOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  allowFailure?: boolean;
  /** stdout is not read (a command that writes a lot). */
  discardStdout?: boolean;
}

export const wallNow = (): number => performance.timeOrigin + performance.now();

/** Run `argv` (docker's from the src/docker builders), timed; rejects with its last lines when it fails. */
export function sh(argv: readonly string[], o: ShOptions = {}): Promise<Result> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: o.cwd ?? ROOT,
      env: o.env ?? process.env,
      stdio: ['pipe', o.discardStdout ? 'ignore' : 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const r = { code: code ?? -1, stdout, stderr, ms: performance.now() - t0 };
      if (r.code !== 0 && !o.allowFailure) {
        reject(new Error(`${argv.join(' ')} exited ${r.code}: ${(stderr || stdout).trim().split('\n').slice(-3).join(' | ')}`));
      } else resolve(r);
    });
    child.stdin!.end(o.input ?? '');
  });
}

/** This process's environment without the variables `drop` picks. */
export function envWithout(drop: (name: string) => boolean): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (drop(k)) delete env[k];
  return env;
}

/** The environment a CLI run gets: without the variables that would make it think it runs in Actions. */
export const localEnv = (): NodeJS.ProcessEnv => envWithout((k) => k.startsWith('GITHUB_') || k === 'CI');

/** `[<prefix> <seconds since start> s] msg` on stderr. */
export const logger =
  (prefix: string) =>
  (msg: string): void =>
    void process.stderr.write(`[${prefix} ${((performance.now() / 1000) | 0).toString().padStart(4)} s] ${msg}\n`);

export const log = logger('bench');

// ---------------------------------------------------------------------------------------------------------------
// Statistics and their formatting

export interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const median = n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { median, min: s[0] ?? NaN, max: s[n - 1] ?? NaN, n };
}

/** Each stage's timings over the pipeline runs (`timings` of dockerflow-report.json). */
export function stageStats(timings: Record<string, number>[]): Record<string, Stats> {
  const names = [...new Set(timings.flatMap((t) => Object.keys(t)))];
  return Object.fromEntries(names.map((s) => [s, stats(timings.map((t) => t[s] ?? NaN).filter(Number.isFinite))]));
}

const s1 = (ms: number): string => (ms / 1000).toFixed(2);
export const fmtS = (x: Stats): string => (x.n ? `${s1(x.median)} s (${s1(x.min)}–${s1(x.max)})` : 'n/a');
export const fmtMs = (x: Stats): string => (x.n ? `${x.median.toFixed(0)} ms (${x.min.toFixed(0)}–${x.max.toFixed(0)})` : 'n/a');
export const fmtR = (x: Stats): string => (x.n ? `${x.median.toFixed(3)} (${x.min.toFixed(3)}–${x.max.toFixed(3)})` : 'n/a');
export const fmtMbps = (x: Stats): string => (x.n ? `${x.median.toFixed(0)} MB/s (${x.min.toFixed(0)}–${x.max.toFixed(0)})` : 'n/a');
export const mark = (ok: boolean): string => (ok ? 'met' : '**missed**');
export const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;
