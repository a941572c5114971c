import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, it } from 'node:test';
import { Http } from '../../src/smoke/http.js';

const servers: http.Server[] = [];
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
  const s = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(body.subarray(0, split));
    // The second half after the first was sent on its own: two chunks on the client.
    setTimeout(() => res.end(body.subarray(split)), 50);
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const r = await client.get(`http://127.0.0.1:${(s.address() as AddressInfo).port}/__heartbeat__`, 5000);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.body, body.toString('utf8'));
  assert.doesNotMatch(r.body, /\uFFFD/);
});
