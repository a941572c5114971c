import * as core from '@actions/core';
import os from 'node:os';
import { secretForms } from '../secrets/forms.js';
import { Redactor } from '../secrets/redactor.js';
import { workflowCommand, writeStreamRedacted } from '../secrets/sink.js';
import type { Annotation, Ui } from './ui.js';

const props = (a?: Annotation): Record<string, string | number | undefined> => ({
  title: a?.title,
  file: a?.file,
  line: a?.line,
});

/**
 * The runner's console: groups, annotations and masking. Every line is redacted here as it is written (after the
 * workflow command's escaping), not left to the runner's masking: a value is hidden even where the runner's
 * masking would miss a form of it.
 */
export class ActionUi implements Ui {
  private readonly redactor = new Redactor();

  /** `mask`: how the runner is told to mask a value (core.setSecret; a fake in tests). */
  constructor(
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly mask: (value: string) => void = core.setSecret,
  ) {}

  info(message: string): void {
    writeStreamRedacted(this.redactor, this.out, `${message}${os.EOL}`);
  }
  warning(message: string, a?: Annotation): void {
    writeStreamRedacted(this.redactor, this.out, workflowCommand('warning', props(a), message));
  }
  error(message: string, a?: Annotation): void {
    writeStreamRedacted(this.redactor, this.out, workflowCommand('error', props(a), message));
  }
  output(text: string): void {
    writeStreamRedacted(this.redactor, this.out, text);
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    writeStreamRedacted(this.redactor, this.out, workflowCommand('group', {}, title));
    try {
      return await fn();
    } finally {
      this.out.write(`::endgroup::${os.EOL}`);
    }
  }
  /** The runner masks each form on its console; this console redacts them before it writes. */
  setSecret(value: string): void {
    for (const form of secretForms(value)) this.mask(form);
    this.redactor.add(value);
  }
  /** The redactor of this console (the secrets registered with `setSecret`). */
  get secrets(): Redactor {
    return this.redactor;
  }
}
