import { StringDecoder } from 'node:string_decoder';

/** Replaces every registered secret value with `***` (the runner only masks its own console, not files). */
export const MASK = '***';

export class Redactor {
  private needles: string[] = [];

  constructor(values: Iterable<string> = []) {
    for (const v of values) this.add(v);
  }

  /** Register a value; multi-line values also line by line, and their JSON-escaped form. */
  add(value: string): void {
    const forms = new Set<string>([value, JSON.stringify(value).slice(1, -1)]);
    for (const line of value.split(/\r?\n/)) forms.add(line.trim());
    for (const f of forms) if (f.length >= 3 && !this.needles.includes(f)) this.needles.push(f);
    this.needles.sort((a, b) => b.length - a.length); // longest first, so a prefix never leaves a tail
  }

  get values(): readonly string[] {
    return this.needles;
  }

  redact(text: string): string {
    let out = text;
    for (const n of this.needles) if (out.includes(n)) out = out.split(n).join(MASK);
    return out;
  }

  /** True when `text` holds any registered value. */
  leaks(text: string): boolean {
    return this.needles.some((n) => text.includes(n));
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
