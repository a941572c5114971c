/**
 * Runner.spawn, the followers' way to run (`docker logs --follow`, `docker wait`, `docker save`): the runner's
 * env, the command line in build.log (redacted), stopped on an interrupt with the run's other commands; and the
 * DF106 scan stops a `docker save` it no longer reads when a pass fails. Real processes, no docker needed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { Runner } from '../../src/exec/runner.js';
import { scanSave, type OpenSave } from '../../src/inspect/layer-scan.js';
import { BuildLog } from '../../src/log/build-log.js';
import { Redactor } from '../../src/secrets/redactor.js';
import { silentUi, tempDir } from './helpers.js';

const SECRET = 's3cr3t-value-for-spawn';

const realRunner = (): { runner: Runner; log: BuildLog } => {
  const redactor = new Redactor();
  redactor.add(SECRET);
  const log = new BuildLog(tempDir('log-'), redactor);
  return { runner: new Runner(log, silentUi(), redactor), log };
};

const node = (script: string): string[] => [process.execPath, '-e', script];

describe('Runner.spawn', () => {
  it("gets the runner's env, logs its command line redacted, hands over its output and says how it ended", async () => {
    const { runner: run, log } = realRunner();
    const runner = run.withEnv({ DOCKER_CONFIG: '/run/private-docker-config' });
    const f = runner.spawn(
      node(`process.stdout.write(process.env.DOCKER_CONFIG); process.stderr.write('failed: ${SECRET}\\n'); process.exit(3)`),
      { why: 'a test' },
    );
    let out = '';
    f.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const end = await f.exited;
    assert.equal(out, '/run/private-docker-config');
    assert.equal(end.exitCode, 3);
    assert.equal(end.stderr, 'failed: ***\n', 'its stderr comes back redacted');
    await log.close();
    const text = readFileSync(log.path, 'utf8');
    assert.match(text, /^\$ .+ -e .+ & {2}# a test$/m, 'one line: the command, in the background, and why');
    assert.ok(!text.includes(SECRET), 'the secret in its argv is redacted in build.log');
  });

  it('is stopped by kill(), by an interrupt, and refused after one; idle() waits for it', async () => {
    const { runner, log } = realRunner();
    const a = runner.spawn(['sleep', '30']);
    a.kill();
    assert.equal((await a.exited).exitCode, 143);
    const b = runner.spawn(['sleep', '30']);
    const t0 = performance.now();
    const why = new Error('interrupted by SIGINT');
    runner.abort(why);
    await runner.idle(5000);
    assert.equal((await b.exited).exitCode, 143, 'the interrupt stopped the follower');
    assert.ok(performance.now() - t0 < 4000, 'at once, not after a grace');
    assert.throws(
      () => runner.spawn(['sleep', '30']),
      (e) => e === why,
      'no new follower once interrupted',
    );
    a.kill(); // twice is harmless
    await log.close();
  });

  it('a command that cannot start ends with -1 and says why', async () => {
    const { runner, log } = realRunner();
    const end = await runner.spawn(['/nonexistent/dockerflow-no-such-command']).exited;
    assert.equal(end.exitCode, -1);
    assert.match(end.stderr, /cannot run \/nonexistent\/dockerflow-no-such-command: .*ENOENT/);
    await log.close();
  });
});

describe('the DF106 scan and its docker save', () => {
  it('a pass that fails (a corrupt layer) stops the producer it no longer reads', async () => {
    // An image tar whose one layer is corrupt gzip, from a producer that then stays up (as a docker save of a
    // large image would, blocked on a full pipe once nobody reads it).
    const p = pack();
    const gz = gzipSync(Buffer.alloc(4096, 1));
    p.entry({ name: 'blobs/sha256/4444' }, Buffer.concat([gz.subarray(0, 30), Buffer.alloc(2000, 7)]));
    p.finalize();
    const chunks: Buffer[] = [];
    for await (const c of p) chunks.push(c as Buffer);
    const tar = Buffer.concat(chunks).toString('base64');
    const { runner, log } = realRunner();
    let producer: ReturnType<Runner['spawn']> | undefined;
    const open: OpenSave = () => {
      producer = runner.spawn(node(`process.stdout.write(Buffer.from('${tar}', 'base64')); setInterval(() => {}, 1000);`));
      const done = producer.exited.then(({ exitCode }) => {
        if (exitCode !== 0) throw new Error(`producer exited ${exitCode}`);
      });
      return { stream: producer.stdout, done, kill: producer.kill };
    };
    try {
      await assert.rejects(scanSave(open, ['never-there']));
      const end = await Promise.race([producer!.exited, new Promise<null>((r) => setTimeout(() => r(null), 5000).unref())]);
      assert.ok(end, 'the producer was stopped within 5 s, not left running');
      assert.equal(end.exitCode, 143);
    } finally {
      producer?.kill(); // never leave it behind, whatever failed
    }
    await log.close();
  });
});
