// End-to-end tests of the real entry point (dist/src/main.js) as a separate process: configuration
// errors, fast start without a database, heartbeat behaviour and signal handling. No database needed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMozlog, freePort, runMain } from './helpers.js';

describe('main process (no database)', () => {
  it('refuses to start on bad configuration, with a clear mozlog line and exit code 1', async () => {
    const app = runMain({ PORT: 'eighty' });
    const code = await app.exited;
    assert.equal(code, 1);
    const rec = assertMozlog(app.lines[0] ?? '');
    assert.equal(rec.Type, 'config.error');
    assert.equal(rec.Severity, 2);
    assert.match(rec.Fields.msg, /PORT must be an integer/);
    assert.match(rec.Fields.msg, /DATABASE_URL is required/);
    assert.ok(Array.isArray(rec.Fields.problems));
    assert.equal(app.stderr(), '', 'all output is mozlog on stdout');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`listens at once while the database is unreachable, and exits 0 on ${signal}`, async () => {
      const port = await freePort();
      const dbPort = await freePort(); // nothing listens there
      const app = runMain({ PORT: String(port), DATABASE_URL: `postgres://u:p@127.0.0.1:${dbPort}/db` });
      try {
        const listening = await app.waitFor('server.listening', 5000);
        assert.equal(listening.Fields.port, port);

        const lb = await fetch(`${app.url}/__lbheartbeat__`);
        assert.equal(lb.status, 200);

        const started = Date.now();
        const hb = await fetch(`${app.url}/__heartbeat__`);
        assert.ok(Date.now() - started < 2500, 'heartbeat answers within about 2 s');
        assert.equal(hb.status, 500);
        const body = (await hb.json()) as Record<string, any>;
        assert.equal(body.status, 'error');
        assert.deepEqual(body.checks, { database: 'error' });

        assert.equal((await fetch(`${app.url}/api/notes`)).status, 503);
        assert.equal((await fetch(`${app.url}/static/app.js`)).status, 200);

        const stopAt = Date.now();
        app.child.kill(signal);
        const code = await app.exited;
        assert.equal(code, 0);
        assert.ok(Date.now() - stopAt < 5000, `stopped in ${Date.now() - stopAt} ms`);
      } finally {
        if (app.child.exitCode === null) app.child.kill('SIGKILL');
      }
      const types = app.lines.map((l) => assertMozlog(l).Type);
      assert.ok(types.includes('server.starting'));
      assert.ok(types.includes('request.summary'));
      assert.ok(types.includes('db.migrate.retry'), 'migration retries are logged');
      assert.ok(types.includes('server.stopping'));
      assert.equal(types.at(-1), 'server.stopped');
      assert.ok(!app.lines.join('\n').includes(':p@'), 'the database password is never logged');
    });
  }

  it('exits non-zero when the port is already taken', async () => {
    const net = await import('node:net');
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, r));
    const port = (blocker.address() as import('node:net').AddressInfo).port;
    try {
      const app = runMain({ PORT: String(port), DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' });
      assert.equal(await app.exited, 1);
      assert.ok(app.lines.some((l) => assertMozlog(l).Type === 'server.start.error'));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});
