import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeHeartbeatBody } from '../../src/smoke/heartbeat-body.js';

describe('heartbeat body in a failure message', () => {
  const cases: { name: string; body: string; want: string }[] = [
    {
      name: 'python-dockerflow shape: failing checks first, with their messages',
      body: JSON.stringify({
        status: 'error',
        checks: { cache: 'ok', database: 'error', queue: 'warning' },
        details: {
          database: { status: 'error', level: 40, messages: { 'health.E001': 'could not connect', 'health.E002': 'timeout' } },
          queue: { status: 'warning', level: 30, messages: { 'health.W001': 'lagging' } },
        },
      }),
      want: 'status "error"; checks: database=error, queue=warning, cache=ok; database: could not connect (health.E001), timeout (health.E002); queue: lagging (health.W001)',
    },
    {
      name: 'details as plain strings',
      body: JSON.stringify({ status: 'error', checks: { db: 'error' }, details: { db: 'connection refused' } }),
      want: 'status "error"; checks: db=error; db: connection refused',
    },
    { name: 'status only', body: JSON.stringify({ status: 'error' }), want: 'status "error"' },
    { name: 'other JSON', body: JSON.stringify({ ok: false }), want: 'body {"ok":false}' },
    { name: 'text', body: 'Internal Server Error\n', want: 'body "Internal Server Error"' },
    { name: 'empty', body: '  ', want: 'an empty body' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(describeHeartbeatBody(c.body), c.want));

  it('shortens a long body to one line', () => {
    const out = describeHeartbeatBody(`<html>\n${'x'.repeat(1000)}\n</html>`, 50);
    assert.equal(out.length, 50 + 'body ""'.length);
    assert.ok(!out.includes('\n'));
    assert.ok(out.endsWith('…"'));
  });
});
