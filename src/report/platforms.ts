/**
 * Several platforms, one report: each rule is judged on every platform, and its row says how it went on each
 * (`platforms`), its own status the worst of them.
 */
import type { CheckResult, PlatformOutcome, RuleId } from '../rules/catalogue.js';

/** The rows one platform's stages judged. */
export interface PlatformRows {
  platform: string;
  checks: readonly CheckResult[];
}

/**
 * How bad an outcome is, worst first: a fail; a skip that leaves the rule unproven on that platform (its stage
 * did not run or reach it, another rule's outcome made it unjudgeable, a tool was missing); a pass; and last a
 * skip that asks nothing of the platform (the rule is ignored, or not configured there: test-platforms).
 */
export function badness(o: PlatformOutcome): number {
  if (o.status === 'fail') return 3;
  if (o.status === 'pass') return 1;
  return o.skip === 'ignored' || o.skip === 'not-configured' ? 0 : 2;
}

const notRun = ({ id, title, level }: CheckResult): CheckResult => ({
  id,
  title,
  level,
  status: 'skip',
  skip: 'not-run',
  message: 'not run on this platform: the run stopped before it got there (see the error)',
});

/**
 * One row per rule, in the order first seen: the worst platform's row (the first such platform when several tie),
 * with every platform's outcome in `platforms`. When the platforms disagree, the message names the one it is from.
 */
export function mergePlatformRows(per: readonly PlatformRows[]): CheckResult[] {
  const byId = new Map<RuleId, { platform: string; row: CheckResult }[]>();
  for (const { platform, checks } of per) {
    for (const row of checks) byId.set(row.id, [...(byId.get(row.id) ?? []), { platform, row }]);
  }
  return [...byId.values()].map((judged) => {
    // A platform the run stopped on before it judged this rule (the error says why) did not pass it.
    const rows = per.map(
      ({ platform }) =>
        judged.find((j) => j.platform === platform) ?? {
          platform,
          row: notRun(judged[0]!.row),
        },
    );
    const platforms: Record<string, PlatformOutcome> = {};
    for (const { platform, row } of rows) {
      platforms[platform] = { status: row.status, ...(row.skip ? { skip: row.skip } : {}), message: row.message };
    }
    const worst = rows.reduce((a, b) => (badness(b.row) > badness(a.row) ? b : a));
    const agree = rows.every(({ row }) => row.status === worst.row.status && row.message === worst.row.message);
    const message = agree || rows.length === 1 ? worst.row.message : `${worst.platform}: ${worst.row.message}`;
    return { ...worst.row, message, platforms };
  });
}
