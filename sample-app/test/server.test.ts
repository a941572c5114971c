import assert from 'node:assert/strict';
import http from 'node:http';
import type { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { createHttpServer, drain, listen } from '../src/server.js';
import { captureLogger, sleep } from './helpers.js';

function get(port: number, path: string, agent: http.Agent): Promise<{ status: number; body: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, socket: req.socket as Socket }));
    });
    req.on('error', reject);
  });
}

describe('graceful drain', () => {
  it('finishes in-flight requests, closes idle keep-alive connections, refuses new ones', async () => {
    const { logger } = captureLogger();
    let slowArrived!: () => void;
    const slowInServer = new Promise<void>((resolve) => (slowArrived = resolve));
    const server = createHttpServer((req, res) => {
      const delay = req.url === '/slow' ? 300 : 0;
      if (req.url === '/slow') slowArrived();
      setTimeout(() => res.end(req.url), delay);
    });
    const port = await listen(server, 0, '127.0.0.1');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });

    // An idle keep-alive connection...
    const idle = await get(port, '/fast', agent);
    assert.equal(idle.status, 200);
    const idleClosed = new Promise<void>((resolve) => idle.socket.on('close', () => resolve()));

    // ...and a request in flight when the shutdown starts.
    const busyAgent = new http.Agent({ keepAlive: true });
    const inFlight = get(port, '/slow', busyAgent);
    await slowInServer; // in the server's hands (a fixed 50 ms sleep was not always enough on a busy machine)
    const started = Date.now();
    const drained = drain(server, logger, 5000);

    // Closed at once: well before the in-flight request's 300 ms are over.
    const closedIn = await Promise.race([idleClosed.then(() => Date.now() - started), sleep(250).then(() => -1)]);
    assert.ok(closedIn >= 0, 'idle keep-alive connection is closed at once');
    await assert.rejects(get(port, '/fast', new http.Agent()), /ECONNREFUSED/);

    const slow = await inFlight;
    assert.equal(slow.status, 200);
    assert.equal(slow.body, '/slow');
    const result = await drained;
    assert.equal(result.forced, false);
    assert.ok(Date.now() - started < 1500, 'the server closes soon after the last response');
    agent.destroy();
    busyAgent.destroy();
  });

  it('cuts requests still running after the grace period', async () => {
    const { logger, records } = captureLogger();
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const server = createHttpServer(() => {
      arrived(); /* and never answers */
    });
    const port = await listen(server, 0, '127.0.0.1');
    const hung = get(port, '/hang', new http.Agent());
    hung.catch(() => undefined);
    await inFlight; // the request is in the server's hands (not a fixed sleep: on a busy machine 50 ms was not enough)
    const started = Date.now();
    const result = await drain(server, logger, 200);
    assert.equal(result.forced, true);
    assert.ok(Date.now() - started < 1000);
    await assert.rejects(hung, /socket hang up|ECONNRESET/);
    assert.ok(records().some((r) => r.Type === 'server.drain.timeout' && r.Severity === 4));
  });

  it('listen() rejects when the port is taken', async () => {
    const a = createHttpServer(() => undefined);
    const port = await listen(a, 0, '127.0.0.1');
    const b = createHttpServer(() => undefined);
    await assert.rejects(listen(b, port, '127.0.0.1'), /EADDRINUSE/);
    await new Promise((r) => a.close(r));
  });
});
