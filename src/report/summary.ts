import type { Report } from './report.js';

const ICON: Record<string, string> = { pass: '✅', fail: '❌', skip: '⏭️' };
/**
 * The job summary (GitHub-flavoured Markdown): verdict, image, push, one row per rule, timings. Each cell is
 * redacted before `|` is escaped (an escaped secret is no longer the secret the redactor knows); the sink then
 * redacts the whole Markdown again, escaped forms included.
 */
export function summaryMarkdown(r: Report, extra: { artifactUrl?: string; redact?: (s: string) => string } = {}): string {
  const redact = extra.redact ?? ((s: string): string => s);
  const cell = (s: string): string => redact(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines: string[] = [];
  lines.push(`## Dockerflow: ${r.verdict === 'pass' ? '✅ pass' : '❌ fail'}`, '');
  if (r.error) lines.push(`> **Error:** ${cell(r.error)}`, '');
  if (r.image.id) lines.push(`- Image ID (config digest, as in docker-image-shasum256.txt): \`${r.image.id}\``);
  if (r.image.tags.length) lines.push(`- Tags: ${r.image.tags.map((t) => `\`${t}\``).join(', ')}`);
  if (r.push)
    lines.push(
      `- Push: ${r.image.pushed.length ? `pushed ${r.image.pushed.map((t) => `\`${t}\``).join(', ')}` : 'not pushed'} (${cell(r.push.reason)})`,
    );
  if (r.image.digest) lines.push(`- Digest: \`${r.image.digest}\``);
  if (r.image.digest && r.image.manifestDigest && r.image.manifestDigest !== r.image.digest)
    lines.push(`- Image manifest in that index: \`${r.image.manifestDigest}\``);
  if (r.version) lines.push(`- Version: \`${cell(r.version.version || '-')}\` at \`${r.version.commit.slice(0, 12) || '-'}\``);
  if (extra.artifactUrl) lines.push(`- Artifacts: [build log, report, version.json, shasum](${extra.artifactUrl})`);
  lines.push('');
  if (r.checks.length) {
    lines.push('| Rule | Status | Level | Message |', '|---|---|---|---|');
    for (const c of r.checks) {
      lines.push(
        `| ${c.id} ${cell(c.title)} | ${ICON[c.status] ?? ''} ${c.status} | ${c.level} | ${cell(c.message)}${c.file ? ` (${cell(c.file)}${c.line ? `:${c.line}` : ''})` : ''} |`,
      );
    }
    lines.push('');
  }
  const t = Object.entries(r.timings);
  if (t.length) lines.push(`<sub>Timings: ${t.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(' · ')}</sub>`, '');
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
