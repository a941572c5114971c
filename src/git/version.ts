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
