/**
 * Test helpers that run the real thing: the CLI from source (through tsx) and the bundled action
 * (`node dist/index.js`) with the runner's environment contract.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, '__tests__/fixtures');

export interface ProcResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function spawnProc(argv: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Promise<ProcResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Math.round(performance.now() - t0) }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Environment without anything from a surrounding GitHub Actions job. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|STATE_)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** `dockerflow <args>` from source. */
export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): Promise<ProcResult> {
  return spawnProc([process.execPath, '--import', 'tsx', path.join(ROOT, 'src/entry/cli.ts'), ...args], {
    env: cleanEnv(opts.env),
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
}

export interface ActionRun extends ProcResult {
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  runnerTemp: string;
}

export interface ActionEnv {
  inputs: Record<string, string>;
  /** GITHUB_EVENT_NAME, and the payload written to GITHUB_EVENT_PATH. */
  eventName?: string;
  event?: object;
  ref?: string;
  sha?: string;
  repository?: string;
  workspace?: string;
  env?: NodeJS.ProcessEnv;
  entry?: 'dist/index.js' | 'dist/post/index.js';
}

/** Parse the runner's file-command format (`name<<DELIM\nvalue\nDELIM`). */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<=]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.includes('<<')) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

export interface ActionFiles {
  output: string;
  summary: string;
  state: string;
  event: string;
}

let head: string | undefined;
/** The commit of this checkout. */
function headCommit(): string {
  head ??= execFileSync('git', ['-C', ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  return head;
}

/** The environment the runner gives an action step, with its file-command files in a fresh RUNNER_TEMP. */
export function actionEnv(a: ActionEnv): { env: NodeJS.ProcessEnv; files: ActionFiles; temp: string } {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'dockerflow-runner-'));
  const files = {
    output: path.join(temp, 'output'),
    summary: path.join(temp, 'summary'),
    state: path.join(temp, 'state'),
    event: path.join(temp, 'event.json'),
  };
  for (const f of [files.output, files.summary, files.state]) writeFileSync(f, '');
  writeFileSync(files.event, JSON.stringify(a.event ?? {}));
  const env: NodeJS.ProcessEnv = cleanEnv({
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: a.eventName ?? 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REF: a.ref ?? 'refs/heads/main',
    // As on a runner, the commit the workflow ran from is the one checked out (unless a test says otherwise).
    GITHUB_SHA: a.sha ?? headCommit(),
    GITHUB_REPOSITORY: a.repository ?? 'example/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: a.workspace ?? ROOT,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: temp,
    ...a.env,
  });
  for (const [k, v] of Object.entries(a.inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return { env, files, temp };
}

/** `node dist/index.js` as the runner starts it. */
export async function runAction(a: ActionEnv): Promise<ActionRun> {
  const { env, files, temp } = actionEnv(a);
  const r = await spawnProc([process.execPath, path.join(ROOT, a.entry ?? 'dist/index.js')], { env, cwd: a.workspace ?? ROOT });
  return {
    ...r,
    outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
    summary: existsSync(files.summary) ? readFileSync(files.summary, 'utf8') : '',
    state: parseFileCommand(readFileSync(files.state, 'utf8')),
    runnerTemp: temp,
  };
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
