// HTTP server lifecycle: listen, and drain gracefully on shutdown.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './mozlog.js';

export function createHttpServer(listener: http.RequestListener): http.Server {
  const server = http.createServer(listener);
  server.requestTimeout = 30_000; // whole request (headers + body) must arrive within 30 s
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

/** Starts listening; resolves with the bound port (useful with port 0 in tests). */
export function listen(server: http.Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export interface DrainResult {
  /** True when in-flight requests did not finish within the grace period and were cut. */
  forced: boolean;
  ms: number;
}

/**
 * Stops accepting connections, lets in-flight requests finish, closes idle keep-alive connections
 * (also those that become idle while draining) and, after `graceMs`, cuts whatever is left.
 */
export function drain(server: http.Server, logger: Logger, graceMs: number): Promise<DrainResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let forced = false;
    // A keep-alive connection whose last response just finished becomes idle: close it promptly.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => {
      forced = true;
      logger.warning('server.drain.timeout', {
        msg: 'in-flight requests did not finish in time; closing their connections',
        grace_ms: graceMs,
      });
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      resolve({ forced, ms: Date.now() - started });
    });
    server.closeIdleConnections();
  });
}
