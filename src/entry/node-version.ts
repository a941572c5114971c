/**
 * The Node this tool needs (package.json `engines`, which a unit test holds this to). Checked by both entry points
 * before they load anything that needs it: an older Node (20 is still the default of many images) would otherwise
 * die with a TypeError and a stack trace deep inside a dependency. No imports here, on purpose.
 */
export const MIN_NODE = '22.19.0';

/** One line naming the Node needed and the one found, or null when `found` is recent enough. */
export function nodeTooOld(found: string, min: string = MIN_NODE): string | null {
  const parse = (v: string): number[] =>
    v
      .replace(/^v/, '')
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const [a, b] = [parse(found), parse(min)];
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) > (b[i] ?? 0)) return null;
    if ((a[i] ?? 0) < (b[i] ?? 0)) {
      return `dockerflow needs Node ${min} or newer and found ${found.startsWith('v') ? found : `v${found}`}: run it with Node 24 (GitHub's node24 runtime) or any Node >= ${min}`;
    }
  }
  return null;
}
