/** The CLI entry (dist/cli/index.js), run by bin/dockerflow.js. */
import { main } from '../cli/cli.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
