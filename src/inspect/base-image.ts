import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';

/** What the final (or target) stage is built on, as far as the Dockerfile tells. */
export type BaseImage =
  /** `FROM scratch`: every layer of the image was written by this build. */
  | { kind: 'scratch' }
  | { kind: 'image'; ref: string }
  /** A FROM the Dockerfile alone cannot resolve (an ARG with no value): the scan reads every layer. */
  | { kind: 'unknown'; why: string };

/**
 * The image the final stage starts from: its FROM, with ARGs declared before the first FROM substituted (build
 * args given to the run win over their defaults), followed through `FROM <earlier stage>` chains to an image
 * or `scratch`.
 */
export function finalBaseImage(file: string, target: string, buildArgs: readonly { key: string; value: string }[]): BaseImage {
  const doc = DockerfileParser.parse(readFileSync(file, 'utf8'));
  const vars = new Map<string, string>();
  for (const arg of doc.getInitialARGs()) {
    const p = arg.getProperty();
    if (p) vars.set(p.getName(), p.getValue() ?? '');
  }
  for (const a of buildArgs) if (vars.has(a.key)) vars.set(a.key, a.value);
  const froms = doc.getFROMs();
  let i = target ? froms.findIndex((f) => f.getBuildStage()?.toLowerCase() === target.toLowerCase()) : froms.length - 1;
  if (i < 0) i = froms.length - 1;
  if (i < 0) return { kind: 'unknown', why: `${file} has no FROM` };
  for (;;) {
    const raw = froms[i]!.getImage();
    if (!raw) return { kind: 'unknown', why: `the FROM on line ${froms[i]!.getRange().start.line + 1} names no image` };
    const ref = substitute(raw, vars);
    if (ref === null || ref === '')
      return { kind: 'unknown', why: `FROM ${raw} (line ${froms[i]!.getRange().start.line + 1}) has an ARG with no value` };
    const stage = froms.slice(0, i).findLastIndex((f) => f.getBuildStage()?.toLowerCase() === ref.toLowerCase());
    if (stage >= 0) {
      i = stage;
      continue;
    }
    return ref.toLowerCase() === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref };
  }
}

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alternative}`; null when a variable is not declared. */
export function substitute(text: string, vars: ReadonlyMap<string, string>): string | null {
  let unknown = false;
  const out = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_, braced, op, word, bare) => {
      const name = (braced ?? bare) as string;
      const value = vars.get(name);
      if (op === '-') return value ? value : (word as string);
      if (op === '+') return value ? (word as string) : '';
      if (value === undefined) unknown = true;
      return value ?? '';
    },
  );
  return unknown ? null : out;
}

/** The final stage's base, or why it is not known (a Dockerfile the parser cannot read): every layer is then scanned. */
export function baseImageOf(...args: Parameters<typeof finalBaseImage>): BaseImage {
  try {
    return finalBaseImage(...args);
  } catch (e) {
    return { kind: 'unknown', why: `the final stage's FROM could not be read (${(e as Error).message})` };
  }
}
