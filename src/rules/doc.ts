import { RULES, type RuleSpec } from './catalogue.js';

/**
 * docs/rules.md from the catalogue: its rule table and each rule's `## DFxxx — title` heading are generated; the
 * text under each heading (spec, why, checks, fix) and the intro are written by hand and kept as they are.
 * `npm run docs:rules` rewrites the file; __tests__/unit/rules-doc.test.ts fails while it differs.
 */
export const TABLE_START = '<!-- rules-table: generated from src/rules/catalogue.ts by `npm run docs:rules`; do not edit -->';
export const TABLE_END = '<!-- /rules-table -->';
const HEADING = /^## (DF\d{3}) — /;
/** Until the first generation: the hand-written table the markers replace. */
const OLD_TABLE = /^\| ID \| Rule \| Level \|\n(?:\|.*\|\n)+/m;

/** A title in Markdown: paths, `$VARS` and input names (`test-command`) as code. */
export function markdownTitle(title: string): string {
  return title
    .split(' ')
    .map((w) => (/^[/$]/.test(w) || /^[a-z]+(?:-[a-z]+)+$/.test(w) ? `\`${w}\`` : w))
    .join(' ');
}

function level(r: RuleSpec): string {
  return r.levelFrom ? `per \`${r.levelFrom}\` (default ${r.level})` : r.level;
}

export function rulesTable(): string {
  const rules: readonly RuleSpec[] = RULES;
  return ['| ID | Rule | Level |', '|---|---|---|', ...rules.map((r) => `| ${r.id} | ${markdownTitle(r.title)} | ${level(r)} |`)].join(
    '\n',
  );
}

export function heading(r: RuleSpec): string {
  return `## ${r.id} — ${markdownTitle(r.title)}`;
}

/**
 * The doc `current` should be: its intro, the generated table, then one section per rule in catalogue order, each
 * under its generated heading with the hand-written text it had (sections that are not a rule's, such as
 * "How the smoke stage runs", travel with the rule before them). A rule with no section yet gets its heading and
 * a placeholder to write; a section of a rule the catalogue lacks is an error to resolve by hand.
 */
export function rulesDoc(current: string): string {
  let text = current.replace(/\r\n/g, '\n');
  if (!text.includes(TABLE_START)) {
    const m = OLD_TABLE.exec(text);
    if (!m) throw new Error(`docs/rules.md has neither the generated table's markers nor a "| ID | Rule | Level |" table`);
    text = text.slice(0, m.index) + `${TABLE_START}\n${TABLE_END}\n` + text.slice(m.index + m[0].length);
  }
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END, start);
  if (end < 0) throw new Error(`docs/rules.md has "${TABLE_START}" without "${TABLE_END}" after it`);
  const intro = text.slice(0, start);
  const lines = text.slice(end + TABLE_END.length).split('\n');

  // Split the rest at the rule headings: what comes before the first is kept after the table.
  let preamble: string[] = [];
  const bodies = new Map<string, string[]>();
  let into = preamble;
  for (const line of lines) {
    const m = HEADING.exec(line);
    if (m) {
      if (bodies.has(m[1]!)) throw new Error(`docs/rules.md has two sections for ${m[1]}: merge them into one`);
      into = [];
      bodies.set(m[1]!, into);
    } else {
      into.push(line);
    }
  }
  const unknown = [...bodies.keys()].filter((id) => !RULES.some((r) => r.id === id));
  if (unknown.length) {
    throw new Error(`docs/rules.md documents ${unknown.join(', ')}, not in src/rules/catalogue.ts: remove the section or add the rule`);
  }
  if (preamble.length === 0) preamble = [''];
  const sections = RULES.map((r) => [
    heading(r),
    ...(bodies.get(r.id) ?? ['', '**Checks:** (to be written: what the rule judges, why, and how to fix a failure)', '']),
  ]);
  return [intro + TABLE_START, rulesTable(), TABLE_END + preamble.join('\n'), ...sections.map((s) => s.join('\n'))]
    .join('\n')
    .replace(/\n*$/, '\n');
}
