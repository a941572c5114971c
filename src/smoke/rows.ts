import { check, type CheckResult, type RuleId } from '../rules/catalogue.js';

/** Rows being filled in; a rule never set is skipped with `reason` (why it could not be judged). */
export class Rows {
  private readonly rows = new Map<RuleId, CheckResult>();
  constructor(
    /** The stage's rules, in catalogue order. */
    private readonly rules: readonly RuleId[],
    private readonly ignored: ReadonlySet<RuleId>,
  ) {}
  on(id: RuleId): boolean {
    return !this.ignored.has(id);
  }
  set(row: CheckResult | null): void {
    if (row) this.rows.set(row.id, row);
  }
  get(id: RuleId): CheckResult | undefined {
    return this.rows.get(id);
  }
  /** Another rule's outcome explains why these could not be judged (`reason` names it). */
  skipUnset(ids: readonly RuleId[], reason: string): void {
    for (const id of ids) if (!this.rows.has(id)) this.rows.set(id, check(id, 'skip', reason, { skip: 'not-judged' }));
  }
  /** Catalogue order; ignored rules are left out (the report's rows say they were ignored). */
  list(): CheckResult[] {
    return this.rules
      .filter((id) => !this.ignored.has(id))
      .map((id) => this.rows.get(id) ?? check(id, 'skip', 'not run', { skip: 'not-run' }));
  }
}
