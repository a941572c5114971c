// The heartbeat's database ping must fail fast and never hang, whatever the database does.
// These tests need no PostgreSQL: they point the pool at a closed port and at a server that never answers.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createPool, isUnavailableError, migrate, migrateWithRetry, ping } from '../src/db.js';
import { captureLogger } from './helpers.js';

describe('database ping without a database', () => {
  let blackHole: net.Server;
  let blackHolePort = 0;
  let closedPort = 0;
  const sockets = new Set<net.Socket>();

  before(async () => {
    // Accepts TCP connections and never says a word: like a paused or wedged database.
    blackHole = net.createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', r));
    blackHolePort = (blackHole.address() as net.AddressInfo).port;
    // A port that was just free: connections are refused.
    const tmp = net.createServer();
    await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
    closedPort = (tmp.address() as net.AddressInfo).port;
    await new Promise((r) => tmp.close(r));
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => blackHole.close(r));
  });

  it('fails within the deadline when the server never answers', async () => {
    const { logger } = captureLogger();
    const pool = createPool(`postgres://u:p@127.0.0.1:${blackHolePort}/db`, logger);
    const started = Date.now();
    await assert.rejects(ping(pool, 1000), /did not answer within 1000 ms|timeout/);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 900 && elapsed < 2500, `took ${elapsed} ms`);
    await pool.end().catch(() => undefined);
  });

  it('fails fast when the connection is refused, as an "unavailable" error', async () => {
    const { logger } = captureLogger();
    const pool = createPool(`postgres://u:p@127.0.0.1:${closedPort}/db`, logger);
    const started = Date.now();
    const err = await ping(pool, 1000).then(
      () => assert.fail('ping should fail'),
      (e: unknown) => e,
    );
    assert.ok(Date.now() - started < 900);
    assert.ok(isUnavailableError(err), String(err));
    await pool.end();
  });

  it('migrateWithRetry retries with back-off and gives up at its deadline', async () => {
    const { logger, records } = captureLogger();
    const pool = createPool(`postgres://u:p@127.0.0.1:${closedPort}/db`, logger);
    const started = Date.now();
    await assert.rejects(
      migrateWithRetry(pool, logger, { deadlineMs: 700, initialDelayMs: 50, maxDelayMs: 200 }),
      /ECONNREFUSED/,
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 1500, `took ${elapsed} ms`);
    const retries = records().filter((r) => r.Type === 'db.migrate.retry');
    assert.ok(retries.length >= 3, `${retries.length} retries`);
    assert.deepEqual(
      retries.slice(0, 3).map((r) => r.Fields.retry_in_ms),
      [50, 100, 200],
    );
    await pool.end();
  });

  it('migrateWithRetry succeeds once the database comes up', async () => {
    const { logger, records } = captureLogger();
    let calls = 0;
    await migrateWithRetry(null as never, logger, { deadlineMs: 5000, initialDelayMs: 10 }, async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    assert.equal(calls, 3);
    assert.ok(records().some((r) => r.Type === 'db.migrated' && r.Fields.attempt === 3));
  });

  it('a connection reset while a client is checked out fails the call, not the process', async () => {
    // Speaks just enough of the protocol to finish the start-up (AuthenticationOk, ReadyForQuery), then resets
    // the connection at the first query: what a database restarting under the app does. pg emits 'error' on
    // the checked-out client; unheard, that event is an uncaught exception and the app dies (DF208).
    const resetter = net.createServer((s) => {
      s.on('error', () => undefined);
      let started = false;
      s.on('data', () => {
        if (started) return void s.resetAndDestroy();
        started = true;
        s.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49])); // 'R' ok, 'Z' idle
      });
    });
    await new Promise<void>((r) => resetter.listen(0, '127.0.0.1', r));
    const { port } = resetter.address() as net.AddressInfo;
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const { logger } = captureLogger();
      const pool = createPool(`postgres://u:p@127.0.0.1:${port}/db`, logger);
      await assert.rejects(ping(pool, 1000), /ECONNRESET/);
      await assert.rejects(migrate(pool), /ECONNRESET/);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(uncaught, []);
      assert.equal(pool.totalCount, 0, 'the broken clients left the pool');
      await pool.end();
    } finally {
      process.off('uncaughtException', onUncaught);
      await new Promise((r) => resetter.close(r));
    }
  });

  it('classifies errors', () => {
    const withCode = (code: string) => Object.assign(new Error('x'), { code });
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', '57P01', '08006', '53300']) {
      assert.ok(isUnavailableError(withCode(code)), code);
    }
    assert.ok(isUnavailableError(new Error('Connection terminated unexpectedly')));
    assert.ok(isUnavailableError(new Error('timeout exceeded when trying to connect')));
    assert.ok(!isUnavailableError(withCode('42P01'))); // undefined_table: a bug, not an outage
    assert.ok(!isUnavailableError(new Error('boom')));
  });
});
