/** Docker image reference grammar (distribution/reference), enough to validate and normalise inputs. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;

export const isRepository = (s: string): boolean => REPOSITORY.test(s);
export const isTag = (s: string): boolean => TAG.test(s);
export const isRegistryHost = (s: string): boolean => HOST.test(s);

/** Docker Hub's canonical host, and the names people write for it. */
export const DOCKER_HUB = 'docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
export const isDockerHub = (host: string): boolean => HUB_ALIASES.has(host.toLowerCase());

/** The one Docker Hub normalisation of a host: any of its names becomes docker.io; other hosts stay as written. */
export const normalRegistry = (host: string): string => (isDockerHub(host) ? DOCKER_HUB : host);

/** A repository as Docker Hub names it: a single name (`nginx`) lives under `library/`; other registries keep it. */
export function hubRepository(registry: string, repository: string): string {
  return isDockerHub(registry) && !repository.includes('/') ? `library/${repository}` : repository;
}

/** A registry host is the first path part when it looks like a host (has '.' or ':' or is localhost). */
function looksLikeHost(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost';
}

export interface ImageRef {
  registry: string;
  repository: string;
  tag: string;
}

/** Full, pushable form: `registry/repository:tag`, with Docker Hub's `library/` for single names. */
export function formatRef(ref: ImageRef): string {
  return `${normalRegistry(ref.registry)}/${hubRepository(ref.registry, ref.repository)}:${ref.tag}`;
}

/** A pushed image by digest: `registry/repository@sha256:…` (what `docker pull` and imagetools take). */
export function formatDigestRef(ref: { registry: string; repository: string }, digest: string): string {
  return `${normalRegistry(ref.registry)}/${hubRepository(ref.registry, ref.repository)}@${digest}`;
}

/** `registry/repository@sha256:<64 hex>` → its parts (the registry part as `parseTagEntry` finds it); else null. */
export function parseDigestRef(entry: string, registry: string): { registry: string; repository: string; digest: string } | null {
  const m = /^(.+)@(sha256:[0-9a-f]{64})$/.exec(entry.trim());
  if (!m) return null;
  const parsed = parseTagEntry(`${m[1]}:x`, registry, m[1]!);
  return parsed ? { registry: parsed.registry, repository: parsed.repository, digest: m[2]! } : null;
}

/**
 * Parse a tag input entry: either a bare tag (`v1.2`) applied to the configured image, or a full reference
 * (`ghcr.io/org/app:v1`, `org/app:v1`). Returns null when it is neither.
 */
export function parseTagEntry(entry: string, registry: string, repository: string): ImageRef | null {
  if (isTag(entry)) return { registry, repository, tag: entry };
  const colon = entry.lastIndexOf(':');
  const slash = entry.lastIndexOf('/');
  if (colon <= slash) return null; // no tag part: refuse rather than guess `latest`
  const name = entry.slice(0, colon);
  const tag = entry.slice(colon + 1);
  if (!isTag(tag)) return null;
  const first = name.split('/')[0]!;
  const host = name.includes('/') && looksLikeHost(first) ? first : registry;
  const repo = host === first && name.includes('/') ? name.slice(first.length + 1) : name;
  if (!isRegistryHost(host) || !isRepository(repo)) return null;
  return { registry: host, repository: repo, tag };
}

/** Turn an arbitrary branch name into a valid tag (what docker/metadata-action does for `type=ref`). */
export function sanitizeTag(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|-+$/g, '');
  return (cleaned || 'unknown').slice(0, 128);
}
