import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/run.js';

test('the smoke stage keeps its time limits in src/smoke/limits.ts (as that file says)', () => {
  const files = [
    ...readdirSync(path.join(ROOT, 'src/smoke'))
      .filter((f) => f.endsWith('.ts') && f !== 'limits.ts')
      .map((f) => `src/smoke/${f}`),
    'src/stages/smoke.ts',
  ];
  const found: string[] = [];
  for (const file of files) {
    readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        // A limit declared here, or a literal wait of 100 ms or more.
        if (
          /^\s*(export )?const [A-Z][A-Z0-9_]*_(MS|S) = /.test(code) ||
          /\b(setTimeout|settle|within|sleep)\(.*\b\d{3,}(_\d{3})*\b/.test(code)
        )
          found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, [], 'move these limits into src/smoke/limits.ts');
});
