/**
 * `npm run bench`: what the pipeline costs against bare Docker, measured side by side in one run, written to
 * docs/benchmarks.md. A script, not a test: nothing here asserts a time.
 *
 *   npm run bench                 3 runs of each timed measurement (under 8 min on 2 cores)
 *   npm run bench -- --runs 5     5 runs
 *   npm run bench -- --quick      2 runs, 2 s load phases
 *   npm run bench -- --no-write   print the results, leave docs/benchmarks.md alone
 *   npm run bench -- --only scan  one section alone (cold, fixture, sample, fail, push, load, scan: bench/secret-scan.ts), as JSON
 *
 * Needs the engine, node:24-slim and postgres:15 locally, and the htpasswd registry on 127.0.0.1:5000 (its
 * credentials in /var/cache/dockerflow/registry, or DOCKERFLOW_REGISTRY_USERNAME/PASSWORD): scripts/setup/all.sh.
 * Every container, network, image tag and registry repository it creates is removed at the end.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, request } from 'undici';
import { RULES } from '../src/rules/catalogue.js';
import { benchSecretScan, renderSecretScan, scanTargets, type ScanBench } from './secret-scan.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist/cli/index.js');
const ACTION = path.join(ROOT, 'dist/index.js');
const SAMPLE = path.join(ROOT, 'sample-app');
const FIXTURES = path.join(ROOT, '__tests__/fixtures/apps');
const COMPLIANT = path.join(FIXTURES, 'compliant');
const CRASH = path.join(FIXTURES, 'smoke-crash');
const SMOKE_BASE_TAG = 'dockerflow-smoke-fixture:base';
const REGISTRY = '127.0.0.1:5000';
const REG_DIR = process.env.DOCKERFLOW_CACHE ? path.join(process.env.DOCKERFLOW_CACHE, 'registry') : '/var/cache/dockerflow/registry';

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
const RUNS = Number(flags.runs ?? (flags.quick ? 2 : 3));
const LOAD_S = Number(flags['load-seconds'] ?? (flags.quick ? 2 : 5));
const CONCURRENCY = Number(flags.concurrency);
if (!(RUNS >= 1) || !(LOAD_S > 0) || !(CONCURRENCY >= 1)) {
  console.error('usage: npm run bench -- [--runs N | --quick] [--load-seconds S] [--concurrency C] [--no-write] [--out FILE]');
  process.exit(2);
}

const ID = `dfbench-${randomBytes(3).toString('hex')}`;
const LABEL = `dockerflow.bench=${ID}`;
const SAMPLE_SERVICE = 'db=postgres:15 POSTGRES_PASSWORD=x';
const SAMPLE_DB_URL = 'postgres://postgres:x@db:5432/postgres';

// ---------------------------------------------------------------------------------------------------------------
// Processes, clocks, statistics

interface Result {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

const wallNow = (): number => performance.timeOrigin + performance.now();

function sh(argv: string[], o: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; allowFailure?: boolean } = {}): Promise<Result> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: o.cwd ?? ROOT, env: o.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const r = { code: code ?? -1, stdout, stderr, ms: performance.now() - t0 };
      if (r.code !== 0 && !o.allowFailure) {
        reject(new Error(`${argv.join(' ')} exited ${r.code}: ${(stderr || stdout).trim().split('\n').slice(-3).join(' | ')}`));
      } else resolve(r);
    });
    child.stdin.end(o.input ?? '');
  });
}

const docker = (args: string[], o: Parameters<typeof sh>[1] = {}): Promise<Result> => sh(['docker', ...args], o);

interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const median = n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { median, min: s[0] ?? NaN, max: s[n - 1] ?? NaN, n };
}

const log = (msg: string): void =>
  void process.stderr.write(`[bench ${((performance.now() / 1000) | 0).toString().padStart(4)} s] ${msg}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Cleanup bookkeeping: everything created is registered here first.

const created = { images: new Set<string>(), tags: new Set<string>(), repos: new Set<string>(), dirs: new Set<string>() };
let builtSmokeBase = false;

function tmpdir(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  created.dirs.add(d);
  return d;
}

async function cleanup(): Promise<void> {
  const ids = async (args: string[]): Promise<string[]> =>
    (await docker(args, { allowFailure: true })).stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  // Containers and networks the bare side started carry the bench label; the pipeline removes its own (run label).
  const containers = await ids(['ps', '-aq', '--filter', `label=${LABEL}`]);
  if (containers.length) await docker(['rm', '-f', '-v', ...containers], { allowFailure: true });
  const networks = await ids(['network', 'ls', '-q', '--filter', `label=${LABEL}`]);
  if (networks.length) await docker(['network', 'rm', ...networks], { allowFailure: true });
  for (const repo of created.repos) await deleteRepo(repo);
  const tags = [...created.tags];
  if (tags.length) await docker(['rmi', ...tags], { allowFailure: true });
  // Image IDs the runs produced (untagged once a later run moved the tag); one still used elsewhere is kept.
  for (const id of created.images) await docker(['rmi', id], { allowFailure: true });
  if (builtSmokeBase) await docker(['rmi', SMOKE_BASE_TAG], { allowFailure: true });
  for (const d of created.dirs) rmSync(d, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Registry

interface Creds {
  username: string;
  password: string;
}

function registryCreds(): Creds {
  const read = (f: string): string => readFileSync(path.join(REG_DIR, f), 'utf8').trim();
  return {
    username: process.env.DOCKERFLOW_REGISTRY_USERNAME ?? read('username'),
    password: process.env.DOCKERFLOW_REGISTRY_PASSWORD ?? read('password'),
  };
}

let creds: Creds;
const basic = (): string => `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;

/** Delete every tag of a repository through the API, then its directory when the storage is on this machine. */
async function deleteRepo(repo: string): Promise<void> {
  try {
    const tagsRes = await request(`http://${REGISTRY}/v2/${repo}/tags/list`, { headers: { authorization: basic() } });
    const body = (await tagsRes.body.json()) as { tags?: string[] | null };
    for (const tag of body.tags ?? []) {
      const head = await request(`http://${REGISTRY}/v2/${repo}/manifests/${tag}`, {
        method: 'HEAD',
        headers: {
          authorization: basic(),
          accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
        },
      });
      await head.body.dump();
      const digest = head.headers['docker-content-digest'];
      if (typeof digest === 'string') {
        const del = await request(`http://${REGISTRY}/v2/${repo}/manifests/${digest}`, {
          method: 'DELETE',
          headers: { authorization: basic() },
        });
        await del.body.dump();
      }
    }
  } catch (e) {
    log(`could not delete ${repo} through the registry API: ${(e as Error).message}`);
  }
  const dir = path.join(REG_DIR, 'data/docker/registry/v2/repositories', repo.split('/')[0]!);
  if (repo.startsWith(`${ID}/`) && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// The pipeline side

interface PipelineRun {
  ms: number;
  report: {
    verdict: string;
    image: { id: string | null; tags: string[] };
    timings: Record<string, number>;
    checks: { id: string; status: string; message: string }[];
  };
  buildLog: string;
  out: string;
  /** Wall-clock ms when the CLI printed its verdict line. */
  verdictAt: number | null;
}

async function pipeline(args: string[], o: { input?: string; expect?: 'pass' | 'fail' } = {}): Promise<PipelineRun> {
  const out = tmpdir(`${ID}-out`);
  const argv = [process.execPath, CLI, 'run', '-q', '--out', out, ...args, ...(o.input !== undefined ? ['--password-stdin'] : [])];
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('GITHUB_') || k === 'CI') delete env[k];
  const t0 = performance.now();
  let verdictAt: number | null = null;
  let stderr = '';
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (verdictAt === null && /verdict: /.test(stdout)) verdictAt = wallNow();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? -1));
    child.stdin.end(o.input ?? '');
  });
  const ms = performance.now() - t0;
  if (!existsSync(path.join(out, 'dockerflow-report.json')))
    throw new Error(`pipeline ${args.join(' ')} exited ${code} without a report: ${stderr.trim()}`);
  const report = JSON.parse(readFileSync(path.join(out, 'dockerflow-report.json'), 'utf8')) as PipelineRun['report'];
  const buildLog = readFileSync(path.join(out, 'build.log'), 'utf8');
  if (report.image.id) created.images.add(report.image.id);
  for (const t of report.image.tags) created.tags.add(t);
  const want = o.expect ?? 'pass';
  if (report.verdict !== want) {
    const bad = report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.message.split('\n')[0]}`);
    throw new Error(
      `pipeline ${args.join(' ')} gave ${report.verdict} (exit ${code}), expected ${want}: ${bad.join('; ')} (out dir ${out})`,
    );
  }
  return { ms, report, buildLog, out, verdictAt };
}

/** The app's own log: ms from its `server.listening` line to the first `request.summary` of a 200 /__lbheartbeat__. */
function listenToFirstProbe(lines: string[]): number | null {
  let listening: number | null = null;
  for (const line of lines) {
    const json = line.slice(line.indexOf('{'));
    let e: { Timestamp?: number; Type?: string; Fields?: { path?: string; code?: number } };
    try {
      e = JSON.parse(json) as typeof e;
    } catch {
      continue;
    }
    if (typeof e.Timestamp !== 'number') continue;
    if (e.Type === 'server.listening' && listening === null) listening = e.Timestamp / 1e6;
    if (listening !== null && e.Type === 'request.summary' && e.Fields?.path === '/__lbheartbeat__' && e.Fields.code === 200) {
      return e.Timestamp / 1e6 - listening;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// The bare side: the same work with docker commands and a poll loop

async function get(url: string): Promise<{ status: number; body: string } | null> {
  try {
    const r = await request(url, { headersTimeout: 5000, bodyTimeout: 5000 });
    return { status: r.statusCode, body: await r.body.text() };
  } catch {
    return null;
  }
}

async function pollUntil(url: string, ok: (status: number) => boolean, intervalMs: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const r = await get(url);
    if (r && ok(r.status)) return r.status;
    if (performance.now() > deadline)
      throw new Error(`${url} did not answer as expected within ${timeoutMs} ms (last: ${r?.status ?? 'no answer'})`);
    await sleep(intervalMs);
  }
}

interface App {
  context: string;
  image: string;
  versionJson: string;
  service?: { name: string; image: string; env: string[] };
  env: string[];
  testCommand?: string[];
}

function ociLabels(versionJson: string): string[] {
  const v = JSON.parse(versionJson) as { source: string; commit: string; version: string };
  return [
    ['org.opencontainers.image.source', v.source],
    ['org.opencontainers.image.revision', v.commit],
    ['org.opencontainers.image.version', v.version],
    ['org.opencontainers.image.created', new Date().toISOString()],
  ].flatMap(([k, val]) => ['--label', `${k}=${val}`]);
}

/** `docker buildx build` of the context with the pipeline's version.json in it, as the pipeline builds. */
async function bareBuild(app: App, tag: string): Promise<string> {
  const vf = path.join(app.context, 'version.json');
  const had = existsSync(vf) ? readFileSync(vf) : null;
  const iid = path.join(tmpdir(`${ID}-iid`), 'iid');
  writeFileSync(vf, app.versionJson);
  try {
    await docker([
      'buildx',
      'build',
      '--load',
      '--progress',
      'plain',
      '--iidfile',
      iid,
      '--tag',
      tag,
      ...ociLabels(app.versionJson),
      app.context,
    ]);
  } finally {
    if (had) writeFileSync(vf, had);
    else rmSync(vf, { force: true });
  }
  created.tags.add(tag);
  const id = readFileSync(iid, 'utf8').trim();
  created.images.add(id);
  return id;
}

/**
 * build; [network + sidecar]; run the app with the same env and a $PORT; poll /__lbheartbeat__ every 50 ms;
 * /__heartbeat__ (until 200, as the database may still be starting) and /__version__; [stop the sidecar and poll
 * until /__heartbeat__ is 5xx]; docker stop (SIGTERM); docker rm; [start the sidecar again, docker run IMAGE
 * <test-command>, remove the sidecar and network].
 */
async function bare(app: App, n: number): Promise<number> {
  const t0 = performance.now();
  const imageId = await bareBuild(app, `${app.image}:bare`);
  const name = `${ID}-bare-${n}`;
  const net = app.service ? `${name}-net` : null;
  const db = app.service ? `${name}-${app.service.name}` : null;
  if (net && app.service) {
    await docker(['network', 'create', '--label', LABEL, net]);
    await docker([
      'run',
      '-d',
      '--name',
      db!,
      '--label',
      LABEL,
      '--network',
      net,
      '--network-alias',
      app.service.name,
      ...app.service.env.flatMap((e) => ['-e', e]),
      app.service.image,
    ]);
  }
  const port = 20000 + Math.floor(Math.random() * 10000);
  const env = [...app.env, `PORT=${port}`].flatMap((e) => ['-e', e]);
  const run = await docker([
    'run',
    '-d',
    '--name',
    name,
    '--label',
    LABEL,
    ...(net ? ['--network', net] : []),
    '--publish',
    `127.0.0.1::${port}`,
    ...env,
    imageId,
  ]);
  const id = run.stdout.trim();
  const hostPort = (await docker(['port', id, String(port)])).stdout.trim().split('\n')[0]!.split(':').pop();
  const base = `http://127.0.0.1:${hostPort}`;
  await pollUntil(`${base}/__lbheartbeat__`, (s) => s === 200, 50, 30000);
  await Promise.all([pollUntil(`${base}/__heartbeat__`, (s) => s === 200, 250, 15000), get(`${base}/__version__`)]);
  if (db) {
    await docker(['stop', '-t', '10', db]);
    await pollUntil(`${base}/__heartbeat__`, (s) => s >= 500, 100, 10000);
  }
  await docker(['stop', '-t', '10', id]);
  await docker(['rm', '-f', id]);
  if (net && db) {
    if (app.testCommand) {
      await docker(['start', db]);
      await docker(['run', '--rm', '--label', LABEL, '--network', net, ...app.env.flatMap((e) => ['-e', e]), imageId, ...app.testCommand]);
    }
    await docker(['rm', '-f', '-v', db]);
    await docker(['network', 'rm', net]);
  } else if (app.testCommand) {
    await docker(['run', '--rm', '--label', LABEL, ...app.env.flatMap((e) => ['-e', e]), imageId, ...app.testCommand]);
  }
  return performance.now() - t0;
}

let bareRuns = 0;

/** A bare run that fails (the app did not answer as expected) is reported and run once more. */
async function bareWithRetry(app: App): Promise<number> {
  try {
    return await bare(app, ++bareRuns);
  } catch (e) {
    log(`bare run failed, running it again: ${(e as Error).message}`);
    return bare(app, ++bareRuns);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements

interface Overhead {
  name: string;
  pipeline: Stats;
  bare: Stats;
  ratio: Stats;
  stages: Record<string, Stats>;
  listenToProbe: Stats;
  ready: Stats;
}

async function overhead(name: string, app: App, pipelineArgs: string[]): Promise<Overhead> {
  log(`${name}: warm-up (one run of each side, not counted)`);
  const warm = await pipeline(pipelineArgs);
  app.versionJson = readFileSync(path.join(warm.out, 'version.json'), 'utf8');
  await bareWithRetry(app);
  const p: PipelineRun[] = [];
  const b: number[] = [];
  for (let i = 1; i <= RUNS; i++) {
    // Interleaved, and the side that goes first alternates.
    const order = i % 2 ? ['pipeline', 'bare'] : ['bare', 'pipeline'];
    for (const side of order) {
      if (side === 'pipeline') p.push(await pipeline(pipelineArgs));
      else b.push(await bareWithRetry(app));
    }
    log(`${name}: run ${i}/${RUNS}: pipeline ${(p.at(-1)!.ms / 1000).toFixed(2)} s, bare ${(b.at(-1)! / 1000).toFixed(2)} s`);
  }
  const stageNames = [...new Set(p.flatMap((r) => Object.keys(r.report.timings)))];
  const listen = p.map((r) => listenToFirstProbe(r.buildLog.split('\n'))).filter((x): x is number => x !== null);
  return {
    name,
    pipeline: stats(p.map((r) => r.ms)),
    bare: stats(b),
    ratio: stats(p.map((r, i) => r.ms / b[i]!)),
    stages: Object.fromEntries(stageNames.map((s) => [s, stats(p.map((r) => r.report.timings[s] ?? NaN).filter(Number.isFinite))])),
    listenToProbe: stats(listen),
    ready: stats(p.map((r) => r.report.timings.ready ?? NaN).filter(Number.isFinite)),
  };
}

interface FailFast {
  verdict: Stats;
  seen: Stats;
  total: Stats;
}

/** smoke-crash exits 1.5 s after it starts: from the engine's `die` event to the CLI's verdict line. */
async function failFast(): Promise<FailFast> {
  if ((await docker(['image', 'inspect', SMOKE_BASE_TAG], { allowFailure: true })).code !== 0) {
    log(`building ${SMOKE_BASE_TAG} (the smoke fixtures' base; removed again at the end)`);
    await docker(['build', '-q', '-t', SMOKE_BASE_TAG, path.join(FIXTURES, 'smoke-base')]);
    builtSmokeBase = true;
  }
  const args = ['--context', CRASH, '--image', `${ID}/crash`];
  await pipeline(args, { expect: 'fail' }); // warm-up
  const verdict: number[] = [];
  const seen: number[] = [];
  const total: number[] = [];
  for (let i = 1; i <= RUNS; i++) {
    const events = spawn(
      'docker',
      ['events', '--filter', 'type=container', '--filter', 'event=die', '--format', '{{.TimeNano}} {{.Actor.Attributes.name}}'],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    let evs = '';
    events.stdout.on('data', (d: Buffer) => (evs += d.toString()));
    await sleep(200); // `docker events` is subscribed
    const r = await pipeline(args, { expect: 'fail' });
    await sleep(200);
    events.kill();
    const app = /--name (df-[a-z0-9-]+-app) /.exec(r.buildLog)?.[1];
    const die = evs
      .split('\n')
      .map((l) => l.trim().split(' '))
      .find(([, n]) => n === app)?.[0];
    if (!app || !die || r.verdictAt === null) throw new Error(`fail-fast: no die event for ${app} (${evs.trim()})`);
    verdict.push(r.verdictAt - Number(BigInt(die) / 1000n) / 1000);
    const s = /\(seen (\d+) ms after the exit\)/.exec(r.report.checks.find((c) => c.id === 'DF208')?.message ?? '');
    if (s) seen.push(Number(s[1]));
    total.push(r.ms);
    log(`fail-fast: run ${i}/${RUNS}: verdict ${verdict.at(-1)!.toFixed(0)} ms after the exit`);
  }
  return { verdict: stats(verdict), seen: stats(seen), total: stats(total) };
}

interface ColdStart {
  action: Stats;
  cli: Stats;
  node: Stats;
  sizes: Record<string, number>;
}

/** Process spawn to the first byte of output. */
async function firstOutput(argv: string[], cwd: string): Promise<number> {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('GITHUB_') || k.startsWith('INPUT_') || k.startsWith('RUNNER_')) delete env[k];
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let at: number | null = null;
    const first = (): void => void (at ??= performance.now() - t0);
    child.stdout.once('data', first);
    child.stderr.once('data', first);
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => (at === null ? reject(new Error(`${argv.join(' ')} printed nothing`)) : resolve(at)));
  });
}

async function coldStart(): Promise<ColdStart> {
  // An empty directory: the action reads its inputs (none), says the Dockerfile is missing and exits.
  const cwd = tmpdir(`${ID}-cold`);
  const n = Math.max(RUNS * 2, 5);
  const a: number[] = [];
  const c: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n + 1; i++) {
    const [x, y, z] = [
      await firstOutput([process.execPath, ACTION], cwd),
      await firstOutput([process.execPath, CLI, '--help'], cwd),
      await firstOutput([process.execPath, '-e', 'console.log(1)'], cwd),
    ];
    if (i === 0) continue; // warm the page cache
    a.push(x);
    c.push(y);
    b.push(z);
  }
  const sizes = Object.fromEntries(['dist/index.js', 'dist/cli/index.js'].map((f) => [f, statSync(path.join(ROOT, f)).size]));
  return { action: stats(a), cli: stats(c), node: stats(b), sizes };
}

interface Push {
  pipeline: Stats;
  bare: Stats;
  ratio: Stats;
  stages: Record<string, Stats>;
}

/** The rules that run the image (smoke and test), from the catalogue: the push bench judges the image statically only. */
const RUNTIME_RULES = RULES.filter((r) => r.stage !== 'inspect').map((r) => r.id);

async function push(versionJson: string): Promise<Push> {
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
    const config = tmpdir(`${ID}-dockercfg`);
    const env = { ...process.env, DOCKER_CONFIG: config };
    await docker(['login', '--username', creds.username, '--password-stdin', REGISTRY], { input: creds.password, env });
    await bareBuild(app, ref);
    await docker(['push', ref], { env });
    await docker(['logout', REGISTRY], { env, allowFailure: true });
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
  for (let i = 1; i <= RUNS; i++) {
    const order = i % 2 ? ['pipeline', 'bare'] : ['bare', 'pipeline'];
    for (const side of order) {
      if (side === 'pipeline') p.push(await pipeline(pipelineArgs(repo('pipeline')), { input: creds.password }));
      else b.push(await barePush(repo('bare')));
    }
    log(`push: run ${i}/${RUNS}: pipeline ${(p.at(-1)!.ms / 1000).toFixed(2)} s, bare ${(b.at(-1)! / 1000).toFixed(2)} s`);
  }
  const stageNames = [...new Set(p.flatMap((r) => Object.keys(r.report.timings)))];
  return {
    pipeline: stats(p.map((r) => r.ms)),
    bare: stats(b),
    ratio: stats(p.map((r, i) => r.ms / b[i]!)),
    stages: Object.fromEntries(stageNames.map((s) => [s, stats(p.map((r) => r.report.timings[s] ?? NaN).filter(Number.isFinite))])),
  };
}

interface LoadResult {
  path: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

interface Load {
  results: LoadResult[];
  imageSize: number;
  baseSize: number;
}

/** A closed loop of CONCURRENCY clients on one keep-alive pool for LOAD_S seconds. */
async function loadPath(base: string, p: string): Promise<LoadResult> {
  const pool = new Pool(base, { connections: CONCURRENCY, pipelining: 1 });
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + LOAD_S * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        try {
          const r = await pool.request({ path: p, method: 'GET', headersTimeout: 5000, bodyTimeout: 5000 });
          await r.body.dump();
          if (r.statusCode !== 200) errors++;
          else lat.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  await pool.close();
  lat.sort((a, b) => a - b);
  const q = (f: number): number => lat[Math.min(lat.length - 1, Math.floor(f * lat.length))] ?? NaN;
  return { path: p, requests: lat.length, rps: lat.length / secs, p50: q(0.5), p99: q(0.99), errors };
}

async function load(imageRef: string): Promise<Load> {
  const net = `${ID}-load`;
  await docker(['network', 'create', '--label', LABEL, net]);
  await docker([
    'run',
    '-d',
    '--name',
    `${net}-db`,
    '--label',
    LABEL,
    '--network',
    net,
    '--network-alias',
    'db',
    '-e',
    'POSTGRES_PASSWORD=x',
    'postgres:15',
  ]);
  const run = await docker([
    'run',
    '-d',
    '--name',
    `${net}-app`,
    '--label',
    LABEL,
    '--network',
    net,
    '--publish',
    '127.0.0.1::8000',
    '-e',
    `DATABASE_URL=${SAMPLE_DB_URL}`,
    '-e',
    'LOG_LEVEL=warning',
    imageRef,
  ]);
  const id = run.stdout.trim();
  const hostPort = (await docker(['port', id, '8000'])).stdout.trim().split('\n')[0]!.split(':').pop();
  const base = `http://127.0.0.1:${hostPort}`;
  await pollUntil(`${base}/__heartbeat__`, (s) => s === 200, 200, 60000);
  await loadPath(base, '/__lbheartbeat__'); // brief warm-up is the first second of the first phase below
  const results = [await loadPath(base, '/__lbheartbeat__'), await loadPath(base, '/__heartbeat__')];
  await docker(['rm', '-f', '-v', id, `${net}-db`]);
  await docker(['network', 'rm', net]);
  const size = async (ref: string): Promise<number> => Number((await docker(['image', 'inspect', '-f', '{{.Size}}', ref])).stdout.trim());
  return { results, imageSize: await size(imageRef), baseSize: await size('node:24-slim') };
}

// ---------------------------------------------------------------------------------------------------------------
// The document

async function machine(): Promise<string[]> {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const dv = (await docker(['version', '--format', '{{.Server.Version}}'], { allowFailure: true })).stdout.trim();
  const bx = (await docker(['buildx', 'version'], { allowFailure: true })).stdout.trim().split(' ').slice(0, 2).join(' ');
  return [
    `- CPU: ${cpu}, ${os.cpus().length} cores (\`nproc\`: ${os.availableParallelism()})`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- kernel: ${os.type()} ${os.release()}`,
    `- Docker engine ${dv}, ${bx}`,
    `- Node ${process.version}`,
  ];
}

const s1 = (ms: number): string => (ms / 1000).toFixed(2);
const fmtS = (x: Stats): string => (x.n ? `${s1(x.median)} s (${s1(x.min)}–${s1(x.max)})` : 'n/a');
const fmtMs = (x: Stats): string => (x.n ? `${x.median.toFixed(0)} ms (${x.min.toFixed(0)}–${x.max.toFixed(0)})` : 'n/a');
const fmtR = (x: Stats): string => (x.n ? `${x.median.toFixed(3)} (${x.min.toFixed(3)}–${x.max.toFixed(3)})` : 'n/a');
const mark = (ok: boolean): string => (ok ? 'met' : '**missed**');
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;

interface All {
  sample: Overhead;
  fixture: Overhead;
  fail: FailFast;
  cold: ColdStart;
  push: Push;
  load: Load;
  /** Section 7 (bench/secret-scan.ts). */
  scan?: ScanBench;
}

function stageTable(stages: Record<string, Stats>): string[] {
  return ['| stage | median (min–max) |', '|---|---|', ...Object.entries(stages).map(([k, v]) => `| ${k} | ${fmtMs(v)} |`)];
}

export function render(r: All, mach: string[], command: string, started: Date, secs: number, limits: string[]): string {
  const targets = [
    ['Overhead ratio, sample-app', '≤ 1.15', fmtR(r.sample.ratio), r.sample.ratio.median <= 1.15],
    ['Overhead ratio, minimal fixture', '≤ 1.15', fmtR(r.fixture.ratio), r.fixture.ratio.median <= 1.15],
    [
      'Time to ready (listen → first successful probe), sample-app',
      '≤ 100 ms',
      fmtMs(r.sample.listenToProbe),
      r.sample.listenToProbe.median <= 100,
    ],
    [
      'Time to ready (listen → first successful probe), fixture',
      '≤ 100 ms',
      fmtMs(r.fixture.listenToProbe),
      r.fixture.listenToProbe.median <= 100,
    ],
    ['Fail-fast (container exit → verdict)', '≤ 2 s', fmtMs(r.fail.verdict), r.fail.verdict.median <= 2000],
    ['Cold start of dist/index.js (spawn → first output)', '≤ 250 ms', fmtMs(r.cold.action), r.cold.action.median <= 250],
    ['Push ratio (build + push)', '≤ 1.10', fmtR(r.push.ratio), r.push.ratio.median <= 1.1],
    ['Push ratio (build + push), secret-scan issue target', '≤ 1.5', fmtR(r.push.ratio), r.push.ratio.median <= 1.5],
    ...(r.scan ? scanTargets(r.scan) : []),
  ] as const;
  const L = r.load;
  return [
    '# Benchmarks',
    '',
    'What the pipeline costs against doing the same work with bare Docker, measured by `npm run bench`',
    '([bench/run.ts](../bench/run.ts)). Both sides of every ratio run in the same invocation, interleaved (A B B A …),',
    'after one uncounted warm-up run of each side (warm layer cache). Figures are the median over the runs, with',
    'min–max in parentheses. Nothing here is asserted by a test: these are measurements of one machine.',
    '',
    `Last run: ${started.toISOString()}, ${RUNS} runs per measurement, ${Math.round(secs)} s in all, on`,
    '',
    ...mach,
    '',
    'Reproduce (from a clean clone, after `bash scripts/setup/all.sh` and `npm ci`):',
    '',
    '```sh',
    command,
    '```',
    '',
    '## Targets',
    '',
    '| measure | target | result | |',
    '|---|---|---|---|',
    ...targets.map(([m, t, v, ok]) => `| ${m} | ${t} | ${v} | ${mark(ok)} |`),
    '',
    ...(limits.length ? ['### What limits the missed targets', '', ...limits, ''] : []),
    '## 1. Overhead against bare Docker',
    '',
    '**Pipeline side**: `node dist/cli/index.js run -q` (no push): git metadata and version.json, `docker buildx build',
    '--load` with the OCI labels, the static rules (image inspect, `docker create` + `docker cp` of three files, the',
    'DF106 layer scan when secret values are configured) alongside the smoke stage (network, sidecar, app with',
    '`$PORT`, `docker wait` and `docker logs -f` watchers, /__lbheartbeat__ poll every 50 ms, /__heartbeat__,',
    '/__version__, DF205: stop the sidecar and poll until /__heartbeat__ is 5xx, DF207 `docker stop -t 10`, `docker rm`),',
    'the test command, cleanup by label and the out-dir files.',
    '',
    '**Bare side**, in the same process that times it: write the same version.json into the context, `docker buildx',
    'build --load` with the same labels, [`docker network create` + `docker run -d` of the sidecar], `docker run -d`',
    'with the same env and a `$PORT`, `docker port`, a poll of /__lbheartbeat__ every 50 ms until 200, /__heartbeat__',
    '(retried every 250 ms until 200) with /__version__, [`docker stop` of the sidecar and a poll every 100 ms until',
    '/__heartbeat__ is 5xx], `docker stop -t 10`, `docker rm -f`, [`docker start` of the sidecar, `docker run --rm',
    'IMAGE test`, `docker rm -f` of the sidecar, `docker network rm`]. Bracketed steps are sample-app only; the',
    'fixture has no sidecar and no test command, and its bare side uses no network (the pipeline creates one anyway:',
    'that is counted as overhead).',
    '',
    ...[r.sample, r.fixture].flatMap((o) => [
      `### ${o.name}`,
      '',
      '| | median (min–max) |',
      '|---|---|',
      `| pipeline | ${fmtS(o.pipeline)} |`,
      `| bare | ${fmtS(o.bare)} |`,
      `| ratio pipeline / bare (per pair) | ${fmtR(o.ratio)} |`,
      '',
      'Per-stage timings of the pipeline runs (`timings` in dockerflow-report.json; inspect runs alongside smoke,',
      '`ready` is from `docker run` returning to the first 200 from /__lbheartbeat__):',
      '',
      ...stageTable(o.stages),
      '',
    ]),
    '## 2. Time to ready',
    '',
    "Measured on the app's side, from its own log as the pipeline captured it in build.log: the `Timestamp` of its",
    '`server.listening` line (logged in the `listen()` callback, the first moment a connection can be accepted) to',
    "the `Timestamp` of the `request.summary` of the first /__lbheartbeat__ answered 200 — the pipeline's first",
    'successful probe. Both stamps come from the same clock, inside the container. The pipeline polls every 50 ms,',
    'so the expected figure is up to one interval plus the request.',
    '',
    `| app | listen → first successful probe | \`timings.ready\` (docker run → first 200) |`,
    '|---|---|---|',
    `| sample-app | ${fmtMs(r.sample.listenToProbe)} | ${fmtMs(r.sample.ready)} |`,
    `| minimal fixture | ${fmtMs(r.fixture.listenToProbe)} | ${fmtMs(r.fixture.ready)} |`,
    '',
    '## 3. Fail-fast',
    '',
    'Fixture `__tests__/fixtures/apps/smoke-crash` exits with code 3 1.5 s after it starts, before it listens. From',
    "the engine's `die` event for the app container (`docker events`, daemon clock = this machine's clock) to the",
    'moment the CLI prints its verdict line (after the DF208 row, cleanup and the report).',
    '',
    '| | median (min–max) |',
    '|---|---|',
    `| exit → verdict printed | ${fmtMs(r.fail.verdict)} |`,
    `| exit → seen by the pipeline (DF208 message) | ${fmtMs(r.fail.seen)} |`,
    `| whole CLI run | ${fmtS(r.fail.total)} |`,
    '',
    '## 4. Cold start',
    '',
    'From spawning `node` to the first byte it writes, in an empty directory with no `GITHUB_*`/`INPUT_*` variables',
    '(the action starts, reads its inputs and reports the missing Dockerfile).',
    '',
    '| | median (min–max) | size |',
    '|---|---|---|',
    `| \`node dist/index.js\` (the action) | ${fmtMs(r.cold.action)} | ${mib(r.cold.sizes['dist/index.js']!)} |`,
    `| \`node dist/cli/index.js --help\` | ${fmtMs(r.cold.cli)} | ${mib(r.cold.sizes['dist/cli/index.js']!)} |`,
    `| \`node -e 'console.log(1)'\` (Node itself) | ${fmtMs(r.cold.node)} | |`,
    '',
    '## 5. Push',
    '',
    '**Pipeline side**: `node dist/cli/index.js run -q --push true --registry 127.0.0.1:5000 --username … --password-stdin',
    `--checks-ignore ${RUNTIME_RULES.join(',')}\` on sample-app: git metadata, \`docker login\` into a private`,
    'DOCKER_CONFIG, the build, the static rules DF101–DF107 (including the DF106 scan: the registry password is a',
    'secret value), `docker tag` + `docker push`, and the verification that reads the manifest and config back from the',
    'registry and compares them with the built image. The run-time rules are skipped here: section 1 measures them.',
    '',
    '**Bare side**: `docker login --password-stdin` into a private DOCKER_CONFIG, `docker buildx build --load` (as in',
    'section 1), `docker push`, `docker logout`.',
    '',
    'Each run pushes to a new repository; one uncounted push of each side first puts the layers in the registry, so',
    'the measured pushes upload the new config and manifest and mount the existing layers.',
    '',
    '| | median (min–max) |',
    '|---|---|',
    `| pipeline | ${fmtS(r.push.pipeline)} |`,
    `| bare | ${fmtS(r.push.bare)} |`,
    `| ratio pipeline / bare (per pair) | ${fmtR(r.push.ratio)} |`,
    '',
    ...stageTable(r.push.stages),
    '',
    '## 6. sample-app under load',
    '',
    `sample-app (the image built above) with its postgres:15 sidecar, \`LOG_LEVEL=warning\`, published on 127.0.0.1; a`,
    `closed loop of ${CONCURRENCY} concurrent keep-alive clients (undici) for ${LOAD_S} s per path, after a ${LOAD_S} s`,
    'warm-up on /__lbheartbeat__. /__heartbeat__ runs its database check on every request.',
    '',
    '| path | requests | req/s | p50 | p99 | errors |',
    '|---|---|---|---|---|---|',
    ...L.results.map(
      (x) => `| ${x.path} | ${x.requests} | ${x.rps.toFixed(0)} | ${x.p50.toFixed(2)} ms | ${x.p99.toFixed(2)} ms | ${x.errors} |`,
    ),
    '',
    `Image size: ${mib(L.imageSize)}, of which the node:24-slim base is ${mib(L.baseSize)} (+${mib(L.imageSize - L.baseSize)}).`,
    '',
    ...(r.scan ? renderSecretScan(r.scan, RUNS) : []),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  for (const f of [CLI, ACTION]) if (!existsSync(f)) throw new Error(`${f} is missing: run npm run bundle`);
  for (const img of ['node:24-slim', 'postgres:15']) {
    if ((await docker(['image', 'inspect', img], { allowFailure: true })).code !== 0)
      throw new Error(`${img} is not local: run scripts/setup/all.sh`);
  }
  creds = registryCreds();
  log(`bench ${ID}: ${RUNS} runs per measurement`);

  const only = flags.only ? new Set(flags.only.split(',')) : null;
  const want = (k: string): boolean => !only || only.has(k);
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
    service: { name: 'db', image: 'postgres:15', env: ['POSTGRES_PASSWORD=x'] },
    env: [`DATABASE_URL=${SAMPLE_DB_URL}`],
    testCommand: ['test'],
  };
  // The fixture is built from a copy, so the bare side's version.json never touches the repository.
  const fixtureDir = tmpdir(`${ID}-compliant`);
  for (const f of ['Dockerfile', 'server.js']) copyFileSync(path.join(COMPLIANT, f), path.join(fixtureDir, f));
  const fixture: App = { context: fixtureDir, image: `${ID}/compliant`, versionJson: '', env: [] };
  const fixtureArgs = ['--context', fixtureDir, '--image', `${ID}/compliant`];

  const cold = want('cold') ? await coldStart() : null;
  if (cold) log(`cold start: action ${fmtMs(cold.action)}`);
  const fx = want('fixture') ? await overhead('minimal fixture (compliant)', fixture, fixtureArgs) : null;
  const sample = want('sample') ? await overhead('sample-app (postgres:15 sidecar, test command)', sampleApp, sampleArgs) : null;
  const fail = want('fail') ? await failFast() : null;
  if (!sampleApp.versionJson && (want('push') || want('load'))) {
    const warm = await pipeline(sampleArgs);
    sampleApp.versionJson = readFileSync(path.join(warm.out, 'version.json'), 'utf8');
  }
  const pushed = want('push') ? await push(sampleApp.versionJson) : null;
  const scan = want('scan') ? await benchSecretScan(RUNS) : undefined;
  let loaded: Load | null = null;
  if (want('load')) {
    log('load: sample-app under load');
    await bareBuild(sampleApp, `${ID}/sample-app:bare`);
    loaded = await load(`${ID}/sample-app:bare`);
  }
  if (!sample || !fx || !fail || !cold || !pushed || !loaded) {
    process.stdout.write(`${JSON.stringify({ cold, fixture: fx, sample, fail, push: pushed, load: loaded, scan }, null, 2)}\n`);
    return;
  }

  const all: All = { sample, fixture: fx, fail, cold, push: pushed, load: loaded, ...(scan ? { scan } : {}) };
  const secs = (performance.now() - t0) / 1000;
  const command = `npm run bench${flags.runs ? ` -- --runs ${RUNS}` : flags.quick ? ' -- --quick' : ''}`;
  const limitsFile = path.join(ROOT, 'bench/limits.md');
  const limits = existsSync(limitsFile) ? [readFileSync(limitsFile, 'utf8').trim()] : [];
  const doc = render(all, await machine(), command, started, secs, limits);
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
