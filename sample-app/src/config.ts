// Configuration comes only from environment variables (Dockerflow: "accept its configuration through
// environment variables"). Everything is validated here, once, at start; a bad value stops the process
// with a clear message instead of failing later at the first request.

import { parseLevel, Severity } from './mozlog.js';

export interface Config {
  /** TCP port to listen on (PORT, default 8000). */
  port: number;
  /** PostgreSQL connection string (DATABASE_URL, required). */
  databaseUrl: string;
  /** Most verbose syslog severity to log (LOG_LEVEL, default info = 6). */
  logLevel: number;
}

export const DEFAULT_PORT = 8000;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; throws ConfigError listing every problem found. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  let port = DEFAULT_PORT;
  const rawPort = env.PORT?.trim();
  if (rawPort !== undefined && rawPort !== '') {
    if (/^\d+$/.test(rawPort) && Number(rawPort) >= 1 && Number(rawPort) <= 65535) {
      port = Number(rawPort);
    } else {
      problems.push(`PORT must be an integer between 1 and 65535, got ${JSON.stringify(env.PORT)}`);
    }
  }

  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  if (databaseUrl === '') {
    problems.push('DATABASE_URL is required (e.g. postgres://user:password@db:5432/postgres)');
  } else {
    const problem = checkDatabaseUrl(databaseUrl);
    if (problem) problems.push(problem);
  }

  let logLevel: number = Severity.info;
  const rawLevel = env.LOG_LEVEL?.trim();
  if (rawLevel !== undefined && rawLevel !== '') {
    const parsed = parseLevel(rawLevel);
    if (parsed === undefined) {
      problems.push(
        `LOG_LEVEL must be a syslog severity name (debug, info, notice, warning, error, critical, alert, emergency) or 0-7, got ${JSON.stringify(env.LOG_LEVEL)}`,
      );
    } else {
      logLevel = parsed;
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, databaseUrl, logLevel };
}

/** Returns a problem description for a bad connection string, never echoing the password. */
function checkDatabaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/dbname)';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `DATABASE_URL must use the postgres:// or postgresql:// scheme, got ${JSON.stringify(url.protocol)}`;
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    return 'DATABASE_URL has no host';
  }
  if (url.port !== '' && !(Number(url.port) >= 1 && Number(url.port) <= 65535)) {
    return 'DATABASE_URL has an invalid port';
  }
  return undefined;
}

/** The connection string with the password replaced, safe to log. */
export function redactDatabaseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) {
      if (/pass/i.test(key)) url.searchParams.set(key, '***');
    }
    return url.toString();
  } catch {
    return '<unparseable>';
  }
}
