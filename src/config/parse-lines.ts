import { ConfigError } from './errors.js';

/** Split a list input: newlines (and commas, unless the values may hold commas), trimmed, blanks dropped. */
export function splitList(raw: string, newlineOnly: boolean): string[] {
  const parts = newlineOnly ? raw.split(/\r?\n/) : raw.split(/\r?\n|,/);
  return parts.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#'));
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
    return { key, value: line.slice(eq + 1) };
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
