import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STATIC_RULES, type StaticFacts } from '../../src/inspect/static-rules.js';
import type { CheckResult, RuleId } from '../../src/rules/catalogue.js';

const VERSION = { source: 'https://github.com/x/y', version: 'v1', commit: 'c'.repeat(40), build: 'local' };

function facts(over: { user?: string; passwd?: string; group?: string }): StaticFacts {
  return {
    image: { user: over.user ?? 'app', env: [], entrypoint: ['node'], cmd: ['serve'], workingDir: '/app', labels: {} },
    dockerfile: { file: 'Dockerfile', finalStage: [], fromLine: 1 },
    passwd: over.passwd ?? 'root:x:0:0::/root:/bin/sh\napp:x:10001:10001::/app:/usr/sbin/nologin\n',
    group: over.group ?? 'root:x:0:\napp:x:10001:\n',
    versionFile: JSON.stringify(VERSION),
    expectedVersion: VERSION,
    secretNames: [],
    secretHits: null,
  };
}

const judge = (id: RuleId, f: StaticFacts): CheckResult => STATIC_RULES.find(([r]) => r === id)![1](f);

describe('DF101 and DF102 on the image files', () => {
  const cases: { name: string; id: RuleId; f: StaticFacts; status: 'pass' | 'fail'; message?: RegExp }[] = [
    { name: 'USER app, uid 10001', id: 'DF101', f: facts({}), status: 'pass' },
    { name: 'USER 10001 by number', id: 'DF101', f: facts({ user: '10001' }), status: 'pass' },
    { name: 'no USER (root)', id: 'DF101', f: facts({ user: '' }), status: 'fail', message: /root/ },
    { name: 'USER 0', id: 'DF101', f: facts({ user: '0' }), status: 'fail' },
    {
      name: 'app with another uid',
      id: 'DF101',
      f: facts({ passwd: 'app:x:1000:10001::/app:/bin/sh\n' }),
      status: 'fail',
      message: /1000/,
    },
    { name: 'group app 10001 is the primary group', id: 'DF102', f: facts({}), status: 'pass' },
    {
      name: 'group app with another gid',
      id: 'DF102',
      f: facts({ group: 'app:x:10002:\n' }),
      status: 'fail',
      message: /GID 10002; it must be 10001/,
    },
    { name: 'no group app', id: 'DF102', f: facts({ group: 'root:x:0:\n' }), status: 'fail', message: /no group app/ },
    {
      name: 'only a supplementary member of app',
      id: 'DF102',
      f: facts({ passwd: 'app:x:10001:100::/app:/bin/sh\n', group: 'users:x:100:\napp:x:10001:app\n' }),
      status: 'fail',
      message: /primary group has GID 100, not app \(10001\) \(it is only a supplementary member of app\)/,
    },
    {
      name: 'primary group elsewhere, but USER app:app',
      id: 'DF102',
      f: facts({ user: 'app:app', passwd: 'app:x:10001:100::/app:/bin/sh\n', group: 'app:x:10001:\n' }),
      status: 'pass',
    },
    {
      name: 'USER app:root',
      id: 'DF102',
      f: facts({ user: 'app:root' }),
      status: 'fail',
      message: /runs with group root/,
    },
  ];
  for (const c of cases) {
    it(`${c.id}: ${c.name} → ${c.status}`, () => {
      const row = judge(c.id, c.f);
      assert.equal(row.status, c.status, row.message);
      if (c.message) assert.match(row.message, c.message);
    });
  }
});

describe('DF106 says what the layer scan read and skipped', () => {
  const stats = {
    path: 'overlay2' as const,
    mode: 'new' as const,
    base: 'node:24-slim',
    layers: { scanned: 3, skipped: 5 },
    bytes: { scanned: 12_345_678, skipped: 318_400_000 },
    ms: 120,
  };
  it('on a pass and on a hit, with the path taken; a fallback says why', () => {
    const pass = judge('DF106', {
      ...facts({}),
      secretNames: ['build secret token', 'build secret token'],
      secretHits: [],
      secretScan: stats,
    });
    assert.equal(pass.status, 'pass');
    assert.equal(
      pass.message,
      'no secret-like ENV keys; 1 secret value(s) found in no layer, config or history (scanned 3 of 8 layer(s) (12.3 MB) via overlay2; skipped the 5 layer(s) (318.4 MB) of the base image node:24-slim)',
    );
    const fail = judge('DF106', {
      ...facts({}),
      secretNames: ['registry login'],
      secretHits: [{ needle: 0, where: 'layer abc: /x' }],
      secretScan: { ...stats, path: 'docker save', fallback: 'the engine stores layers with vfs, not overlay2' },
    });
    assert.equal(fail.status, 'fail');
    assert.match(fail.message, /registry login in layer abc: \/x/);
    assert.match(
      fail.message,
      /via docker save \(the engine stores layers with vfs, not overlay2\); skipped the 5 layer\(s\) \(318\.4 MB\) of the base image node:24-slim, streamed by docker save but not judged\)$/,
    );
    const all = judge('DF106', {
      ...facts({}),
      secretNames: ['t'],
      secretHits: [],
      secretScan: { ...stats, mode: 'all', base: 'secret-scan: all', layers: { scanned: 8, skipped: 0 } },
    });
    assert.match(all.message, /scanned 8 of 8 layer\(s\) \(12\.3 MB\) via overlay2; skipped none \(secret-scan: all\)/);
  });
});
