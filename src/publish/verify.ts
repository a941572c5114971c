/**
 * After a push, read each tag back from the registry and prove it is the image this run built and checked: the
 * manifest's config digest must equal the config digest in docker-image-shasum256.txt. An index (the containerd
 * image store pushes one, with BuildKit's attestation manifests beside the image) is followed to the entry for the
 * platform; attestation entries (platform unknown/unknown) never match.
 */
import { UserError } from '../config/errors.js';
import { isAttestation, type IndexEntry, type Platform } from '../docker/platform.js';
import { RegistryHttpError, type FetchedManifest, type RegistryClient } from './registry-client.js';
import { RetriesExhausted, retryRegistry, type FailureKind } from './retry.js';

interface ManifestJson {
  mediaType?: string;
  schemaVersion?: number;
  config?: { digest?: string };
  manifests?: IndexEntry[];
}

export interface Verified {
  /** The digest the tag resolves to (what `docker pull repo@digest` takes). */
  digest: string;
  /** The single-platform image manifest: `digest` itself, or the index entry for the platform. */
  manifestDigest: string;
  /** The image config digest the manifest names: what docker-image-shasum256.txt holds. */
  configDigest: string;
}

const isIndex = (m: ManifestJson, mediaType: string): boolean =>
  Array.isArray(m.manifests) || /manifest\.list|image\.index/.test(mediaType) || /manifest\.list|image\.index/.test(m.mediaType ?? '');

function parse(fetched: FetchedManifest, what: string): ManifestJson {
  try {
    return JSON.parse(fetched.body.toString('utf8')) as ManifestJson;
  } catch {
    throw new UserError(`the registry's manifest for ${what} is not JSON (${fetched.mediaType || 'no media type'})`);
  }
}

/**
 * Resolve `repository:tag` to its image config digest, following a manifest list / OCI index to the entry for
 * `platform`, and compare it with `expectedConfig`. A mismatch throws with both hashes.
 */
export async function verifyTag(
  client: RegistryClient,
  ref: { repository: string; tag: string; display: string },
  expectedConfig: string,
  platform: Platform,
): Promise<Verified> {
  const top = await client.manifest(ref.repository, ref.tag);
  let manifest = parse(top, ref.display);
  let platformDigest = top.digest;
  if (isIndex(manifest, top.mediaType)) {
    const images = (manifest.manifests ?? []).filter((m) => !isAttestation(m));
    const entry = images.find((m) => m.platform?.os === platform.os && m.platform?.architecture === platform.architecture);
    if (!entry?.digest) {
      const have = images.map((m) => `${m.platform?.os}/${m.platform?.architecture}`).join(', ');
      throw new UserError(
        `${ref.display} is a multi-platform index without ${platform.os}/${platform.architecture} (it has ${have || 'nothing'})`,
      );
    }
    const child = await client.manifest(ref.repository, entry.digest);
    manifest = parse(child, `${ref.display} (${platform.os}/${platform.architecture})`);
    platformDigest = child.digest;
  }
  const configDigest = manifest.config?.digest;
  if (typeof configDigest !== 'string') {
    throw new UserError(
      `the registry's manifest for ${ref.display} names no config digest (schema ${manifest.schemaVersion ?? '?'}, ${top.mediaType || 'no media type'}); push with a current docker`,
    );
  }
  if (expectedConfig !== configDigest) {
    throw new UserError(
      `${ref.display} in the registry is not the image this run built: its config digest is ${configDigest}, docker-image-shasum256.txt says ${expectedConfig}; another push moved the tag, re-run the job`,
    );
  }
  return { digest: top.digest, manifestDigest: platformDigest, configDigest };
}

/**
 * `verifyTag`, retried while the registry fails transiently (a 5xx, a 429, a dropped connection): a pushed tag
 * that cannot be read back is reported as that, with what to do, not as a failed push.
 */
export async function verifyPushed(
  client: RegistryClient,
  ref: { repository: string; tag: string; display: string },
  expectedConfig: string,
  platform: Platform,
  onRetry: (message: string) => void,
): Promise<Verified> {
  return retryRegistry(`reading ${ref.display} back`, () => verifyTag(client, ref, expectedConfig, platform), {
    say: onRetry,
    why: (error) => (error as Error).message,
    kindOf: kindOfHttp,
  }).catch((e: unknown) => {
    throw verifyError(ref.display, e);
  });
}

/** A registry API failure as the retries see it: no answer, 429 and 5xx are worth another try. */
export function kindOfHttp(e: unknown): FailureKind {
  if (!(e instanceof RegistryHttpError)) return 'fatal';
  if (e.status === 0 || e.status === 429 || e.status >= 500) return 'transient';
  return e.status === 401 || e.status === 403 ? 'auth' : 'fatal';
}

function verifyError(ref: string, e: unknown): Error {
  if (e instanceof UserError) return e;
  const why =
    e instanceof RetriesExhausted ? `${e.attempts} attempts failed, the last with: ${(e.last as Error).message}` : (e as Error).message;
  if (e instanceof RegistryHttpError || e instanceof RetriesExhausted) {
    return new UserError(`pushed ${ref} but could not read it back to verify it: ${why}; the image is pushed, re-run to verify`);
  }
  return e as Error;
}
