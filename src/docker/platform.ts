/**
 * Platforms and image index entries, as the engine and registries describe them: shared by what reads an image
 * back from the engine (inspect/image.ts) and from a registry (publish/verify.ts).
 */

import { UserError } from '../config/errors.js';
import type { Runner } from '../exec/runner.js';
import type { Builder } from './build-argv.js';
import { storeInfo } from './commands.js';

export interface Platform {
  os: string;
  architecture: string;
}

/** The platform the local engine built for: `platforms` when given, else this machine's. */
export function targetPlatform(platforms: string[], arch: string = process.arch): Platform {
  const [os, architecture] = (platforms[0] ?? '').split('/');
  if (os && architecture) return { os, architecture };
  const byNode: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };
  return { os: 'linux', architecture: byNode[arch] ?? arch };
}

/** `os/arch` of a one-platform build: `platforms` as given, else this machine's. */
export function platformName(platforms: string[]): string {
  const p = targetPlatform(platforms);
  return platforms[0] ?? `${p.os}/${p.architecture}`;
}

export const sameCpu = (a: Platform, b: Platform): boolean => a.os === b.os && a.architecture === b.architecture;

/** `linux/arm64` → `linux-arm64`: the platform in a file name (docker-image-shasum256-linux-arm64.txt). */
export const platformSlug = (platform: string): string => platform.replaceAll('/', '-');

/** Whether `docker info`'s DriverStatus names the containerd snapshotter (the containerd image store). */
export const isContainerdStore = (driverStatus: string): boolean => /io\.containerd\.snapshotter/.test(driverStatus);

/** An entry of an image index (OCI) or manifest list (Docker), as far as choosing one reads it. */
export interface IndexEntry {
  digest?: string;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

/**
 * BuildKit's provenance/SBOM attestations ride in the index as manifests of platform `unknown/unknown`, annotated
 * `vnd.docker.reference.type: attestation-manifest`: never the image, so skipped when choosing one.
 */
export const isAttestation = (m: IndexEntry): boolean =>
  m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
  (m.platform?.os === 'unknown' && m.platform?.architecture === 'unknown');

/**
 * Several platforms load as one image only on the containerd image store, through buildx (`--load` of a
 * multi-platform build fails on the classic store): said before anything is built, as a config error with the fix.
 */
export async function canHoldPlatforms(runner: Runner, builder: Builder, n: number): Promise<void> {
  if (builder === 'classic') {
    throw new UserError(
      `platforms: ${n} platforms need docker buildx, and the buildx plugin is missing: install it (docker/setup-buildx-action in a workflow), or give one platform`,
      'config',
    );
  }
  const info = await storeInfo(runner);
  if (info !== null && !isContainerdStore(info)) {
    throw new UserError(
      `platforms: ${n} platforms load as one image only on the containerd image store, and this engine uses the classic image store: turn it on (dockerd "features": {"containerd-snapshotter": true}, docs/engines.md) or give one platform`,
      'config',
    );
  }
}
