import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Redactor } from '../secrets/redactor.js';
import { writeFileRedacted } from '../secrets/sink.js';
import type { Report } from './report.js';

export interface OutFiles {
  dir: string;
  buildLog: string;
  shasum: string;
  versionJson: string;
  report: string;
}

export function outFiles(dir: string): OutFiles {
  return {
    dir,
    buildLog: path.join(dir, 'build.log'),
    shasum: path.join(dir, 'docker-image-shasum256.txt'),
    versionJson: path.join(dir, 'version.json'),
    report: path.join(dir, 'dockerflow-report.json'),
  };
}

/**
 * Every file of the out dir goes through here: the text as it will be on disk (after JSON encoding and any
 * other escaping) is redacted last, in every form of every secret (src/secrets/sink.ts).
 */
export function writeRedacted(redactor: Redactor, file: string, content: string): void {
  writeFileRedacted(redactor, file, content);
}

/** The report is JSON-encoded first, then redacted: a secret with `"` or `\` is caught in its escaped form. */
export function writeReport(redactor: Redactor, files: OutFiles, report: Report): void {
  writeRedacted(redactor, files.report, `${JSON.stringify(report, null, 2)}\n`);
}

/**
 * docker-image-shasum256-<os>-<arch>.txt beside docker-image-shasum256.txt: one platform's config digest, when
 * several are built (the plain file then holds the first platform's, so it keeps its meaning: a config digest).
 */
export function platformShasum(files: OutFiles, platform: string): string {
  return path.join(path.dirname(files.shasum), `docker-image-shasum256-${platform.replaceAll('/', '-')}.txt`);
}

const PLATFORM_SHASUM = /^docker-image-shasum256-.+\.txt$/;

/** The per-platform shasum files in the out dir (what this run wrote, once `clearPlatformShasums` ran first). */
export function platformShasums(files: OutFiles): string[] {
  try {
    return readdirSync(files.dir)
      .filter((f) => PLATFORM_SHASUM.test(f))
      .sort()
      .map((f) => path.join(files.dir, f));
  } catch {
    return [];
  }
}

/** An out dir used again (the CLI's default is the same folder every run) loses a previous run's platform files. */
export function clearPlatformShasums(files: OutFiles): void {
  for (const f of platformShasums(files)) rmSync(f, { force: true });
}

/** One line: the image's config digest (of `platform`, in its own file, when given), never the registry digest. */
export function writeShasum(redactor: Redactor, files: OutFiles, configDigest: string, platform?: string): void {
  writeRedacted(redactor, platform ? platformShasum(files, platform) : files.shasum, `${configDigest}\n`);
}
