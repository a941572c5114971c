import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GitContext } from './context.js';

/** The Dockerflow version object, served at /__version__ from /app/version.json. */
export interface VersionObject {
  source: string;
  version: string;
  commit: string;
  build: string;
}

/**
 * `version` is the tag on tag builds; otherwise the describe string (e.g. `v1.2-3-gabc1234`), or the short
 * commit. An explicit `version` input wins.
 */
export function versionObject(git: GitContext, override: string | null): VersionObject {
  return {
    source: git.repoUrl,
    version: override ?? git.tag ?? git.describe ?? git.commit.slice(0, 7),
    commit: git.commit,
    build: git.buildUrl,
  };
}

export function versionJson(v: VersionObject): string {
  return `${JSON.stringify(v, null, 2)}\n`;
}

/**
 * Puts version.json at the context root for the build (so `COPY . /app` picks it up) and puts back what was
 * there before when restored: the user's working tree is left as it was found.
 */
export class VersionFile {
  readonly path: string;
  private readonly previous: string | null;

  constructor(context: string) {
    this.path = path.join(context, 'version.json');
    this.previous = existsSync(this.path) ? readFileSync(this.path, 'utf8') : null;
  }

  write(content: string): void {
    writeFileSync(this.path, content);
  }

  restore(): void {
    if (this.previous === null) rmSync(this.path, { force: true });
    else writeFileSync(this.path, this.previous);
  }
}
