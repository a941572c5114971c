/** The action's main entry (dist/index.js). */
import { nodeTooOld } from './entry/node-version.js';

// Before the action's modules load: on too old a Node they fail with a stack trace instead of saying why.
const tooOld = nodeTooOld(process.versions.node);
if (tooOld) {
  process.stdout.write(`::error::${tooOld}\n`);
  process.exit(2);
}
const { run } = await import('./main.js');
await run();
