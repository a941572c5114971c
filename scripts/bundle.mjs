// Bundle the three entries with @vercel/ncc into the committed dist/: the action's main and post, and the CLI.
// `node scripts/bundle.mjs OUTDIR` bundles elsewhere (the staleness test compares that with dist/).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

const outRoot = process.argv[2] ?? 'dist';
const entries = [
  ['src/index.ts', ''],
  ['src/entry/post.ts', 'post'],
  ['src/entry/cli.ts', 'cli'],
];
rmSync(outRoot, { recursive: true, force: true });
await Promise.all(
  entries.map(
    ([entry, sub]) =>
      new Promise((resolve, reject) => {
        try {
          execFileSync('npx', ['--no-install', 'ncc', 'build', entry, '-o', path.join(outRoot, sub), '--target', 'es2023', '--quiet', '--no-source-map-register'], {
            stdio: ['ignore', 'inherit', 'inherit'],
          });
          resolve();
        } catch (e) {
          reject(e);
        }
      }),
  ),
);
