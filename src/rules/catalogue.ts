/**
 * The Dockerflow rule catalogue, the one source of rules: stable IDs, titles, levels and the stage that judges
 * each. The stages' rule lists, the report's rows and docs/rules.md's table and headings (`npm run docs:rules`)
 * are derived from it.
 */
export type Level = 'error' | 'warning' | 'info';
export type Status = 'pass' | 'fail' | 'skip';
/** The pipeline stage that judges a rule. */
export type Stage = 'inspect' | 'smoke' | 'test';

export interface RuleSpec {
  id: string;
  title: string;
  level: Level;
  stage: Stage;
  /** The input whose value sets the level on a run (DF302 follows `mozlog`); `level` is its default. */
  levelFrom?: 'mozlog';
}

/**
 * Why a row is a `skip`, typed so that no reader has to parse the message (which says it to a person):
 * - `ignored`: `checks-ignore` lists the rule;
 * - `not-run`: the rule's stage did not run (an earlier stage failed) or did not reach it;
 * - `interrupted`: the run was interrupted (cancelled) before the rule was judged;
 * - `not-judged`: another rule's outcome makes it unjudgeable on this run (the message names that rule);
 * - `not-configured`: nothing to check with these inputs (no services, no static-paths, no test-command, mozlog off);
 * - `unavailable`: a tool the rule needs is missing or could not run (BuildKit's checks without buildx).
 */
export type SkipReason = 'ignored' | 'not-run' | 'interrupted' | 'not-judged' | 'not-configured' | 'unavailable';
export const SKIP_REASONS: readonly SkipReason[] = ['ignored', 'not-run', 'interrupted', 'not-judged', 'not-configured', 'unavailable'];

export const RULES = [
  { id: 'DF101', stage: 'inspect', level: 'error', title: 'Default user is app with UID 10001' },
  { id: 'DF102', stage: 'inspect', level: 'error', title: "Group app has GID 10001 and is the app user's group" },
  { id: 'DF103', stage: 'inspect', level: 'error', title: 'Image has both ENTRYPOINT and CMD' },
  { id: 'DF104', stage: 'inspect', level: 'warning', title: 'Sources live in /app' },
  { id: 'DF105', stage: 'inspect', level: 'error', title: '/app/version.json equals the generated version object' },
  { id: 'DF106', stage: 'inspect', level: 'error', title: 'No secrets in the image' },
  { id: 'DF107', stage: 'inspect', level: 'warning', title: 'ENTRYPOINT and CMD in exec (JSON) form' },
  { id: 'DF108', stage: 'inspect', level: 'warning', title: "BuildKit's Dockerfile checks find nothing" },
  { id: 'DF109', stage: 'inspect', level: 'warning', title: 'No secrets passed as build args' },
  { id: 'DF201', stage: 'smoke', level: 'error', title: 'The app listens on $PORT' },
  { id: 'DF202', stage: 'smoke', level: 'error', title: '/__lbheartbeat__ answers 200' },
  { id: 'DF203', stage: 'smoke', level: 'error', title: '/__heartbeat__ answers 200' },
  { id: 'DF204', stage: 'smoke', level: 'error', title: '/__version__ answers the version object' },
  { id: 'DF205', stage: 'smoke', level: 'error', title: '/__heartbeat__ turns 5xx when backing services stop' },
  { id: 'DF206', stage: 'smoke', level: 'error', title: 'Static paths answer 200' },
  { id: 'DF207', stage: 'smoke', level: 'warning', title: 'The container stops on SIGTERM within 10 s with exit code 0' },
  { id: 'DF208', stage: 'smoke', level: 'error', title: 'The container stays up through the checks' },
  { id: 'DF301', stage: 'smoke', level: 'warning', title: 'The app logs to stdout/stderr' },
  { id: 'DF302', stage: 'smoke', level: 'warning', levelFrom: 'mozlog', title: 'Log lines are mozlog JSON' },
  { id: 'DF401', stage: 'test', level: 'error', title: 'test-command exits 0 inside the image' },
] as const satisfies readonly RuleSpec[];

export type RuleId = (typeof RULES)[number]['id'];

const BY_ID: ReadonlyMap<string, RuleSpec> = new Map(RULES.map((r) => [r.id, r]));

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}

export function rule(id: RuleId): RuleSpec {
  return BY_ID.get(id)!;
}

/** The rules a stage judges, in catalogue (report) order. */
export function rulesOf(stage: Stage): RuleId[] {
  return RULES.filter((r) => r.stage === stage).map((r) => r.id);
}

/** One row of the report: a rule's outcome on this run. */
export interface CheckResult {
  id: RuleId;
  title: string;
  level: Level;
  status: Status;
  /** Why it was skipped: set on every `skip` row, never on another. */
  skip?: SkipReason;
  message: string;
  file?: string;
  line?: number;
  /** Several findings of one rule (DF108), each its own annotation. */
  findings?: Finding[];
  /** With several platforms: the rule's outcome on each (the row's status is the worst of them: report/platforms.ts). */
  platforms?: Record<string, PlatformOutcome>;
}

/** A rule's outcome on one platform of several. */
export interface PlatformOutcome {
  status: Status;
  skip?: SkipReason;
  message: string;
}

/** One finding of a rule that reports several, each on its own line of the Dockerfile. */
export interface Finding {
  /** The checker's own name for it (BuildKit's rule name for DF108). */
  rule: string;
  message: string;
  file: string;
  line?: number;
  url?: string;
}

interface Where {
  file?: string;
  line?: number;
  level?: Level;
}

/**
 * Make a result row; `level` may be overridden where an input sets it (DF302 follows `mozlog`). A skip must say
 * why in `where.skip`, the type sees to it.
 */
export function check(id: RuleId, status: 'pass' | 'fail', message: string, where?: Where): CheckResult;
export function check(id: RuleId, status: 'skip', message: string, where: Where & { skip: SkipReason }): CheckResult;
export function check(id: RuleId, status: Status, message: string, where: Where & { skip?: SkipReason } = {}): CheckResult {
  const spec = rule(id);
  const level = where.level ?? spec.level;
  const row: CheckResult =
    status === 'skip'
      ? { id, title: spec.title, level, status, skip: where.skip!, message }
      : { id, title: spec.title, level, status, message };
  if (where.file !== undefined) row.file = where.file;
  if (where.line !== undefined) row.line = where.line;
  return row;
}

/**
 * The report's rows: one per rule, in catalogue order. This is where `checks-ignore` becomes rows (an `ignored`
 * skip, whatever a stage returned); a rule no stage judged is a skip that says why (`notRun`).
 */
export function reportRows(
  checks: readonly CheckResult[],
  ignored: ReadonlySet<RuleId>,
  notRun: { skip: 'not-run' | 'interrupted'; message: string },
): CheckResult[] {
  const byId = new Map(checks.map((c) => [c.id, c]));
  return RULES.map((r) =>
    ignored.has(r.id)
      ? check(r.id, 'skip', 'ignored by checks-ignore', { skip: 'ignored' })
      : (byId.get(r.id) ?? check(r.id, 'skip', notRun.message, { skip: notRun.skip })),
  );
}

const LEVEL_RANK: Record<Level, number> = { info: 0, warning: 1, error: 2 };

/** True when this row fails the run under the given `fail-on` threshold. */
export function failsRun(row: CheckResult, failOn: 'error' | 'warning'): boolean {
  return row.status === 'fail' && LEVEL_RANK[row.level] >= LEVEL_RANK[failOn];
}
