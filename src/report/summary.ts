import { secs } from '../time/time.js';
import { code, escape, prose, table } from './markdown.js';
import type { Report } from './report.js';

const ICON: Record<string, string> = { pass: '✅', fail: '❌', skip: '⏭️' };

/**
 * The job summary (GitHub-flavoured Markdown): verdict, image, push, one row per rule, timings. Every value is
 * redacted before it is set in Markdown (an escaped secret is no longer the secret the redactor knows); the sink
 * then redacts the whole Markdown again, escaped forms included.
 */
export function summaryMarkdown(r: Report, extra: { artifactUrl?: string; notes?: string[]; redact: (s: string) => string }): string {
  // Required, not optional: a value split into code spans and escaped prose can no longer be found whole.
  const { redact } = extra;
  const p = (s: string): string => prose(redact(s));
  const c = (s: string): string => code(redact(s));
  const lines: string[] = [];
  lines.push(`## Dockerflow: ${r.verdict === 'pass' ? '✅ pass' : '❌ fail'}`, '');
  if (r.error) lines.push(`> **Error:** ${p(r.error)}`, '');
  if (r.image.id) lines.push(`- Image ID (config digest, as in docker-image-shasum256.txt): ${c(r.image.id)}`);
  if (r.image.tags.length) lines.push(`- Tags: ${r.image.tags.map(c).join(', ')}`);
  if (r.push)
    lines.push(`- Push: ${r.image.pushed.length ? `pushed ${r.image.pushed.map(c).join(', ')}` : 'not pushed'} (${p(r.push.reason)})`);
  if (r.image.digest) lines.push(`- Digest: ${c(r.image.digest)}`);
  if (r.image.digest && r.image.manifestDigest && r.image.manifestDigest !== r.image.digest)
    lines.push(`- Image manifest in that index: ${c(r.image.manifestDigest)}`);
  for (const pi of r.image.platforms ?? []) {
    const pushed = pi.manifestDigest ? `, pushed as ${c(pi.manifestDigest)}` : '';
    lines.push(`- ${c(pi.platform)}${pi.emulated ? ' (emulated, QEMU)' : ''}: config ${c(pi.configDigest)}, image ${c(pi.id)}${pushed}`);
  }
  if (r.version) lines.push(`- Version: ${c(r.version.version || '-')} at ${c(r.version.commit.slice(0, 12) || '-')}`);
  if (extra.artifactUrl) lines.push(`- Artifacts: [build log, report, version.json, shasum](${extra.artifactUrl})`);
  for (const note of extra.notes ?? []) lines.push(`- ${p(note)}`);
  lines.push('');
  // With several platforms, a column per platform after the row's own (worst) status.
  const platforms = (r.image.platforms ?? []).map((pi) => pi.platform);
  const heads = (r.image.platforms ?? []).map((pi) => `${c(pi.platform)}${pi.emulated ? ' (emulated)' : ''}`);
  if (r.checks.length) {
    lines.push(
      ...table(
        ['Rule', 'Status', ...heads, 'Level', 'Message'],
        r.checks.map((row) => [
          `${row.id} ${p(row.title)}`,
          `${ICON[row.status] ?? ''} ${row.status}`,
          ...platforms.map((name) => {
            const o = row.platforms?.[name];
            return o ? `${ICON[o.status] ?? ''} ${o.status}` : '–';
          }),
          row.level,
          `${p(row.message)}${row.file ? ` (${c(`${row.file}${row.line ? `:${row.line}` : ''}`)})` : ''}`,
        ]),
      ),
      '',
    );
  }
  const t = Object.entries(r.timings);
  if (t.length) lines.push(`<sub>Timings: ${t.map(([k, v]) => `${escape(k)} ${secs(v)}`).join(' · ')}</sub>`, '');
  return lines.join('\n');
}

/** ` [linux/amd64 PASS, linux/arm64 FAIL]` when the platforms disagree on a rule; '' when they agree (or there is one). */
function byPlatform(c: Report['checks'][number]): string {
  const outcomes = Object.entries(c.platforms ?? {});
  if (outcomes.every(([, o]) => o.status === c.status)) return '';
  return ` [${outcomes.map(([name, o]) => `${name} ${o.status.toUpperCase()}`).join(', ')}]`;
}

/** The CLI's short summary on stdout. */
export function summaryText(r: Report, files: { dir: string }): string {
  const out: string[] = [];
  const width = Math.max(...r.checks.map((c) => c.title.length), 10);
  const notRun = r.checks.filter((c) => c.skip === 'not-run' || c.skip === 'interrupted');
  // Every rule not run for one reason (the run stopped before any stage judged): one line, its message says why.
  if (notRun.length > 0 && notRun.length === r.checks.length) out.push(`${notRun.length} rules ${notRun[0]!.message}`);
  for (const c of notRun.length === r.checks.length ? [] : r.checks) {
    const mark = c.status === 'pass' ? 'PASS' : c.status === 'skip' ? 'SKIP' : c.level === 'error' ? 'FAIL' : 'WARN';
    out.push(`${mark.padEnd(4)} ${c.id} ${c.title.padEnd(width)}  ${c.status === 'pass' ? '' : c.message}${byPlatform(c)}`.trimEnd());
  }
  for (const pi of r.image.platforms ?? []) {
    out.push(`${pi.platform}${pi.emulated ? ' (emulated)' : ''}: image ${pi.id}, config ${pi.configDigest}`);
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
