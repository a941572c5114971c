// Shared test helpers: an in-memory notes store, a capturing logger, and an app on an ephemeral port.

import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppDeps, createApp } from '../src/app.js';
import type { Note, NotesStore } from '../src/db.js';
import { Logger } from '../src/mozlog.js';
import { loadStaticFiles } from '../src/static.js';

// dist/test/helpers.js -> app root (sample-app/ in the repo, /app in the image)
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PUBLIC_DIR = path.join(APP_ROOT, 'public');
export const MAIN_JS = path.join(APP_ROOT, 'dist', 'src', 'main.js');

export class MemoryNotesStore implements NotesStore {
  notes = new Map<number, Note>();
  next = 1;
  failWith: Error | undefined;

  private check(): void {
    if (this.failWith) throw this.failWith;
  }
  async list(limit: number): Promise<Note[]> {
    this.check();
    return [...this.notes.values()].sort((a, b) => b.id - a.id).slice(0, limit);
  }
  async create(text: string): Promise<Note> {
    this.check();
    const note = { id: this.next++, text, created_at: new Date().toISOString() };
    this.notes.set(note.id, note);
    return note;
  }
  async get(id: number): Promise<Note | undefined> {
    this.check();
    return this.notes.get(id);
  }
  async remove(id: number): Promise<boolean> {
    this.check();
    return this.notes.delete(id);
  }
}

export interface CapturedLogger {
  logger: Logger;
  lines: string[];
  records: () => Array<Record<string, any>>;
}

export function captureLogger(level = 7): CapturedLogger {
  const lines: string[] = [];
  const logger = new Logger({ level, write: (line) => void lines.push(line) });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l)) };
}

export interface TestApp {
  url: string;
  server: http.Server;
  close: () => Promise<void>;
}

export async function startApp(overrides: Partial<AppDeps> = {}): Promise<TestApp & { deps: AppDeps }> {
  const deps: AppDeps = {
    logger: captureLogger().logger,
    store: new MemoryNotesStore(),
    checks: [],
    isReady: () => true,
    versionFile: path.join(APP_ROOT, 'does-not-exist', 'version.json'),
    staticFiles: loadStaticFiles(PUBLIC_DIR),
    ...overrides,
  };
  const server = http.createServer(createApp(deps));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    deps,
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Checks one line against the mozlog rules this app promises. Throws with a reason. */
export function assertMozlog(line: string): Record<string, any> {
  const obj = JSON.parse(line) as Record<string, any>;
  const fail = (why: string) => {
    throw new Error(`not mozlog (${why}): ${line}`);
  };
  if (!/^\{"Timestamp":\d{16,20},/.test(line)) fail('Timestamp must be an integer in ns');
  for (const key of ['Type', 'Logger', 'Hostname']) if (typeof obj[key] !== 'string') fail(`${key} not a string`);
  if (obj.EnvVersion !== '2.0') fail('EnvVersion');
  if (!Number.isInteger(obj.Severity) || obj.Severity < 0 || obj.Severity > 7) fail('Severity');
  if (!Number.isInteger(obj.Pid)) fail('Pid');
  if (typeof obj.Fields !== 'object' || obj.Fields === null || Array.isArray(obj.Fields)) fail('Fields');
  for (const [k, v] of Object.entries(obj.Fields as Record<string, unknown>)) {
    const scalar = (x: unknown) => x === null || ['string', 'number', 'boolean'].includes(typeof x);
    if (!(scalar(v) || (Array.isArray(v) && v.every(scalar)))) fail(`Fields.${k} is not a scalar or flat array`);
  }
  return obj;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Response body as JSON, typed loosely for assertions. */
export function j(res: Response): Promise<any> {
  return res.json() as Promise<any>;
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface AppProcess {
  child: ChildProcess;
  url: string;
  /** stdout lines so far */
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout record of this Type. */
  waitFor: (type: string, timeoutMs?: number) => Promise<Record<string, any>>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Runs the compiled server (dist/src/main.js) as a child process with exactly `env` (plus PATH). */
export function runMain(env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [MAIN_JS], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let err = '';
  let buf = '';
  const waiters: Array<() => void> = [];
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n')) !== -1) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
    for (const w of waiters.splice(0)) w();
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (c: string) => (err += c));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w();
      resolve(code ?? signal ?? -1);
    }),
  );
  const find = (type: string) => lines.map((l) => JSON.parse(l) as Record<string, any>).find((r) => r.Type === type);
  const waitFor = async (type: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = find(type);
      if (hit) return hit;
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`process exited before logging ${type}; stdout:\n${lines.join('\n')}\nstderr:\n${err}`);
      }
      if (Date.now() > deadline) throw new Error(`no ${type} line within ${timeoutMs} ms:\n${lines.join('\n')}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  };
  return { child, url: `http://127.0.0.1:${env.PORT ?? 8000}`, lines, stderr: () => err, waitFor, exited };
}
