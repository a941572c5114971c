/**
 * The merge step's input: the reports of `push: by-digest` runs (one per platform, a fan-out's legs), read from
 * the files or folders given (a downloaded artifact is a folder holding dockerflow-report.json), and the one
 * report they make together: a row per rule with each platform's outcome, as a multi-platform run writes it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../config/errors.js';
import type { CheckResult } from '../rules/catalogue.js';
import { mergePlatformRows } from './platforms.js';
import type { ImagePlatform, Report } from './report.js';

const REPORT = 'dockerflow-report.json';

/** One platform's run, as its report says. */
export interface Leg {
  file: string;
  report: Report;
  /** Its platforms (a by-digest run of several platforms has several), each with the manifest it pushed. */
  platforms: ImagePlatform[];
}

/** Every dockerflow-report.json a source names: the file itself, or those in a folder (up to three levels down). */
export function reportFiles(source: string): string[] {
  let st;
  try {
    st = statSync(source);
  } catch {
    throw new UserError(
      `merge: ${source} does not exist: give the dockerflow-report.json of each by-digest run, or a folder holding them`,
      'config',
    );
  }
  if (st.isFile()) return [source];
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isFile() && e.name === REPORT) found.push(p);
      else if (e.isDirectory() && depth < 3) walk(p, depth + 1);
    }
  };
  walk(source, 0);
  if (found.length === 0) throw new UserError(`merge: no ${REPORT} in ${source} (searched three levels down)`, 'config');
  return found;
}

/** A report of a by-digest run, checked for what the merge reads. */
export function readLeg(file: string): Leg {
  let report: Report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch (e) {
    throw new UserError(`merge: ${file} is not a dockerflow report (${(e as Error).message})`, 'config');
  }
  if (report?.schemaVersion !== 1 || !Array.isArray(report.checks) || typeof report.image !== 'object') {
    throw new UserError(`merge: ${file} is not a dockerflow report of schema version 1`, 'config');
  }
  const platforms = report.image.platforms ?? [];
  if (platforms.length === 0 && report.verdict === 'pass') {
    throw new UserError(
      `merge: ${file} names no platform: it is not the report of a push: by-digest run (set push: by-digest on each platform's run)`,
      'config',
    );
  }
  return { file, report, platforms };
}

/**
 * Why the legs cannot be merged, or null: one that failed (nothing of it was pushed), one that pushed nothing
 * (the policy said no, or the run stopped), a platform given twice, legs of different commits.
 */
export function mergeBlocker(legs: readonly Leg[]): string | null {
  const failed = legs.filter((l) => l.report.verdict !== 'pass');
  if (failed.length > 0) {
    return `${failed.map((l) => `${legName(l)} failed (${l.file})`).join('; ')}: nothing is merged unless every platform passed`;
  }
  const unpushed = legs.filter((l) => l.platforms.some((p) => !p.manifestDigest));
  if (unpushed.length > 0) {
    const l = unpushed[0]!;
    return `${legName(l)} pushed nothing (${l.report.push?.reason ?? 'no push reason in its report'}): nothing to merge`;
  }
  const seen = new Map<string, string>();
  for (const l of legs) {
    for (const p of l.platforms) {
      if (seen.has(p.platform)) return `${p.platform} is in two reports (${seen.get(p.platform)} and ${l.file}): give each platform once`;
      seen.set(p.platform, l.file);
    }
  }
  const commits = new Set(legs.map((l) => l.report.version?.commit ?? ''));
  if (commits.size > 1) return `the reports are of different commits (${[...commits].join(', ')}): merge the legs of one run`;
  return null;
}

/** Each leg's rows under its platform, merged: one row per rule, its status the worst, every platform's outcome in it. */
export function legRows(legs: readonly Leg[]): CheckResult[] {
  return mergePlatformRows(
    legs.flatMap((l) =>
      l.platforms.length <= 1
        ? [{ platform: l.platforms[0]?.platform ?? legName(l), checks: l.report.checks }]
        : // A leg of several platforms already holds each one's outcome in its rows.
          l.platforms.map((p) => ({
            platform: p.platform,
            checks: l.report.checks.map((c) => {
              const o = c.platforms?.[p.platform];
              if (!o) return c;
              const row: CheckResult = { ...c, status: o.status, message: o.message };
              delete row.platforms;
              delete row.skip;
              if (o.skip) row.skip = o.skip;
              return row;
            }),
          })),
    ),
  );
}

export const legName = (l: Leg): string => l.platforms.map((p) => p.platform).join('+') || path.basename(path.dirname(l.file));
