import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Redactor } from '../secrets/redactor.js';
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

/** Every file the tool writes goes through here, redacted: the runner masks its console, not artifacts. */
export function writeRedacted(redactor: Redactor, file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, redactor.redact(content), { mode: 0o644 });
}

export function writeReport(redactor: Redactor, files: OutFiles, report: Report): void {
  writeRedacted(redactor, files.report, `${JSON.stringify(report, null, 2)}\n`);
}

/** One line: the image ID as `docker inspect -f '{{.Id}}'` prints it, never the registry digest. */
export function writeShasum(redactor: Redactor, files: OutFiles, imageId: string): void {
  writeRedacted(redactor, files.shasum, `${imageId}\n`);
}
