import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Logger, parseLevel, sanitizeFields, Severity } from '../src/mozlog.js';
import { assertMozlog } from './helpers.js';

describe('mozlog', () => {
  const fixed = () => 1_732_435_200_123; // ms

  it('formats one mozlog object with an exact integer nanosecond Timestamp', () => {
    const logger = new Logger({ now: fixed, hostname: 'host-1', pid: 42 });
    const line = logger.format('request.summary', Severity.info, { path: '/', code: 200, t: 1.5 });
    assert.ok(line.startsWith('{"Timestamp":1732435200123000000,'), line);
    const obj = assertMozlog(line);
    assert.deepEqual(obj, {
      Timestamp: 1732435200123000000,
      Type: 'request.summary',
      Logger: 'sample-app',
      Hostname: 'host-1',
      EnvVersion: '2.0',
      Severity: 6,
      Pid: 42,
      Fields: { path: '/', code: 200, t: 1.5 },
    });
  });

  it('writes one line per call, newline-terminated, and filters by level', () => {
    const lines: string[] = [];
    const logger = new Logger({ level: Severity.info, write: (l) => void lines.push(l) });
    logger.debug('hidden');
    logger.info('shown', { a: 1 });
    logger.error('bad', { b: 'x' });
    assert.equal(lines.length, 2);
    for (const l of lines) {
      assert.ok(l.endsWith('\n'));
      assert.equal(l.indexOf('\n'), l.length - 1, 'exactly one line');
      assertMozlog(l.trimEnd());
    }
    assert.equal(JSON.parse(lines[1]!).Severity, 3);
  });

  it('flattens nested values so Fields hold only scalars and flat arrays', () => {
    const err = new Error('boom');
    const fields = sanitizeFields({
      s: 'x',
      n: 1,
      b: false,
      z: null,
      u: undefined,
      arr: ['a', 1, { deep: true }],
      obj: { nested: { x: 1 } },
      big: 10n,
      nan: Number.NaN,
      when: new Date(0),
      error: err,
    });
    assert.deepEqual(Object.keys(fields).sort(), ['arr', 'b', 'big', 'error', 'n', 'nan', 'obj', 's', 'stack', 'when', 'z']);
    assert.deepEqual(fields.arr, ['a', 1, '{"deep":true}']);
    assert.equal(fields.obj, '{"nested":{"x":1}}');
    assert.equal(fields.big, '10');
    assert.equal(fields.nan, 'NaN');
    assert.equal(fields.when, '1970-01-01T00:00:00.000Z');
    assert.equal(fields.error, 'boom');
    assert.match(String(fields.stack), /boom/);
    // and the whole line is valid mozlog
    assertMozlog(new Logger().format('t', 6, { obj: { a: [1, { b: 2 }] }, error: err }));
  });

  it('escapes newlines inside values (one object per line)', () => {
    const line = new Logger().format('t', 6, { msg: 'a\nb\r\nc' });
    assert.ok(!line.includes('\n'));
    assert.equal(JSON.parse(line).Fields.msg, 'a\nb\r\nc');
  });

  it('parses LOG_LEVEL names and numbers', () => {
    assert.equal(parseLevel('debug'), 7);
    assert.equal(parseLevel('INFO'), 6);
    assert.equal(parseLevel('warn'), 4);
    assert.equal(parseLevel('warning'), 4);
    assert.equal(parseLevel(' error '), 3);
    assert.equal(parseLevel('0'), 0);
    assert.equal(parseLevel('7'), 7);
    assert.equal(parseLevel('8'), undefined);
    assert.equal(parseLevel('verbose'), undefined);
    assert.equal(parseLevel('toString'), undefined);
  });
});
