/**
 * A bad input: names the input, the bad value and the fix, in one line. The action prints it with the input
 * name, the CLI with the flag; neither prints a stack trace.
 */
export class ConfigError extends Error {
  constructor(
    readonly input: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`input "${input}": ${problem}; ${fix}`);
    this.name = 'ConfigError';
  }

  /** The same message, naming the option as the user typed it (`--port` in the CLI). */
  render(nameOf: (input: string) => string): string {
    return `${nameOf(this.input)}: ${this.problem}; ${this.fix}`;
  }
}

/**
 * A failure the user can act on, with where it happened and how to fix it. Anything else that escapes the
 * pipeline is a bug in this tool and is reported as such.
 */
export class UserError extends Error {
  /**
   * `config`: the inputs cannot work for this run, found once the git context is read (a push due without
   * credentials): the CLI exits 2 for it, as for a bad flag.
   */
  constructor(
    message: string,
    readonly kind: 'run' | 'config' = 'run',
  ) {
    super(message);
    this.name = 'UserError';
  }
}
