// Static files served by the application itself (Dockerflow: "static files should be served by the
// application"). The few files are read once at start into memory, with a strong ETag each.
//   /            -> public/index.html       Cache-Control: no-cache (always revalidated, 304 when unchanged)
//   /static/...  -> public/static/...       Cache-Control: public, max-age=3600

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

export interface StaticFile {
  body: Buffer;
  contentType: string;
  etag: string;
  cacheControl: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export const HTML_CACHE_CONTROL = 'no-cache';
export const ASSET_CACHE_CONTROL = 'public, max-age=3600';

// Applies to the HTML page: scripts and styles only from this origin, no framing.
export const HTML_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function load(file: string, cacheControl: string): StaticFile {
  const body = readFileSync(file);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, contentType: contentTypeFor(file), etag, cacheControl };
}

function walk(dir: string, prefix: string, out: Map<string, StaticFile>): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, `${prefix}/${name}`, out);
    else out.set(`${prefix}/${name}`, load(full, ASSET_CACHE_CONTROL));
  }
}

/** Loads public/index.html as "/" and everything under public/static as "/static/...". */
export function loadStaticFiles(publicDir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  files.set('/', load(path.join(publicDir, 'index.html'), HTML_CACHE_CONTROL));
  walk(path.join(publicDir, 'static'), '/static', files);
  return files;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Sends a static file (GET or HEAD), answering 304 when the client's ETag is current. */
export function sendStatic(req: IncomingMessage, res: ServerResponse, file: StaticFile): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Cache-Control', file.cacheControl);
  res.setHeader('ETag', file.etag);
  if (file.contentType.startsWith('text/html')) {
    for (const [k, v] of Object.entries(HTML_SECURITY_HEADERS)) res.setHeader(k, v);
  }
  if (etagMatches(req.headers['if-none-match'], file.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', file.body.length);
  res.end(file.body);
}
