import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dockerignore from '@balena/dockerignore';

// A CommonJS module whose typings declare an ES default: `.default` is the factory both at run time and for tsc.
const ignore = dockerignore.default;

/** The .dockerignore line that keeps a file out of the build context. */
export interface IgnoredBy {
  /** The ignore file, as the user knows it (relative to the context, or the Dockerfile's folder). */
  file: string;
  /** Its absolute path, for the annotation. */
  path: string;
  line: number;
  pattern: string;
}

/**
 * The ignore file the build uses: BuildKit (buildx) prefers `<Dockerfile>.dockerignore` beside the Dockerfile,
 * then `.dockerignore` at the context's root; the classic builder reads only the latter.
 */
export function ignoreFile(context: string, dockerfile: string, buildkit: boolean): string | null {
  const specific = `${dockerfile}.dockerignore`;
  if (buildkit && existsSync(specific)) return specific;
  const plain = path.join(context, '.dockerignore');
  return existsSync(plain) ? plain : null;
}

/**
 * Which line of the ignore file excludes `relPath` (a path in the context, `/`-separated), matched as the builder
 * matches it (@balena/dockerignore implements Docker's rules: the last matching line wins, `!` re-includes).
 * Null when the file does not exclude it.
 */
export function excludedBy(ignorePath: string, context: string, relPath: string): IgnoredBy | null {
  const text = readFileSync(ignorePath, 'utf8');
  const lines = text.split(/\r?\n/);
  const all = ignore().add(lines);
  if (!all.ignores(relPath)) return null;
  // The last line that matches the path on its own is the one that decides (a later "!" would have won).
  for (let i = lines.length - 1; i >= 0; i--) {
    const pattern = lines[i]!.trim();
    if (!pattern || pattern.startsWith('#') || pattern.startsWith('!')) continue;
    if (ignore().add(pattern).ignores(relPath)) {
      return { file: path.relative(context, ignorePath) || ignorePath, path: ignorePath, line: i + 1, pattern };
    }
  }
  return null;
}

/** DF105: the ignore-file line that kept version.json out of the build context, if one did (`log`: why it cannot tell). */
export function versionIgnoredBy(context: string, dockerfile: string, buildkit: boolean, log: (line: string) => void): IgnoredBy | null {
  const file = ignoreFile(context, dockerfile, buildkit);
  if (!file) return null;
  try {
    return excludedBy(file, context, 'version.json');
  } catch (e) {
    log(`cannot read ${file}: ${(e as Error).message}`);
    return null;
  }
}
