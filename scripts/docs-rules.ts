// `npm run docs:rules`: regenerate docs/rules.md's rule table and headings from src/rules/catalogue.ts (the text
// under each heading is kept). `--check` only says whether the file is current (exit 1 when it is not).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rulesDoc } from '../src/rules/doc.js';

const file = path.join(import.meta.dirname, '..', 'docs', 'rules.md');
const current = readFileSync(file, 'utf8');
const next = rulesDoc(current);
if (next === current) {
  console.log('docs/rules.md is current');
} else if (process.argv.includes('--check')) {
  console.error('docs/rules.md differs from the catalogue: run npm run docs:rules and commit it');
  process.exitCode = 1;
} else {
  writeFileSync(file, next);
  console.log('docs/rules.md regenerated from src/rules/catalogue.ts');
}
