/** Sections 1 and 2: the pipeline against bare Docker on one app, and the app's listen → first successful probe. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bareWithRetry, type App } from './bare.js';
import { log, stats, stageStats, type Settings, type Stats } from './common.js';
import { listenToFirstProbe, pipeline, type PipelineRun } from './pipeline-side.js';

export interface Overhead {
  name: string;
  pipeline: Stats;
  bare: Stats;
  ratio: Stats;
  stages: Record<string, Stats>;
  listenToProbe: Stats;
  ready: Stats;
}

/** One uncounted warm-up of each side, then `runs` pairs, interleaved, the side that goes first alternating. */
export async function overhead(s: Settings, name: string, app: App, pipelineArgs: string[]): Promise<Overhead> {
  log(`${name}: warm-up (one run of each side, not counted)`);
  const warm = await pipeline(pipelineArgs);
  app.versionJson = readFileSync(path.join(warm.out, 'version.json'), 'utf8');
  await bareWithRetry(app);
  const p: PipelineRun[] = [];
  const b: number[] = [];
  for (let i = 1; i <= s.runs; i++) {
    const order = i % 2 ? ['pipeline', 'bare'] : ['bare', 'pipeline'];
    for (const side of order) {
      if (side === 'pipeline') p.push(await pipeline(pipelineArgs));
      else b.push(await bareWithRetry(app));
    }
    log(`${name}: run ${i}/${s.runs}: pipeline ${(p.at(-1)!.ms / 1000).toFixed(2)} s, bare ${(b.at(-1)! / 1000).toFixed(2)} s`);
  }
  const listen = p.map((r) => listenToFirstProbe(r.buildLog.split('\n'))).filter((x): x is number => x !== null);
  return {
    name,
    pipeline: stats(p.map((r) => r.ms)),
    bare: stats(b),
    ratio: stats(p.map((r, i) => r.ms / b[i]!)),
    stages: stageStats(p.map((r) => r.report.timings)),
    listenToProbe: stats(listen),
    ready: stats(p.map((r) => r.report.timings.ready ?? NaN).filter(Number.isFinite)),
  };
}
