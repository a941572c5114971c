/**
 * Read the local test registry back through its v2 API (basic auth), independently of the code under test, and
 * put a misbehaving proxy in front of it.
 */
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { testRegistry } from './docker.js';

const reg = testRegistry();
const AUTH = `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}`;

async function get(path: string, accept?: string): Promise<Response> {
  return fetch(`http://${reg.addr}${path}`, { headers: { authorization: AUTH, ...(accept ? { accept } : {}) } });
}

/** Repositories in the registry's catalogue under `prefix/` (follows the catalogue's pages). */
export async function catalog(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let next: string | null = '/v2/_catalog?n=1000';
  while (next) {
    const res = await get(next);
    if (res.status !== 200) throw new Error(`catalog: ${res.status}`);
    const { repositories } = (await res.json()) as { repositories: string[] | null };
    found.push(...(repositories ?? []).filter((r) => r.startsWith(`${prefix}/`)));
    // Link: </v2/_catalog?last=x&n=1000>; rel="next"
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
  }
  return found.sort();
}

/** Tags of a repository ([] when it does not exist). */
export async function tagsOf(repo: string): Promise<string[]> {
  const res = await get(`/v2/${repo}/tags/list`);
  if (res.status === 404) return [];
  if (res.status !== 200) throw new Error(`tags of ${repo}: ${res.status}`);
  const { tags } = (await res.json()) as { tags: string[] | null };
  return (tags ?? []).sort();
}

/**
 * What a tag points at: `digest` (the manifest, or the index a containerd-store push makes, with BuildKit's
 * attestation beside the image), the linux/amd64 image manifest in it, and that manifest's config digest.
 */
export async function manifestOf(repo: string, tag: string): Promise<{ digest: string; manifest: string; config: string }> {
  const accept = [
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.index.v1+json',
  ].join(', ');
  const fetchOne = async (ref: string): Promise<{ digest: string; body: ManifestBody }> => {
    const res = await get(`/v2/${repo}/manifests/${ref}`, accept);
    if (res.status !== 200) throw new Error(`manifest ${repo}:${ref}: ${res.status}`);
    return { digest: res.headers.get('docker-content-digest') ?? '', body: (await res.json()) as ManifestBody };
  };
  const top = await fetchOne(tag);
  if (!top.body.manifests) return { digest: top.digest, manifest: top.digest, config: top.body.config!.digest };
  const entry = top.body.manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64');
  if (!entry) throw new Error(`manifest ${repo}:${tag}: an index without linux/amd64`);
  const child = await fetchOne(entry.digest);
  return { digest: top.digest, manifest: child.digest, config: child.body.config!.digest };
}

interface ManifestBody {
  config?: { digest: string };
  manifests?: { digest: string; platform?: { os: string; architecture: string } }[];
}

/** A unique repository namespace for one test run. */
export function uniquePrefix(label: string): string {
  return `df-${label}-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}

/** A TCP port nothing listens on. */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export type Fault = '503' | 'drop';

export interface FlakyProxy {
  host: string;
  /** Every request seen, `METHOD path -> outcome`. */
  log: string[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 (docker trusts plain HTTP there) in front of the test registry. `first` faults
 * hit the first requests of any kind; `manifestPuts` hit the first manifest uploads, which end a `docker push`
 * (a layer upload failure is retried by the daemon itself, a failed manifest upload fails the command).
 */
export async function flakyProxy(faults: { first?: Fault[]; manifestPuts?: Fault[] }): Promise<FlakyProxy> {
  const first = [...(faults.first ?? [])];
  const puts = [...(faults.manifestPuts ?? [])];
  const log: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const what = `${req.method} ${req.url?.split('?')[0]}`;
    const fault = first.shift() ?? (req.method === 'PUT' && /\/manifests\//.test(req.url ?? '') ? puts.shift() : undefined);
    if (fault === 'drop') {
      log.push(`${what} -> dropped`);
      req.socket.destroy();
      return;
    }
    if (fault === '503') {
      log.push(`${what} -> 503`);
      res.writeHead(503, { 'content-type': 'text/plain' }).end('service unavailable');
      return;
    }
    log.push(`${what} -> forwarded`);
    const [host, port] = reg.addr.split(':');
    const up = http.request(
      { host, port: Number(port), method: req.method, path: req.url, headers: { ...req.headers, host: req.headers.host } },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
