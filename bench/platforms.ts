/**
 * What the second platform costs (section 8 of docs/benchmarks.md): the multi-platform fixture (the compliant app,
 * __tests__/fixtures/apps/multi-platform) run by the CLI for linux/amd64 alone, for linux/amd64 + linux/arm64 on
 * this one machine (arm64 under QEMU), and as a fan-out: one `push: by-digest` run per platform at once (as two
 * matrix jobs would run) and the `dockerflow merge` of their reports, against the htpasswd registry. Here both legs
 * share this machine and arm64 is emulated; on native runners each leg runs at the speed of the amd64 run.
 */
import { copyFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { CLI, FIXTURES, fmtS, localEnv, log, REGISTRY, ROOT, sh, stats, type Settings, type Stats } from './common.js';
import { pipeline, type PipelineRun } from './pipeline-side.js';
import { created, ID, registryCreds, tmpdir } from './resources.js';

export interface Platforms {
  runs: number;
  one: Stats;
  two: Stats;
  /** Both by-digest legs at once, spawn of the first to exit of the last. */
  legs: Stats;
  merge: Stats;
  /** Per-stage medians of the two-platform run: build, and each platform's inspect and smoke. */
  stages: Record<string, Stats>;
  /** Stage times of the amd64 and the arm64 leg (the emulation factor of each stage, on this machine). */
  legStages: Record<string, { amd: Stats; arm: Stats }>;
}

const AMD = 'linux/amd64';
const ARM = 'linux/arm64';

export async function platforms(s: Settings): Promise<Platforms> {
  const runs = Math.min(s.runs, 2);
  const creds = registryCreds();
  const dir = tmpdir(`${ID}-multi`);
  cpSync(path.join(FIXTURES, 'multi-platform'), dir, { recursive: true });
  copyFileSync(path.join(FIXTURES, 'compliant/server.js'), path.join(dir, 'server.js'));
  const image = `${ID}/multi`;
  const base = ['--context', dir, '--image', image, '--registry', REGISTRY, '--min-uptime', '1'];
  const login = ['--username', creds.username];
  created.repos.add(image);
  const legArgs = (p: string): string[] => [...base, '--platform', p, '--push', 'by-digest', ...login];

  log('platforms: warm-up (one run of each side)');
  await pipeline([...base, '--platform', `${AMD},${ARM}`]);
  const one: number[] = [];
  const two: number[] = [];
  const legs: number[] = [];
  const merges: number[] = [];
  const twoRuns: PipelineRun[] = [];
  const legRuns: [PipelineRun, PipelineRun][] = [];
  for (let i = 0; i < runs; i++) {
    log(`platforms: run ${i + 1}/${runs}`);
    one.push((await pipeline([...base, '--platform', AMD])).ms);
    const t = await pipeline([...base, '--platform', `${AMD},${ARM}`]);
    two.push(t.ms);
    twoRuns.push(t);
    const t0 = performance.now();
    const pair = await Promise.all([pipeline(legArgs(AMD), { input: creds.password }), pipeline(legArgs(ARM), { input: creds.password })]);
    legs.push(performance.now() - t0);
    legRuns.push(pair);
    const merged = await sh(
      [
        process.execPath,
        CLI,
        'merge',
        '-q',
        '--registry',
        REGISTRY,
        '--image',
        image,
        '--tag',
        `bench-${i}`,
        ...login,
        '--password-stdin',
        '--out',
        tmpdir(`${ID}-merge`),
        pair[0].out,
        pair[1].out,
      ],
      { input: creds.password, env: localEnv(), cwd: ROOT },
    );
    merges.push(merged.ms);
  }
  const stageNames = [...new Set(twoRuns.flatMap((r) => Object.keys(r.report.timings)))].filter((k) =>
    /^(build|inspect|smoke|test)/.test(k),
  );
  const stages = Object.fromEntries(
    stageNames.map((k) => [k, stats(twoRuns.map((r) => r.report.timings[k] ?? NaN).filter(Number.isFinite))]),
  );
  const legStages: Platforms['legStages'] = {};
  for (const k of ['build', 'inspect', 'smoke', 'publish']) {
    legStages[k] = {
      amd: stats(legRuns.map(([a]) => a.report.timings[k] ?? NaN).filter(Number.isFinite)),
      arm: stats(legRuns.map(([, b]) => b.report.timings[k] ?? NaN).filter(Number.isFinite)),
    };
  }
  return { runs, one: stats(one), two: stats(two), legs: stats(legs), merge: stats(merges), stages, legStages };
}

export function renderPlatforms(p: Platforms): string[] {
  const extra = p.two.median - p.one.median;
  return [
    '## 8. The second platform',
    '',
    '[bench/platforms.ts](../bench/platforms.ts): the multi-platform fixture (the compliant app) through the CLI, for',
    `linux/amd64 alone, for linux/amd64 + linux/arm64 on this one machine (arm64 under QEMU), and as a fan-out: one`,
    '`push: by-digest` run per platform at once, then `dockerflow merge` of their reports into one index on the',
    `htpasswd registry. ${p.runs} runs after a warm-up (warm layer cache). Both fan-out legs share this machine's two`,
    'cores here and arm64 is emulated; on native runners (`distribute: true`) each leg takes about the amd64 time.',
    '',
    '| run | median (min–max) |',
    '|---|---|',
    `| linux/amd64 alone | ${fmtS(p.one)} |`,
    `| linux/amd64 + linux/arm64 on one runner (arm64 under QEMU) | ${fmtS(p.two)} |`,
    `| the second platform on one runner | +${(extra / 1000).toFixed(1)} s (${(p.two.median / p.one.median).toFixed(2)}×) |`,
    `| fan-out: both by-digest legs at once, here | ${fmtS(p.legs)} |`,
    `| fan-out: \`dockerflow merge\` (index, tags, read-back of each platform) | ${fmtS(p.merge)} |`,
    '',
    'Stages of the one-runner run:',
    '',
    '| stage | median (min–max) |',
    '|---|---|',
    ...Object.entries(p.stages).map(([k, v]) => `| ${k} | ${fmtS(v)} |`),
    '',
    'Stages of each fan-out leg (what QEMU costs each stage here):',
    '',
    '| stage | linux/amd64 leg | linux/arm64 leg (QEMU) |',
    '|---|---|---|',
    ...Object.entries(p.legStages).map(([k, v]) => `| ${k} | ${fmtS(v.amd)} | ${fmtS(v.arm)} |`),
    '',
  ];
}
