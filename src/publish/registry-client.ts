/**
 * A small Docker Registry HTTP API v2 client (undici): enough to read a manifest back after a push, and to push an
 * image by digest (blobs, then the manifest) where docker push needs a tag. Handles the
 * two ways registries ask for credentials: `WWW-Authenticate: Bearer realm=…` (Docker Hub, ghcr.io, most
 * hosted registries: a token from the realm, per repository scope) and `Basic` (htpasswd registries).
 */
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { hubRepository, isDockerHub } from '../config/image-ref.js';
import { sha256Of } from '../docker/content-store.js';

export interface Credentials {
  username: string;
  password: string;
}

/** A registry answered with an HTTP status the caller did not want; `status` 0 means no answer at all. */
export class RegistryHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'RegistryHttpError';
  }
}

/** Where the v2 API of a registry host lives: Docker Hub's is registry-1.docker.io; loopback hosts speak plain HTTP. */
export function registryBaseUrl(host: string): string {
  if (isDockerHub(host)) return 'https://registry-1.docker.io';
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const loopback = name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
  return `${loopback ? 'http' : 'https'}://${host}`;
}

/** Docker Hub's single-name repositories live under `library/`. */
export function apiRepository(host: string, repository: string): string {
  return hubRepository(host, repository);
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"` */
export function parseChallenge(header: string): Challenge | null {
  const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
  }
  return { scheme: m[1]!.toLowerCase(), params };
}

export interface FetchedManifest {
  /** Docker-Content-Digest, or the sha256 of the exact bytes when the registry sends none. */
  digest: string;
  mediaType: string;
  body: Buffer;
}

export const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
];

const TIMEOUT_MS = 30_000;

export class RegistryClient {
  readonly baseUrl: string;
  private readonly agent: Agent;
  /** Authorization header per scope, so a token is fetched once per repository. */
  private readonly auth = new Map<string, string>();

  constructor(
    readonly host: string,
    private readonly credentials: Credentials | null,
    /** Called with each bearer token obtained, so the caller can mask it. */
    private readonly onSecret: (value: string) => void = () => undefined,
    baseUrl?: string,
  ) {
    this.baseUrl = baseUrl ?? registryBaseUrl(host);
    this.agent = new Agent({ headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** GET a manifest (by tag or digest) in any of the schema 2 / OCI forms. */
  async manifest(repository: string, reference: string): Promise<FetchedManifest> {
    const repo = apiRepository(this.host, repository);
    const res = await this.call(
      'GET',
      `/v2/${repo}/manifests/${reference}`,
      { accept: MANIFEST_TYPES.join(', ') },
      `repository:${repo}:pull`,
    );
    if (res.status === 404) throw new RegistryHttpError(`${this.host}/${repo}:${reference} is not in the registry (404)`, 404);
    if (res.status !== 200) throw this.statusError(res.status, `${repo}:${reference}`, res.body);
    const digest = contentDigest(res.headers, res.body);
    const type = res.headers['content-type'];
    const mediaType = (typeof type === 'string' ? type.split(';')[0]!.trim() : '') || mediaTypeOf(res.body);
    return { digest, mediaType, body: res.body };
  }

  /** Whether the repository holds the blob (a layer another push or a base image already put there). */
  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const repo = apiRepository(this.host, repository);
    const res = await this.call('HEAD', `/v2/${repo}/blobs/${digest}`, {}, pushScope(repo));
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw this.statusError(res.status, `blob ${digest} of ${repo}`, res.body);
  }

  /**
   * Upload one blob in a single PUT (the registry API's monolithic upload: POST a session, PUT its Location with
   * `?digest=`); `open` gives its bytes, again when an expired token makes the PUT go once more.
   */
  async uploadBlob(repository: string, digest: string, size: number, open: () => Readable | Buffer): Promise<void> {
    const repo = apiRepository(this.host, repository);
    const scope = pushScope(repo);
    const started = await this.call('POST', `/v2/${repo}/blobs/uploads/`, { 'content-length': '0' }, scope);
    const location = started.headers.location;
    if (started.status !== 202 || typeof location !== 'string') {
      throw this.statusError(started.status, `starting the upload of ${digest} to ${repo}`, started.body);
    }
    const url = new URL(location, this.baseUrl);
    url.searchParams.set('digest', digest);
    const done = await this.call(
      'PUT',
      url.toString(),
      { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      scope,
      open,
    );
    if (done.status !== 201) throw this.statusError(done.status, `the upload of ${digest} to ${repo}`, done.body);
  }

  /** PUT a manifest under `reference` (a digest or a tag); returns the digest the registry gives it. */
  async putManifest(repository: string, reference: string, mediaType: string, body: Buffer): Promise<string> {
    const repo = apiRepository(this.host, repository);
    const res = await this.call(
      'PUT',
      `/v2/${repo}/manifests/${reference}`,
      { 'content-type': mediaType, 'content-length': String(body.length) },
      pushScope(repo),
      () => body,
    );
    if (res.status !== 201) throw this.statusError(res.status, `the manifest ${reference} of ${repo}`, res.body);
    return contentDigest(res.headers, body);
  }

  private statusError(status: number, what: string, body: Buffer): RegistryHttpError {
    const detail = body.toString('utf8', 0, 300).replace(/\s+/g, ' ').trim();
    return new RegistryHttpError(`${this.host} answered ${status} for ${what}${detail ? `: ${detail}` : ''}`, status);
  }

  /** One API call (`path` under the base URL, or a whole URL the registry gave), authorised for `scope` on a 401. */
  private async call(
    method: 'GET' | 'HEAD' | 'POST' | 'PUT',
    path: string,
    headers: Record<string, string>,
    scope: string,
    body?: () => Readable | Buffer,
  ): Promise<Response> {
    const url = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`;
    const send = async (authorization?: string) =>
      this.send(url, { ...headers, ...(authorization ? { authorization } : {}) }, method, body?.());
    let res = await send(this.auth.get(scope));
    if (res.status !== 401) return res;
    const challenge = parseChallenge(String(res.headers['www-authenticate'] ?? ''));
    const authorization = await this.authorize(challenge, scope);
    this.auth.set(scope, authorization);
    res = await send(authorization);
    if (res.status === 401 || res.status === 403) {
      throw new RegistryHttpError(
        `${this.host} refused ${this.credentials ? `user ${this.credentials.username}` : 'anonymous access'} ${method === 'GET' || method === 'HEAD' ? 'reading' : 'writing'} ${new URL(url).pathname} (${res.status})`,
        res.status,
      );
    }
    return res;
  }

  private async authorize(challenge: Challenge | null, scope: string): Promise<string> {
    const basic = this.credentials
      ? `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}`
      : null;
    if (challenge?.scheme === 'basic') {
      if (!basic) throw new RegistryHttpError(`${this.host} wants a username and password (Basic auth) and none was given`, 401);
      return basic;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
      throw new RegistryHttpError(`${this.host} answered 401 without a usable WWW-Authenticate challenge`, 401);
    }
    const url = new URL(challenge.params.realm);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    url.searchParams.set('scope', scope);
    const res = await this.send(url.toString(), basic ? { authorization: basic } : {});
    if (res.status !== 200) {
      const who = this.credentials ? `user ${this.credentials.username}` : 'anonymous';
      throw new RegistryHttpError(`the token service ${url.host} refused ${who} for ${scope} (${res.status})`, res.status);
    }
    let token: unknown;
    try {
      const json = JSON.parse(res.body.toString('utf8')) as { token?: unknown; access_token?: unknown };
      token = json.token ?? json.access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || !token) throw new RegistryHttpError(`the token service ${url.host} sent no token`, 502);
    this.onSecret(token);
    return `Bearer ${token}`;
  }

  private async send(
    url: string,
    headers: Record<string, string>,
    method: Dispatcher.HttpMethod = 'GET',
    payload?: Readable | Buffer,
  ): Promise<Response> {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method,
        headers: { 'user-agent': 'dockerflow-action', ...headers },
        ...(payload !== undefined ? { body: payload } : {}),
        dispatcher: this.agent,
      });
    } catch (e) {
      const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
      const code = err.code ?? err.cause?.code ?? '';
      throw new RegistryHttpError(
        `cannot reach ${new URL(url).host}: ${[code, err.cause?.message ?? err.message].filter(Boolean).join(' ')}`,
        0,
      );
    }
    // A HEAD has no body to read.
    const body = method === 'HEAD' ? (await res.body.dump(), Buffer.alloc(0)) : Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers, body };
  }
}

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The token scope of a push: docker asks for pull and push together, as registries expect. */
const pushScope = (repo: string): string => `repository:${repo}:pull,push`;

/** Docker-Content-Digest, or the sha256 of the exact bytes when the registry sends none. */
function contentDigest(headers: Response['headers'], body: Buffer): string {
  const header = headers['docker-content-digest'];
  return typeof header === 'string' && /^sha256:[0-9a-f]{64}$/.test(header) ? header : sha256Of(body);
}

function mediaTypeOf(body: Buffer): string {
  try {
    const json = JSON.parse(body.toString('utf8')) as { mediaType?: unknown };
    return typeof json.mediaType === 'string' ? json.mediaType : '';
  } catch {
    return '';
  }
}
