import type { MozlogMode } from '../config/config.js';
import { secs } from '../time/time.js';
import type { Redactor } from '../secrets/redactor.js';
import { check, type CheckResult } from '../rules/catalogue.js';
import type { MozlogTally } from './mozlog-schema.js';
import { BANNER_SOURCES } from './banners.js';

/** DF301: the app wrote something to stdout or stderr while it ran. */
export function logsRule(lines: number, bytes: number, ranMs: number): CheckResult {
  if (bytes === 0) {
    return check(
      'DF301',
      'fail',
      `the container wrote nothing to stdout or stderr in ${secs(ranMs)} of checks: log to stdout/stderr (not to files), so the platform collects the logs`,
    );
  }
  return check('DF301', 'pass', `${lines} line(s) written to stdout/stderr`);
}

/** DF302: every log line is mozlog JSON; its level follows the `mozlog` input. */
export function mozlogRule(tally: MozlogTally, mode: MozlogMode, redactor: Redactor): CheckResult {
  const level = mode === 'require' ? 'error' : 'warning';
  if (mode === 'off')
    return check('DF302', 'skip', 'mozlog is off; set mozlog to warn or require to check the log format', { skip: 'not-configured' });
  if (tally.total === 0) return check('DF302', 'skip', 'no log lines to judge (see DF301)', { level, skip: 'not-judged' });
  if (tally.valid === tally.total) return check('DF302', 'pass', `all ${tally.total} line(s) are mozlog`, { level });
  const bad = tally.firstBad!;
  // Redacted, collapsed, then cut: a cut never leaves a secret's prefix behind.
  const short = (l: string, max: number): string => redactor.cut(redactor.redact(l).replace(/\s+/g, ' ').trim(), max);
  const quote = (l: string): string => JSON.stringify(short(l, 120));
  const known = [...tally.sources].filter(([name]) => name !== '');
  const unknown = tally.sources.get('') ?? 0;
  const byWhom = [...known.map(([name, n]) => `${n} from ${name}`), ...(unknown ? [`${unknown} from the app or an unknown program`] : [])];
  const silence = known
    .map(([name]) => BANNER_SOURCES.find((s) => s.name === name))
    .filter((s) => s !== undefined)
    .map((s) => `${s.name}: ${s.silence}`);
  const bad_ = tally.total - tally.valid;
  // Every stray line came before the first mozlog line, a known program wrote it and none is an error: a banner.
  if (tally.valid > 0 && tally.badAfter === 0 && unknown === 0 && tally.errorLines === 0) {
    return check(
      'DF302',
      'fail',
      `the first ${bad_} line(s), before the first mozlog line, are a startup banner (${byWhom.join(', ')}: ${tally.samples.map(quote).join(', ')}); all ${tally.valid} line(s) after it are mozlog; silence the banner (${silence.join('; ')})`,
      { level },
    );
  }
  const where = tally.valid > 0 ? `; ${tally.badBefore} before the first mozlog line, ${tally.badAfter} after it` : '';
  const others = tally.samples.slice(1).map(quote);
  return check(
    'DF302',
    'fail',
    `${tally.valid} of ${tally.total} line(s) are mozlog; the first that is not (${bad.problem}): ${JSON.stringify(short(bad.line, 160))}; log one mozlog JSON object per line (Timestamp, Type, Logger, Severity, Fields…); ${bad_} line(s) are not mozlog (${byWhom.join(', ')}${where})${others.length ? `, next ${others.join(', ')}` : ''}${silence.length ? `; silence what other programs print (${silence.join('; ')})` : ''}`,
    { level },
  );
}
