import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineVersion, MIN_ENGINE, tooOld } from '../../src/docker/engine.js';

test('engine version: numbered versions parse, Debian and Desktop suffixes ignored', () => {
  assert.deepEqual(engineVersion('28.5.2+dfsg4'), [28, 5]);
  assert.deepEqual(engineVersion('20.10.24+dfsg1\n'), [20, 10]);
  assert.deepEqual(engineVersion('v29.0.1'), [29, 0]);
  assert.equal(engineVersion('dev'), null);
});

test('engine minimum: 20.10 and 27 are refused in one line naming the version and the fix; 28 and later pass', () => {
  assert.equal(MIN_ENGINE.major, 28);
  const old = tooOld('20.10.24+dfsg1');
  assert.equal(
    old,
    "Docker Engine 20.10.24+dfsg1 is older than 28.0, the oldest this tool supports: upgrade the engine (GitHub's runners ship 28) or point DOCKER_HOST at a newer one",
  );
  assert.ok(!old!.includes('\n'));
  assert.match(tooOld('27.5.1') ?? '', /^Docker Engine 27\.5\.1 is older than 28\.0/);
  for (const ok of ['28.0.0', '28.5.2+dfsg4', '29.1.0', '100.0.0', 'master-dockerproject-2026-01-01']) assert.equal(tooOld(ok), null, ok);
});
