// Bundle the three entries with @vercel/ncc into the committed dist/: the action's main and post, and the CLI.
// `node scripts/bundle.mjs OUTDIR` bundles elsewhere (`npm run check:dist`, scripts/check-dist.mjs, compares that with dist/).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';

const outRoot = process.argv[2] ?? 'dist';
const entries = [
  ['src/index.ts', ''],
  ['src/entry/post.ts', 'post'],
  ['src/entry/cli.ts', 'cli'],
];
// Built beside the target and moved into place at the end: a bundle that is stopped half-way (or fails) leaves
// the committed dist/ as it was, not deleted.
const building = `${outRoot}.building-${process.pid}`;
rmSync(building, { recursive: true, force: true });
// The three builds run at once (an execFileSync inside a promise would run them one after another).
const run = promisify(execFile);
try {
  // Every build settles before the folder goes: at the first failure the others are still writing into it, and
  // would leave a dist.building-* behind the cleanup (which lint then reads).
  const built = await Promise.allSettled(
    entries.map(([entry, sub]) =>
      run('npx', [
        '--no-install',
        'ncc',
        'build',
        entry,
        '-o',
        path.join(building, sub),
        '--target',
        'es2023',
        '--quiet',
        '--no-source-map-register',
      ]).then(({ stderr }) => process.stderr.write(stderr)),
    ),
  );
  const failed = built.find((b) => b.status === 'rejected');
  if (failed) throw failed.reason;
  rmSync(outRoot, { recursive: true, force: true });
  renameSync(building, outRoot);
} finally {
  rmSync(building, { recursive: true, force: true });
}
