/** DF106's needles: every secret value in the forms it takes in a file, each with the name of its secret. */
import type { SecretHit } from './layer-scan.js';

/**
 * The byte strings DF106 looks for, one list for every secret in every form (raw, and the encodings a value
 * takes in a file: the scan's cost does not grow with their number), each with the name of its secret.
 */
export function secretNeedles(named: readonly { name: string; value: string }[], forms: (value: string) => string[] = (v) => [v]) {
  return named.flatMap((n) => [...new Set(forms(n.value))].map((value) => ({ name: n.name, value })));
}

/** One hit per secret and place, whichever of its forms was found. */
export function dedupeHits(hits: SecretHit[], needles: { name: string }[]): SecretHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${needles[h.needle]?.name}\0${h.where}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
