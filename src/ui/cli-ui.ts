import type { Annotation, Ui } from './ui.js';

const where = (a?: Annotation): string => (a?.file ? `${a.file}${a.line ? `:${a.line}` : ''}: ` : '');

/** The CLI's console: progress and command output on stderr, so stdout carries only the summary. */
export class CliUi implements Ui {
  constructor(
    private readonly err: NodeJS.WritableStream = process.stderr,
    private readonly verbose = true,
  ) {}

  info(message: string): void {
    this.err.write(`${message}\n`);
  }
  warning(message: string, a?: Annotation): void {
    this.err.write(`warning: ${where(a)}${message}\n`);
  }
  error(message: string, a?: Annotation): void {
    this.err.write(`error: ${where(a)}${message}\n`);
  }
  output(text: string): void {
    if (this.verbose) this.err.write(text);
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.err.write(`── ${title}\n`);
    return fn();
  }
  setSecret(): void {
    // Nothing to register with: every line printed was already redacted.
  }
}
