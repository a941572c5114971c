import { check, type CheckResult, type RuleId } from '../rules/catalogue.js';

/** The skip row of a rule the run's `checks-ignore` turned off (every stage writes it the same way). */
export function ignoredRow(id: RuleId): CheckResult {
  return check(id, 'skip', 'ignored by checks-ignore');
}
