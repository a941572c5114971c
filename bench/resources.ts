/**
 * Everything the bench creates is registered here first, and removed by `cleanup` at the end: the bare side's
 * containers and networks (by the run label of each bare run, as the pipeline removes its own), image tags and
 * IDs, registry repositories, temp dirs. Also the registry credentials.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { dockerArgv } from '../src/docker/commands.js';
import { RUN_LABEL } from '../src/docker/run-label.js';
import { log, REG_DIR, REGISTRY, sh, SMOKE_BASE_TAG } from './common.js';

/** This bench's prefix: of every name, tag, repository and bare run ID it creates. */
export const ID = `dfbench-${randomBytes(3).toString('hex')}`;

export const created = {
  /** Run IDs of the bare side's runs: their containers and networks carry `dockerflow.run=<id>`. */
  runs: new Set<string>(),
  images: new Set<string>(),
  tags: new Set<string>(),
  repos: new Set<string>(),
  dirs: new Set<string>(),
  smokeBase: false,
};

export function tmpdir(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  created.dirs.add(d);
  return d;
}

const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

export async function cleanup(): Promise<void> {
  // The pipeline removes its own containers and networks (its run label); the bare side's are removed here.
  for (const run of created.runs) {
    const label = `${RUN_LABEL}=${run}`;
    const containers = lines((await sh(dockerArgv.listContainers(label), { allowFailure: true })).stdout);
    if (containers.length) await sh(dockerArgv.remove(containers, { volumes: true }), { allowFailure: true });
    const networks = lines((await sh(dockerArgv.listNetworks(label), { allowFailure: true })).stdout);
    if (networks.length) await sh(dockerArgv.networkRemove(networks), { allowFailure: true });
  }
  if (creds) for (const repo of created.repos) await deleteRepo(repo);
  for (const tag of created.tags) await sh(dockerArgv.imageRemove(tag), { allowFailure: true });
  // Image IDs the runs produced (untagged once a later run moved the tag); one still used elsewhere is kept.
  for (const id of created.images) await sh(dockerArgv.imageRemove(id), { allowFailure: true });
  if (created.smokeBase) await sh(dockerArgv.imageRemove(SMOKE_BASE_TAG), { allowFailure: true });
  for (const d of created.dirs) rmSync(d, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Registry

export interface Creds {
  username: string;
  password: string;
}

let creds: Creds | undefined;

/** The htpasswd registry's credentials (scripts/setup/registry.sh wrote them), read once. */
export function registryCreds(): Creds {
  const read = (f: string): string => readFileSync(path.join(REG_DIR, f), 'utf8').trim();
  creds ??= {
    username: process.env.DOCKERFLOW_REGISTRY_USERNAME ?? read('username'),
    password: process.env.DOCKERFLOW_REGISTRY_PASSWORD ?? read('password'),
  };
  return creds;
}

const basic = (c: Creds): string => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

/** Delete every tag of a repository through the API, then its directory when the storage is on this machine. */
async function deleteRepo(repo: string): Promise<void> {
  const authorization = basic(registryCreds());
  try {
    const tagsRes = await request(`http://${REGISTRY}/v2/${repo}/tags/list`, { headers: { authorization } });
    const body = (await tagsRes.body.json()) as { tags?: string[] | null };
    for (const tag of body.tags ?? []) {
      const head = await request(`http://${REGISTRY}/v2/${repo}/manifests/${tag}`, {
        method: 'HEAD',
        headers: {
          authorization,
          accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
        },
      });
      await head.body.dump();
      const digest = head.headers['docker-content-digest'];
      if (typeof digest === 'string') {
        const del = await request(`http://${REGISTRY}/v2/${repo}/manifests/${digest}`, { method: 'DELETE', headers: { authorization } });
        await del.body.dump();
      }
    }
  } catch (e) {
    log(`could not delete ${repo} through the registry API: ${(e as Error).message}`);
  }
  const dir = path.join(REG_DIR, 'data/docker/registry/v2/repositories', repo.split('/')[0]!);
  if (repo.startsWith(`${ID}/`) && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
