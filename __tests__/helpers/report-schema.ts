import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { RULES } from '../../src/rules/catalogue.js';
import { ROOT } from './run.js';

const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  JSON.parse(readFileSync(path.join(ROOT, 'docs/report.schema.json'), 'utf8')) as object,
);

/** Problems of a report against docs/report.schema.json and the catalogue ('' when there are none). */
export function reportProblems(report: unknown): string {
  const problems = validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  const ids = ((report as { checks?: { id?: string }[] }).checks ?? []).map((c) => c.id);
  if (ids.join() !== RULES.map((r) => r.id).join()) problems.push(`checks are not one row per rule in catalogue order: ${ids.join()}`);
  // Optional in the schema (older reports lack it); this code base writes it on every skip and only there.
  for (const c of (report as { checks?: { id?: string; status?: string; skip?: string }[] }).checks ?? []) {
    if ((c.status === 'skip') !== (c.skip !== undefined)) problems.push(`${c.id} is ${c.status} with skip ${c.skip ?? '(none)'}`);
  }
  return problems.join('; ');
}

export function assertReportSchema(report: unknown): void {
  assert.equal(reportProblems(report), '', 'dockerflow-report.json follows docs/report.schema.json');
}
