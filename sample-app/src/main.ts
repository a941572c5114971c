// Process entry point: `node dist/src/main.js` starts the server.
// Node runs as PID 1 in the container, so it installs its own SIGTERM/SIGINT handlers
// (PID 1 gets no default signal behaviour from the kernel).

import { ConfigError, loadConfig, redactDatabaseUrl } from './config.js';
import { Logger, parseLevel, Severity } from './mozlog.js';
import { startService } from './service.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    const logger = new Logger({ level: parseLevel(process.env.LOG_LEVEL ?? '') ?? Severity.info });
    if (err instanceof ConfigError) {
      logger.critical('config.error', { msg: err.message, problems: err.problems });
      process.exit(1);
    }
    throw err;
  }

  const logger = new Logger({ level: config.logLevel });
  let exitCode = 0;
  let service: Awaited<ReturnType<typeof startService>> | undefined;
  let stopRequested = false;

  const shutdown = (reason: string, code: number) => {
    if (stopRequested) {
      logger.notice('server.signal', { msg: 'already shutting down', reason });
      return;
    }
    stopRequested = true;
    exitCode = code;
    const done = service ? service.stop(reason) : Promise.resolve();
    done.then(
      () => process.exit(exitCode),
      (err: unknown) => {
        logger.critical('server.stop.error', { error: err instanceof Error ? err : String(err) });
        process.exit(1);
      },
    );
  };

  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('uncaughtException', (err) => {
    logger.critical('process.uncaught', { msg: 'uncaught exception', error: err });
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.critical('process.unhandled', {
      msg: 'unhandled promise rejection',
      error: reason instanceof Error ? reason : String(reason),
    });
    process.exit(1);
  });

  logger.info('server.starting', {
    msg: 'starting sample-app',
    port: config.port,
    database: redactDatabaseUrl(config.databaseUrl),
    node: process.version,
    log_level: config.logLevel,
  });

  try {
    service = await startService(config, logger, {
      onFatal: (reason) => shutdown(reason, 1),
    });
  } catch (err) {
    // e.g. EADDRINUSE, EACCES, missing static files
    logger.critical('server.start.error', { msg: 'could not start the server', error: err instanceof Error ? err : String(err) });
    process.exit(1);
  }
}

void main();
