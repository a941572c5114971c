/** The CLI entry (dist/cli/index.js), run by bin/dockerflow.js (which checks the Node version first, too). */
import { nodeTooOld } from './node-version.js';

const tooOld = nodeTooOld(process.versions.node);
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(2);
}
const { main } = await import('../cli/cli.js');
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
// Interrupted: the report is written and build.log closed; a stage that was stopped may still hold a timer.
if (code === 130) process.exit(code);
process.exitCode = code;
