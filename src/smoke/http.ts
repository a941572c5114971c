import { Agent, request } from 'undici';
import { PROBE_CONNECT_TIMEOUT_MS, PROBE_KEEPALIVE_MS } from './limits.js';

/** Bodies are read up to this size: enough for any heartbeat or version object, bounded for a runaway one. */
const BODY_LIMIT = 64 * 1024;

export type HttpResult =
  { ok: true; status: number; body: string; ms: number; location?: string } | { ok: false; error: string; timedOut: boolean; ms: number };

/**
 * GET with its own deadline for each request, so a hanging endpoint fails its rule and the run goes on. One
 * agent per app container: `close()` drops kept-alive connections before the container is stopped, so they
 * cannot hold up its graceful shutdown.
 */
export class Http {
  private agent = new Agent({ keepAliveTimeout: PROBE_KEEPALIVE_MS, connect: { timeout: PROBE_CONNECT_TIMEOUT_MS } });

  /**
   * `redact` is applied to every body as it arrives, before any rule parses or shortens it: a secret the app
   * echoes can then never be cut in two (its prefix left in a message). `host`: the Host header of every
   * request (`127.0.0.1:<published port>`), whichever address it goes to, so an app that checks Host (Django's
   * ALLOWED_HOSTS) sees the same one from a job on the host or in a container.
   */
  constructor(
    private readonly redact: (body: string) => string = (b) => b,
    private readonly host?: string,
  ) {}

  async get(url: string, timeoutMs: number): Promise<HttpResult> {
    timeoutMs = Math.max(1, Math.round(timeoutMs));
    const t0 = performance.now();
    const ms = (): number => Math.round(performance.now() - t0);
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await request(url, {
        method: 'GET',
        dispatcher: this.agent,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        ...(this.host ? { headers: { host: this.host } } : {}),
      });
      let body = '';
      // One decoder across chunks: a UTF-8 character split between two chunks stays one character.
      const decoder = new TextDecoder();
      for await (const chunk of res.body) {
        body += decoder.decode(chunk as Buffer, { stream: true });
        if (body.length >= BODY_LIMIT) {
          res.body.destroy();
          break;
        }
      }
      body += decoder.decode();
      const location = res.headers.location;
      return {
        ok: true,
        status: res.statusCode,
        body: this.redact(body),
        ms: ms(),
        ...(location !== undefined ? { location: Array.isArray(location) ? location.join(', ') : location } : {}),
      };
    } catch (e) {
      const err = e as Error & { code?: string; cause?: { code?: string } };
      const timedOut =
        signal.aborted || err.name === 'TimeoutError' || /TIMEOUT/.test(err.code ?? '') || /TIMEOUT/.test(err.cause?.code ?? '');
      const code = err.code ?? err.cause?.code;
      return {
        ok: false,
        timedOut,
        error: timedOut ? `no answer within ${timeoutMs / 1000} s` : `${code ? `${code}: ` : ''}${err.message}`,
        ms: ms(),
      };
    }
  }

  /** Drop every open connection (a new agent serves later requests). */
  async reset(): Promise<void> {
    const old = this.agent;
    this.agent = new Agent({ keepAliveTimeout: PROBE_KEEPALIVE_MS, connect: { timeout: PROBE_CONNECT_TIMEOUT_MS } });
    await old.destroy().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.agent.destroy().catch(() => undefined);
  }
}
