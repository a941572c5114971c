/**
 * `npm run bench`: what the pipeline costs against bare Docker, measured side by side in one run, written to
 * docs/benchmarks.md. A script, not a test: nothing here asserts a time.
 *
 *   npm run bench                 3 runs of each timed measurement (under 8 min on 2 cores)
 *   npm run bench -- --runs 5     5 runs
 *   npm run bench -- --quick      2 runs, 2 s load phases
 *   npm run bench -- --no-write   print the results, leave docs/benchmarks.md alone
 *   npm run bench -- --only scan  one section alone (cold, fixture, sample, fail, push, load, scan: bench/secret-scan.ts,
 *                                 platforms: bench/platforms.ts), as JSON
 *
 * One file per measurement: overhead.ts (sections 1 and 2) over pipeline-side.ts and bare.ts (the bare side, its
 * docker argv from the src/docker builders the pipeline runs), fail-fast.ts, cold-start.ts, push.ts, load.ts,
 * secret-scan.ts; render.ts writes the document; common.ts and resources.ts are shared.
 *
 * Needs the engine, node:24-slim and postgres:15 locally, and the htpasswd registry on 127.0.0.1:5000 (its
 * credentials in /var/cache/dockerflow/registry, or DOCKERFLOW_REGISTRY_USERNAME/PASSWORD): scripts/setup/all.sh.
 * Every container, network, image tag and registry repository it creates is removed at the end.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dockerArgv } from '../src/docker/commands.js';
import { bareBuild, kv, type App } from './bare.js';
import { coldStart } from './cold-start.js';
import { ACTION, CLI, COMPLIANT, fmtMs, log, ROOT, SAMPLE, SAMPLE_DB_URL, SAMPLE_SERVICE, sh, type Settings } from './common.js';
import { failFast } from './fail-fast.js';
import { load, type Load } from './load.js';
import { overhead } from './overhead.js';
import { pipeline } from './pipeline-side.js';
import { push } from './push.js';
import { machine, render, type All } from './render.js';
import { cleanup, ID, registryCreds, tmpdir } from './resources.js';
import { benchSecretScan } from './secret-scan.js';
import { platforms } from './platforms.js';

const SECTIONS = ['cold', 'fixture', 'sample', 'fail', 'push', 'load', 'scan', 'platforms'];

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'load-seconds': { type: 'string' },
    concurrency: { type: 'string', default: '16' },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: path.join(ROOT, 'docs/benchmarks.md') },
  },
});
const settings: Settings = {
  runs: Number(flags.runs ?? (flags.quick ? 2 : 3)),
  loadS: Number(flags['load-seconds'] ?? (flags.quick ? 2 : 5)),
  concurrency: Number(flags.concurrency),
};
const only = flags.only ? new Set(flags.only.split(',')) : null;
if (
  !(settings.runs >= 1) ||
  !(settings.loadS > 0) ||
  !(settings.concurrency >= 1) ||
  [...(only ?? [])].some((k) => !SECTIONS.includes(k))
) {
  console.error(
    `usage: npm run bench -- [--runs N | --quick] [--load-seconds S] [--concurrency C] [--no-write] [--out FILE] [--only ${SECTIONS.join(',')}]`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const want = (k: string): boolean => !only || only.has(k);
  for (const f of [CLI, ACTION]) if (!existsSync(f)) throw new Error(`${f} is missing: run npm run bundle`);
  for (const img of ['node:24-slim', 'postgres:15']) {
    if ((await sh(dockerArgv.imageInspect([img]), { allowFailure: true })).code !== 0)
      throw new Error(`${img} is not local: run scripts/setup/all.sh`);
  }
  if (want('push') || want('platforms')) registryCreds();
  log(`bench ${ID}: ${settings.runs} runs per measurement`);

  const sampleArgs = [
    '--context',
    SAMPLE,
    '--image',
    `${ID}/sample-app`,
    '--service',
    SAMPLE_SERVICE,
    '--env',
    `DATABASE_URL=${SAMPLE_DB_URL}`,
    '--test-command',
    'test',
  ];
  const sampleApp: App = {
    context: SAMPLE,
    image: `${ID}/sample-app`,
    versionJson: '',
    service: { name: 'db', image: 'postgres:15', env: [kv('POSTGRES_PASSWORD=x')] },
    env: [kv(`DATABASE_URL=${SAMPLE_DB_URL}`)],
    testCommand: ['test'],
  };
  // The fixture is built from a copy, so the bare side's version.json never touches the repository.
  const fixtureDir = tmpdir(`${ID}-compliant`);
  for (const f of ['Dockerfile', 'server.js']) copyFileSync(path.join(COMPLIANT, f), path.join(fixtureDir, f));
  const fixture: App = { context: fixtureDir, image: `${ID}/compliant`, versionJson: '', env: [] };
  const fixtureArgs = ['--context', fixtureDir, '--image', `${ID}/compliant`];

  const cold = want('cold') ? await coldStart(settings) : null;
  if (cold) log(`cold start: action ${fmtMs(cold.action)}`);
  const fx = want('fixture') ? await overhead(settings, 'minimal fixture (compliant)', fixture, fixtureArgs) : null;
  const sample = want('sample') ? await overhead(settings, 'sample-app (postgres:15 sidecar, test command)', sampleApp, sampleArgs) : null;
  const fail = want('fail') ? await failFast(settings) : null;
  if (!sampleApp.versionJson && (want('push') || want('load'))) {
    const warm = await pipeline(sampleArgs);
    sampleApp.versionJson = readFileSync(path.join(warm.out, 'version.json'), 'utf8');
  }
  const pushed = want('push') ? await push(settings, sampleApp.versionJson) : null;
  const scan = want('scan') ? await benchSecretScan(settings.runs) : undefined;
  const plat = want('platforms') ? await platforms(settings) : undefined;
  let loaded: Load | null = null;
  if (want('load')) {
    log('load: sample-app under load');
    await bareBuild(sampleApp, `${ID}/sample-app:bare`);
    loaded = await load(settings, `${ID}/sample-app:bare`);
  }
  if (!sample || !fx || !fail || !cold || !pushed || !loaded) {
    process.stdout.write(
      `${JSON.stringify({ cold, fixture: fx, sample, fail, push: pushed, load: loaded, scan, platforms: plat }, null, 2)}\n`,
    );
    return;
  }

  const all: All = {
    sample,
    fixture: fx,
    fail,
    cold,
    push: pushed,
    load: loaded,
    ...(scan ? { scan } : {}),
    ...(plat ? { platforms: plat } : {}),
  };
  const secs = (performance.now() - t0) / 1000;
  const command = `npm run bench${flags.runs ? ` -- --runs ${settings.runs}` : flags.quick ? ' -- --quick' : ''}`;
  const limitsFile = path.join(ROOT, 'bench/limits.md');
  const limits = existsSync(limitsFile) ? [readFileSync(limitsFile, 'utf8').trim()] : [];
  const doc = render(settings, all, await machine(), command, started, secs, limits);
  if (!flags['no-write']) writeFileSync(flags.out, doc);
  process.stdout.write(doc);
  log(`done in ${secs.toFixed(0)} s${flags['no-write'] ? '' : `; wrote ${path.relative(ROOT, flags.out)}`}`);
}

let exitCode = 0;
try {
  await main();
} catch (e) {
  console.error(`bench failed: ${(e as Error).stack ?? String(e)}`);
  exitCode = 1;
} finally {
  log('cleaning up');
  await cleanup();
}
process.exit(exitCode);
