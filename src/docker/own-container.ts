import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * The ID of the container this process runs in (a `container:` job, a CI step inside docker), or null on a
 * plain host. Docker bind-mounts the container's own hostname/hosts/resolv.conf files from
 * `/var/lib/docker/containers/<id>/`, which names the ID in /proc/self/mountinfo on cgroup v1 and v2 alike; the
 * hostname (the short ID by default) is the fallback where only /.dockerenv says so.
 */
export function ownContainerId(
  mountinfo = readMountinfo(),
  dockerenv = existsSync('/.dockerenv'),
  hostname = os.hostname(),
): string | null {
  const m = /\/containers\/([0-9a-f]{64})\/(?:hostname|hosts|resolv\.conf)\s/.exec(mountinfo);
  if (m) return m[1]!;
  return dockerenv && /^[0-9a-f]{12,64}$/.test(hostname) ? hostname : null;
}

function readMountinfo(): string {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return '';
  }
}
