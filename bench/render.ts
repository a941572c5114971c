/** docs/benchmarks.md: the document `npm run bench` writes from the measurements, and the machine they ran on. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dockerArgv } from '../src/docker/commands.js';
import type { ColdStart } from './cold-start.js';
import { fmtMs, fmtR, fmtS, mark, mib, RUNTIME_RULES, sh, type Settings, type Stats } from './common.js';
import type { FailFast } from './fail-fast.js';
import type { Load } from './load.js';
import type { Overhead } from './overhead.js';
import type { Push } from './push.js';
import { renderPlatforms, type Platforms } from './platforms.js';
import { renderSecretScan, scanTargets, type ScanBench } from './secret-scan.js';

export async function machine(): Promise<string[]> {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const dv = (await sh(dockerArgv.serverVersion(), { allowFailure: true })).stdout.trim();
  const bx = (await sh(dockerArgv.buildxVersion(), { allowFailure: true })).stdout.trim().split(' ').slice(0, 2).join(' ');
  return [
    `- CPU: ${cpu}, ${os.cpus().length} cores (\`nproc\`: ${os.availableParallelism()})`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- kernel: ${os.type()} ${os.release()}`,
    `- Docker engine ${dv}, ${bx}`,
    `- Node ${process.version}`,
  ];
}

export interface All {
  sample: Overhead;
  fixture: Overhead;
  fail: FailFast;
  cold: ColdStart;
  push: Push;
  load: Load;
  /** Section 7 (bench/secret-scan.ts). */
  scan?: ScanBench;
  /** Section 8 (bench/platforms.ts). */
  platforms?: Platforms;
}

function stageTable(stages: Record<string, Stats>): string[] {
  return ['| stage | median (min–max) |', '|---|---|', ...Object.entries(stages).map(([k, v]) => `| ${k} | ${fmtMs(v)} |`)];
}

export function render(s: Settings, r: All, mach: string[], command: string, started: Date, secs: number, limits: string[]): string {
  const targets = [
    ['Overhead ratio, sample-app', '≤ 1.15', fmtR(r.sample.ratio), r.sample.ratio.median <= 1.15],
    ['Overhead ratio, minimal fixture', '≤ 1.15', fmtR(r.fixture.ratio), r.fixture.ratio.median <= 1.15],
    [
      'Time to ready (listen → first successful probe), sample-app',
      '≤ 100 ms',
      fmtMs(r.sample.listenToProbe),
      r.sample.listenToProbe.median <= 100,
    ],
    [
      'Time to ready (listen → first successful probe), fixture',
      '≤ 100 ms',
      fmtMs(r.fixture.listenToProbe),
      r.fixture.listenToProbe.median <= 100,
    ],
    ['Fail-fast (container exit → verdict)', '≤ 2 s', fmtMs(r.fail.verdict), r.fail.verdict.median <= 2000],
    ['Cold start of dist/index.js (spawn → first output)', '≤ 250 ms', fmtMs(r.cold.action), r.cold.action.median <= 250],
    ['Push ratio (build + push)', '≤ 1.10', fmtR(r.push.ratio), r.push.ratio.median <= 1.1],
    ['Push ratio (build + push), secret-scan issue target', '≤ 1.5', fmtR(r.push.ratio), r.push.ratio.median <= 1.5],
    ...(r.scan ? scanTargets(r.scan) : []),
  ] as const;
  const L = r.load;
  return [
    '# Benchmarks',
    '',
    'What the pipeline costs against doing the same work with bare Docker, measured by `npm run bench`',
    '([bench/run.ts](../bench/run.ts)). Both sides of every ratio run in the same invocation, interleaved (A B B A …),',
    'after one uncounted warm-up run of each side (warm layer cache). Figures are the median over the runs, with',
    'min–max in parentheses. Nothing here is asserted by a test: these are measurements of one machine.',
    '',
    `Last run: ${started.toISOString()}, ${s.runs} runs per measurement, ${Math.round(secs)} s in all, on`,
    '',
    ...mach,
    '',
    'Reproduce (from a clean clone, after `bash scripts/setup/all.sh` and `npm ci`):',
    '',
    '```sh',
    command,
    '```',
    '',
    '## Targets',
    '',
    '| measure | target | result | |',
    '|---|---|---|---|',
    ...targets.map(([m, t, v, ok]) => `| ${m} | ${t} | ${v} | ${mark(ok)} |`),
    '',
    ...(limits.length ? ['### What limits the missed targets', '', ...limits, ''] : []),
    '## 1. Overhead against bare Docker',
    '',
    '**Pipeline side**: `node dist/cli/index.js run -q` (no push): git metadata and version.json, `docker buildx build',
    '--load` with the OCI labels, the static rules (image inspect, `docker create` + `docker cp` of three files, the',
    'DF106 layer scan when secret values are configured) alongside the smoke stage (network, sidecar, app with',
    '`$PORT`, `docker wait` and `docker logs -f` watchers, /__lbheartbeat__ poll every 50 ms, /__heartbeat__,',
    '/__version__, DF205: stop the sidecar and poll until /__heartbeat__ is 5xx, DF207 `docker stop -t 10`, `docker rm`),',
    'the test command, cleanup by label and the out-dir files.',
    '',
    '**Bare side**, in the same process that times it, every docker argv from the builders the pipeline runs',
    '([bench/bare.ts](../bench/bare.ts), `src/docker/`): write the same version.json into the context, `docker buildx',
    'build --load` with the same labels, [`docker network create` + `docker run -d` of the sidecar], `docker run -d`',
    'with the same env and a `$PORT`, `docker inspect` for the published port, a poll of /__lbheartbeat__ every 50 ms',
    'until 200, /__heartbeat__ (retried every 250 ms until 200) with /__version__, [`docker stop` of the sidecar and a',
    'poll every 100 ms until /__heartbeat__ is 5xx], `docker stop -t 10`, `docker rm -f`, [`docker start` of the',
    'sidecar, `docker run --rm IMAGE test`, `docker rm -f` of the sidecar, `docker network rm`]. Bracketed steps are',
    'sample-app only; the fixture has no sidecar and no test command, and its bare side creates no network (it runs on',
    "docker's default bridge; the pipeline creates one anyway: that is counted as overhead).",
    '',
    ...[r.sample, r.fixture].flatMap((o) => [
      `### ${o.name}`,
      '',
      '| | median (min–max) |',
      '|---|---|',
      `| pipeline | ${fmtS(o.pipeline)} |`,
      `| bare | ${fmtS(o.bare)} |`,
      `| ratio pipeline / bare (per pair) | ${fmtR(o.ratio)} |`,
      '',
      'Per-stage timings of the pipeline runs (`timings` in dockerflow-report.json; inspect runs alongside smoke,',
      '`ready` is from `docker run` returning to the first 200 from /__lbheartbeat__):',
      '',
      ...stageTable(o.stages),
      '',
    ]),
    '## 2. Time to ready',
    '',
    "Measured on the app's side, from its own log as the pipeline captured it in build.log: the `Timestamp` of its",
    '`server.listening` line (logged in the `listen()` callback, the first moment a connection can be accepted) to',
    "the `Timestamp` of the `request.summary` of the first /__lbheartbeat__ answered 200 — the pipeline's first",
    'successful probe. Both stamps come from the same clock, inside the container. The pipeline polls every 50 ms,',
    'so the expected figure is up to one interval plus the request.',
    '',
    `| app | listen → first successful probe | \`timings.ready\` (docker run → first 200) |`,
    '|---|---|---|',
    `| sample-app | ${fmtMs(r.sample.listenToProbe)} | ${fmtMs(r.sample.ready)} |`,
    `| minimal fixture | ${fmtMs(r.fixture.listenToProbe)} | ${fmtMs(r.fixture.ready)} |`,
    '',
    '## 3. Fail-fast',
    '',
    'Fixture `__tests__/fixtures/apps/smoke-crash` exits with code 3 1.5 s after it starts, before it listens. From',
    "the engine's `die` event for the app container (`docker events`, daemon clock = this machine's clock) to the",
    'moment the CLI prints its verdict line (after the DF208 row, cleanup and the report).',
    '',
    '| | median (min–max) |',
    '|---|---|',
    `| exit → verdict printed | ${fmtMs(r.fail.verdict)} |`,
    `| exit → seen by the pipeline (DF208 message) | ${fmtMs(r.fail.seen)} |`,
    `| whole CLI run | ${fmtS(r.fail.total)} |`,
    '',
    '## 4. Cold start',
    '',
    'From spawning `node` to the first byte it writes, in an empty directory with no `GITHUB_*`/`INPUT_*` variables',
    '(the action starts, reads its inputs and reports the missing Dockerfile).',
    '',
    '| | median (min–max) | size |',
    '|---|---|---|',
    `| \`node dist/index.js\` (the action) | ${fmtMs(r.cold.action)} | ${mib(r.cold.sizes['dist/index.js']!)} |`,
    `| \`node dist/cli/index.js --help\` | ${fmtMs(r.cold.cli)} | ${mib(r.cold.sizes['dist/cli/index.js']!)} |`,
    `| \`node -e 'console.log(1)'\` (Node itself) | ${fmtMs(r.cold.node)} | |`,
    '',
    '## 5. Push',
    '',
    '**Pipeline side**: `node dist/cli/index.js run -q --push true --registry 127.0.0.1:5000 --username … --password-stdin',
    `--checks-ignore ${RUNTIME_RULES.join(',')}\` on sample-app: git metadata, \`docker login\` into a private`,
    'DOCKER_CONFIG, the build, the static rules DF101–DF107 (including the DF106 scan: the registry password is a',
    'secret value), `docker tag` + `docker push`, and the verification that reads the manifest and config back from the',
    'registry and compares them with the built image. The run-time rules are skipped here: section 1 measures them.',
    '',
    '**Bare side**: `docker login --password-stdin` into a private DOCKER_CONFIG, `docker buildx build --load` (as in',
    'section 1), `docker push`, `docker logout`.',
    '',
    'Each run pushes to a new repository; one uncounted push of each side first puts the layers in the registry, so',
    'the measured pushes upload the new config and manifest and mount the existing layers.',
    '',
    '| | median (min–max) |',
    '|---|---|',
    `| pipeline | ${fmtS(r.push.pipeline)} |`,
    `| bare | ${fmtS(r.push.bare)} |`,
    `| ratio pipeline / bare (per pair) | ${fmtR(r.push.ratio)} |`,
    '',
    ...stageTable(r.push.stages),
    '',
    '## 6. sample-app under load',
    '',
    `sample-app (the image built above) with its postgres:15 sidecar, \`LOG_LEVEL=warning\`, published on 127.0.0.1; a`,
    `closed loop of ${s.concurrency} concurrent keep-alive clients (undici) for ${s.loadS} s per path, after a ${s.loadS} s`,
    'warm-up on /__lbheartbeat__. /__heartbeat__ runs its database check on every request.',
    '',
    '| path | requests | req/s | p50 | p99 | errors |',
    '|---|---|---|---|---|---|',
    ...L.results.map(
      (x) => `| ${x.path} | ${x.requests} | ${x.rps.toFixed(0)} | ${x.p50.toFixed(2)} ms | ${x.p99.toFixed(2)} ms | ${x.errors} |`,
    ),
    '',
    `Image size: ${mib(L.imageSize)}, of which the node:24-slim base is ${mib(L.baseSize)} (+${mib(L.imageSize - L.baseSize)}).`,
    '',
    ...(r.scan ? renderSecretScan(r.scan, s.runs) : []),
    ...(r.platforms ? renderPlatforms(r.platforms) : []),
  ].join('\n');
}
