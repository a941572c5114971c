/** Run the action's `run()` from source through @github/local-action, whose toolkit stubs write artifacts to a folder. */
import { createReadStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error: unzip-stream ships no types
import unzip from 'unzip-stream';
import { ROOT, cleanEnv, spawnProc, type ProcResult } from './run.js';

export interface LocalActionRun extends ProcResult {
  artifactDir: string;
  workspace: string;
}

export async function runLocalAction(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<LocalActionRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'local-action-'));
  const artifactDir = path.join(dir, 'artifacts');
  const workspace = path.join(dir, 'workspace');
  mkdirSync(artifactDir);
  mkdirSync(workspace);
  const vars: Record<string, string> = {
    GITHUB_REPOSITORY: 'example/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    RUNNER_TEMP: dir,
    LOCAL_ACTION_ARTIFACT_PATH: artifactDir,
    LOCAL_ACTION_WORKSPACE: workspace,
    ...env,
  };
  for (const [k, v] of Object.entries(inputs)) vars[`INPUT_${k.toUpperCase()}`] = v;
  const envFile = path.join(dir, '.env');
  writeFileSync(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join('\n'),
  );
  const r = await spawnProc(
    [process.execPath, path.join(ROOT, 'node_modules/@github/local-action/bin/local-action.js'), 'run', ROOT, 'src/main.ts', envFile],
    {
      env: cleanEnv(),
    },
  );
  return { ...r, artifactDir, workspace };
}

/** File name → content of every file in a zip. */
export function readZip(file: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, string>();
    const pending: Promise<void>[] = [];
    createReadStream(file)
      .pipe(unzip.Parse())
      .on('entry', (entry: NodeJS.ReadableStream & { path: string }) => {
        const chunks: Buffer[] = [];
        pending.push(
          new Promise((done) => {
            entry.on('data', (c: Buffer) => chunks.push(c));
            entry.on('end', () => {
              out.set(entry.path, Buffer.concat(chunks).toString('utf8'));
              done();
            });
          }),
        );
      })
      .on('finish', () => void Promise.all(pending).then(() => resolve(out)))
      .on('error', reject);
  });
}
