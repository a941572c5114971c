/**
 * The bare side: the pipeline's work done with plain docker commands and a poll loop. Every docker argv comes
 * from the builders in src/docker/ the pipeline itself runs (buildArgv, serviceRunArgv, appRunArgv, testRunArgv,
 * dockerArgv), so the two sides cannot drift apart; only what the bare side leaves out differs.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { parseConfig } from '../src/config/config.js';
import type { KeyValue } from '../src/config/parse-lines.js';
import type { VersionObject } from '../src/git/version.js';
import { buildArgv, ociLabels } from '../src/docker/build-argv.js';
import { dockerArgv } from '../src/docker/commands.js';
import {
  appRunArgv,
  envArgs,
  networkCreateArgv,
  serviceContainerName,
  serviceRunArgv,
  testRunArgv,
  type EnvArgs,
} from '../src/docker/run-argv.js';
import { baseUrls } from '../src/smoke/start.js';
import { localEnv, log, ROOT, sh } from './common.js';
import { created, ID, tmpdir } from './resources.js';

export interface App {
  context: string;
  image: string;
  versionJson: string;
  service?: { name: string; image: string; env: KeyValue[] };
  env: KeyValue[];
  testCommand?: string[];
}

export const kv = (entry: string): KeyValue => {
  const i = entry.indexOf('=');
  return { key: entry.slice(0, i), value: entry.slice(i + 1) };
};

/** `--env NAME=value` for each entry: the bench has no secret values, so no env file is ever written. */
export const publicEnv = (entries: readonly KeyValue[]): EnvArgs =>
  envArgs(
    entries,
    () => false,
    () => {
      throw new Error('the bench passes no secret values');
    },
  );

/** A bare run's own run ID: its containers and networks carry its run label, and `cleanup` removes by it. */
export function bareRunId(name: string): string {
  const id = `${ID}-${name}`;
  created.runs.add(id);
  return id;
}

async function get(url: string): Promise<{ status: number; body: string } | null> {
  try {
    const r = await request(url, { headersTimeout: 5000, bodyTimeout: 5000 });
    return { status: r.statusCode, body: await r.body.text() };
  } catch {
    return null;
  }
}

export async function pollUntil(url: string, ok: (status: number) => boolean, intervalMs: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const r = await get(url);
    if (r && ok(r.status)) return r.status;
    if (performance.now() > deadline)
      throw new Error(`${url} did not answer as expected within ${timeoutMs} ms (last: ${r?.status ?? 'no answer'})`);
    await sleep(intervalMs);
  }
}

/** The published host port of `port`, from `docker inspect` as the pipeline reads it. */
export async function publishedBase(id: string, network: string, port: number): Promise<string> {
  const info = (JSON.parse((await sh(dockerArgv.inspect([id]))).stdout) as unknown[])[0];
  const base = baseUrls(info, network, port)[0];
  if (!base) throw new Error(`container ${id} publishes no host port for ${port}`);
  return base;
}

/** `docker buildx build` of the context with the pipeline's version.json in it, as the pipeline builds. */
export async function bareBuild(app: App, tag: string): Promise<string> {
  const vf = path.join(app.context, 'version.json');
  const had = existsSync(vf) ? readFileSync(vf) : null;
  const iidFile = path.join(tmpdir(`${ID}-iid`), 'iid');
  const config = parseConfig({
    raw: new Map([
      ['context', app.context],
      ['image', app.image],
    ]),
    env: localEnv(),
    cwd: ROOT,
    defaultOutDir: tmpdir(`${ID}-bare-out`),
  });
  const version = JSON.parse(app.versionJson) as VersionObject;
  writeFileSync(vf, app.versionJson);
  try {
    await sh(buildArgv({ config, builder: 'buildx', refs: [tag], labels: ociLabels(version), iidFile }));
  } finally {
    if (had) writeFileSync(vf, had);
    else rmSync(vf, { force: true });
  }
  created.tags.add(tag);
  const id = readFileSync(iidFile, 'utf8').trim();
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
  const runId = bareRunId(`bare-${n}`);
  // Without a sidecar the app runs on docker's default network, as `docker run` without --network would.
  const network = app.service ? runId : 'bridge';
  const db = app.service ? serviceContainerName(runId, app.service.name) : null;
  if (app.service) {
    await sh(networkCreateArgv(runId));
    await sh(serviceRunArgv({ runId, network, name: app.service.name, image: app.service.image, env: publicEnv(app.service.env) }));
  }
  const port = 20000 + Math.floor(Math.random() * 10000);
  const run = await sh(appRunArgv({ runId, network, image: imageId, port, defaultPort: port, env: publicEnv(app.env) }));
  const id = run.stdout.trim();
  const base = await publishedBase(id, network, port);
  await pollUntil(`${base}/__lbheartbeat__`, (s) => s === 200, 50, 30000);
  await Promise.all([pollUntil(`${base}/__heartbeat__`, (s) => s === 200, 250, 15000), get(`${base}/__version__`)]);
  if (db) {
    await sh(dockerArgv.stop([db], 10));
    await pollUntil(`${base}/__heartbeat__`, (s) => s >= 500, 100, 10000);
  }
  await sh(dockerArgv.stop([id], 10));
  await sh(dockerArgv.remove([id]));
  const test = (): Promise<unknown> =>
    sh(testRunArgv({ runId, network, image: imageId, env: publicEnv(app.env), command: app.testCommand ?? [] }));
  if (db) {
    if (app.testCommand) {
      await sh(dockerArgv.start([db]));
      await test();
    }
    await sh(dockerArgv.remove([db], { volumes: true }));
    await sh(dockerArgv.networkRemove([network]));
  } else if (app.testCommand) {
    await test();
  }
  return performance.now() - t0;
}

let bareRuns = 0;

/** A bare run that fails (the app did not answer as expected) is reported and run once more. */
export async function bareWithRetry(app: App): Promise<number> {
  try {
    return await bare(app, ++bareRuns);
  } catch (e) {
    log(`bare run failed, running it again: ${(e as Error).message}`);
    return bare(app, ++bareRuns);
  }
}
