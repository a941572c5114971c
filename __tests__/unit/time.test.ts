import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secs, within } from '../../src/time/time.js';

test('secs: one decimal, a space, s', () => {
  assert.equal(secs(0), '0.0 s');
  assert.equal(secs(1234), '1.2 s');
  assert.equal(secs(10_050), '10.1 s');
  assert.equal(secs(95_000), '95.0 s');
});

test('within: the value when it comes first, the fallback when the timer does, a rejection as is', async () => {
  assert.equal(await within(Promise.resolve('exited'), 10_000, null), 'exited');
  const t0 = performance.now();
  assert.equal(await within(new Promise<never>(() => undefined), 30, 'timed out'), 'timed out');
  assert.ok(performance.now() - t0 >= 25);
  await assert.rejects(within(Promise.reject(new Error('boom')), 10_000, null), /boom/);
});

test('within: the timer is cleared once the promise settles (no late fire, nothing kept alive)', async () => {
  const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  await within(Promise.resolve(1), 60_000, 0);
  await within(Promise.reject(new Error('x')), 60_000, 0).catch(() => undefined);
  assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, before);
});
