// `npm run check:dist`: dist/ must equal a fresh bundle of src/ (run `npm run bundle` and commit dist/ when it
// does not). Bundles into a temporary folder from the repository itself (ncc's module IDs depend on paths
// relative to it) and compares file by file; exit 1 names the stale files. scripts/test.sh runs it before the
// suite; it is not part of `npm run test:unit`, whose inner loop it would triple.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const dist = path.resolve(root, process.argv[2] ?? 'dist');

function files(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))],
  );
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dist-check-'));
try {
  execFileSync(process.execPath, ['scripts/bundle.mjs', path.join(tmp, 'dist')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const fresh = files(path.join(tmp, 'dist')).sort();
  const have = files(dist).sort();
  const problems = [
    ...fresh.filter((f) => !have.includes(f)).map((f) => `dist/${f} is missing`),
    ...have.filter((f) => !fresh.includes(f)).map((f) => `dist/${f} is not in a fresh bundle`),
    ...fresh
      .filter((f) => have.includes(f) && !readFileSync(path.join(dist, f)).equals(readFileSync(path.join(tmp, 'dist', f))))
      .map((f) => `dist/${f} is stale`),
  ];
  if (problems.length) {
    console.error(`${problems.join('; ')}: run npm run bundle and commit dist/`);
    process.exitCode = 1;
  } else {
    console.log(`dist/ matches a fresh bundle of src/ (${fresh.length} files)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
