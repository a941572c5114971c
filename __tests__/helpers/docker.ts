/** Real-engine helpers for the integration tests. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** True when a Docker engine answers (integration tests need one; .ci/run starts it). */
export function engineUp(): boolean {
  try {
    docker('info', '--format', '{{.ServerVersion}}');
    return true;
  } catch {
    return false;
  }
}

/** Containers and networks still carrying a dockerflow run label. */
export function leftovers(): { containers: string[]; networks: string[] } {
  const list = (argv: string[]): string[] =>
    docker(...argv)
      .split('\n')
      .filter(Boolean);
  return {
    containers: list(['ps', '-a', '--filter', 'label=dockerflow.run', '--format', '{{.Names}}']),
    networks: list(['network', 'ls', '--filter', 'label=dockerflow.run', '--format', '{{.Name}}']),
  };
}

const CACHE = process.env.DOCKERFLOW_CACHE ?? '/var/cache/dockerflow';

/** The local test registry (scripts/setup/registry.sh): address and htpasswd credentials. */
export function testRegistry(): { addr: string; username: string; password: string } {
  return {
    addr: process.env.DOCKERFLOW_REGISTRY_ADDR ?? '127.0.0.1:5000',
    username: readFileSync(`${CACHE}/registry/username`, 'utf8').trim(),
    password: readFileSync(`${CACHE}/registry/password`, 'utf8').trim(),
  };
}

/**
 * The README's "is the image I pulled the one that was tested" recipe, as a user runs it, on either image store:
 * the config digest of a local image, from the manifest.json `docker save` writes (an OCI layout on Docker ≥ 25).
 */
export const RECIPE = `docker save "$1" | tar -xOf - manifest.json | grep -o '"Config":"blobs/sha256/[0-9a-f]*' | sed 's|.*/|sha256:|'`;
export function configDigestOf(ref: string): string {
  return execFileSync('sh', ['-c', RECIPE, 'recipe', ref], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * The config digest of a local image without `docker save` (seconds per image here; the recipe above is tested
 * as such where a user would run it): the classic store's image ID; on the containerd store the manifest (through
 * an index, the host platform's) read from the engine's content store. A second way to the digest the tool
 * reads from BuildKit's export lines.
 */
export function configDigest(ref: string, platform = `linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}`): string {
  const id = docker('image', 'inspect', '-f', '{{.Id}}', ref);
  if (imageStore() === 'classic') return id;
  const store = path.join(docker('info', '-f', '{{.DockerRootDir}}'), 'containerd/daemon/io.containerd.content.v1.content/blobs/sha256');
  const blob = (digest: string): string => path.join(store, digest.replace(/^sha256:/, ''));
  if (!existsSync(blob(id))) return configDigestOf(ref);
  type Doc = { manifests?: { digest: string; platform?: { os?: string; architecture?: string } }[]; config?: { digest: string } };
  let doc = JSON.parse(readFileSync(blob(id), 'utf8')) as Doc;
  if (doc.manifests) {
    const [os, arch] = platform.split('/');
    const entry = doc.manifests.find((m) => m.platform?.os === os && m.platform?.architecture === arch);
    if (!entry) throw new Error(`${ref}: the index ${id} has no ${platform} manifest`);
    doc = JSON.parse(readFileSync(blob(entry.digest), 'utf8')) as Doc;
  }
  if (!doc.config) throw new Error(`${ref}: the manifest ${id} names no config`);
  return doc.config.digest;
}

const stores = new Map<string, 'containerd' | 'classic'>();
/** The image store of the engine the tests run on (DOCKER_HOST): "containerd" or "classic". */
export function imageStore(): 'containerd' | 'classic' {
  const host = process.env.DOCKER_HOST ?? '';
  let store = stores.get(host);
  if (!store) {
    store = /io\.containerd\.snapshotter/.test(docker('info', '--format', '{{json .DriverStatus}}')) ? 'containerd' : 'classic';
    stores.set(host, store);
  }
  return store;
}

/** The engine's unix socket on this host: DOCKER_HOST's (a second engine, ENGINES.md), else the default one. */
export function engineSocket(): string {
  const host = process.env.DOCKER_HOST ?? '';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
}
