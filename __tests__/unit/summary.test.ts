import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { summaryText } from '../../src/report/summary.js';
import { reportRows, RULES, check, type CheckResult } from '../../src/rules/catalogue.js';

const report = (checks: CheckResult[]): Report => ({
  schemaVersion: 1,
  verdict: 'fail',
  image: { id: null, configDigest: null, manifestDigest: null, tags: [], digest: null, pushed: [] },
  version: null,
  checks,
  timings: {},
  error: 'no Docker engine answers',
});

it('summaryText: a run that judged nothing is one line, told by the typed skip reason, not by the message', () => {
  const none = reportRows([], new Set(), { skip: 'not-run', message: 'not run: the prepare stage failed (see the error)' });
  const text = summaryText(report(none), { dir: '/out' });
  assert.match(text, new RegExp(`^${RULES.length} rules not run: the prepare stage failed \\(see the error\\)$`, 'm'));
  assert.doesNotMatch(text, /^SKIP /m);

  // A rule skipped for another reason is listed, whatever its message says.
  const judged = none.map((r) =>
    r.id === 'DF205' ? check('DF205', 'skip', 'not run: services were never started', { skip: 'not-judged' }) : r,
  );
  const rows = summaryText(report(judged), { dir: '/out' });
  assert.doesNotMatch(rows, /rules not run/);
  assert.match(rows, /^SKIP DF205 .* not run: services were never started$/m);
  assert.equal(rows.split('\n').filter((l) => l.startsWith('SKIP ')).length, RULES.length);
});

it('summaryText: an ignored rule is listed even when every other rule was not run', () => {
  const rows = reportRows([], new Set(['DF104'] as const), {
    skip: 'interrupted',
    message: 'not run: the run was interrupted during the build stage',
  });
  const text = summaryText(report(rows), { dir: '/out' });
  assert.match(text, /^SKIP DF104 .* ignored by checks-ignore$/m);
  assert.match(text, /^SKIP DF101 .* not run: the run was interrupted during the build stage$/m);
});
