/** Label set on everything a run creates; the post step and cleanup remove by it. */
export const RUN_LABEL = 'dockerflow.run';

/** `--label dockerflow.run=<run id>` for every container and network a run creates. */
export const runLabelArgs = (runId: string): string[] => ['--label', `${RUN_LABEL}=${runId}`];
