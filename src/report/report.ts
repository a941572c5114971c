import type { VersionObject } from '../git/version.js';
import { failsRun, type CheckResult } from '../rules/catalogue.js';

export type Verdict = 'pass' | 'fail';

/** dockerflow-report.json, schema version 1: docs/report.schema.json, which the tests hold every report to. */
export interface Report {
  schemaVersion: 1;
  verdict: Verdict;
  image: { id: string | null; tags: string[]; digest: string | null; pushed: string[] };
  version: VersionObject | null;
  checks: CheckResult[];
  timings: Record<string, number>;
  /** Why the run stopped early (bad build, registry refusal...), when it did. */
  error?: string;
  /** What the push policy decided, in words. */
  push?: { planned: boolean; reason: string };
}

export function verdictOf(checks: CheckResult[], failOn: 'error' | 'warning', error: string | undefined): Verdict {
  return error === undefined && !checks.some((c) => failsRun(c, failOn)) ? 'pass' : 'fail';
}
