import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secs } from '../../src/log/format.js';

test('secs: one decimal, a space, s', () => {
  assert.equal(secs(0), '0.0 s');
  assert.equal(secs(1234), '1.2 s');
  assert.equal(secs(10_050), '10.1 s');
  assert.equal(secs(95_000), '95.0 s');
});
