import { getOctokit } from '@actions/github';
import { readFileSync } from 'node:fs';
import type { PrCommentMode } from '../config/config.js';
import { secs } from '../time/time.js';
import { code, escape, prose, table } from '../report/markdown.js';
import type { Report } from '../report/report.js';
import { failsRun } from '../rules/catalogue.js';
import { RULE_FIXES, RULES_DOCS_URL } from '../rules/fixes.js';

/**
 * The sticky pull-request comment: one per workflow job and build context, found again by a hidden marker and
 * edited in place on every push. Posted through Octokit (@actions/github) with the `github-token` input; a
 * token that may not write (a fork's pull request, no `pull-requests: write`) is said in the summary and never
 * fails the run.
 */

/** Where the comment goes: the base repository and the pull request's number. */
export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

/** Image sizes in bytes, when they could be read. */
export interface SizeInfo {
  size?: number;
  base?: { ref: string; size: number };
}

export interface CommentInfo {
  /** Identifies the comment: `workflow/job/context`; part of the hidden marker. */
  key: string;
  runUrl?: string;
  artifactUrl?: string;
  sizes?: SizeInfo;
  /** The image size the comment held before this run (read from its marker), when there was one. */
  lastSize?: number;
}

export type CommentOutcome =
  { status: 'created' | 'updated'; url: string } | { status: 'skipped'; reason: string } | { status: 'failed'; note: string };

const MARKER_PREFIX = '<!-- dockerflow-pr-comment ';
/** GitHub refuses comment bodies over 65536 characters. */
export const MAX_BODY = 65_000;

/** The hidden marker that finds the comment again: the key, and this run's image size for the next run. */
export function marker(key: string, size?: number): string {
  return `${MARKER_PREFIX}key=${encodeURIComponent(key)}${size !== undefined ? ` size=${size}` : ''} -->`;
}

/** The marker's fields in a comment body, when the body is this key's comment. */
export function readMarker(body: string, key: string): { size?: number } | null {
  const m = new RegExp(`${MARKER_PREFIX}key=(\\S+)(?: size=(\\d+))? -->`).exec(body);
  if (!m || m[1] !== encodeURIComponent(key)) return null;
  return m[2] !== undefined ? { size: Number(m[2]) } : {};
}

/** The comment's key: one comment per workflow, job and build context. */
export function commentKey(env: NodeJS.ProcessEnv, context: string): string {
  return [env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '', context || '.'].join('/');
}

/** `1.2 MB`; a difference as `+3.4 MB` / `−120 kB`. */
export function formatBytes(n: number, signed = false): string {
  const sign = signed ? (n > 0 ? '+' : n < 0 ? '−' : '±') : n < 0 ? '−' : '';
  const abs = Math.abs(n);
  const [v, unit] = abs >= 1e9 ? [abs / 1e9, 'GB'] : abs >= 1e6 ? [abs / 1e6, 'MB'] : abs >= 1e3 ? [abs / 1e3, 'kB'] : [abs, 'B'];
  return `${sign}${unit === 'B' ? v : v.toFixed(1)} ${unit}`;
}

/** The comment's Markdown: verdict, failures first with their fix, sizes, time to ready and links. */
export function commentBody(r: Report, info: CommentInfo, failOn: 'error' | 'warning'): string {
  const failed = r.checks.filter((c) => c.status === 'fail');
  const lines: string[] = [marker(info.key, info.sizes?.size)];
  const blocking = failed.filter((c) => failsRun(c, failOn)).length;
  lines.push(
    `### Dockerflow ${r.verdict === 'pass' ? '✅ pass' : '❌ fail'}${info.key ? ` · ${code(info.key.split('/').slice(1).join('/'))}` : ''}`,
    '',
  );
  const counts = ['pass', 'fail', 'skip'].map((s) => `${r.checks.filter((c) => c.status === s).length} ${s}`).join(', ');
  lines.push(`${r.checks.length} rules: ${counts}${blocking ? ` (${blocking} at or above ${code(failOn)})` : ''}.`, '');
  if (r.error) lines.push(`> **Error:** ${prose(r.error)}`, '');

  const facts: string[] = [];
  if (r.image.id)
    facts.push(`Image ${code(r.image.id.slice(0, 19))}${r.image.tags.length ? ` as ${r.image.tags.map(code).join(', ')}` : ''}`);
  const size = info.sizes?.size;
  if (size !== undefined) {
    const vs: string[] = [];
    const base = info.sizes?.base;
    if (base) vs.push(`${formatBytes(size - base.size, true)} over the base image ${code(base.ref)} (${formatBytes(base.size)})`);
    if (info.lastSize !== undefined)
      vs.push(`${formatBytes(size - info.lastSize, true)} since the last run (${formatBytes(info.lastSize)})`);
    facts.push(`Size ${formatBytes(size)}${vs.length ? `: ${vs.join('; ')}` : ''}`);
  }
  if (r.timings.ready !== undefined) facts.push(`Ready (${code('/__lbheartbeat__')} 200) ${secs(r.timings.ready)} after start`);
  if (r.push)
    facts.push(`Push: ${r.image.pushed.length ? `pushed ${r.image.pushed.map(code).join(', ')}` : 'not pushed'} (${prose(r.push.reason)})`);
  lines.push(...facts.map((f) => `- ${f}`), '');

  // Failures first (those that fail the run before warnings), then the rest in catalogue order.
  const rank = (c: (typeof failed)[number]): number => (failsRun(c, failOn) ? 0 : 1);
  const rows = [...[...failed].sort((a, b) => rank(a) - rank(b)), ...r.checks.filter((c) => c.status !== 'fail')];
  if (rows.length) {
    lines.push(
      ...table(
        ['Rule', 'Status', 'Message', 'Fix'],
        rows.map((c) => [
          `${c.id} ${prose(c.title)}`,
          `${c.status === 'pass' ? '✅' : c.status === 'skip' ? '⏭️' : c.level === 'error' ? '❌' : '⚠️'} ${c.status}${c.status === 'fail' ? ` (${c.level})` : ''}`,
          `${prose(c.message)}${c.file ? ` (${code(`${c.file.split('/').pop()}${c.line ? `:${c.line}` : ''}`)})` : ''}`,
          c.status === 'fail' ? (RULE_FIXES[c.id] ?? '') : '',
        ]),
      ),
      '',
    );
  }
  const links: string[] = [];
  if (info.runUrl && /^https?:\/\//.test(info.runUrl)) links.push(`[run](${info.runUrl})`);
  if (info.artifactUrl) links.push(`[artifact: build log, report, version.json](${info.artifactUrl})`);
  links.push(`[rules](${RULES_DOCS_URL})`);
  lines.push(`<sub>${links.join(' · ')} · ${escape('edited in place on every push')}</sub>`, '');
  return lines.join('\n');
}

/** The pull request of this run, from the event payload (pull_request or pull_request_target). */
export function commentTarget(env: NodeJS.ProcessEnv): CommentTarget | null {
  if (!env.GITHUB_EVENT_PATH || !/^pull_request(_target)?$/.test(env.GITHUB_EVENT_NAME ?? '')) return null;
  let event: { pull_request?: { number?: number }; repository?: { full_name?: string } };
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof event;
  } catch {
    return null;
  }
  const number = event.pull_request?.number;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? event.repository?.full_name ?? '').split('/');
  return typeof number === 'number' && owner && repo ? { owner, repo, issueNumber: number } : null;
}

export interface PostRequest {
  token: string;
  mode: PrCommentMode;
  target: CommentTarget;
  report: Report;
  info: CommentInfo;
  failOn: 'error' | 'warning';
  /** The run's Redactor: applied last, to the exact body sent. */
  redact: (s: string) => string;
  /** GITHUB_API_URL (GitHub Enterprise, or a test server). */
  apiUrl?: string;
}

type Octokit = ReturnType<typeof getOctokit>;

/** Find this key's comment, walking every page of the pull request's comments. */
async function findComment(octokit: Octokit, t: CommentTarget, key: string): Promise<{ id: number; body: string } | null> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: t.owner,
    repo: t.repo,
    issue_number: t.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const c of page.data) if (c.body && readMarker(c.body, key)) return { id: c.id, body: c.body };
  }
  return null;
}

/** Create or update the sticky comment. Never throws: an API refusal is a `failed` outcome with a note. */
export async function postPrComment(req: PostRequest): Promise<CommentOutcome> {
  const { target: t } = req;
  const where = `pull request #${t.issueNumber} of ${t.owner}/${t.repo}`;
  if (req.mode === 'false') return { status: 'skipped', reason: 'pr-comment is false' };
  if (!req.token)
    return { status: 'failed', note: `PR comment not posted on ${where}: github-token is empty; pass github-token: \${{ github.token }}` };
  const octokit = getOctokit(req.token, { baseUrl: (req.apiUrl || 'https://api.github.com').replace(/\/+$/, '') });
  try {
    const existing = await findComment(octokit, t, req.info.key);
    if (req.mode === 'on-failure' && req.report.verdict === 'pass' && !existing) {
      return { status: 'skipped', reason: 'pr-comment is on-failure and the run passed' };
    }
    const lastSize = existing ? readMarker(existing.body, req.info.key)?.size : undefined;
    let body = commentBody(req.report, { ...req.info, ...(lastSize !== undefined ? { lastSize } : {}) }, req.failOn);
    if (body.length > MAX_BODY) body = `${body.slice(0, MAX_BODY)}\n\n… (cut: the full report is in the artifact)\n`;
    body = req.redact(body);
    if (existing) {
      const r = await octokit.rest.issues.updateComment({ owner: t.owner, repo: t.repo, comment_id: existing.id, body });
      return { status: 'updated', url: r.data.html_url };
    }
    const r = await octokit.rest.issues.createComment({ owner: t.owner, repo: t.repo, issue_number: t.issueNumber, body });
    return { status: 'created', url: r.data.html_url };
  } catch (e) {
    return { status: 'failed', note: req.redact(explain(e, where)) };
  }
}

function explain(e: unknown, where: string): string {
  const status = typeof e === 'object' && e !== null && 'status' in e ? Number((e as { status: unknown }).status) : undefined;
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  if (status === 403 || status === 404) {
    return `PR comment not posted on ${where}: the token may not write to it (${status} ${msg}). On a pull request from a fork the token is read-only, so this is expected there; otherwise grant the job pull-requests: write (with the reusable workflow, the calling job), or set pr-comment: false`;
  }
  return `PR comment not posted on ${where}: ${status ? `GitHub answered ${status} ` : ''}${msg}; the run's verdict is unaffected`;
}
