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
