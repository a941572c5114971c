import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Check, heartbeat, runCheck, worst } from '../src/heartbeat.js';

const check = (name: string, run: Check['run'], timeoutMs = 200): Check => ({ name, timeoutMs, run });

describe('heartbeat', () => {
  it('computes the worst status', () => {
    assert.equal(worst([]), 'ok');
    assert.equal(worst(['ok', 'ok']), 'ok');
    assert.equal(worst(['ok', 'warning']), 'warning');
    assert.equal(worst(['warning', 'error', 'ok']), 'error');
  });

  it('is 200/ok with no checks', async () => {
    assert.deepEqual(await heartbeat([]), { httpStatus: 200, body: { status: 'ok', checks: {}, details: {} } });
  });

  it('is 200/ok when every check passes', async () => {
    const r = await heartbeat([check('database', async () => ({ status: 'ok' }))]);
    assert.equal(r.httpStatus, 200);
    assert.equal(r.body.status, 'ok');
    assert.deepEqual(r.body.checks, { database: 'ok' });
    assert.equal(typeof r.body.details.database?.ms, 'number');
  });

  it('stays 200 on a warning', async () => {
    const r = await heartbeat([
      check('database', async () => ({ status: 'warning', detail: { message: 'schema migration pending' } })),
      check('other', async () => ({ status: 'ok' })),
    ]);
    assert.equal(r.httpStatus, 200);
    assert.equal(r.body.status, 'warning');
    assert.deepEqual(r.body.checks, { database: 'warning', other: 'ok' });
    assert.equal(r.body.details.database?.message, 'schema migration pending');
  });

  it('is 500/error when a check throws, with the message in details', async () => {
    const r = await heartbeat([
      check('database', async () => {
        throw new Error('connect ECONNREFUSED');
      }),
    ]);
    assert.equal(r.httpStatus, 500);
    assert.deepEqual(r.body.checks, { database: 'error' });
    assert.equal(r.body.status, 'error');
    assert.equal(r.body.details.database?.message, 'connect ECONNREFUSED');
  });

  it('turns a hung check into an error at its deadline and aborts it', async () => {
    let aborted = false;
    const started = Date.now();
    const r = await heartbeat([
      check(
        'database',
        (signal) =>
          new Promise(() => {
            signal.addEventListener('abort', () => (aborted = true));
          }),
        150,
      ),
    ]);
    const elapsed = Date.now() - started;
    assert.equal(r.httpStatus, 500);
    assert.match(String(r.body.details.database?.message), /timed out after 150 ms/);
    assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    assert.ok(aborted);
  });

  it('runs checks concurrently', async () => {
    const slow = (name: string) =>
      check(name, () => new Promise((resolve) => setTimeout(() => resolve({ status: 'ok' }), 100)), 1000);
    const started = Date.now();
    await heartbeat([slow('a'), slow('b'), slow('c')]);
    assert.ok(Date.now() - started < 280);
  });

  it('runCheck reports a non-Error rejection', async () => {
    const outcome = await runCheck(check('x', () => Promise.reject('plain string')));
    assert.equal(outcome.status, 'error');
    assert.equal(outcome.detail?.message, 'plain string');
  });
});
