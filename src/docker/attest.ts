/**
 * Provenance and SBOM attestations (`provenance`, `sbom`, with docker/build-push-action's meaning). BuildKit
 * attaches them only where the image can hold them: the containerd image store (the docker driver loads an
 * index with its attestation manifests) or a builder of its own (docker-container, kubernetes, remote). The
 * classic image store under the docker driver cannot, and buildx then refuses `--provenance`/`--sbom`.
 */
import type { Runner } from '../exec/runner.js';
import type { Builder } from './build-argv.js';

/** Whether a value asks for an attestation (anything but empty or `false`). */
export const wants = (value: string): boolean => value !== '' && value !== 'false';

/**
 * The buildx flags for the attestations asked for. `false` is always passed (it only turns buildx's default
 * provenance off, which every builder accepts); a request for one is passed only when the builder can attach it.
 */
export function attestationArgs(provenance: string, sbom: string, capable: boolean): string[] {
  const argv: string[] = [];
  if (provenance === 'false' || (capable && wants(provenance))) argv.push('--provenance', provenance);
  if (sbom === 'false' || (capable && wants(sbom))) argv.push('--sbom', sbom);
  return argv;
}

/** argv that tells the builder's driver, and the engine's image store. */
export const BUILDX_INSPECT_ARGV = ['docker', 'buildx', 'inspect'] as const;
export const DRIVER_STATUS_ARGV = ['docker', 'info', '--format', '{{json .DriverStatus}}'] as const;

export interface AttestationSupport {
  capable: boolean;
  driver: string;
  containerdStore: boolean;
}

/** Read `docker buildx inspect` (its `Driver:` line) and `docker info`'s DriverStatus (the containerd snapshotter). */
export function attestationSupport(buildxInspect: string, driverStatus: string): AttestationSupport {
  const driver = /^Driver:\s*(\S+)/m.exec(buildxInspect)?.[1] ?? 'unknown';
  const containerdStore = /io\.containerd\.snapshotter/.test(driverStatus);
  return { capable: containerdStore || (driver !== 'docker' && driver !== 'unknown'), driver, containerdStore };
}

/** The one line a run prints when attestations were asked for and this builder cannot attach them. */
export function cannotAttest(what: string[], s: AttestationSupport): string {
  return (
    `${what.join(' and ')} not attached: buildx's ${s.driver} driver on the classic image store cannot hold attestations; ` +
    'turn on the containerd image store (dockerd "features": {"containerd-snapshotter": true}) or create a docker-container ' +
    'builder (docker/setup-buildx-action with driver: docker-container), or set them to false'
  );
}

/**
 * The line for a builder of its own on the classic image store: it makes the attestations, but `--load` into the
 * classic store keeps only the image, so the push carries none. Null when the attestations reach the push.
 */
export function notKept(what: string[], s: AttestationSupport): string | null {
  if (!s.capable || s.containerdStore) return null;
  return (
    `${what.join(' and ')} made by the ${s.driver} builder but not pushed: the classic image store keeps only the image; ` +
    'turn on the containerd image store (dockerd "features": {"containerd-snapshotter": true}) for the push to carry them'
  );
}

/**
 * Whether the builder can attach the provenance/SBOM attestations asked for; asked only when some are, so a run
 * without them runs no extra command. When it cannot, one warning (`warn`) says what to change.
 */
export async function canAttest(
  runner: Runner,
  asked: { provenance: string; sbom: string },
  builder: Builder,
  warn: (message: string) => void,
): Promise<boolean> {
  const what = [wants(asked.provenance) ? 'provenance' : '', wants(asked.sbom) ? 'sbom' : ''].filter(Boolean);
  if (what.length === 0) return false;
  if (builder === 'classic') {
    warn(`${what.join(' and ')} not attached: attestations need the docker buildx plugin (docker/setup-buildx-action in a workflow)`);
    return false;
  }
  const [inspect, info] = await Promise.all(
    [BUILDX_INSPECT_ARGV, DRIVER_STATUS_ARGV].map((argv) => runner.run([...argv], { allowFailure: true, quiet: true })),
  );
  const support = attestationSupport(inspect?.stdout ?? '', info?.stdout ?? '');
  if (!support.capable) warn(cannotAttest(what, support));
  const lost = notKept(what, support);
  if (lost) warn(lost);
  return support.capable;
}
