// PostgreSQL-backed tests. They run when DATABASE_URL is set (e.g. `docker run --network NET
// -e DATABASE_URL=postgres://postgres:pw@db:5432/postgres IMAGE test`) and are skipped otherwise.
// Each run works in its own throw-away schema, so it never touches the app's real tables.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createPool, isUnavailableError, migrate, PgNotesStore, ping } from '../src/db.js';
import { assertMozlog, captureLogger, freePort, j, runMain, sleep } from './helpers.js';

const DATABASE_URL = process.env.DATABASE_URL?.trim();
const skip = DATABASE_URL ? false : 'DATABASE_URL is not set: skipping the PostgreSQL-backed tests';
if (!DATABASE_URL) console.log(`# ${skip}`);
const DB_WAIT_MS = 30_000;

// Skip each test (not just the suite) so the runner's summary counts them as skipped.
const dbIt = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);

describe('database (PostgreSQL)', () => {
  const schema = `sample_app_test_${randomBytes(4).toString('hex')}`;
  let testUrl = '';
  let admin: pg.Pool;
  let pool: pg.Pool;
  const { logger } = captureLogger();

  before(async () => {
    if (!DATABASE_URL) return;
    admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1, connectionTimeoutMillis: 5_000 });
    admin.on('error', () => undefined);
    // The database sidecar may still be starting: wait for it, but not forever.
    const deadline = Date.now() + DB_WAIT_MS;
    for (;;) {
      try {
        await admin.query(`CREATE SCHEMA ${schema}`);
        break;
      } catch (err) {
        if (!isUnavailableError(err) || Date.now() > deadline) {
          throw new Error(
            `DATABASE_URL is set but PostgreSQL is not usable (waited up to ${DB_WAIT_MS / 1000} s): ${(err as Error).message}`,
          );
        }
        await sleep(500);
      }
    }
    const url = new URL(DATABASE_URL as string);
    url.searchParams.set('options', `-c search_path=${schema}`);
    testUrl = url.toString();
    pool = createPool(testUrl, logger);
  });

  after(async () => {
    if (!DATABASE_URL) return;
    await pool?.end().catch(() => undefined);
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin?.end().catch(() => undefined);
  });

  dbIt('ping answers quickly', async () => {
    const started = Date.now();
    await ping(pool, 1000);
    assert.ok(Date.now() - started < 1000);
  });

  dbIt('migrates idempotently, also when replicas migrate concurrently', async () => {
    await migrate(pool);
    await Promise.all([migrate(pool), migrate(pool), migrate(pool), migrate(pool)]);
    const { rows } = await admin.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'notes' ORDER BY ordinal_position`,
      [schema],
    );
    assert.deepEqual(
      rows.map((r: { column_name: string }) => r.column_name),
      ['id', 'text', 'created_at'],
    );
  });

  dbIt('stores, lists, reads and deletes notes', async () => {
    const store = new PgNotesStore(pool);
    const a = await store.create('first');
    const b = await store.create('zweite Notiz ✓');
    assert.equal(typeof a.id, 'number');
    assert.ok(b.id > a.id);
    assert.match(a.created_at, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(await store.get(b.id), b);
    assert.deepEqual(
      (await store.list(10)).map((n) => n.text),
      ['zweite Notiz ✓', 'first'],
    );
    assert.equal((await store.list(1)).length, 1);
    assert.equal(await store.remove(a.id), true);
    assert.equal(await store.remove(a.id), false);
    assert.equal(await store.get(a.id), undefined);
  });

  dbIt('the table enforces the text length rule too', async () => {
    await assert.rejects(pool.query(`INSERT INTO notes (text) VALUES ('')`), /check constraint/);
    await assert.rejects(pool.query(`INSERT INTO notes (text) VALUES (repeat('x', 1001))`), /check constraint/);
  });

  dbIt('the server process migrates, reports a healthy heartbeat, serves the notes API and stops cleanly', async () => {
    const port = await freePort();
    const app = runMain({ PORT: String(port), DATABASE_URL: testUrl, LOG_LEVEL: 'debug' });
    try {
      await app.waitFor('db.migrated', 15_000);
      const hb = await fetch(`${app.url}/__heartbeat__`);
      const body = await j(hb);
      assert.equal(hb.status, 200, JSON.stringify(body));
      assert.equal(body.status, 'ok');
      assert.deepEqual(body.checks, { database: 'ok' });

      const created = await fetch(`${app.url}/api/notes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'from the e2e test' }),
      });
      assert.equal(created.status, 201);
      const note = await j(created);
      assert.deepEqual(await j(await fetch(`${app.url}/api/notes/${note.id}`)), note);
      const list = await j(await fetch(`${app.url}/api/notes`));
      assert.ok(list.notes.some((n: { id: number }) => n.id === note.id));
      assert.equal((await fetch(`${app.url}/api/notes/${note.id}`, { method: 'DELETE' })).status, 204);
      assert.equal((await fetch(`${app.url}/api/notes/${note.id}`)).status, 404);

      app.child.kill('SIGTERM');
      assert.equal(await app.exited, 0);
    } finally {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    }
    for (const line of app.lines) assertMozlog(line);
  });
});
