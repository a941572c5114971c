/**
 * The layers of src/ (docs/architecture.md): a folder imports only from folders below it (or from itself), so a
 * reader never goes up and down the floors. A new upward import fails here, naming the file and the import.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { ROOT } from '../helpers/run.js';

/** Lowest first; folders on one line are peers and do not import each other. */
export const LAYERS: readonly (readonly string[])[] = [
  ['rules', 'secrets', 'time'],
  ['config', 'log', 'ui'],
  ['exec'],
  ['git', 'docker'],
  ['run'],
  ['inspect', 'smoke', 'publish', 'report'],
  ['artifacts', 'github'],
  ['stages'],
  ['pipeline'],
  ['cli', '.'],
  ['entry'],
];

/**
 * Files whose layer is not their folder's: src/index.ts is the action's entry point (bundled as dist/index.js,
 * beside entry/cli.ts and entry/post.ts), not a module main.ts and post.ts share a floor with.
 */
const FILE_LAYER: Readonly<Record<string, string>> = { 'index.ts': 'entry' };

const SRC = path.join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Relative import specifiers of a file, static and dynamic, type-only ones and re-exports included. */
export function imports(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
}

/** The folder a file counts in: its folder under src/, '.' for src/ itself, or its FILE_LAYER entry. */
const folderOf = (file: string): string => {
  const rel = path.relative(SRC, file).replace(/\.js$/, '.ts');
  if (FILE_LAYER[rel]) return FILE_LAYER[rel];
  return rel.includes(path.sep) ? rel.split(path.sep)[0]! : '.';
};

const layerOf = (folder: string): number => LAYERS.findIndex((l) => l.includes(folder));

/** Every import that runs up the layers or across to a peer, as `file imports spec (from → to)`. */
export function violations(files: readonly { file: string; text: string }[]): string[] {
  const bad: string[] = [];
  for (const { file, text } of files) {
    const from = folderOf(file);
    for (const spec of imports(text)) {
      const to = folderOf(path.resolve(path.dirname(file), spec));
      if (to === from) continue;
      if (layerOf(to) >= layerOf(from)) bad.push(`${path.relative(ROOT, file)} imports ${spec} (${from} → ${to})`);
    }
  }
  return bad;
}

/** A stage imports no other stage: each reads as its own plan, and what two stages share lives below them. */
export function stageCrossings(files: readonly { file: string; text: string }[]): string[] {
  const stages = path.join(SRC, 'stages');
  return files
    .filter(({ file }) => path.dirname(file) === stages)
    .flatMap(({ file, text }) =>
      imports(text)
        .filter((spec) => path.dirname(path.resolve(path.dirname(file), spec)) === stages)
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec} (stage → stage)`),
    );
}

const all = (): { file: string; text: string }[] => sources(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

it('every folder of src/ has a layer', () => {
  const folders = new Set(sources(SRC).map(folderOf));
  assert.deepEqual(
    [...folders].filter((f) => layerOf(f) < 0),
    [],
    'add the new folder to LAYERS and docs/architecture.md',
  );
});

it('no import runs from a lower layer to a higher one, nor between peers', () => {
  assert.deepEqual(violations(all()), []);
});

it('no stage imports another stage', () => {
  assert.deepEqual(stageCrossings(all()), []);
});

it('the check sees an upward import, a peer import, a type-only one, a dynamic one and a stage crossing', () => {
  const at = (rel: string): string => path.join(SRC, rel);
  const files = [
    { file: at('docker/x.ts'), text: "import type { RunContext } from '../run/context.js';" },
    { file: at('inspect/x.ts'), text: "import { isAttestation } from '../publish/verify.js';" },
    { file: at('exec/x.ts'), text: "const { f } = await import('../stages/build.js');" },
    { file: at('stages/inspect.ts'), text: "import { buildxVersionLine } from './build.js';" },
    {
      file: at('smoke/x.ts'),
      text: "import type { RunContext } from '../run/context.js';\nimport { check } from '../rules/catalogue.js';",
    },
  ];
  assert.deepEqual(violations(files), [
    'src/docker/x.ts imports ../run/context.js (docker → run)',
    'src/inspect/x.ts imports ../publish/verify.js (inspect → publish)',
    'src/exec/x.ts imports ../stages/build.js (exec → stages)',
  ]);
  assert.deepEqual(stageCrossings(files), ['src/stages/inspect.ts imports ./build.js (stage → stage)']);
});

it('docs/architecture.md shows the same floors as LAYERS', () => {
  const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
  const floors = [...doc.matchAll(/^\| (\d+) +\| ([^|]+)\|/gm)].map((m) => [...m[2]!.matchAll(/`([^`]+)`/g)].map((f) => f[1]!));
  assert.deepEqual(floors, LAYERS);
});
