import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { marked } from 'marked';
import { code, prose, table } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { summaryMarkdown } from '../../src/report/summary.js';
import { check } from '../../src/rules/catalogue.js';

/** Render as GitHub does (GFM) and return the HTML. */
const html = (md: string): string => marked.parse(md, { gfm: true, async: false });
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** What a reader sees: the HTML's text, tags dropped, entities decoded. */
const visible = (h: string): string => h.replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
/** The rendered table's cells, row by row. */
function cells(h: string): string[][] {
  return [...h.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => visible(c[1]!.replace(/<br>/g, '\n')).trim()),
  );
}

const report = (over: Partial<Report> = {}): Report => ({
  schemaVersion: 1,
  verdict: 'fail',
  image: {
    id: `sha256:${'a'.repeat(64)}`,
    configDigest: `sha256:${'a'.repeat(64)}`,
    manifestDigest: null,
    tags: ['docker.io/example/app:pr-7'],
    digest: null,
    pushed: [],
  },
  version: { source: 'https://github.com/example/app', version: 'v1.2.3', commit: '0123456789abcdef', build: 'local' },
  checks: [
    check('DF202', 'fail', 'GET /__lbheartbeat__ answered 404 (expected 200); /__heartbeat__ and /__version__ were not tried'),
    check('DF203', 'fail', 'answered 500: {"status":"error","checks":{"db_*":"error"}}\nsecond | line with a|pipe'),
    check('DF201', 'pass', 'listens on $PORT=8123 (set by --env PORT=8123)'),
    check('DF105', 'fail', 'mismatch in __init__.py and *not* bold, [not a link](x), <b>not html</b> & `tick`', {
      file: '/src/my__app__/Dockerfile',
      line: 3,
    }),
  ],
  timings: { build: 1234, ready: 500 },
  push: { planned: false, reason: 'a pull request builds and tests only: push: true would push it' },
  ...over,
});

describe('Markdown renders as written (marked, GFM)', () => {
  it('keeps /__lbheartbeat__, /__heartbeat__ and /__version__ as written, in titles and messages', () => {
    const h = html(summaryMarkdown(report(), { redact: (t) => t }));
    assert.doesNotMatch(h, /<strong>|<em>/, 'no emphasis from __x__ or *x*');
    const text = visible(h);
    for (const s of [
      '/__lbheartbeat__ answers 200',
      '/__heartbeat__ answers 200',
      'GET /__lbheartbeat__ answered 404',
      '/__version__ were not tried',
    ])
      assert.ok(text.includes(s), `${s} in:\n${text}`);
    assert.match(h, /<code>\/__lbheartbeat__<\/code>/, 'paths are code spans');
    assert.match(h, /<code>\$PORT<\/code>/, 'variables are code spans');
  });

  it('a table cell survives | and newlines, and holds no stray HTML, link or emphasis', () => {
    const rows = cells(html(summaryMarkdown(report(), { redact: (t) => t })));
    assert.deepEqual(rows[0], ['Rule', 'Status', 'Level', 'Message']);
    assert.ok(
      rows.slice(1).every((r) => r.length === 4),
      JSON.stringify(rows),
    );
    const df203 = rows.find((r) => r[0]!.startsWith('DF203'))!;
    assert.equal(df203[3], 'answered 500: {"status":"error","checks":{"db_*":"error"}}\nsecond | line with a|pipe');
    const df105 = rows.find((r) => r[0]!.startsWith('DF105'))!;
    assert.equal(
      df105[3],
      'mismatch in __init__.py and *not* bold, [not a link](x), <b>not html</b> & `tick` (/src/my__app__/Dockerfile:3)',
    );
    const h = html(summaryMarkdown(report(), { redact: (t) => t }));
    assert.doesNotMatch(h, /<a href="x"|<b>not/);
  });

  it('the error, tags and push reason render as written', () => {
    const text = visible(
      html(summaryMarkdown(report({ error: 'docker build of /ctx/__x__/Dockerfile failed: no such file *here*' }), { redact: (t) => t })),
    );
    assert.ok(text.includes('Error: docker build of /ctx/__x__/Dockerfile failed: no such file *here*'), text);
    assert.ok(text.includes('docker.io/example/app:pr-7'));
    assert.ok(text.includes('a pull request builds and tests only: push: true would push it'), text);
  });

  it('code spans hold backticks and table tables hold pipes inside code', () => {
    assert.equal(visible(html(code('a `b` c'))).trim(), 'a `b` c');
    assert.equal(visible(html(code('``x'))).trim(), '``x');
    const md = table(['a', 'b'], [[code('x|y'), prose('/p|q and r|s')]]).join('\n');
    assert.deepEqual(cells(html(md))[1], ['x|y', '/p|q and r|s']);
  });
});
