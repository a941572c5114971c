import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeHeartbeatBody } from '../../src/smoke/heartbeat-body.js';

describe('heartbeat body in a failure message', () => {
  const cases: { name: string; body: string; want: string }[] = [
    {
      name: 'python-dockerflow shape: failing checks first, with their messages',
      body: JSON.stringify({
        status: 'error',
        checks: { cache: 'ok', database: 'error', queue: 'warning' },
        details: {
          database: { status: 'error', level: 40, messages: { 'health.E001': 'could not connect', 'health.E002': 'timeout' } },
          queue: { status: 'warning', level: 30, messages: { 'health.W001': 'lagging' } },
        },
      }),
      want: 'status "error"; checks: database=error, queue=warning, cache=ok; database: could not connect (health.E001), timeout (health.E002); queue: lagging (health.W001)',
    },
    {
      name: 'details as plain strings',
      body: JSON.stringify({ status: 'error', checks: { db: 'error' }, details: { db: 'connection refused' } }),
      want: 'status "error"; checks: db=error; db: connection refused',
    },
    { name: 'status only', body: JSON.stringify({ status: 'error' }), want: 'status "error"' },
    { name: 'other JSON', body: JSON.stringify({ ok: false }), want: 'body {"ok":false}' },
    { name: 'text', body: 'Internal Server Error\n', want: 'body "Internal Server Error"' },
    { name: 'empty', body: '  ', want: 'an empty body' },
    // The 404 pages of the frameworks users start from, as each one serves them.
    {
      name: "Express's 404 page, as its words",
      body: '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /__heartbeat__</pre>\n</body>\n</html>\n',
      want: 'an HTML page "Error Cannot GET /__heartbeat__"',
    },
    {
      name: "Flask's (Werkzeug's) 404 page",
      body: '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
      want: 'an HTML page "404 Not Found Not Found The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."',
    },
    {
      name: "Django's 400 page for a Host it does not allow, its style and script left out, entities decoded",
      body: '<!doctype html>\n<html lang="en">\n<head>\n  <title>Bad Request (400)</title>\n<style>h1{color:red}</style><script>var x = "<b>";</script>\n</head>\n<body>\n  <h1>Bad Request (400)</h1><p>Invalid HTTP_HOST header: &#x27;127.0.0.1:8000&#x27; &amp; more</p>\n</body>\n</html>\n',
      want: 'an HTML page "Bad Request (400) Bad Request (400) Invalid HTTP_HOST header: \'127.0.0.1:8000\' & more"',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(describeHeartbeatBody(c.body), c.want));

  it('shortens a long body to one line', () => {
    const out = describeHeartbeatBody(`<html>\n${'x'.repeat(1000)}\n</html>`, 50);
    assert.equal(out.length, 50 + 'an HTML page ""'.length);
    assert.ok(!out.includes('\n'));
    assert.ok(out.endsWith('…"'));
  });
});
