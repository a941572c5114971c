import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inCatalogueOrder } from '../../src/pipeline/pipeline.js';
import { RULES, check } from '../../src/rules/catalogue.js';
import { dockerTime } from '../../src/smoke/crash.js';
import { logsRule } from '../../src/smoke/log-rules.js';
import { shutdownRow } from '../../src/smoke/shutdown.js';
import { baseUrls, pickPort } from '../../src/smoke/start.js';
import { lbheartbeatRule, portRule } from '../../src/smoke/startup-rules.js';
import { versionDifferences } from '../../src/git/version-diff.js';

const version = { source: 'https://github.com/o/r', version: 'v1', commit: 'abc', build: 'https://ci/1' };

describe('DF204 version differences', () => {
  it('is empty when deep-equal, whatever the key order', () => {
    assert.deepEqual(
      versionDifferences(version, { build: 'https://ci/1', commit: 'abc', version: 'v1', source: 'https://github.com/o/r' }),
      [],
    );
  });
  it('lists each differing, missing and unexpected field', () => {
    assert.deepEqual(versionDifferences(version, { source: 'https://github.com/o/r', version: 1, commit: 'def', extra: true }), [
      'version: expected "v1", got 1',
      'commit: expected "abc", got "def"',
      'build is missing (expected "https://ci/1")',
      'unexpected field extra=true',
    ]);
  });
  it('says when the body is not an object', () => {
    assert.deepEqual(versionDifferences(version, [version]), ['expected a JSON object, got an array']);
    assert.deepEqual(versionDifferences(version, 'v1'), ['expected a JSON object, got "v1"']);
  });
});

describe('DF207 verdict', () => {
  const cases: { name: string; code: number; ms: number; status: string; message: RegExp }[] = [
    { name: 'clean exit', code: 0, ms: 300, status: 'pass', message: /^stopped 0\.3 s after SIGTERM with exit code 0$/ },
    {
      name: 'SIGKILL',
      code: 137,
      ms: 10300,
      status: 'fail',
      message: /^still running 10 s after SIGTERM, so docker sent SIGKILL \(exit 137, 10\.3 s\): handle SIGTERM/,
    },
    { name: 'exit 0 but too slow', code: 0, ms: 10000, status: 'fail', message: /SIGKILL/ },
    { name: 'default action', code: 143, ms: 50, status: 'fail', message: /^exited 143 \(killed by SIGTERM's default action\)/ },
    { name: 'non-zero', code: 1, ms: 500, status: 'fail', message: /^exited with code 1 0\.5 s after SIGTERM: handle SIGTERM/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const row = shutdownRow(c.code, c.ms, 'SIGTERM');
      assert.equal(row.status, c.status);
      assert.equal(row.level, 'warning');
      assert.match(row.message, c.message);
    });
  }
  it('names the image STOPSIGNAL', () => assert.match(shutdownRow(0, 100, 'SIGINT').message, /after SIGINT/));
});

describe('startup rules', () => {
  it('DF201 tells an app that ignores $PORT from one that never listens', () => {
    assert.equal(portRule({ kind: 'ready', base: 'b', viaDefault: false, ms: 1 }, 23456, 8000, 60000)!.status, 'pass');
    assert.match(
      portRule({ kind: 'ready', base: 'b', viaDefault: true, ms: 1 }, 23456, 8000, 60000)!.message,
      /^the app ignores \$PORT and listens on 8000 \(it was started with PORT=23456\)/,
    );
    assert.match(
      portRule({ kind: 'silent', lastError: 'ECONNREFUSED', ms: 60000 }, 23456, 8000, 60000)!.message,
      /^nothing answered HTTP on \$PORT=23456 or on the default port 8000 within startup-timeout \(60\.0 s; last error: ECONNREFUSED\): listen on \$PORT on all interfaces/,
    );
    assert.equal(portRule({ kind: 'exited', exit: { exitCode: 1, seenAt: 0 }, ms: 1 }, 1, 2, 3), null);
  });
  it('DF202 shows the status an lbheartbeat answered', () => {
    const r = lbheartbeatRule({
      kind: 'not-200',
      base: 'b',
      viaDefault: false,
      status: 404,
      body: 'Not Found',
      timedOut: false,
      ms: 2500,
    })!;
    assert.deepEqual(
      [r.status, r.message],
      ['fail', 'answered 404 (body "Not Found"): add a /__lbheartbeat__ route that answers 200 without touching backing services'],
    );
    const slow = lbheartbeatRule({ kind: 'not-200', base: 'b', viaDefault: false, status: 503, body: '', timedOut: true, ms: 60000 })!;
    assert.match(slow.message, /^still answered 503 when startup-timeout ran out \(60\.0 s; an empty body\)/);
    assert.equal(lbheartbeatRule({ kind: 'silent', lastError: '', ms: 1 }), null);
  });
  it('DF301 fails on no output at all', () => {
    assert.equal(logsRule(0, 0, 4200).message.startsWith('the container wrote nothing to stdout or stderr in 4.2 s of checks'), true);
    assert.equal(logsRule(3, 120, 4200).status, 'pass');
  });
});

describe('container facts', () => {
  it('reads docker times with nanoseconds', () => {
    assert.equal(dockerTime('2026-11-24T07:24:41.629123456Z'), Date.parse('2026-11-24T07:24:41.629Z'));
    assert.equal(dockerTime('2026-11-24T07:24:41Z'), Date.parse('2026-11-24T07:24:41.000Z'));
    assert.ok(Number.isNaN(dockerTime('0001-01-01T00:00:00Z')));
  });
  it('builds base URLs from published ports first, then the network IP', () => {
    const inspect = {
      NetworkSettings: {
        Ports: { '23456/tcp': [{ HostIp: '127.0.0.1', HostPort: '49153' }], '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '49154' }] },
        Networks: { 'df-1': { IPAddress: '172.18.0.3' }, bridge: { IPAddress: '172.17.0.2' } },
      },
    };
    assert.deepEqual(baseUrls(inspect, 'df-1', 23456), ['http://127.0.0.1:49153', 'http://172.18.0.3:23456']);
    assert.deepEqual(baseUrls(inspect, 'df-1', 8000), ['http://127.0.0.1:49154', 'http://172.18.0.3:8000']);
    assert.deepEqual(baseUrls(undefined, 'df-1', 8000), []);
  });
  it('picks a $PORT other than the default', () => {
    for (let i = 0; i < 200; i++) {
      const p = pickPort(25000);
      assert.ok(p !== 25000 && p >= 20000 && p < 30000);
    }
  });
});

describe('report rows', () => {
  it('has one row per rule in catalogue order, rules of stages that never ran skipped with the reason', () => {
    const rows = inCatalogueOrder([check('DF103', 'pass', 'ok'), check('DF101', 'fail', 'root')], new Set(), 'smoke');
    assert.deepEqual(
      rows.map((r) => r.id),
      RULES.map((r) => r.id),
    );
    assert.equal(rows[0]!.status, 'fail');
    assert.equal(rows[0]!.skip, undefined, 'only a skip carries a skip reason');
    const df201 = rows.find((r) => r.id === 'DF201')!;
    assert.deepEqual([df201.status, df201.message], ['skip', 'not run: the smoke stage failed (see the error)']);
    assert.equal(df201.skip, 'not-run');
  });

  it('applies checks-ignore once, over whatever a stage returned, and types an interrupted run apart', () => {
    const ignored = new Set(['DF101', 'DF302'] as const);
    const rows = inCatalogueOrder([check('DF101', 'fail', 'root'), check('DF103', 'pass', 'ok')], ignored, 'build', 'smoke');
    const byId = new Map(rows.map((r) => [r.id, r]));
    assert.deepEqual(byId.get('DF101'), {
      id: 'DF101',
      title: RULES[0].title,
      level: 'error',
      status: 'skip',
      skip: 'ignored',
      message: 'ignored by checks-ignore',
    });
    assert.equal(byId.get('DF302')!.skip, 'ignored');
    assert.equal(byId.get('DF103')!.status, 'pass');
    assert.deepEqual(
      [byId.get('DF201')!.skip, byId.get('DF201')!.message],
      ['interrupted', 'not run: the run was interrupted during the smoke stage'],
    );
  });
});
