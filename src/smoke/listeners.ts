import { readFile } from 'node:fs/promises';

/** A listening TCP socket of the container, from its network namespace's /proc/net/tcp and tcp6. */
export interface Listener {
  /** As a person writes it: `127.0.0.1`, `0.0.0.0`, `::`, `::1`, `::ffff:127.0.0.1`. */
  address: string;
  port: number;
}

const LISTEN = '0A';

/** IPv4 from /proc/net/tcp: 8 hex digits, host byte order (little-endian on every platform Docker runs). */
function ipv4(hex: string): string {
  const n = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return n.reverse().join('.');
}

/** IPv6 from /proc/net/tcp6: four 32-bit words, each in host (little-endian) byte order. */
function ipv6(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  const groups = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ((bytes[i * 2]! << 8) | bytes[i * 2 + 1]!).toString(16));
  // The longest run of zero groups becomes "::".
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  if (best.len < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

/** The LISTEN rows of a /proc/net/tcp or tcp6 table. */
export function parseProcNetTcp(text: string): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || f[3] !== LISTEN) continue;
    const [addr = '', port = ''] = f[1]!.split(':');
    out.push({ address: addr.length === 32 ? ipv6(addr) : ipv4(addr), port: parseInt(port, 16) });
  }
  return out;
}

/** The address of Docker's embedded DNS server inside a container. */
const DOCKER_DNS = '127.0.0.11';

/** True for an address that accepts connections from outside the container (all interfaces). */
export const isWildcard = (address: string): boolean => address === '0.0.0.0' || address === '::';

/** True for a loopback address: reachable only from inside the container. */
export const isLoopback = (address: string): boolean =>
  address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');

export const showListener = (l: Listener): string => (l.address.includes(':') ? `[${l.address}]:${l.port}` : `${l.address}:${l.port}`);

/**
 * Reads the listening sockets of a container whose init process is `pid` on this machine's /proc, when the engine
 * is local: the process must exist here and be in the container's cgroup (a remote engine's PIDs, or those of a
 * job that itself runs in a container, name other processes or none). Null when they cannot be read.
 */
export function procListenerReader(pid: number, containerId: string): (() => Promise<Listener[] | null>) | null {
  if (!Number.isInteger(pid) || pid <= 0 || !containerId) return null;
  let verified: Promise<boolean> | null = null;
  const inContainer = (): Promise<boolean> =>
    (verified ??= readFile(`/proc/${pid}/cgroup`, 'utf8').then(
      (t) => t.includes(containerId),
      () => false,
    ));
  return async () => {
    if (!(await inContainer())) return null;
    const tables = await Promise.all(
      ['tcp', 'tcp6'].map((t) => readFile(`/proc/${pid}/net/${t}`, 'utf8').catch((): string | null => null)),
    );
    if (tables.every((t) => t === null)) return null;
    return tables.flatMap((t) => (t ? parseProcNetTcp(t) : []));
  };
}

/**
 * Why nothing answers on `$PORT`, when the listeners show it: the app listens on `$PORT` on loopback only, or only
 * on other ports. Null when a listener on `$PORT` accepts outside connections, or there is no listener yet.
 */
export function misbinding(all: readonly Listener[], port: number): { kind: 'loopback' | 'other-port'; listeners: Listener[] } | null {
  // Docker's embedded DNS server listens on 127.0.0.11 in every container on a user-defined network: not the app.
  const listeners = all.filter((l) => l.address !== DOCKER_DNS);
  if (listeners.length === 0) return null;
  const onPort = listeners.filter((l) => l.port === port);
  if (onPort.some((l) => !isLoopback(l.address))) return null;
  if (onPort.length) return { kind: 'loopback', listeners: onPort };
  return { kind: 'other-port', listeners: dedupe(listeners) };
}

function dedupe(ls: readonly Listener[]): Listener[] {
  const seen = new Set<string>();
  return ls.filter((l) => {
    const k = showListener(l);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
