/** Section 6: sample-app with its sidecar under a closed loop of keep-alive clients. */
import { Pool } from 'undici';
import { dockerArgv } from '../src/docker/commands.js';
import { appRunArgv, networkCreateArgv, serviceContainerName, serviceRunArgv } from '../src/docker/run-argv.js';
import { bareRunId, kv, pollUntil, publicEnv, publishedBase } from './bare.js';
import { SAMPLE_DB_URL, sh, type Settings } from './common.js';

export interface LoadResult {
  path: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface Load {
  results: LoadResult[];
  imageSize: number;
  baseSize: number;
}

/** A closed loop of `concurrency` clients on one keep-alive pool for `loadS` seconds. */
async function loadPath(s: Settings, base: string, p: string): Promise<LoadResult> {
  const pool = new Pool(base, { connections: s.concurrency, pipelining: 1 });
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + s.loadS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: s.concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const r = await pool.request({ path: p, method: 'GET', headersTimeout: 5000, bodyTimeout: 5000 });
          await r.body.dump();
          if (r.statusCode !== 200) errors++;
          else lat.push(performance.now() - t);
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

/** The app on port 8000 (`$PORT`, its default) with postgres:15 beside it, as the smoke stage starts them. */
export async function load(s: Settings, imageRef: string): Promise<Load> {
  const runId = bareRunId('load');
  const network = runId;
  const db = serviceContainerName(runId, 'db');
  await sh(networkCreateArgv(runId));
  await sh(serviceRunArgv({ runId, network, name: 'db', image: 'postgres:15', env: publicEnv([kv('POSTGRES_PASSWORD=x')]) }));
  const env = publicEnv([kv(`DATABASE_URL=${SAMPLE_DB_URL}`), kv('LOG_LEVEL=warning')]);
  const run = await sh(appRunArgv({ runId, network, image: imageRef, port: 8000, defaultPort: 8000, env }));
  const id = run.stdout.trim();
  const base = await publishedBase(id, network, 8000);
  await pollUntil(`${base}/__heartbeat__`, (st) => st === 200, 200, 60000);
  await loadPath(s, base, '/__lbheartbeat__'); // brief warm-up is the first second of the first phase below
  const results = [await loadPath(s, base, '/__lbheartbeat__'), await loadPath(s, base, '/__heartbeat__')];
  await sh(dockerArgv.remove([id, db], { volumes: true }));
  await sh(dockerArgv.networkRemove([network]));
  const size = async (ref: string): Promise<number> => Number((await sh(dockerArgv.imageInspect([ref], '{{.Size}}'))).stdout.trim());
  return { results, imageSize: await size(imageRef), baseSize: await size('node:24-slim') };
}
