import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setImmediate as tick } from 'node:timers/promises';
import { it } from 'node:test';
import { BuildLog } from '../../src/log/build-log.js';
import { Redactor } from '../../src/secrets/redactor.js';
import { tempDir } from './helpers.js';

it('build.log: a line written after close (a command that outlived a failed run) is dropped, not a crash', async () => {
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown): number => uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  try {
    const log = new BuildLog(tempDir('log-'), new Redactor(['s3cret-value']));
    log.line('$ docker version  # exit 1');
    log.line('token s3cret-value');
    // While the file is being closed (the window a late command hits), and once it is.
    const closing = log.close();
    log.line('$ git describe --tags  # exit 0, finished late');
    await closing;
    log.writeRedacted('late output\n');
    await tick();
    await tick();
    assert.deepEqual(uncaught, []);
    assert.equal(readFileSync(log.path, 'utf8'), '$ docker version  # exit 1\ntoken ***\n');
    await log.close(); // twice is fine
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});
