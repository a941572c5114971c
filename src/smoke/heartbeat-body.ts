/**
 * A /__heartbeat__ body in one line, for a failure message: the Dockerflow convention
 * `{"status": …, "checks": {name: status}, "details": {name: {…, "messages": {id: text}}}}` is listed per check,
 * failing checks first, with their details; any other body is shown as text, shortened.
 */
export function describeHeartbeatBody(body: string, max = 400): string {
  const text = body.trim();
  if (!text) return 'an empty body';
  if (isHtml(text)) return `an HTML page ${quote(shorten(htmlText(text), max))}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return `body ${quote(shorten(text, max))}`;
  }
  if (!isObject(json)) return `body ${shorten(text, max)}`;
  const parts: string[] = [];
  if (typeof json.status === 'string') parts.push(`status "${json.status}"`);
  const checks = isObject(json.checks) ? json.checks : {};
  const details = isObject(json.details) ? json.details : {};
  const names = [...new Set([...Object.keys(checks), ...Object.keys(details)])];
  if (names.length === 0) {
    if (parts.length === 0) return `body ${shorten(text, max)}`;
    return shorten(parts.join('; '), max);
  }
  const statusOf = (n: string): string => {
    const c = checks[n];
    if (typeof c === 'string') return c;
    const d = details[n];
    if (isObject(d) && typeof d.status === 'string') return d.status;
    return '?';
  };
  const bad = (n: string): boolean => !/^(ok|pass|passed|healthy|up)$/i.test(statusOf(n));
  const ordered = [...names.filter(bad), ...names.filter((n) => !bad(n))];
  parts.push(`checks: ${ordered.map((n) => `${n}=${statusOf(n)}`).join(', ')}`);
  for (const n of ordered.filter(bad)) {
    const d = detailText(details[n]);
    if (d) parts.push(`${n}: ${d}`);
  }
  return shorten(parts.join('; '), max);
}

function detailText(d: unknown): string {
  if (d === undefined || d === null) return '';
  if (typeof d === 'string') return d;
  if (isObject(d)) {
    if (isObject(d.messages)) {
      const msgs = Object.entries(d.messages).map(([id, m]) => `${typeof m === 'string' ? m : JSON.stringify(m)} (${id})`);
      if (msgs.length) return msgs.join(', ');
    }
    if (typeof d.message === 'string') return d.message;
    if (typeof d.error === 'string') return d.error;
  }
  return JSON.stringify(d);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function shorten(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

const quote = (s: string): string => JSON.stringify(s);

/** A web framework's error page (Express's "Cannot GET /x", Flask's and Django's "Not Found" pages). */
const isHtml = (text: string): boolean => /^(<!doctype html|<html[\s>]|<head[\s>]|<title[\s>])/i.test(text);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * The words of an HTML page, as a person reads them: scripts, styles and tags left out, the common entities
 * decoded. A summary for a failure message (the page itself is in build.log), not a parser.
 */
export function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, e: string) => {
      if (ENTITIES[e.toLowerCase()]) return ENTITIES[e.toLowerCase()]!;
      const code = /^#x/i.test(e) ? parseInt(e.slice(2), 16) : /^#/.test(e) ? Number(e.slice(1)) : NaN;
      return Number.isInteger(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
