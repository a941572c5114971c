import type { MozlogMode } from '../config/config.js';
import type { Redactor } from '../secrets/redactor.js';
import { check, type CheckResult } from '../rules/catalogue.js';
import type { MozlogTally } from './mozlog-schema.js';

/** DF301: the app wrote something to stdout or stderr while it ran. */
export function logsRule(lines: number, bytes: number, ranMs: number): CheckResult {
  if (bytes === 0) {
    return check(
      'DF301',
      'fail',
      `the container wrote nothing to stdout or stderr in ${(ranMs / 1000).toFixed(1)} s of checks: log to stdout/stderr (not to files), so the platform collects the logs`,
    );
  }
  return check('DF301', 'pass', `${lines} line(s) written to stdout/stderr`);
}

/** DF302: every log line is mozlog JSON; its level follows the `mozlog` input. */
export function mozlogRule(tally: MozlogTally, mode: MozlogMode, redactor: Redactor): CheckResult {
  const level = mode === 'require' ? 'error' : 'warning';
  if (mode === 'off') return check('DF302', 'skip', 'mozlog is off; set mozlog to warn or require to check the log format');
  if (tally.total === 0) return check('DF302', 'skip', 'no log lines to judge (see DF301)', { level });
  if (tally.valid === tally.total) return check('DF302', 'pass', `all ${tally.total} line(s) are mozlog`, { level });
  const bad = tally.firstBad!;
  return check(
    'DF302',
    'fail',
    `${tally.valid} of ${tally.total} line(s) are mozlog; the first that is not (${bad.problem}): ${JSON.stringify(redactor.cut(redactor.redact(bad.line).replace(/\s+/g, ' ').trim(), 160))}; log one mozlog JSON object per line (Timestamp, Type, Logger, Severity, Fields…)`,
    { level },
  );
}
