/**
 * Markdown that renders as written (GitHub-flavoured Markdown, as the job summary and PR comments read it).
 * Paths, commands and values go in code spans; everything else is escaped, so `/__heartbeat__` never turns into
 * a bold "heartbeat", a `|` never splits a table cell and a newline never ends a table row.
 */

/** An inline code span holding `s` verbatim (a fence longer than any backtick run in it; newlines become spaces). */
export function code(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ');
  if (flat === '') return '';
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Backslash-escape every character inline Markdown could read as syntax: emphasis and strikethrough, code,
 * links and images (`[`, `]`; so `(`, `)` and `!` are plain), HTML and entities, and `#` after a list marker.
 * `|` is left to `cell`, which escapes every one, inside code spans too.
 */
export function escape(s: string): string {
  return s.replace(/[\\`*_[\]<>#~&]/g, (c) => `\\${c}`);
}

/**
 * A token that reads as a path, a variable, a digest or a command option: set in a code span. Paths start with
 * `/` (`/__lbheartbeat__`, `/app/version.json`), variables with `$`, and anything holding `__` or `=` is a value.
 */
const CODE_LIKE = /^(?:\/\S*|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\S*|--?[a-z]\S*|\S*__\S*|\S+=\S*|sha256:\S+|\S*[<>|*`]\S*)$/;

/**
 * Prose from the tool (rule messages, reasons, errors) as Markdown: code-like words in code spans, the rest
 * escaped, a line break as `<br>` (so a table row or list item never ends early). A trailing `.`, `,`, `;`, `:` or `)` stays outside the code span; an opening `(` too.
 */
export function prose(s: string): string {
  return s
    .split(/(\s+)/)
    .map((word) => {
      if (word === '' || /^\s+$/.test(word)) return word.includes('\n') ? '<br>' : word;
      const m = /^([("'[]*)(.*?)([)"'\],.;:!?]*)$/.exec(word)!;
      const [, open = '', core = '', close = ''] = m;
      if (core !== '' && CODE_LIKE.test(core)) return `${escape(open)}${code(core)}${escape(close)}`;
      return escape(word);
    })
    .join('');
}

/** A table cell: newlines become `<br>`, every `|` is escaped (inside code spans too: GFM splits cells first). */
export function cell(markdown: string): string {
  return markdown.replace(/\r?\n/g, '<br>').replace(/\|/g, '\\|').trim();
}

/** A GFM table from already-rendered Markdown cells. */
export function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map((c) => cell(c) || ' ').join(' | ')} |`),
  ];
}
