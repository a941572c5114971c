import { StringDecoder } from 'node:string_decoder';
import { secretForms } from './forms.js';

/** Replaces every registered secret value with `***` (the runner only masks its own console, not files). */
export const MASK = '***';

/** Shortest secret prefix that a cut may not leave behind. */
const MIN_PREFIX = 3;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The one redactor of a run: every sink (build.log, report, summary, version.json, outputs, saved state,
 * annotations, console lines) passes its final bytes through `redact`, and every shortened message through
 * `cut`. A value is redacted in every form `secretForms` lists.
 */
export class Redactor {
  private needles: string[] = [];
  private pattern: RegExp | null = null;
  private readonly raw = new Set<string>();

  constructor(values: Iterable<string> = []) {
    for (const v of values) this.add(v);
  }

  /** Register a value: all its forms (see `secretForms`). */
  add(value: string): void {
    if (this.raw.has(value)) return;
    this.raw.add(value);
    let added = false;
    for (const f of secretForms(value)) {
      if (!this.needles.includes(f)) {
        this.needles.push(f);
        added = true;
      }
    }
    if (!added) return;
    this.needles.sort((a, b) => b.length - a.length); // longest first, so a prefix never leaves a tail
    this.pattern = null;
  }

  /** Every form that is redacted. */
  get values(): readonly string[] {
    return this.needles;
  }

  /** The values as registered (not their forms). */
  get secrets(): readonly string[] {
    return [...this.raw];
  }

  redact(text: string): string {
    if (this.needles.length === 0 || text === '') return text;
    this.pattern ??= new RegExp(this.needles.map(escapeRegExp).join('|'), 'g');
    return text.replace(this.pattern, MASK);
  }

  /** True when `text` holds any registered value in any form. */
  leaks(text: string): boolean {
    return this.needles.some((n) => text.includes(n));
  }

  /**
   * Shorten `text` to at most `max` characters, safely: redact first, then cut, then drop any secret prefix of 3
   * or more characters left at the cut (and never cut a `***` in two).
   */
  cut(text: string, max: number, ellipsis = '…'): string {
    const red = this.redact(text);
    if (red.length <= max) return red;
    let s = red.slice(0, Math.max(0, max - ellipsis.length));
    for (let changed = true; changed;) {
      changed = false;
      for (const n of this.needles) {
        for (let k = Math.min(n.length - 1, s.length); k >= MIN_PREFIX; k--) {
          if (s.endsWith(n.slice(0, k))) {
            s = s.slice(0, -k);
            changed = true;
            break;
          }
        }
      }
    }
    s = s.replace(/\*{1,2}$/, (m) => (red.startsWith(MASK, s.length - m.length) ? '' : m));
    // Never split a UTF-16 surrogate pair.
    if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
    return `${s}${ellipsis}`;
  }
}

/**
 * Redacts a byte stream line by line, so a secret split across two chunks is still caught. `flush()` emits a
 * last line without a newline. Memory stays bounded whatever comes: bytes are decoded across chunk boundaries
 * (invalid UTF-8 becomes U+FFFD), each chunk is searched once, and a line longer than `maxPending` is emitted in
 * pieces, each cut where no secret can span it (a tail as long as the longest secret is held back).
 */
export class LineRedactor {
  private pending = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly redactor: Redactor,
    private readonly emit: (line: string) => void,
    private readonly maxPending = 64 * 1024,
  ) {}

  write(chunk: string | Buffer): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      this.emit(this.redactor.redact(this.pending + text.slice(start, nl + 1)));
      this.pending = '';
      start = nl + 1;
    }
    this.pending += text.slice(start);
    if (this.pending.length > this.maxPending) this.spill();
  }

  flush(): void {
    this.pending += this.decoder.end();
    if (this.pending) this.emit(this.redactor.redact(this.pending));
    this.pending = '';
  }

  /** Emit all of a long line but its end, cut before any secret that would straddle the cut. */
  private spill(): void {
    const needles = this.redactor.values;
    const longest = needles.reduce((m, n) => Math.max(m, n.length), 0);
    let cut = this.pending.length - Math.max(0, longest - 1);
    for (let moved = true; moved && cut > 0;) {
      moved = false;
      for (const n of needles) {
        const i = this.pending.indexOf(n, Math.max(0, cut - n.length + 1));
        if (i >= 0 && i < cut) {
          cut = i;
          moved = true;
        }
      }
    }
    // Only back-to-back secrets for half the buffer could push the cut that far: emit it all rather than grow.
    if (cut < this.maxPending / 2) cut = this.pending.length;
    this.emit(this.redactor.redact(this.pending.slice(0, cut)));
    this.pending = this.pending.slice(cut);
  }
}
