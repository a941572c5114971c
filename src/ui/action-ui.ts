import * as core from '@actions/core';
import type { Annotation, Ui } from './ui.js';

const props = (a?: Annotation): core.AnnotationProperties => ({
  ...(a?.title ? { title: a.title } : {}),
  ...(a?.file ? { file: a.file } : {}),
  ...(a?.line ? { startLine: a.line } : {}),
});

/** The runner's console: groups, annotations and masking through @actions/core. */
export class ActionUi implements Ui {
  info(message: string): void {
    core.info(message);
  }
  warning(message: string, a?: Annotation): void {
    core.warning(message, props(a));
  }
  error(message: string, a?: Annotation): void {
    core.error(message, props(a));
  }
  output(text: string): void {
    process.stdout.write(text);
  }
  group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return core.group(title, fn);
  }
  setSecret(value: string): void {
    core.setSecret(value);
  }
}
