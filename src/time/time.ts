/** Durations, as every message, log line and summary shows them, and promises bounded by a timer. */

/** Seconds with one decimal: "2.5 s". */
export function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * `promise`'s value, or `otherwise` once `ms` have passed first. The timer is cleared when the promise settles
 * (it never keeps the process up, nor fires late); a rejection passes through.
 */
export async function within<T, U>(promise: Promise<T>, ms: number, otherwise: U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<U>((resolve) => (timer = setTimeout(() => resolve(otherwise), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
