import type { VersionObject } from '../git/version.js';
import { failsRun, type CheckResult } from '../rules/catalogue.js';

export type Verdict = 'pass' | 'fail';

/** dockerflow-report.json, schema version 1: docs/report.schema.json, which the tests hold every report to. */
export interface Report {
  schemaVersion: 1;
  verdict: Verdict;
  image: {
    /** The config digest, as in docker-image-shasum256.txt (kept under this name for schema version 1). */
    id: string | null;
    configDigest: string | null;
    /** The single-platform image manifest: the registry's after a push, else the engine's (containerd store only). */
    manifestDigest: string | null;
    tags: string[];
    /** What the pushed tag resolves to in the registry: the manifest, or the index that holds it. */
    digest: string | null;
    pushed: string[];
    /** With several platforms: each one's image, in the order of `platforms` (id, configDigest above: the first's). */
    platforms?: ImagePlatform[];
  };
  version: VersionObject | null;
  checks: CheckResult[];
  timings: Record<string, number>;
  /** Why the run stopped early (bad build, registry refusal...), when it did. */
  error?: string;
  /** What the push policy decided, in words. */
  push?: { planned: boolean; reason: string };
}

/** One platform of a multi-platform image, as the report describes it. */
export interface ImagePlatform {
  platform: string;
  /** The engine's ID for it: its image manifest digest (`docker image inspect --platform P`). */
  id: string;
  configDigest: string;
  /** The manifest digest the registry's index names for it, once pushed and verified; null before. */
  manifestDigest: string | null;
  /** Run under QEMU emulation (not this machine's CPU). */
  emulated: boolean;
}

export function verdictOf(checks: CheckResult[], failOn: 'error' | 'warning', error: string | undefined): Verdict {
  return error === undefined && !checks.some((c) => failsRun(c, failOn)) ? 'pass' : 'fail';
}
