import { Redactor } from '../secrets/redactor.js';
import type { Annotation, Ui } from './ui.js';

const where = (a?: Annotation): string => (a?.file ? `${a.file}${a.line ? `:${a.line}` : ''}: ` : '');

/**
 * The CLI's console: progress and command output on stderr, so stdout carries only the summary. Every message is
 * redacted here, as the runner masks its console for the action.
 */
export class CliUi implements Ui {
  private readonly redactor = new Redactor();

  constructor(
    private readonly err: NodeJS.WritableStream = process.stderr,
    private readonly verbose = true,
  ) {}

  info(message: string): void {
    this.err.write(this.redactor.redact(`${message}\n`));
  }
  warning(message: string, a?: Annotation): void {
    this.err.write(this.redactor.redact(`warning: ${where(a)}${message}\n`));
  }
  error(message: string, a?: Annotation): void {
    this.err.write(this.redactor.redact(`error: ${where(a)}${message}\n`));
  }
  output(text: string): void {
    if (this.verbose) this.err.write(this.redactor.redact(text));
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.err.write(this.redactor.redact(`── ${title}\n`));
    return fn();
  }
  setSecret(value: string): void {
    this.redactor.add(value);
  }
}
