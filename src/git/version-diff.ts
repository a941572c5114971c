import { isDeepStrictEqual } from 'node:util';
import type { VersionObject } from './version.js';

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

/**
 * Field-by-field differences between the version object the build wrote and what /__version__ answered; empty
 * when they are deep-equal.
 */
export function versionDifferences(expected: VersionObject, actual: unknown): string[] {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
    return [`expected a JSON object, got ${Array.isArray(actual) ? 'an array' : show(actual)}`];
  }
  const got = actual as Record<string, unknown>;
  const want = expected as unknown as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(want)) {
    if (!(key in got)) out.push(`${key} is missing (expected ${show(want[key])})`);
    else if (!isDeepStrictEqual(got[key], want[key])) out.push(`${key}: expected ${show(want[key])}, got ${show(got[key])}`);
  }
  for (const key of Object.keys(got)) if (!(key in want)) out.push(`unexpected field ${key}=${show(got[key])}`);
  return out;
}
