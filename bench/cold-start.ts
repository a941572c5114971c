/** Section 4: from spawning `node` to the first byte it writes. */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { ACTION, CLI, envWithout, ROOT, stats, type Settings, type Stats } from './common.js';
import { ID, tmpdir } from './resources.js';

export interface ColdStart {
  action: Stats;
  cli: Stats;
  node: Stats;
  sizes: Record<string, number>;
}

/** Process spawn to the first byte of output, with no `GITHUB_*`/`INPUT_*`/`RUNNER_*` variables. */
async function firstOutput(argv: string[], cwd: string): Promise<number> {
  const env = envWithout((k) => k.startsWith('GITHUB_') || k.startsWith('INPUT_') || k.startsWith('RUNNER_'));
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let at: number | null = null;
    const first = (): void => void (at ??= performance.now() - t0);
    child.stdout.once('data', first);
    child.stderr.once('data', first);
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => (at === null ? reject(new Error(`${argv.join(' ')} printed nothing`)) : resolve(at)));
  });
}

export async function coldStart(s: Settings): Promise<ColdStart> {
  // An empty directory: the action reads its inputs (none), says the Dockerfile is missing and exits.
  const cwd = tmpdir(`${ID}-cold`);
  const n = Math.max(s.runs * 2, 5);
  const a: number[] = [];
  const c: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n + 1; i++) {
    const [x, y, z] = [
      await firstOutput([process.execPath, ACTION], cwd),
      await firstOutput([process.execPath, CLI, '--help'], cwd),
      await firstOutput([process.execPath, '-e', 'console.log(1)'], cwd),
    ];
    if (i === 0) continue; // warm the page cache
    a.push(x);
    c.push(y);
    b.push(z);
  }
  const sizes = Object.fromEntries(['dist/index.js', 'dist/cli/index.js'].map((f) => [f, statSync(path.join(ROOT, f)).size]));
  return { action: stats(a), cli: stats(c), node: stats(b), sizes };
}
