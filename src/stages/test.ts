import type { Built, RunContext } from '../run/context.js';
import { check, type CheckResult } from '../rules/catalogue.js';
import type { Stack } from '../smoke/network.js';
import { testCommandRule } from '../smoke/test-command.js';

/** DF401: the image's own tests, run inside it on the run's network, with the services up again. */
export async function test(ctx: RunContext, built: Built, stack: Stack): Promise<CheckResult[]> {
  if (ctx.config.checksIgnore.has('DF401')) return []; // the report's rows say it was ignored
  if (ctx.config.testCommand.length === 0) {
    return [
      check('DF401', 'skip', 'no test-command configured; set it to run your tests inside the image (e.g. test-command: pytest)', {
        skip: 'not-configured',
      }),
    ];
  }
  const platform = built.platform?.platform;
  if (platform && !ctx.config.testPlatforms.includes(platform)) {
    return [
      check('DF401', 'skip', `not run on ${platform}: test-platforms names ${ctx.config.testPlatforms.join(', ')}`, {
        skip: 'not-configured',
      }),
    ];
  }
  await stack.ensure();
  await stack.restartServices();
  return [await testCommandRule(ctx, built, stack)];
}
