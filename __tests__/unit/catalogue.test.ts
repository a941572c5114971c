import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STATIC_RULES } from '../../src/inspect/static-rules.js';
import { check, RULES, rulesOf, SKIP_REASONS, type Stage } from '../../src/rules/catalogue.js';
import { SMOKE_RULES } from '../../src/stages/smoke.js';

describe('the rule catalogue drives the stages', () => {
  it("splits every rule into exactly one stage's list, each in catalogue order", () => {
    const stages: Stage[] = ['inspect', 'smoke', 'test'];
    const all = stages.flatMap((s) => rulesOf(s));
    assert.deepEqual([...all].sort(), RULES.map((r) => r.id).sort());
    for (const s of stages) {
      const ids = rulesOf(s);
      assert.deepEqual(
        ids,
        RULES.filter((r) => ids.includes(r.id)).map((r) => r.id),
        s,
      );
    }
    assert.deepEqual(SMOKE_RULES, rulesOf('smoke'));
    assert.deepEqual(rulesOf('test'), ['DF401']);
  });

  it('has a judge for every inspect rule and none for a rule of another stage', () => {
    // DF108 is BuildKit's own checks, run beside the static rules (inspect/build-checks.ts).
    const judged = [...STATIC_RULES.map(([id]) => id), 'DF108'].sort();
    assert.deepEqual(judged, [...rulesOf('inspect')].sort());
  });

  it('a skip row carries its typed reason, other rows none', () => {
    for (const skip of SKIP_REASONS) assert.equal(check('DF206', 'skip', 'why', { skip }).skip, skip);
    assert.deepEqual(Object.keys(check('DF206', 'skip', 'why', { skip: 'not-configured' })), [
      'id',
      'title',
      'level',
      'status',
      'skip',
      'message',
    ]);
    assert.ok(!('skip' in check('DF206', 'pass', 'ok')));
    assert.ok(!('skip' in check('DF206', 'fail', 'no')));
  });
});
