import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { RunContext } from '../pipeline/context.js';
import { RUN_LABEL } from '../pipeline/context.js';

/** The parts of `docker image inspect` the rules read. */
export interface ImageConfig {
  user: string;
  env: string[];
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir: string;
  labels: Record<string, string>;
}

export async function inspectImage(ctx: RunContext, imageId: string): Promise<ImageConfig> {
  const r = await ctx.runner.run(['docker', 'image', 'inspect', imageId], { quiet: true });
  const [img] = JSON.parse(r.stdout) as [{ Config?: Record<string, unknown> }];
  const c = (img?.Config ?? {}) as {
    User?: string;
    Env?: string[] | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
  };
  return {
    user: c.User ?? '',
    env: c.Env ?? [],
    entrypoint: c.Entrypoint && c.Entrypoint.length > 0 ? c.Entrypoint : null,
    cmd: c.Cmd && c.Cmd.length > 0 ? c.Cmd : null,
    workingDir: c.WorkingDir ?? '',
    labels: c.Labels ?? {},
  };
}

/**
 * Read files out of an image without running it: `docker create` (never started) + `docker cp`, so scratch and
 * distroless images are judged as they are. A missing file reads as null.
 */
export async function readImageFiles(ctx: RunContext, imageId: string, files: string[]): Promise<Map<string, string | null>> {
  const name = `${ctx.runId}-files`;
  const out = new Map<string, string | null>();
  // In the run's scratch folder (under RUNNER_TEMP in Actions), which the post step removes should main be killed.
  mkdirSync(ctx.workDir, { recursive: true });
  const dir = mkdtempSync(path.join(ctx.workDir, 'files-'));
  // `docker create` needs a command for images with neither ENTRYPOINT nor CMD; it is never run.
  const created = await ctx.runner.run(
    ['docker', 'create', '--name', name, '--label', `${RUN_LABEL}=${ctx.runId}`, '--entrypoint', '/dockerflow-never-run', imageId],
    { quiet: true },
  );
  const id = created.stdout.trim();
  try {
    await Promise.all(
      files.map(async (file, i) => {
        const dest = path.join(dir, String(i));
        const r = await ctx.runner.run(['docker', 'cp', '-L', `${id}:${file}`, dest], { allowFailure: true, quiet: true });
        out.set(file, r.exitCode === 0 ? safeRead(dest) : null);
      }),
    );
  } finally {
    await ctx.runner.run(['docker', 'rm', '-f', id], { allowFailure: true, quiet: true });
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

function safeRead(p: string): string | null {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return null; // a directory where a file was expected
  }
}
