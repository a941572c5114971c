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

/** One line: the image ID as `docker inspect -f '{{.Id}}'` prints it, never the registry digest. */
export function writeShasum(redactor: Redactor, files: OutFiles, imageId: string): void {
  writeRedacted(redactor, files.shasum, `${imageId}\n`);
}
