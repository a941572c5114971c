/** Section 3: smoke-crash exits 1.5 s after it starts; from the engine's `die` event to the CLI's verdict line. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dockerArgv } from '../src/docker/commands.js';
import { CRASH, FIXTURES, log, sh, SMOKE_BASE_TAG, stats, type Settings, type Stats } from './common.js';
import { pipeline } from './pipeline-side.js';
import { created, ID } from './resources.js';

export interface FailFast {
  verdict: Stats;
  seen: Stats;
  total: Stats;
}

export async function failFast(s: Settings): Promise<FailFast> {
  if ((await sh(dockerArgv.imageInspect([SMOKE_BASE_TAG]), { allowFailure: true })).code !== 0) {
    log(`building ${SMOKE_BASE_TAG} (the smoke fixtures' base; removed again at the end)`);
    // Test fixture set-up, not a measured command: the integration tests build it the same way.
    await sh(['docker', 'build', '-q', '-t', SMOKE_BASE_TAG, path.join(FIXTURES, 'smoke-base')]);
    created.smokeBase = true;
  }
  const args = ['--context', CRASH, '--image', `${ID}/crash`];
  await pipeline(args, { expect: 'fail' }); // warm-up
  const verdict: number[] = [];
  const seen: number[] = [];
  const total: number[] = [];
  for (let i = 1; i <= s.runs; i++) {
    // The measuring instrument (the engine's clock of the exit), not a command of the pipeline.
    const events = spawn(
      'docker',
      ['events', '--filter', 'type=container', '--filter', 'event=die', '--format', '{{.TimeNano}} {{.Actor.Attributes.name}}'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let evs = '';
    events.stdout.on('data', (d: Buffer) => (evs += d.toString()));
    await sleep(200); // `docker events` is subscribed
    const r = await pipeline(args, { expect: 'fail' });
    await sleep(200);
    events.kill();
    const app = /--name (df-[a-z0-9-]+-app) /.exec(r.buildLog)?.[1];
    const die = evs
      .split('\n')
      .map((l) => l.trim().split(' '))
      .find(([, n]) => n === app)?.[0];
    if (!app || !die || r.verdictAt === null) throw new Error(`fail-fast: no die event for ${app} (${evs.trim()})`);
    verdict.push(r.verdictAt - Number(BigInt(die) / 1000n) / 1000);
    const m = /\(seen (\d+) ms after the exit\)/.exec(r.report.checks.find((c) => c.id === 'DF208')?.message ?? '');
    if (m) seen.push(Number(m[1]));
    total.push(r.ms);
    log(`fail-fast: run ${i}/${s.runs}: verdict ${verdict.at(-1)!.toFixed(0)} ms after the exit`);
  }
  return { verdict: stats(verdict), seen: stats(seen), total: stats(total) };
}
