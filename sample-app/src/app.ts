// The HTTP application: routes, handlers and the per-request mozlog summary line.
// Everything it needs is passed in, so tests run it with fakes and without a database.

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isUnavailableError, MAX_NOTE_LENGTH, type NotesStore } from './db.js';
import { type Check, heartbeat } from './heartbeat.js';
import { HttpError, readJsonBody, requestId, sendError, sendJson } from './http.js';
import type { Logger } from './mozlog.js';
import { type Params, Router } from './router.js';
import { sendStatic, type StaticFile } from './static.js';

export interface AppDeps {
  logger: Logger;
  store: NotesStore;
  /** Heartbeat checks (the database ping in production). */
  checks: Check[];
  /** True once the schema migration has been applied; the notes API answers 503 before. */
  isReady: () => boolean;
  /** Path of version.json, served verbatim at /__version__. */
  versionFile: string;
  staticFiles: Map<string, StaticFile>;
  /** True while the server drains for shutdown: responses then carry Connection: close. */
  isShuttingDown?: () => boolean;
  generateId?: () => string;
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  params: Params;
  query: URLSearchParams;
  rid: string;
}

type Handler = (ctx: Ctx) => Promise<void> | void;

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;

function parseId(raw: string | undefined): number {
  if (raw === undefined || !/^[1-9]\d{0,14}$/.test(raw)) throw new HttpError(400, 'note id must be a positive integer');
  return Number(raw);
}

function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIST_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIST_LIMIT) {
    throw new HttpError(400, `limit must be an integer between 1 and ${MAX_LIST_LIMIT}`);
  }
  return Number(raw);
}

/** Validates a POST /api/notes body and returns the note text. */
export function validateNoteInput(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'body must be a JSON object like {"text": "..."}');
  }
  const text = (body as Record<string, unknown>).text;
  if (typeof text !== 'string') throw new HttpError(400, '"text" must be a string');
  const trimmed = text.trim();
  if (trimmed === '') throw new HttpError(400, '"text" must not be empty');
  if ([...trimmed].length > MAX_NOTE_LENGTH) {
    throw new HttpError(400, `"text" must be at most ${MAX_NOTE_LENGTH} characters`);
  }
  return trimmed;
}

export function createApp(deps: AppDeps): RequestListener {
  const { logger, store } = deps;
  const generateId = deps.generateId ?? randomUUID;
  const router = new Router<Handler>();

  // Dockerflow endpoints ---------------------------------------------------------------------------

  router.get('/__lbheartbeat__', ({ res }) => {
    // Load-balancer check: answers as soon as the server listens; never touches backing services.
    sendJson(res, 200, { status: 'ok' });
  });

  router.get('/__heartbeat__', async ({ res }) => {
    const result = await heartbeat(deps.checks);
    sendJson(res, result.httpStatus, result.body);
  });

  router.get('/__version__', async ({ res }) => {
    let content: Buffer;
    try {
      content = await readFile(deps.versionFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new HttpError(404, 'version.json not found');
      }
      throw err;
    }
    sendJson(res, 200, content); // verbatim
  });

  // Static page ------------------------------------------------------------------------------------

  for (const [urlPath, file] of deps.staticFiles) {
    router.get(urlPath, ({ req, res }) => sendStatic(req, res, file));
  }

  // Notes API --------------------------------------------------------------------------------------

  async function withStore<T>(op: () => Promise<T>): Promise<T> {
    if (!deps.isReady()) throw new HttpError(503, 'database not ready yet', { 'Retry-After': '1' });
    try {
      return await op();
    } catch (err) {
      if (isUnavailableError(err)) {
        throw new HttpError(503, 'database unavailable', { 'Retry-After': '1' });
      }
      throw err;
    }
  }

  router.get('/api/notes', async ({ res, query }) => {
    const limit = parseLimit(query.get('limit'));
    const notes = await withStore(() => store.list(limit));
    sendJson(res, 200, { notes });
  });

  router.post('/api/notes', async ({ req, res }) => {
    const text = validateNoteInput(await readJsonBody(req));
    const note = await withStore(() => store.create(text));
    sendJson(res, 201, note, { Location: `/api/notes/${note.id}` });
  });

  router.get('/api/notes/:id', async ({ res, params }) => {
    const id = parseId(params.id);
    const note = await withStore(() => store.get(id));
    if (!note) throw new HttpError(404, 'note not found');
    sendJson(res, 200, note);
  });

  router.delete('/api/notes/:id', async ({ res, params }) => {
    const id = parseId(params.id);
    const removed = await withStore(() => store.remove(id));
    if (!removed) throw new HttpError(404, 'note not found');
    res.statusCode = 204;
    res.end();
  });

  // Dispatch ---------------------------------------------------------------------------------------

  return (req, res) => {
    const started = process.hrtime.bigint();
    const rid = requestId(req, generateId);
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
    const method = req.method ?? 'GET';
    let errno = 0;

    res.setHeader('X-Request-Id', rid);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (deps.isShuttingDown?.()) res.setHeader('Connection', 'close');

    let logged = false;
    const summary = () => {
      if (logged) return;
      logged = true;
      const fields: Record<string, unknown> = {
        agent: req.headers['user-agent'] ?? '',
        path,
        method,
        code: res.statusCode,
        errno,
        t: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10, // ms, 0.1 ms resolution
        lang: req.headers['accept-language'] ?? '',
        rid,
      };
      if (!res.writableFinished) fields.aborted = true;
      logger.info('request.summary', fields);
    };
    res.on('close', summary);

    const fail = (err: unknown) => {
      if (err instanceof HttpError) {
        if (err.status >= 500) errno = err.status;
        if (!res.headersSent) sendError(res, err);
        else res.destroy();
        return;
      }
      errno = 500;
      logger.error('request.error', {
        msg: 'unhandled error while handling a request',
        method,
        path,
        rid,
        error: err instanceof Error ? err : String(err),
      });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal server error' });
      else res.destroy();
    };

    const match = router.match(method, path);
    if (match.kind === 'not-found') {
      fail(new HttpError(404, 'not found'));
      return;
    }
    if (match.kind === 'method-not-allowed') {
      fail(new HttpError(405, 'method not allowed', { Allow: match.allow.join(', ') }));
      return;
    }
    try {
      const ret = match.handler({ req, res, params: match.params, query, rid });
      if (ret instanceof Promise) ret.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
}
