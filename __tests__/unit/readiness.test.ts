/** The readiness wait against real HTTP servers on this machine (the container's exit is simulated). */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import type { ExitInfo } from '../../src/smoke/exit-watch.js';
import { Http } from '../../src/smoke/http.js';
import { waitReady } from '../../src/smoke/readiness.js';

const servers: http.Server[] = [];
async function serve(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}
/** A base URL where nothing listens. */
async function closedPort(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  await new Promise((r) => s.close(r));
  return url;
}
function exitAfter(ms: number | null): { exited: Promise<ExitInfo>; current: ExitInfo | null } {
  const e = { current: null as ExitInfo | null, exited: new Promise<ExitInfo>(() => undefined) };
  if (ms !== null) {
    e.exited = new Promise((resolve) =>
      setTimeout(() => {
        e.current = { exitCode: 3, seenAt: performance.now() };
        resolve(e.current);
      }, ms),
    );
  }
  return e;
}

describe('readiness', () => {
  const client = new Http();
  after(async () => {
    await client.close();
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  });

  it('a probe body is decoded as UTF-8 across chunks: a character split between two writes stays whole', async () => {
    const body = Buffer.from('{"status":"ok","checks":{"db":"ünïcödé ✓ 数据库"}}', 'utf8');
    const split = body.indexOf(Buffer.from('✓')) + 1; // inside the 3-byte check mark
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(body.subarray(0, split));
      // The second half after the first was sent on its own: two chunks on the client.
      setTimeout(() => res.end(body.subarray(split)), 50);
    });
    const r = await client.get(`${base}/__heartbeat__`, 5000);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.body, body.toString('utf8'));
    assert.doesNotMatch(r.body, /\uFFFD/);
  });

  it('polls until /__lbheartbeat__ answers 200', async () => {
    const t0 = performance.now();
    const base = await serve((req, res) => res.writeHead(performance.now() - t0 > 600 ? 200 : 503).end());
    const r = await waitReady({
      http: client,
      app: { portBases: [base], defaultBases: [], startedAt: t0, exit: exitAfter(null) },
      timeoutMs: 5000,
    });
    assert.equal(r.kind, 'ready');
    assert.ok(r.ms >= 600 && r.ms < 1500, `${r.ms} ms`);
  });

  it('says it is still waiting, at most once per period, until the app answers 200', async () => {
    const t0 = performance.now();
    const base = await serve((req, res) => res.writeHead(performance.now() - t0 > 1100 ? 200 : 503).end());
    const said: { ms: number; last: string }[] = [];
    const r = await waitReady({
      http: client,
      app: { portBases: [base], defaultBases: [], startedAt: t0, exit: exitAfter(null) },
      timeoutMs: 5000,
      progressEveryMs: 400,
      onWaiting: (ms, last) => said.push({ ms, last }),
    });
    assert.equal(r.kind, 'ready');
    // Ready after ~1.1 s: said at ~0.4 and ~0.8 s (once, on a machine slow enough to miss a period), never after.
    assert.ok(said.length >= 1 && said.length <= 2, JSON.stringify(said));
    assert.ok(said.every((s) => s.last === 'answered 503' && s.ms >= 400 && s.ms < r.ms));
    if (said.length === 2) assert.ok(said[1]!.ms - said[0]!.ms >= 400, JSON.stringify(said));
  });

  it('ends at once when the container exits', async () => {
    const t0 = performance.now();
    const r = await waitReady({
      http: client,
      app: { portBases: [await closedPort()], defaultBases: [], startedAt: t0, exit: exitAfter(300) },
      timeoutMs: 20000,
    });
    assert.equal(r.kind, 'exited');
    assert.ok(r.ms < 600, `${r.ms} ms`);
  });

  it('ends at once on exit even while a request hangs', async () => {
    const base = await serve(() => undefined);
    const t0 = performance.now();
    const r = await waitReady({
      http: client,
      app: { portBases: [base], defaultBases: [], startedAt: t0, exit: exitAfter(300) },
      timeoutMs: 20000,
    });
    assert.equal(r.kind, 'exited');
    assert.ok(r.ms < 600, `${r.ms} ms`);
  });

  it('finds an app on the default port when $PORT is silent', async () => {
    const dflt = await serve((req, res) => res.writeHead(200).end());
    const r = await waitReady({
      http: client,
      app: { portBases: [await closedPort()], defaultBases: [dflt], startedAt: performance.now(), exit: exitAfter(null) },
      timeoutMs: 5000,
    });
    assert.deepEqual([r.kind, r.kind === 'ready' && r.viaDefault], ['ready', true]);
  });

  it('uses the second base URL when the first cannot be reached (the job runs in a container)', async () => {
    const ip = await serve((req, res) => res.writeHead(200).end());
    const r = await waitReady({
      http: client,
      app: { portBases: [await closedPort(), ip], defaultBases: [], startedAt: performance.now(), exit: exitAfter(null) },
      timeoutMs: 5000,
    });
    assert.deepEqual([r.kind, r.kind === 'ready' && r.base], ['ready', ip]);
  });

  it('gives up on a 404 after 2 s rather than the whole timeout', async () => {
    const base = await serve((req, res) => res.writeHead(404).end('Not Found'));
    const r = await waitReady({
      http: client,
      app: { portBases: [base], defaultBases: [], startedAt: performance.now(), exit: exitAfter(null) },
      timeoutMs: 30000,
    });
    assert.equal(r.kind, 'not-200');
    assert.ok(r.ms >= 2000 && r.ms < 4000, `${r.ms} ms`);
  });

  it('times out when nothing answers', async () => {
    const r = await waitReady({
      http: client,
      app: { portBases: [await closedPort()], defaultBases: [await closedPort()], startedAt: performance.now(), exit: exitAfter(null) },
      timeoutMs: 1000,
    });
    assert.equal(r.kind, 'silent');
    assert.ok(r.ms >= 1000 && r.ms < 2500, `${r.ms} ms`);
  });
});
