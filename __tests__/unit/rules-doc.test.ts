import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../src/rules/catalogue.js';
import { heading, markdownTitle, rulesDoc, TABLE_END, TABLE_START } from '../../src/rules/doc.js';
import { ROOT } from '../helpers/run.js';

const DOC = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');

describe('docs/rules.md follows the catalogue', () => {
  it('is what npm run docs:rules generates from src/rules/catalogue.ts (table and headings)', () => {
    assert.equal(DOC, rulesDoc(DOC), 'docs/rules.md differs from the catalogue: run npm run docs:rules and commit it');
  });

  it('has one table row and one heading per rule, in catalogue order, with its title and level', () => {
    const table = DOC.slice(DOC.indexOf(TABLE_START), DOC.indexOf(TABLE_END));
    const rows = table.split('\n').filter((l) => /^\| DF\d{3} /.test(l));
    assert.deepEqual(
      rows.map((l) => l.split(' | ')[0]!.slice(2)),
      RULES.map((r) => r.id),
    );
    for (const r of RULES) {
      assert.ok(
        rows.some((l) => l.startsWith(`| ${r.id} | ${markdownTitle(r.title)} | ${r.level === 'warning' ? '' : r.level}`)),
        r.id,
      );
    }
    const headings = DOC.split('\n').filter((l) => /^## DF\d{3} /.test(l));
    assert.deepEqual(
      headings,
      RULES.map((r) => heading(r)),
    );
  });

  it('regenerates a drifted heading or table row, adds a missing rule, refuses a rule the catalogue lacks', () => {
    const drifted = DOC.replace('## DF203 — `/__heartbeat__` answers 200', '## DF203 — Heartbeat is fine').replace(
      '| DF101 | Default user is app with UID 10001 | error |',
      '| DF101 | Default user is app | warning |',
    );
    assert.notEqual(drifted, DOC);
    assert.equal(rulesDoc(drifted), DOC);

    const start = DOC.indexOf('## DF206 ');
    const missing = DOC.slice(0, start) + DOC.slice(DOC.indexOf('## DF207 '));
    const added = rulesDoc(missing);
    assert.match(added, /## DF206 — Static paths answer 200\n\n\*\*Checks:\*\* \(to be written/);
    assert.ok(added.indexOf('## DF206 ') > added.indexOf('## DF205 ') && added.indexOf('## DF206 ') < added.indexOf('## DF207 '));

    assert.throws(() => rulesDoc(`${DOC}\n## DF999 — Gone\n\ntext\n`), /documents DF999, not in src\/rules\/catalogue\.ts/);
  });

  it('keeps the hand-written text: DF102 asks for the primary group, as the code does', () => {
    const df102 = DOC.slice(DOC.indexOf('## DF102 '), DOC.indexOf('## DF103 '));
    assert.doesNotMatch(df102, /or it is listed as a member/);
    assert.match(df102, /primary group/);
    assert.match(df102, /supplementary member of `app` .*fails/s);
  });
});
