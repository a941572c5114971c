/**
 * Fakes of what the action's `run()` takes from the runner (src/main.ts ActionHost), as actions/typescript-action's
 * __fixtures__/core.ts fakes @actions/core: every call is recorded, inputs are read from the env the test gives.
 * Only the functions run() may use exist here, so a use of anything else of core fails the test.
 */
import { Writable } from 'node:stream';
import type { ActionHost } from '../../src/main.js';
import type { Outcome } from '../../src/pipeline/pipeline.js';
import type { RunContext } from '../../src/run/context.js';

export interface FakeHost {
  host: ActionHost;
  /** Everything written to the step's console, line by line. */
  lines(): string[];
  outputs: Map<string, string>;
  states: Map<string, string>;
  secrets: string[];
  exitCode: number | undefined;
  /** The contexts the pipeline was run with. */
  runs: RunContext[];
}

export function fakeHost(env: NodeJS.ProcessEnv, pipeline: (ctx: RunContext) => Promise<Outcome>): FakeHost {
  let text = '';
  const fake: FakeHost = {
    lines: () => text.split('\n').filter((l) => l !== ''),
    outputs: new Map(),
    states: new Map(),
    secrets: [],
    exitCode: undefined,
    runs: [],
    host: {
      core: {
        // As core.getInput: INPUT_<NAME> (spaces as underscores), trimmed.
        getInput: (name: string) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
        setOutput: (name: string, value: unknown) => void fake.outputs.set(name, String(value)),
        saveState: (name: string, value: unknown) => void fake.states.set(name, String(value)),
        setSecret: (value: string) => void fake.secrets.push(value),
      },
      stdout: new Writable({
        write(chunk: Buffer | string, _enc, done) {
          text += chunk.toString();
          done();
        },
      }),
      setExitCode: (code) => {
        fake.exitCode = code;
      },
      exit: (code) => {
        fake.exitCode = code;
      },
      runPipeline: (ctx) => {
        fake.runs.push(ctx);
        return pipeline(ctx);
      },
      upload: async () => null,
    },
  };
  return fake;
}
