/**
 * DF108: BuildKit's own Dockerfile checks (JSONArgsRecommended, SecretsUsedInArgOrEnv, FromAsCasing, ...), run with
 * `docker buildx build --call check` — the lint docker/build-push-action's `call: check` runs — each finding a
 * warning on its Dockerfile line. Skipped, with the reason, where buildx is missing or older than 0.15.
 */
import { buildCheckArgv, buildCheckEnv } from '../docker/build-argv.js';
import { lastLine } from '../exec/runner.js';
import type { RunContext } from '../run/context.js';
import { check, type CheckResult, type Finding } from '../rules/catalogue.js';

/** The first buildx with `--call check`. */
export const MIN_BUILDX_CHECK: readonly [number, number] = [0, 15];

/** `github.com/docker/buildx v0.29.1 abc` or Debian's `github.com/docker/buildx 0.29.1+ds1 0.29.1+ds1-4` → [0, 29]. */
export function buildxVersion(versionLine: string): [number, number] | null {
  const m = /buildx\s+v?(\d+)\.(\d+)/.exec(versionLine);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

interface CheckJson {
  warnings?:
    | { ruleName?: string; detail?: string; description?: string; url?: string; location?: { ranges?: { start?: { line?: number } }[] } }[]
    | null;
}

/** The findings in `--call check,format=json` output; null when it is not that JSON. */
export function parseCheckOutput(stdout: string, file: string): Finding[] | null {
  let json: CheckJson;
  try {
    json = JSON.parse(stdout) as CheckJson;
  } catch {
    return null;
  }
  if (!json || typeof json !== 'object' || !('warnings' in json)) return null;
  return (json.warnings ?? []).map((w) => {
    const line = w.location?.ranges?.[0]?.start?.line;
    const finding: Finding = { rule: w.ruleName ?? 'BuildKit check', message: w.detail || w.description || '', file };
    if (typeof line === 'number' && line >= 1) finding.line = line;
    if (w.url) finding.url = w.url;
    return finding;
  });
}

/** The DF108 row, from the builder the run detected and the `docker buildx version` line (null without buildx). */
export async function buildChecks(ctx: RunContext, versionLine: string | null): Promise<CheckResult> {
  if (versionLine === null)
    return check('DF108', 'skip', 'the docker buildx plugin is missing; BuildKit checks need buildx 0.15 or later', {
      skip: 'unavailable',
    });
  const v = buildxVersion(versionLine);
  const [maj, min] = MIN_BUILDX_CHECK;
  if (v && (v[0] < maj || (v[0] === maj && v[1] < min))) {
    return check(
      'DF108',
      'skip',
      `buildx ${v[0]}.${v[1]} has no --call check (added in ${maj}.${min}); upgrade buildx to run BuildKit's checks`,
      { skip: 'unavailable' },
    );
  }
  const file = ctx.config.file;
  const r = await ctx.runner.run(buildCheckArgv(ctx.config), { byName: buildCheckEnv(ctx.config), allowFailure: true, quiet: true });
  const findings = parseCheckOutput(r.stdout, file);
  if (findings === null) {
    const why = ctx.redactor.redact(lastLine(r.stderr) || lastLine(r.stdout) || `exit ${r.exitCode}`);
    return check('DF108', 'skip', `docker buildx build --call check did not run (${why}); the build itself reports Dockerfile errors`, {
      skip: 'unavailable',
    });
  }
  ctx.log.line(`BuildKit checks: ${findings.length} finding(s)`);
  for (const f of findings) ctx.log.line(`  ${f.rule}: ${f.message} (${file}${f.line ? `:${f.line}` : ''})`);
  if (findings.length === 0) return check('DF108', 'pass', "BuildKit's Dockerfile checks found nothing");
  const shown = findings.slice(0, 3).map((f) => `${f.rule} (line ${f.line ?? '?'}): ${f.message}`);
  const more = findings.length > 3 ? ` and ${findings.length - 3} more` : '';
  const row = check('DF108', 'fail', `${findings.length} BuildKit check finding(s): ${shown.join('; ')}${more}`, {
    file,
    ...(findings[0]!.line ? { line: findings[0]!.line } : {}),
  });
  row.findings = findings;
  return row;
}
