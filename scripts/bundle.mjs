// Bundle the three entries with @vercel/ncc into the committed dist/: the action's main and post, and the CLI.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const entries = [
  ['src/index.ts', 'dist'],
  ['src/entry/post.ts', 'dist/post'],
  ['src/entry/cli.ts', 'dist/cli'],
];
rmSync('dist', { recursive: true, force: true });
for (const [entry, out] of entries) {
  execFileSync('npx', ['--no-install', 'ncc', 'build', entry, '-o', out, '--minify', '--target', 'es2023', '--quiet', '--no-source-map-register'], { stdio: 'inherit' });
}
