/** Section 5: build + push to the htpasswd registry, the pipeline against bare `docker login`, build, push, logout. */
import { loginArgv, logoutArgv, pushArgv } from '../src/docker/registry-argv.js';
import { bareBuild, type App } from './bare.js';
import { log, REGISTRY, RUNTIME_RULES, SAMPLE, sh, stageStats, stats, type Settings, type Stats } from './common.js';
import { pipeline, type PipelineRun } from './pipeline-side.js';
import { created, ID, registryCreds, tmpdir } from './resources.js';

export interface Push {
  pipeline: Stats;
  bare: Stats;
  ratio: Stats;
  stages: Record<string, Stats>;
}

export async function push(s: Settings, versionJson: string): Promise<Push> {
  const creds = registryCreds();
  const pipelineArgs = (repo: string): string[] => [
    '--context',
    SAMPLE,
    '--image',
    repo,
    '--push',
    'true',
    '--registry',
    REGISTRY,
    '--username',
    creds.username,
    '--checks-ignore',
    RUNTIME_RULES.join(','),
  ];
  const app: App = { context: SAMPLE, image: `${ID}/sample-app`, versionJson, env: [] };
  const barePush = async (repo: string): Promise<number> => {
    const t0 = performance.now();
    const ref = `${REGISTRY}/${repo}:bench`;
    const env = { ...process.env, DOCKER_CONFIG: tmpdir(`${ID}-dockercfg`) };
    await sh(loginArgv(REGISTRY, creds.username), { input: creds.password, env });
    await bareBuild(app, ref);
    await sh(pushArgv(ref), { env });
    await sh(logoutArgv(REGISTRY), { env, allowFailure: true });
    return performance.now() - t0;
  };
  let k = 0;
  const repo = (side: string): string => {
    const r = `${ID}/sample-app-${side}-${k++}`;
    created.repos.add(r);
    return r;
  };
  log('push: warm-up (one push of each side, not counted: the registry gets the layers once)');
  await pipeline(pipelineArgs(repo('pipeline')), { input: creds.password });
  await barePush(repo('bare'));
  const p: PipelineRun[] = [];
  const b: number[] = [];
  for (let i = 1; i <= s.runs; i++) {
    const order = i % 2 ? ['pipeline', 'bare'] : ['bare', 'pipeline'];
    for (const side of order) {
      if (side === 'pipeline') p.push(await pipeline(pipelineArgs(repo('pipeline')), { input: creds.password }));
      else b.push(await barePush(repo('bare')));
    }
    log(`push: run ${i}/${s.runs}: pipeline ${(p.at(-1)!.ms / 1000).toFixed(2)} s, bare ${(b.at(-1)! / 1000).toFixed(2)} s`);
  }
  return {
    pipeline: stats(p.map((r) => r.ms)),
    bare: stats(b),
    ratio: stats(p.map((r, i) => r.ms / b[i]!)),
    stages: stageStats(p.map((r) => r.report.timings)),
  };
}
