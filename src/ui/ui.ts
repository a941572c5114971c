/**
 * Where a run talks to its user. The action prints through @actions/core (groups, annotations, masking); the
 * CLI prints progress to stderr and its summary to stdout. Stages only see this interface.
 */
export interface Annotation {
  title?: string;
  file?: string;
  line?: number;
}

export interface Ui {
  /** A progress line for a person watching. */
  info(message: string): void;
  warning(message: string, where?: Annotation): void;
  error(message: string, where?: Annotation): void;
  /** Streamed command output (already redacted). */
  output(text: string): void;
  /** A collapsible section around long output. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Register a value to mask on the console. */
  setSecret(value: string): void;
}
