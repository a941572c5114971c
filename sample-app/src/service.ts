// Wires the pieces together: pool, background migration, heartbeat checks, app, HTTP server, shutdown.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createPool, migrateWithRetry, PgNotesStore, pgCode, ping } from './db.js';
import type { Check } from './heartbeat.js';
import type { Logger } from './mozlog.js';
import { createHttpServer, drain, listen } from './server.js';
import { loadStaticFiles } from './static.js';

// dist/src/service.js -> the app root (/app in the image)
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const HEARTBEAT_DB_TIMEOUT_MS = 1000;
export const MIGRATION_DEADLINE_MS = 60_000;
export const SHUTDOWN_GRACE_MS = 7_000;

export interface ServiceOptions {
  versionFile?: string;
  publicDir?: string;
  /** Listen address; default: all interfaces. */
  host?: string;
  migrationDeadlineMs?: number;
  shutdownGraceMs?: number;
  /** Called when the service cannot go on (migration gave up); main() exits non-zero. */
  onFatal?: (reason: string) => void;
}

export interface Service {
  port: number;
  /** Resolves when the schema migration is done (or rejects when it gives up). */
  migrated: Promise<void>;
  isReady(): boolean;
  /** Graceful stop: drain HTTP, stop migrating, close the pool. Idempotent. */
  stop(reason: string): Promise<void>;
}

export async function startService(config: Config, logger: Logger, opts: ServiceOptions = {}): Promise<Service> {
  const versionFile = opts.versionFile ?? path.join(APP_ROOT, 'version.json');
  const publicDir = opts.publicDir ?? path.join(APP_ROOT, 'public');
  const staticFiles = loadStaticFiles(publicDir);

  const pool = createPool(config.databaseUrl, logger);
  const store = new PgNotesStore(pool);
  let ready = false;
  let stopping: Promise<void> | undefined;

  const databaseCheck: Check = {
    name: 'database',
    timeoutMs: HEARTBEAT_DB_TIMEOUT_MS + 100, // ping() has its own 1 s deadline; this is a safety net
    run: async () => {
      await ping(pool, HEARTBEAT_DB_TIMEOUT_MS);
      return ready ? { status: 'ok' } : { status: 'warning', detail: { message: 'schema migration pending' } };
    },
  };

  const app = createApp({
    logger,
    store,
    checks: [databaseCheck],
    isReady: () => ready,
    versionFile,
    staticFiles,
    isShuttingDown: () => stopping !== undefined,
  });
  const server = createHttpServer(app);

  // Listen first: /__lbheartbeat__ must answer while the database may still be starting.
  const port = await listen(server, config.port, opts.host);
  logger.info('server.listening', { msg: `listening on port ${port}`, port, pid: process.pid });

  const abort = new AbortController();
  const migrated = migrateWithRetry(pool, logger, {
    deadlineMs: opts.migrationDeadlineMs ?? MIGRATION_DEADLINE_MS,
    signal: abort.signal,
  });
  migrated.then(
    () => {
      ready = true;
    },
    (err: unknown) => {
      if (stopping) return;
      logger.critical('db.migrate.failed', {
        msg: 'could not apply the database schema; giving up',
        error: err instanceof Error ? err.message : String(err),
        code: pgCode(err),
      });
      opts.onFatal?.('database migration failed');
    },
  );

  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info('server.stopping', { msg: 'shutting down gracefully', reason });
      abort.abort();
      const result = await drain(server, logger, opts.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
      await Promise.race([
        pool.end().catch((err: unknown) =>
          logger.warning('db.pool.end', { error: err instanceof Error ? err.message : String(err) }),
        ),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
      logger.info('server.stopped', { msg: 'server stopped', reason, drain_ms: result.ms, forced: result.forced });
    })();
    return stopping;
  };

  return { port, migrated, isReady: () => ready, stop };
}
