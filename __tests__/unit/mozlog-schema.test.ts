import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MozlogTally, mozlogProblem } from '../../src/smoke/mozlog-schema.js';
import { mozlogRule } from '../../src/smoke/log-rules.js';
import { Redactor } from '../../src/secrets/redactor.js';

const line = (o: Record<string, unknown>): string => JSON.stringify(o);
const full = {
  Timestamp: 1795505477722000000,
  Type: 'request.summary',
  Logger: 'app',
  Hostname: 'web-1',
  EnvVersion: '2.0',
  Severity: 6,
  Pid: 1,
  Fields: { path: '/', code: 200, ok: true, none: null, tags: ['a', 'b', 3] },
};

describe('mozlog schema', () => {
  const cases: { name: string; line: string; problem: string | null }[] = [
    { name: 'every field', line: line(full), problem: null },
    { name: 'only Timestamp (the one required field)', line: line({ Timestamp: 1 }), problem: null },
    { name: 'plain text', line: '2026-01-01 INFO listening', problem: 'not a JSON object' },
    { name: 'broken JSON', line: '{"Timestamp": 1', problem: 'not valid JSON' },
    { name: 'a JSON array', line: '[1]', problem: 'not a JSON object' },
    { name: 'no Timestamp', line: line({ ...full, Timestamp: undefined }), problem: 'Timestamp is missing' },
    { name: 'fractional Timestamp', line: line({ ...full, Timestamp: 1.5 }), problem: 'Timestamp must be integer' },
    { name: 'ISO Timestamp', line: line({ ...full, Timestamp: '2026-01-01T00:00:00Z' }), problem: 'Timestamp must be integer' },
    { name: 'EnvVersion 1.0', line: line({ ...full, EnvVersion: '1.0' }), problem: 'EnvVersion must be "2.0"' },
    { name: 'Severity 8', line: line({ ...full, Severity: 8 }), problem: 'Severity must be <= 7' },
    { name: 'Severity as a word', line: line({ ...full, Severity: 'info' }), problem: 'Severity must be integer' },
    { name: 'Pid as a string', line: line({ ...full, Pid: '1' }), problem: 'Pid must be integer' },
    { name: 'Type not a string', line: line({ ...full, Type: 3 }), problem: 'Type must be string' },
    { name: 'Hostname not a string', line: line({ ...full, Hostname: null }), problem: 'Hostname must be string' },
    { name: 'Fields an array', line: line({ ...full, Fields: [1] }), problem: 'Fields must be object' },
    {
      name: 'nested object in Fields',
      line: line({ ...full, Fields: { req: { path: '/' } } }),
      problem: 'Fields.req must be a scalar or a flat array of scalars',
    },
    {
      name: 'nested array in Fields',
      line: line({ ...full, Fields: { m: [[1]] } }),
      problem: 'Fields.m must be a scalar or a flat array of scalars',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(mozlogProblem(c.line), c.problem));
});

describe('DF302 from a tally', () => {
  const tally = (...lines: string[]): MozlogTally => {
    const t = new MozlogTally();
    for (const l of lines) t.add(l);
    return t;
  };
  const r = new Redactor(['hunter2-secret']);

  it('counts lines and shows the first offending one, redacted and shortened', () => {
    const t = tally(line(full), '', 'password=hunter2-secret ' + 'x'.repeat(400), 'second bad line', line(full));
    const row = mozlogRule(t, 'warn', r);
    assert.equal(row.status, 'fail');
    assert.equal(row.level, 'warning');
    assert.match(
      row.message,
      /^2 of 4 line\(s\) are mozlog; the first that is not \(not a JSON object\): "password=\*\*\* x+…"; log one mozlog/,
    );
    assert.ok(!row.message.includes('hunter2'));
  });
  it('follows the mozlog input for its level', () => {
    assert.equal(mozlogRule(tally('x'), 'require', r).level, 'error');
    assert.deepEqual(
      [mozlogRule(tally('x'), 'off', r).status, mozlogRule(tally('x'), 'off', r).message],
      ['skip', 'mozlog is off; set mozlog to warn or require to check the log format'],
    );
  });
  it('passes when every line is mozlog, and skips with no lines', () => {
    assert.equal(mozlogRule(tally(line(full), line(full)), 'require', r).message, 'all 2 line(s) are mozlog');
    assert.equal(mozlogRule(tally(), 'require', r).status, 'skip');
  });
});
