import assert from 'node:assert/strict';
import { it } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES, SKIP_REASONS } from '../../src/rules/catalogue.js';
import { reportProblems } from '../helpers/report-schema.js';
import { ROOT } from '../helpers/run.js';

const good = {
  schemaVersion: 1,
  verdict: 'pass',
  image: {
    id: `sha256:${'a'.repeat(64)}`,
    configDigest: `sha256:${'a'.repeat(64)}`,
    manifestDigest: null,
    tags: ['docker.io/x/y:latest'],
    digest: null,
    pushed: [],
  },
  version: { source: 'https://github.com/x/y', version: 'v1', commit: 'c'.repeat(40), build: 'local' },
  checks: RULES.map((r) => ({ id: r.id, title: r.title, level: r.level, status: 'pass', message: 'ok' })),
  timings: { prepare: 10, build: 20 },
};

it('docs/report.schema.json accepts a well-formed report and rejects broken ones (the e2e checks can fail)', () => {
  assert.equal(reportProblems(good), '');
  assert.match(reportProblems({ ...good, verdict: 'ok' }), /\/verdict must be equal to one of the allowed values/);
  assert.match(reportProblems({ ...good, image: { ...good.image, digest: 'sha256:short' } }), /\/image\/digest must match pattern/);
  assert.match(reportProblems({ ...good, image: { ...good.image, manifestDigest: 'sha256:short' } }), /\/image\/manifestDigest must match/);
  const noConfig: Partial<typeof good.image> = { ...good.image };
  delete noConfig.configDigest;
  assert.match(reportProblems({ ...good, image: noConfig }), /\/image must have required property 'configDigest'/);
  assert.match(reportProblems({ ...good, timings: { build: 1.5 } }), /\/timings\/build must be integer/);
  assert.match(reportProblems({ ...good, checks: good.checks.slice(1) }), /one row per rule in catalogue order/);
  assert.match(reportProblems({ ...good, schemaVersion: undefined }), /must have required property 'schemaVersion'/);
  // A skip says why in `skip` (optional in the schema: older reports lack it), one of the catalogue's reasons.
  const skipped = (extra: object) => ({ ...good, checks: [{ ...good.checks[0]!, status: 'skip', ...extra }, ...good.checks.slice(1)] });
  assert.equal(reportProblems(skipped({ skip: 'ignored' })), '');
  assert.match(reportProblems(skipped({ skip: 'later' })), /\/checks\/0\/skip must be equal to one of the allowed values/);
  assert.match(reportProblems(skipped({})), /DF101 is skip with skip \(none\)/);
  assert.match(
    reportProblems({ ...good, checks: [{ ...good.checks[0]!, skip: 'ignored' }, ...good.checks.slice(1)] }),
    /DF101 is pass with skip ignored/,
  );
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs/report.schema.json'), 'utf8'));
  assert.deepEqual(schema.properties.checks.items.properties.skip.enum, SKIP_REASONS, "the schema's skip reasons are the catalogue's");
  assert.ok(!schema.properties.checks.items.required.includes('skip'), 'optional: a report written before it still validates');
});
