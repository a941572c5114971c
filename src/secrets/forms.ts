/**
 * Every form in which a secret value can reach a file, an output or a console line, and that the redactor
 * therefore removes: the encodings the Actions runner masks on its console (raw, per line, base64 in its three
 * alignments, URL-encoded, JSON-escaped), applied to files too, plus the escapings this tool itself performs.
 */

/** Shorter forms would match everywhere: they are not registered (the run warns about such secrets). */
export const MIN_FORM_LENGTH = 3;

/** base64 fragments shorter than this are left out. */
const MIN_BASE64_FORM = 6;

const jsonEscape = (s: string): string => JSON.stringify(s).slice(1, -1);

/** `application/x-www-form-urlencoded` (URLSearchParams): space as `+`. */
const formEncode = (s: string): string => new URLSearchParams([['', s]]).toString().slice(1);

/** POSIX single-quoted, as `displayArgv` and shells print it: `'it'\''s'`. */
const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

const htmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\|/g, '&#124;');

/**
 * base64 of the value at the three byte alignments it can take inside a longer base64 text (as the runner
 * masks it): the value's own encoding, and its encodings after one and two leading bytes, with the characters
 * that depend on the neighbouring bytes cut off.
 */
function base64Forms(s: string): string[] {
  const bytes = Buffer.from(s, 'utf8');
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    let b64 = padded.toString('base64');
    // Leading characters that mix in the unknown preceding bytes.
    const lead = shift === 0 ? 0 : shift === 1 ? 2 : 3;
    b64 = b64.slice(lead);
    // Trailing characters that mix in the unknown following bytes (and the padding).
    const rem = padded.length % 3;
    const trail = rem === 0 ? 0 : rem === 1 ? 4 : 4;
    if (rem !== 0) b64 = b64.slice(0, b64.length - trail) + (rem === 2 ? b64.slice(-4, -2) : b64.slice(-4, -3));
    out.push(b64.replace(/=+$/, ''));
  }
  return out;
}

/**
 * Every encoding of `value` that is redacted: raw, each line of a multi-line value (trimmed), JSON-escaped once
 * and twice, `encodeURIComponent`, form encoding, base64 in three alignments, shell-quoted, and the
 * GitHub-flavoured Markdown table cell form (`|` as `\|`). Forms shorter than 3 characters are left out.
 */
export function secretForms(value: string): string[] {
  const forms = new Set<string>();
  const add = (f: string): void => {
    if (f.length >= MIN_FORM_LENGTH) forms.add(f);
  };
  const bases = [value, ...(/[\r\n]/.test(value) ? value.split(/\r?\n/).map((l) => l.trim()) : [])];
  for (const v of bases) {
    if (v.length < MIN_FORM_LENGTH) continue;
    add(v);
    add(jsonEscape(v));
    add(jsonEscape(jsonEscape(v)));
    add(encodeURIComponent(v));
    add(formEncode(v));
    // A shorter base64 fragment would match ordinary text; `base64(user:password)` is registered whole anyway.
    for (const b of base64Forms(v)) if (b.length >= MIN_BASE64_FORM) add(b);
    add(shellQuote(v));
    add(shellQuote(v).slice(1, -1)); // the inside of a quoted word: 'it'\''s'
    // Markdown: a table cell (`|` as `\|`), every punctuation character backslash-escaped, HTML entities.
    add(v.replace(/\|/g, '\\|'));
    add(jsonEscape(v).replace(/\|/g, '\\|'));
    add(v.replace(/[\\`*_{}[\]()#+\-.!|<>~"$]/g, '\\$&'));
    add(htmlEscape(v));
    // The annotation escaping of workflow commands (`%` `\r` `\n`).
    add(v.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
  }
  return [...forms];
}
