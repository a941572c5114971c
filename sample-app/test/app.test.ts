import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateNoteInput } from '../src/app.js';
import { HttpError } from '../src/http.js';
import { assertMozlog, captureLogger, j, MemoryNotesStore, startApp, type TestApp } from './helpers.js';

describe('HTTP app (no database)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sample-app-test-'));
  const versionFile = path.join(dir, 'version.json');
  // Deliberately odd formatting: /__version__ must serve the file verbatim, not re-serialised.
  const versionText = '{"source":"https://github.com/x/y", "version":"v1.2.3","commit":"abc123","build":"https://ci/1"}\n';
  writeFileSync(versionFile, versionText);

  const log = captureLogger();
  const store = new MemoryNotesStore();
  let dbStatus: 'ok' | 'error' = 'ok';
  let ready = true;
  let app: TestApp;

  before(async () => {
    app = await startApp({
      logger: log.logger,
      store,
      versionFile,
      isReady: () => ready,
      checks: [
        {
          name: 'database',
          timeoutMs: 500,
          run: async () => {
            if (dbStatus === 'error') throw new Error('connect ECONNREFUSED 10.0.0.2:5432');
            return { status: 'ok' };
          },
        },
      ],
      generateId: () => 'generated-id',
    });
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('dockerflow endpoints', () => {
    it('/__lbheartbeat__ answers 200 (GET and HEAD)', async () => {
      const res = await fetch(`${app.url}/__lbheartbeat__`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json');
      const head = await fetch(`${app.url}/__lbheartbeat__`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(await head.text(), '');
    });

    it('/__heartbeat__ is 200 with the check body while the database is up', async () => {
      dbStatus = 'ok';
      const res = await fetch(`${app.url}/__heartbeat__`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const body = await j(res);
      assert.equal(body.status, 'ok');
      assert.deepEqual(body.checks, { database: 'ok' });
      assert.equal(typeof body.details, 'object');
    });

    it('/__heartbeat__ is 500 when the database check errors, and HEAD works', async () => {
      dbStatus = 'error';
      try {
        const res = await fetch(`${app.url}/__heartbeat__`);
        assert.equal(res.status, 500);
        const body = await j(res);
        assert.equal(body.status, 'error');
        assert.deepEqual(body.checks, { database: 'error' });
        assert.match(body.details.database.message, /ECONNREFUSED/);
        const head = await fetch(`${app.url}/__heartbeat__`, { method: 'HEAD' });
        assert.equal(head.status, 500);
      } finally {
        dbStatus = 'ok';
      }
    });

    it('/__lbheartbeat__ stays 200 while the database is down', async () => {
      dbStatus = 'error';
      try {
        assert.equal((await fetch(`${app.url}/__lbheartbeat__`)).status, 200);
      } finally {
        dbStatus = 'ok';
      }
    });

    it('/__version__ serves version.json verbatim as application/json', async () => {
      const res = await fetch(`${app.url}/__version__`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json');
      assert.equal(await res.text(), versionText);
      const head = await fetch(`${app.url}/__version__`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(versionText)));
    });

    it('/__version__ is a 404 JSON body when the file is missing', async () => {
      const other = await startApp({ versionFile: path.join(dir, 'missing.json') });
      try {
        const res = await fetch(`${other.url}/__version__`);
        assert.equal(res.status, 404);
        assert.equal(res.headers.get('content-type'), 'application/json');
        assert.deepEqual(await j(res), { error: 'version.json not found' });
      } finally {
        await other.close();
      }
    });

    it('/__version__ re-reads the file at request time', async () => {
      const newer = '{"source":"s","version":"v2","commit":"def","build":"b"}';
      writeFileSync(versionFile, newer);
      try {
        assert.equal(await (await fetch(`${app.url}/__version__`)).text(), newer);
      } finally {
        writeFileSync(versionFile, versionText);
      }
    });
  });

  describe('static files', () => {
    const cases = [
      ['/', 'text/html; charset=utf-8', 'no-cache', /<html/],
      ['/static/app.js', 'text/javascript; charset=utf-8', 'public, max-age=3600', /api\/notes/],
      ['/static/style.css', 'text/css; charset=utf-8', 'public, max-age=3600', /body/],
    ] as const;
    for (const [p, type, cache, content] of cases) {
      it(`${p} answers 200 with ${type} and caching headers`, async () => {
        const res = await fetch(`${app.url}${p}`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), type);
        assert.equal(res.headers.get('cache-control'), cache);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        const etag = res.headers.get('etag');
        assert.match(String(etag), /^"[A-Za-z0-9_-]+"$/);
        assert.match(await res.text(), content);
        const again = await fetch(`${app.url}${p}`, { headers: { 'If-None-Match': String(etag) } });
        assert.equal(again.status, 304);
        assert.equal(await again.text(), '');
      });
    }

    it('the page links its assets and carries a CSP', async () => {
      const res = await fetch(`${app.url}/`);
      const html = await res.text();
      assert.match(html, /src="\/static\/app\.js"/);
      assert.match(html, /href="\/static\/style\.css"/);
      assert.match(String(res.headers.get('content-security-policy')), /default-src 'self'/);
    });

    it('unknown static paths are a JSON 404; POST to a page is 405', async () => {
      const res = await fetch(`${app.url}/static/nope.js`);
      assert.equal(res.status, 404);
      assert.deepEqual(await j(res), { error: 'not found' });
      const post = await fetch(`${app.url}/`, { method: 'POST' });
      assert.equal(post.status, 405);
      assert.equal(post.headers.get('allow'), 'GET, HEAD');
    });
  });

  describe('notes API', () => {
    const json = (body: unknown) => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

    it('creates, lists, reads and deletes notes', async () => {
      const created = await fetch(`${app.url}/api/notes`, json({ text: '  first note  ' }));
      assert.equal(created.status, 201);
      const note = await j(created);
      assert.equal(note.text, 'first note');
      assert.equal(created.headers.get('location'), `/api/notes/${note.id}`);
      await fetch(`${app.url}/api/notes`, json({ text: 'second' }));

      const list = await j(await fetch(`${app.url}/api/notes`));
      assert.deepEqual(
        list.notes.map((n: { text: string }) => n.text),
        ['second', 'first note'],
      );
      const limited = await j(await fetch(`${app.url}/api/notes?limit=1`));
      assert.equal(limited.notes.length, 1);

      const one = await fetch(`${app.url}/api/notes/${note.id}`);
      assert.equal(one.status, 200);
      assert.deepEqual(await j(one), note);

      const del = await fetch(`${app.url}/api/notes/${note.id}`, { method: 'DELETE' });
      assert.equal(del.status, 204);
      assert.equal((await fetch(`${app.url}/api/notes/${note.id}`)).status, 404);
      assert.equal((await fetch(`${app.url}/api/notes/${note.id}`, { method: 'DELETE' })).status, 404);
    });

    it('validates input', async () => {
      const cases: Array<[RequestInit, number, RegExp]> = [
        [json({}), 400, /"text" must be a string/],
        [json({ text: '   ' }), 400, /must not be empty/],
        [json({ text: 'x'.repeat(1001) }), 400, /at most 1000/],
        [json([1]), 400, /JSON object/],
        [{ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' }, 400, /not valid JSON/],
        [{ method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi' }, 415, /application\/json/],
        [json({ text: 'y'.repeat(20_000) }), 413, /larger than/],
      ];
      for (const [init, status, message] of cases) {
        const res = await fetch(`${app.url}/api/notes`, init);
        assert.equal(res.status, status, String(init.body).slice(0, 40));
        assert.match((await j(res)).error, message);
      }
      assert.equal((await fetch(`${app.url}/api/notes/abc`)).status, 400);
      assert.equal((await fetch(`${app.url}/api/notes/0`)).status, 400);
      assert.equal((await fetch(`${app.url}/api/notes?limit=0`)).status, 400);
      assert.equal((await fetch(`${app.url}/api/notes?limit=501`)).status, 400);
      const put = await fetch(`${app.url}/api/notes/1`, { method: 'PUT' });
      assert.equal(put.status, 405);
      assert.equal(put.headers.get('allow'), 'DELETE, GET, HEAD');
    });

    it('counts characters, not UTF-16 units, for the length limit', () => {
      assert.equal(validateNoteInput({ text: '😀'.repeat(1000) }).length, 2000);
      assert.throws(() => validateNoteInput({ text: '😀'.repeat(1001) }), HttpError);
    });

    it('answers 503 before the schema is migrated', async () => {
      ready = false;
      try {
        const res = await fetch(`${app.url}/api/notes`);
        assert.equal(res.status, 503);
        assert.equal(res.headers.get('retry-after'), '1');
      } finally {
        ready = true;
      }
    });

    it('answers 503 when the database is unreachable and 500 on other errors', async () => {
      store.failWith = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      try {
        const res = await fetch(`${app.url}/api/notes`);
        assert.equal(res.status, 503);
        assert.deepEqual(await j(res), { error: 'database unavailable' });
        store.failWith = new Error('syntax error somewhere');
        const res2 = await fetch(`${app.url}/api/notes`);
        assert.equal(res2.status, 500);
        assert.deepEqual(await j(res2), { error: 'internal server error' });
      } finally {
        store.failWith = undefined;
      }
      const errorLine = log.records().find((r) => r.Type === 'request.error');
      assert.ok(errorLine, 'unhandled errors are logged');
      assert.equal(errorLine.Severity, 3);
      assert.equal(errorLine.Fields.error, 'syntax error somewhere');
    });
  });

  describe('request logging', () => {
    it('logs one request.summary mozlog line per request', async () => {
      const before = log.lines.length;
      const res = await fetch(`${app.url}/__lbheartbeat__?x=1`, {
        headers: { 'User-Agent': 'probe/1.0', 'Accept-Language': 'fr', 'X-Request-Id': 'abc-123' },
      });
      await res.text();
      assert.equal(res.headers.get('x-request-id'), 'abc-123');
      // the summary is written when the response closes
      await new Promise((r) => setTimeout(r, 20));
      const lines = log.lines.slice(before);
      assert.equal(lines.length, 1);
      const rec = assertMozlog(lines[0]!.trimEnd());
      assert.equal(rec.Type, 'request.summary');
      assert.equal(rec.Logger, 'sample-app');
      assert.equal(rec.Severity, 6);
      assert.equal(rec.Fields.method, 'GET');
      assert.equal(rec.Fields.path, '/__lbheartbeat__', 'query string is not logged');
      assert.equal(rec.Fields.code, 200);
      assert.equal(rec.Fields.errno, 0);
      assert.equal(rec.Fields.agent, 'probe/1.0');
      assert.equal(rec.Fields.lang, 'fr');
      assert.equal(rec.Fields.rid, 'abc-123');
      assert.equal(typeof rec.Fields.t, 'number');
    });

    it('generates a request id when none (or a bad one) is given', async () => {
      const res = await fetch(`${app.url}/nope`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
      await res.text();
      assert.equal(res.headers.get('x-request-id'), 'generated-id');
    });

    it('every line written is valid mozlog', () => {
      assert.ok(log.lines.length > 10);
      for (const line of log.lines) assertMozlog(line.trimEnd());
    });
  });
});
