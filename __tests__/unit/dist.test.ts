import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { ROOT } from '../helpers/run.js';

function files(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))],
  );
}

it('dist/ matches a fresh bundle of src/ (run `npm run bundle` and commit dist/)', { timeout: 180_000 }, () => {
  // Bundled from the repository itself (module IDs depend on paths relative to it), into a temporary folder.
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dist-check-'));
  try {
    execFileSync(process.execPath, ['scripts/bundle.mjs', path.join(tmp, 'dist')], { cwd: ROOT, stdio: 'pipe' });
    const fresh = files(path.join(tmp, 'dist')).sort();
    assert.deepEqual(files(path.join(ROOT, 'dist')).sort(), fresh, 'the same files');
    for (const f of fresh) {
      assert.ok(
        readFileSync(path.join(ROOT, 'dist', f)).equals(readFileSync(path.join(tmp, 'dist', f))),
        `dist/${f} is stale: run npm run bundle and commit dist/`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
