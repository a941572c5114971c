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
 * last line without a newline.
 */
export class LineRedactor {
  private pending = '';

  constructor(
    private readonly redactor: Redactor,
    private readonly emit: (line: string) => void,
  ) {}

  write(chunk: string | Buffer): void {
    this.pending += chunk.toString();
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      this.emit(this.redactor.redact(this.pending.slice(0, nl + 1)));
      this.pending = this.pending.slice(nl + 1);
    }
  }

  flush(): void {
    if (this.pending) this.emit(this.redactor.redact(this.pending));
    this.pending = '';
  }
}
