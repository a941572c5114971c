import { ConfigError } from './errors.js';

/**
 * Split a list input: newlines (and commas, unless the values may hold commas), trimmed, blanks and `#`
 * comments dropped. In newline lists a value in double quotes may span lines (`KEY="line 1` … `line 2"`), for
 * multi-line secrets such as keys.
 */
export function splitList(raw: string, newlineOnly: boolean): string[] {
  if (!newlineOnly)
    return raw
      .split(/\r?\n|,/)
      .map((p) => p.trim())
      .filter((p) => p !== '' && !p.startsWith('#'));
  const out: string[] = [];
  let open: string[] | null = null;
  for (const line of raw.split(/\r?\n/)) {
    if (open) {
      open.push(line);
      if (line.trimEnd().endsWith('"')) {
        out.push(open.join('\n').trim());
        open = null;
      }
      continue;
    }
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const quoted = /^[^=\s]+="/.exec(t);
    if (quoted && !(t.length > quoted[0].length && t.endsWith('"'))) open = [t];
    else out.push(t);
  }
  if (open) out.push(open.join('\n').trim()); // unclosed: keep what was given, parseKeyValues says so
  return out;
}

export interface KeyValue {
  key: string;
  value: string;
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Parse `KEY=VALUE` lines; the value may be empty and may hold `=`. */
export function parseKeyValues(input: string, lines: string[], what = 'KEY=VALUE'): KeyValue[] {
  return lines.map((line) => {
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq).trim();
    if (eq < 0 || !ENV_KEY.test(key)) {
      // The value may be a secret: show only the part before '=' (or nothing).
      const shown = eq < 0 ? `a line without "="` : `"${key}=…"`;
      throw new ConfigError(input, `${shown} is not ${what}`, `write one ${what} per line`);
    }
    const value = line.slice(eq + 1);
    const quoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"');
    return { key, value: quoted ? value.slice(1, -1) : value };
  });
}

/**
 * Split a command line into argv without a shell: whitespace separates words, single and double quotes group,
 * backslash escapes the next character outside single quotes. Nothing is expanded.
 */
export function splitCommand(input: string, command: string): string[] {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new ConfigError(input, `unclosed ${quote} quote`, 'close the quote or remove it');
  if (inWord) argv.push(word);
  return argv;
}
