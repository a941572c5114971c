/**
 * Read the local test registry back through its v2 API (basic auth), independently of the code under test, and
 * put a misbehaving proxy in front of it.
 */
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { testRegistry } from './docker.js';

/** A test registry as the helpers read it: its address and a user allowed to push and to list the catalogue. */
export interface TestRegistry {
  kind: 'htpasswd' | 'token';
  addr: string;
  username: string;
  password: string;
}

const CACHE = process.env.DOCKERFLOW_CACHE ?? '/var/cache/dockerflow';

/** The htpasswd registry (scripts/setup/registry.sh). */
export const htpasswdRegistry = (): TestRegistry => ({ kind: 'htpasswd', ...testRegistry() });

/** A user of the token issuer (scripts/setup/token-registry.sh): dockerflow (push), reader (pull), shortlived (3 s tokens). */
export function tokenUser(name: 'dockerflow' | 'reader' | 'shortlived'): { username: string; password: string } {
  const users = JSON.parse(readFileSync(`${CACHE}/token-registry/users.json`, 'utf8')) as Record<string, { password: string }>;
  return { username: name, password: users[name]!.password };
}

/** The token-auth registry (scripts/setup/token-registry.sh), with its pushing user. */
export const tokenRegistry = (): TestRegistry => ({
  kind: 'token',
  addr: process.env.DOCKERFLOW_TOKEN_REGISTRY_ADDR ?? '127.0.0.1:5010',
  ...tokenUser('dockerflow'),
});

const reg = htpasswdRegistry();

/**
 * GET (or PUT) on a test registry's v2 API, independently of the code under test: Basic for htpasswd, and for
 * the token registry the bearer dance (401 → token for `scope` from the realm with Basic credentials → again).
 */
export async function registryFetch(
  r: TestRegistry,
  path: string,
  opts: { accept?: string; scope?: string; method?: string; body?: string; contentType?: string } = {},
): Promise<Response> {
  const basic = `Basic ${Buffer.from(`${r.username}:${r.password}`).toString('base64')}`;
  const send = (authorization: string): Promise<Response> =>
    fetch(`http://${r.addr}${path}`, {
      method: opts.method ?? 'GET',
      body: opts.body,
      headers: {
        authorization,
        ...(opts.accept ? { accept: opts.accept } : {}),
        ...(opts.contentType ? { 'content-type': opts.contentType } : {}),
      },
    });
  if (r.kind === 'htpasswd') return send(basic);
  const first = await send('');
  if (first.status !== 401) return first;
  const challenge = first.headers.get('www-authenticate') ?? '';
  const realm = /realm="([^"]+)"/.exec(challenge)?.[1];
  const service = /service="([^"]+)"/.exec(challenge)?.[1];
  if (!realm) throw new Error(`${r.addr} sent no bearer realm: ${challenge}`);
  const url = new URL(realm);
  if (service) url.searchParams.set('service', service);
  if (opts.scope) url.searchParams.set('scope', opts.scope);
  const tokenRes = await fetch(url, { headers: { authorization: basic } });
  if (tokenRes.status !== 200) throw new Error(`token for ${opts.scope}: ${tokenRes.status}`);
  const { token } = (await tokenRes.json()) as { token: string };
  return send(`Bearer ${token}`);
}

const repoScope = (repo: string, actions = 'pull'): string => `repository:${repo}:${actions}`;

/** Repositories in the registry's catalogue under `prefix/` (follows the catalogue's pages). */
export async function catalog(prefix: string, r: TestRegistry = reg): Promise<string[]> {
  const found: string[] = [];
  let next: string | null = '/v2/_catalog?n=1000';
  while (next) {
    const res = await registryFetch(r, next, { scope: 'registry:catalog:*' });
    if (res.status !== 200) throw new Error(`catalog: ${res.status}`);
    const { repositories } = (await res.json()) as { repositories: string[] | null };
    found.push(...(repositories ?? []).filter((x) => x.startsWith(`${prefix}/`)));
    // Link: </v2/_catalog?last=x&n=1000>; rel="next"
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
  }
  return found.sort();
}

/** Tags of a repository ([] when it does not exist). */
export async function tagsOf(repo: string, r: TestRegistry = reg): Promise<string[]> {
  const res = await registryFetch(r, `/v2/${repo}/tags/list`, { scope: repoScope(repo) });
  if (res.status === 404) return [];
  if (res.status !== 200) throw new Error(`tags of ${repo}: ${res.status}`);
  const { tags } = (await res.json()) as { tags: string[] | null };
  return (tags ?? []).sort();
}

/** Every manifest form a registry may serve: image manifests and indexes, Docker's and OCI's. */
export const MANIFEST_ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** A manifest or index by tag or digest, as the registry serves it: its status, digest header and JSON (`{}` unless 200). */
export async function manifestJson(
  r: TestRegistry,
  repo: string,
  ref: string,
): Promise<{ status: number; digest: string; body: Record<string, unknown> }> {
  const res = await registryFetch(r, `/v2/${repo}/manifests/${ref}`, { accept: MANIFEST_ACCEPT, scope: repoScope(repo) });
  const body = res.status === 200 ? ((await res.json()) as Record<string, unknown>) : {};
  return { status: res.status, digest: res.headers.get('docker-content-digest') ?? '', body };
}

/**
 * What a tag points at: `digest` (the manifest, or the index a containerd-store push makes, with BuildKit's
 * attestation beside the image), the linux/amd64 image manifest in it with its size and media type, and that
 * manifest's config digest.
 */
export async function manifestOf(
  repo: string,
  tag: string,
  r: TestRegistry = reg,
): Promise<{ digest: string; manifest: string; config: string; size: number; mediaType: string }> {
  const fetchOne = async (ref: string): Promise<{ digest: string; body: ManifestBody; size: number }> => {
    const res = await registryFetch(r, `/v2/${repo}/manifests/${ref}`, { accept: MANIFEST_ACCEPT, scope: repoScope(repo) });
    if (res.status !== 200) throw new Error(`manifest ${repo}:${ref}: ${res.status}`);
    const text = await res.text();
    return {
      digest: res.headers.get('docker-content-digest') ?? '',
      body: JSON.parse(text) as ManifestBody,
      size: Buffer.byteLength(text),
    };
  };
  const top = await fetchOne(tag);
  const image = async (): Promise<{ digest: string; body: ManifestBody; size: number }> => {
    if (!top.body.manifests) return top;
    const entry = top.body.manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64');
    if (!entry) throw new Error(`manifest ${repo}:${tag}: an index without linux/amd64`);
    return fetchOne(entry.digest);
  };
  const child = await image();
  return {
    digest: top.digest,
    manifest: child.digest,
    config: child.body.config!.digest,
    size: child.size,
    mediaType: child.body.mediaType,
  };
}

/** Put an OCI index at `repo:tag` naming one image manifest for `platform` (what a multi-platform push leaves). */
export async function putIndex(
  r: TestRegistry,
  repo: string,
  tag: string,
  manifest: { manifest: string; size: number; mediaType: string },
  platform: { os: string; architecture: string },
): Promise<void> {
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: manifest.mediaType, digest: manifest.manifest, size: manifest.size, platform }],
  });
  const res = await registryFetch(r, `/v2/${repo}/manifests/${tag}`, {
    method: 'PUT',
    body,
    contentType: 'application/vnd.oci.image.index.v1+json',
    scope: repoScope(repo, 'pull,push'),
  });
  if (res.status !== 201) throw new Error(`put index ${repo}:${tag}: ${res.status} ${await res.text()}`);
}

interface ManifestBody {
  mediaType: string;
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
  const upstream = new Set<http.ClientRequest>();
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
    // One connection per request (no pooled keep-alive socket outlives the proxy), dropped when the client goes
    // away first: docker cancels an upload beside one that failed, and a half-sent request to the registry would
    // otherwise hold its socket, and the test process, open for ever.
    const up = http.request(
      { host, port: Number(port), method: req.method, path: req.url, headers: { ...req.headers, host: req.headers.host }, agent: false },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
      },
    );
    upstream.add(up);
    up.on('close', () => upstream.delete(up));
    up.on('error', () => res.destroy());
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
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
        for (const u of upstream) u.destroy();
        server.close(() => resolve());
      }),
  };
}
