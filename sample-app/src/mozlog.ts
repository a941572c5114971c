// mozlog (https://wiki.mozilla.org/Firefox/Services/Logging) JSON logger.
//
// One JSON object per line on stdout:
//   {"Timestamp": <int ns since epoch>, "Type": "...", "Logger": "sample-app", "Hostname": "...",
//    "EnvVersion": "2.0", "Severity": 0-7, "Pid": 123, "Fields": {...}}
// Field values are scalars (string, number, boolean, null) or flat arrays of scalars; anything else
// (nested objects, errors, bigints...) is flattened to a string so every line stays valid mozlog.

import os from 'node:os';

/** Syslog severities, as mozlog uses them. */
export const Severity = {
  emergency: 0,
  alert: 1,
  critical: 2,
  error: 3,
  warning: 4,
  notice: 5,
  info: 6,
  debug: 7,
} as const;

export type SeverityName = keyof typeof Severity;
export type Scalar = string | number | boolean | null;
export type FieldValue = Scalar | Scalar[];
export type Fields = Record<string, FieldValue>;

const LEVEL_ALIASES: Record<string, number> = {
  ...Severity,
  emerg: 0,
  crit: 2,
  err: 3,
  warn: 4,
  information: 6,
  trace: 7,
};

/**
 * Parses a LOG_LEVEL value: a syslog severity name (debug, info, warning, error, ...) or its number 0-7.
 * Returns undefined when the value is not recognised.
 */
export function parseLevel(value: string): number | undefined {
  const v = value.trim().toLowerCase();
  if (/^[0-7]$/.test(v)) return Number(v);
  return Object.hasOwn(LEVEL_ALIASES, v) ? LEVEL_ALIASES[v] : undefined;
}

function toScalar(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON has no NaN/Infinity.
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    default:
      break;
  }
  if (value instanceof Error) return value.message;
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Makes an arbitrary record conform to mozlog's Fields rules. Undefined values are dropped. */
export function sanitizeFields(input: Record<string, unknown>): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (value instanceof Error) {
      out[key] = value.message;
      if (key === 'error' && value.stack) out.stack = value.stack;
      continue;
    }
    out[key] = Array.isArray(value) ? value.map(toScalar) : toScalar(value);
  }
  return out;
}

export interface LoggerOptions {
  /** mozlog `Logger` value. */
  name?: string;
  /** Most verbose severity that is written (0-7); lines with a higher number are dropped. */
  level?: number;
  /** Where complete lines (with trailing newline) go. Defaults to process.stdout. */
  write?: (line: string) => void;
  /** Clock in milliseconds since epoch; injectable for tests. */
  now?: () => number;
  hostname?: string;
  pid?: number;
}

export class Logger {
  readonly name: string;
  readonly level: number;
  private readonly write: (line: string) => void;
  private readonly now: () => number;
  private readonly hostname: string;
  private readonly pid: number;

  constructor(opts: LoggerOptions = {}) {
    this.name = opts.name ?? 'sample-app';
    this.level = opts.level ?? Severity.info;
    this.write = opts.write ?? ((line) => void process.stdout.write(line));
    this.now = opts.now ?? Date.now;
    this.hostname = opts.hostname ?? os.hostname();
    this.pid = opts.pid ?? process.pid;
  }

  enabled(severity: number): boolean {
    return severity <= this.level;
  }

  /** Builds one mozlog line (no trailing newline). Exposed for tests. */
  format(type: string, severity: number, fields: Record<string, unknown> = {}): string {
    // Integer nanoseconds: 1.7e18 is beyond Number's exact integers, so compute with BigInt and splice it in.
    const timestamp = BigInt(Math.trunc(this.now())) * 1_000_000n;
    const rest = JSON.stringify({
      Type: type,
      Logger: this.name,
      Hostname: this.hostname,
      EnvVersion: '2.0',
      Severity: severity,
      Pid: this.pid,
      Fields: sanitizeFields(fields),
    });
    return `{"Timestamp":${timestamp.toString()},${rest.slice(1)}`;
  }

  log(type: string, severity: number, fields: Record<string, unknown> = {}): void {
    if (!this.enabled(severity)) return;
    let line: string;
    try {
      line = this.format(type, severity, fields);
    } catch (err) {
      line = this.format('log.error', Severity.error, { msg: 'could not format log line', type, error: err });
    }
    this.write(line + '\n');
  }

  debug(type: string, fields?: Record<string, unknown>): void {
    this.log(type, Severity.debug, fields);
  }
  info(type: string, fields?: Record<string, unknown>): void {
    this.log(type, Severity.info, fields);
  }
  notice(type: string, fields?: Record<string, unknown>): void {
    this.log(type, Severity.notice, fields);
  }
  warning(type: string, fields?: Record<string, unknown>): void {
    this.log(type, Severity.warning, fields);
  }
  error(type: string, fields?: Record<string, unknown>): void {
    this.log(type, Severity.error, fields);
  }
  critical(type: string, fields?: Record<string, unknown>): void {
    this.log(type, Severity.critical, fields);
  }
}
