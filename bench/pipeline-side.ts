/** The pipeline side of every ratio: one `node dist/cli/index.js run -q` and what it left in its out dir. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, localEnv, ROOT, wallNow } from './common.js';
import { created, ID, tmpdir } from './resources.js';

export interface PipelineRun {
  ms: number;
  report: {
    verdict: string;
    image: { id: string | null; tags: string[] };
    timings: Record<string, number>;
    checks: { id: string; status: string; message: string }[];
  };
  buildLog: string;
  out: string;
  /** Wall-clock ms when the CLI printed its verdict line. */
  verdictAt: number | null;
}

/** One CLI run, timed from spawn to exit; `input` goes to `--password-stdin`. Throws unless the verdict is `expect`. */
export async function pipeline(args: string[], o: { input?: string; expect?: 'pass' | 'fail' } = {}): Promise<PipelineRun> {
  const out = tmpdir(`${ID}-out`);
  const argv = [process.execPath, CLI, 'run', '-q', '--out', out, ...args, ...(o.input !== undefined ? ['--password-stdin'] : [])];
  const env = localEnv();
  const t0 = performance.now();
  let verdictAt: number | null = null;
  let stderr = '';
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (verdictAt === null && /verdict: /.test(stdout)) verdictAt = wallNow();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? -1));
    child.stdin.end(o.input ?? '');
  });
  const ms = performance.now() - t0;
  if (!existsSync(path.join(out, 'dockerflow-report.json')))
    throw new Error(`pipeline ${args.join(' ')} exited ${code} without a report: ${stderr.trim()}`);
  const report = JSON.parse(readFileSync(path.join(out, 'dockerflow-report.json'), 'utf8')) as PipelineRun['report'];
  const buildLog = readFileSync(path.join(out, 'build.log'), 'utf8');
  if (report.image.id) created.images.add(report.image.id);
  for (const t of report.image.tags) created.tags.add(t);
  const want = o.expect ?? 'pass';
  if (report.verdict !== want) {
    const bad = report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.message.split('\n')[0]}`);
    throw new Error(
      `pipeline ${args.join(' ')} gave ${report.verdict} (exit ${code}), expected ${want}: ${bad.join('; ')} (out dir ${out})`,
    );
  }
  return { ms, report, buildLog, out, verdictAt };
}

/** The app's own log: ms from its `server.listening` line to the first `request.summary` of a 200 /__lbheartbeat__. */
export function listenToFirstProbe(lines: string[]): number | null {
  let listening: number | null = null;
  for (const line of lines) {
    const json = line.slice(line.indexOf('{'));
    let e: { Timestamp?: number; Type?: string; Fields?: { path?: string; code?: number } };
    try {
      e = JSON.parse(json) as typeof e;
    } catch {
      continue;
    }
    if (typeof e.Timestamp !== 'number') continue;
    if (e.Type === 'server.listening' && listening === null) listening = e.Timestamp / 1e6;
    if (listening !== null && e.Type === 'request.summary' && e.Fields?.path === '/__lbheartbeat__' && e.Fields.code === 200) {
      return e.Timestamp / 1e6 - listening;
    }
  }
  return null;
}
