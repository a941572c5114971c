import { code, escape, prose, table } from './markdown.js';
import type { Report } from './report.js';

const ICON: Record<string, string> = { pass: '✅', fail: '❌', skip: '⏭️' };

/** The job summary (GitHub-flavoured Markdown): verdict, image, push, one row per rule, timings. */
export function summaryMarkdown(r: Report, extra: { artifactUrl?: string; notes?: string[] } = {}): string {
  const lines: string[] = [];
  lines.push(`## Dockerflow: ${r.verdict === 'pass' ? '✅ pass' : '❌ fail'}`, '');
  if (r.error) lines.push(`> **Error:** ${prose(r.error)}`, '');
  if (r.image.id) lines.push(`- Image ID: ${code(r.image.id)}`);
  if (r.image.tags.length) lines.push(`- Tags: ${r.image.tags.map(code).join(', ')}`);
  if (r.push)
    lines.push(
      `- Push: ${r.image.pushed.length ? `pushed ${r.image.pushed.map(code).join(', ')}` : 'not pushed'} (${prose(r.push.reason)})`,
    );
  if (r.image.digest) lines.push(`- Digest: ${code(r.image.digest)}`);
  if (r.version) lines.push(`- Version: ${code(r.version.version || '-')} at ${code(r.version.commit.slice(0, 12) || '-')}`);
  if (extra.artifactUrl) lines.push(`- Artifacts: [build log, report, version.json, shasum](${extra.artifactUrl})`);
  for (const note of extra.notes ?? []) lines.push(`- ${prose(note)}`);
  lines.push('');
  if (r.checks.length) {
    lines.push(
      ...table(
        ['Rule', 'Status', 'Level', 'Message'],
        r.checks.map((c) => [
          `${c.id} ${prose(c.title)}`,
          `${ICON[c.status] ?? ''} ${c.status}`,
          c.level,
          `${prose(c.message)}${c.file ? ` (${code(`${c.file}${c.line ? `:${c.line}` : ''}`)})` : ''}`,
        ]),
      ),
      '',
    );
  }
  const t = Object.entries(r.timings);
  if (t.length) lines.push(`<sub>Timings: ${t.map(([k, v]) => `${escape(k)} ${(v / 1000).toFixed(1)} s`).join(' · ')}</sub>`, '');
  return lines.join('\n');
}

/** The CLI's short summary on stdout. */
export function summaryText(r: Report, files: { dir: string }): string {
  const out: string[] = [];
  const width = Math.max(...r.checks.map((c) => c.title.length), 10);
  const notRun = r.checks.filter((c) => c.status === 'skip' && c.message.startsWith('not run'));
  if (notRun.length > 0 && notRun.length === r.checks.length)
    out.push(`${notRun.length} rules not run: ${notRun[0]!.message.replace(/^not run:?\s*/, '')}`);
  for (const c of notRun.length === r.checks.length ? [] : r.checks) {
    const mark = c.status === 'pass' ? 'PASS' : c.status === 'skip' ? 'SKIP' : c.level === 'error' ? 'FAIL' : 'WARN';
    out.push(`${mark.padEnd(4)} ${c.id} ${c.title.padEnd(width)}  ${c.status === 'pass' ? '' : c.message}`.trimEnd());
  }
  if (r.error) out.push(`error: ${r.error}`);
  if (r.image.id) out.push(`image ${r.image.id}${r.image.tags.length ? ` (${r.image.tags.join(', ')})` : ''}`);
  if (r.push)
    out.push(
      r.image.pushed.length
        ? `pushed ${r.image.pushed.join(', ')}${r.image.digest ? ` @ ${r.image.digest}` : ''}`
        : `not pushed: ${r.push.reason}`,
    );
  out.push(`verdict: ${r.verdict.toUpperCase()}  (report, build log and version.json in ${files.dir})`);
  return `${out.join('\n')}\n`;
}
