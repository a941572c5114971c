import dockerignore from '@balena/dockerignore';
import {
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  lchownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/**
 * The build context a run sends to the builder: a folder of its own that shares the user's files (hard links,
 * copies where a link cannot be made) with the run's version.json at its root. The user's working tree is never
 * written, so any number of runs on one checkout each build their own version.json, a cancelled run leaves
 * nothing in it, and nothing the run writes (its out dir) is seen by the build.
 *
 * Paths the context's .dockerignore excludes are not linked at all (the builder would skip them anyway), so a
 * node_modules or .git that is ignored costs nothing. The .dockerignore itself is kept: the builder applies it
 * again, exactly as it would to the user's folder.
 */
export interface ContextView {
  dir: string;
  files: number;
  /** Files that had to be copied (another filesystem, or a file this user may not link). */
  copied: number;
  ms: number;
}

export interface ViewRequest {
  /** The user's build context. */
  context: string;
  /** The Dockerfile (its `<file>.dockerignore`, when present, is the one the builder uses). */
  dockerfile: string;
  /** An empty or missing folder to build the view in. */
  dir: string;
  /** The bytes of version.json at the view's root (replacing the user's own, in the view only). */
  versionJson: string;
  /** Absolute paths inside the context that the build must not see (the run's out dir). */
  exclude: readonly string[];
}

/** The .dockerignore the builder reads: `<Dockerfile>.dockerignore` first, else the context's own. */
function ignoreFile(req: ViewRequest): string | null {
  for (const f of [`${req.dockerfile}.dockerignore`, path.join(req.context, '.dockerignore')]) if (existsSync(f)) return f;
  return null;
}

export function createContextView(req: ViewRequest): ContextView {
  const t0 = performance.now();
  const rules = ignoreFile(req);
  const lines = rules
    ? readFileSync(rules, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : [];
  const ig = dockerignore.default().add(lines);
  // With an exception (`!keep/this`) an ignored folder may still hold files the build sees: look inside it.
  const hasExceptions = lines.some((l) => l.startsWith('!'));
  const excluded = new Set(req.exclude.map((p) => path.resolve(p)));
  const always = new Set(['.dockerignore', path.relative(req.context, req.dockerfile).split(path.sep).join('/')]);
  const root = process.getuid?.() === 0;
  let files = 0;
  let copied = 0;
  let link = true;

  const place = (src: string, dst: string): void => {
    files++;
    if (link) {
      try {
        linkSync(src, dst);
        return;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EXDEV')
          link = false; // another filesystem: every file is copied from here on
        else if (code !== 'EPERM' && code !== 'EACCES' && code !== 'EMLINK') throw e;
      }
    }
    copied++;
    copyFileSync(src, dst, constants.COPYFILE_FICLONE);
  };

  const makeDir = (src: string, dst: string): void => {
    const st = statSync(src);
    mkdirSync(dst, { recursive: true });
    chmodSync(dst, st.mode & 0o7777); // exactly the user's mode, whatever the umask
    if (root) safeChown(dst, st.uid, st.gid);
  };

  /** `ensure` makes the folder in the view (and its parents) when something is first put in it. */
  const walk = (rel: string, ensure: () => void): void => {
    const srcDir = path.join(req.context, rel);
    for (const entry of readdirSync(srcDir, { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const src = path.join(srcDir, entry.name);
      if (excluded.has(src)) continue;
      if (!rel && entry.name === 'version.json') continue; // the run's own is written below
      const ignored = !always.has(relPath) && lines.length > 0 && ig.ignores(relPath);
      const dst = path.join(req.dir, relPath);
      if (entry.isDirectory()) {
        if (ignored && !hasExceptions) continue;
        let made = false;
        const here = (): void => {
          if (made) return;
          ensure();
          makeDir(src, dst);
          made = true;
        };
        // An ignored folder is looked into for exceptions, and appears only if one of them is found.
        if (!ignored) here();
        walk(relPath, here);
      } else if (ignored) {
        continue;
      } else if (entry.isFile()) {
        ensure();
        place(src, dst);
      } else if (entry.isSymbolicLink()) {
        ensure();
        files++;
        symlinkSync(readlinkSync(src), dst);
      }
      // Sockets and FIFOs are not build context.
    }
  };

  makeDir(req.context, req.dir);
  walk('', () => undefined);
  writeFileSync(path.join(req.dir, 'version.json'), req.versionJson);
  return { dir: req.dir, files, copied, ms: Math.round(performance.now() - t0) };
}

/** Root creates the view's folders: they keep the user's owner, as the builder would have seen them. */
function safeChown(p: string, u: number, g: number): void {
  try {
    lchownSync(p, u, g);
  } catch {
    // not ours to insist on
  }
}
