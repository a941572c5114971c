import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redactor } from './redactor.js';

/**
 * The one place where bytes leave the tool for a file, a runner file command or a console: each function
 * formats first (escaping, the file-command envelope) and redacts the exact text it writes, last. A new sink
 * goes here, so it cannot forget to redact.
 */

/** Write a whole file (report, version.json, shasum...). */
export function writeFileRedacted(redactor: Redactor, file: string, content: string, mode = 0o644): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, redactor.redact(content), { mode });
}

/** Append to a file (the job summary). */
export function appendFileRedacted(redactor: Redactor, file: string, content: string): void {
  appendFileSync(file, redactor.redact(content), { encoding: 'utf8' });
}

/**
 * A runner file command (GITHUB_OUTPUT, GITHUB_STATE) in the runner's `name<<delimiter` form, as @actions/core
 * writes it, the whole entry redacted. Returns false when the runner gave no such file.
 */
export function fileCommandRedacted(redactor: Redactor, file: string | undefined, name: string, value: string): boolean {
  if (!file) return false;
  const v = redactor.redact(value);
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (name.includes(delimiter) || v.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, redactor.redact(`${name}<<${delimiter}${os.EOL}${v}${os.EOL}${delimiter}${os.EOL}`), { encoding: 'utf8' });
  return true;
}

/** A console line or chunk. */
export function writeStreamRedacted(redactor: Redactor, stream: NodeJS.WritableStream, text: string): void {
  stream.write(redactor.redact(text));
}

/** Workflow command escaping (`::warning file=…::message`), as @actions/core does it. */
export function escapeCommandData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeCommandProperty(s: string): string {
  return escapeCommandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::name k=v,…::message`, escaped; the caller redacts it with `writeStreamRedacted`. */
export function workflowCommand(name: string, props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeCommandProperty(String(v))}`)
    .join(',');
  return `::${name}${p ? ` ${p}` : ''}::${escapeCommandData(message)}${os.EOL}`;
}
