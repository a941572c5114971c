/**
 * The DF106 layer scan's costs (issue: the secret scan at the cost of what the build wrote). Run on its own
 * (`node --import tsx bench/secret-scan.ts [--runs N]`, prints a Markdown section) (`--sample-only`: A and D) or from `npm run bench`
 * (section 7 of docs/benchmarks.md). Nothing here asserts a time.
 *
 *   A. sample-app, the inspect stage with one secret vs without (CLI runs, run-time rules skipped), per pair.
 *   B. an app layer on a 1.5 GB base image: the scan's own time (the base layers are skipped).
 *   C. 1.5 GB written by the build (1 GiB of random bytes + 512 MiB of base64 text): MB/s of layer data.
 *   D. the matcher alone on 256 MiB in memory, 1 needle vs 3 secrets × 8 forms vs 600 needles.
 *   Each of B and C also once through `docker save`, the path the scan took before and still falls back to.
 *
 * The two big images are built with the classic builder (no BuildKit cache records outlive them) and removed at
 * the end, as is every image tag and out dir this creates.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { scanImage, type ScanResult } from '../src/inspect/layer-scan.js';
import { MultiMatcher } from '../src/inspect/matcher.js';
import { finalBaseImage } from '../src/inspect/base-image.js';
import { Runner } from '../src/exec/runner.js';
import { dockerArgv } from '../src/docker/commands.js';
import { BuildLog } from '../src/log/build-log.js';
import { Redactor } from '../src/secrets/redactor.js';
import { CliUi } from '../src/ui/cli-ui.js';
import { fmtMbps, fmtMs, fmtR, localEnv, logger, mark, ROOT, RUNTIME_RULES, SAMPLE, sh, stats, type Stats } from './common.js';

const log = logger('scan-bench');

export interface ScanBench {
  sample: { withSecret: Stats; without: Stats; ratio: Stats; scan: Stats };
  baseApp: { scan: Stats; save: Stats; skippedMB: number; scannedMB: number; path: string };
  written: { mbps: Stats; cpuMbps: Stats; catMbps: Stats; scan: Stats; mb: number; saveMbps: Stats; path: string };
  matcher: { needles: number; mbps: Stats }[];
}

/** `sampleOnly`: A and D alone (no 1.5 GB image). */
export async function benchSecretScan(runs: number, o: { sampleOnly?: boolean } = {}): Promise<ScanBench> {
  const id = `dfscan-${randomBytes(3).toString('hex')}`;
  const dirs: string[] = [];
  const images: string[] = [];
  const tmp = (p: string): string => {
    const d = mkdtempSync(path.join(os.tmpdir(), `${id}-${p}-`));
    dirs.push(d);
    return d;
  };
  // The scan's docker commands go through a runner, as in a run; its build.log is thrown away with the temp dirs.
  const scanLog = new BuildLog(tmp('log'), new Redactor());
  const ctx = { runner: new Runner(scanLog, new CliUi(), new Redactor()), log: () => undefined };
  try {
    // D: the matcher alone.
    const data = Buffer.concat([randomBytes(128 << 20), Buffer.from(randomBytes(96 << 20).toString('base64')).subarray(0, 128 << 20)]);
    const secret = (): string => randomBytes(18).toString('base64url');
    const forms = (v: string): string[] => [
      v,
      Buffer.from(v).toString('base64'),
      Buffer.from(`x:${v}`).toString('base64'),
      encodeURIComponent(v),
      JSON.stringify(v).slice(1, -1),
      Buffer.from(v).toString('hex'),
      v.toUpperCase(),
      `${v}\n`,
    ];
    const sets = [[secret()], [secret(), secret(), secret()].flatMap(forms), Array.from({ length: 75 }, secret).flatMap(forms)];
    const matcher = sets.map((needles) => {
      const m = new MultiMatcher(needles);
      m.scan(data.subarray(0, 16 << 20), new Set()); // warm-up: the JIT
      const xs: number[] = [];
      for (let r = 0; r < Math.max(3, runs); r++) {
        const cpu0 = process.cpuUsage();
        m.scan(data, new Set());
        const cpu = process.cpuUsage(cpu0);
        xs.push(data.length / 1e6 / ((cpu.user + cpu.system) / 1e6));
      }
      return { needles: needles.length, mbps: stats(xs) };
    });
    log(`matcher: ${matcher.map((x) => `${x.needles} needle(s) ${x.mbps.median.toFixed(0)} MB/s`).join(', ')}`);

    // A: sample-app, inspect with one secret vs without.
    const cli = async (withSecret: boolean): Promise<{ inspect: number; scan: number }> => {
      const out = tmp('out');
      const args = [
        '--import',
        'tsx',
        path.join(ROOT, 'src/entry/cli.ts'),
        'run',
        '-q',
        '--context',
        SAMPLE,
        '--image',
        `${id}/sample-app`,
        '--out',
        out,
        '--checks-ignore',
        RUNTIME_RULES.join(','),
      ];
      if (withSecret) args.push('--secret', `token=${randomBytes(12).toString('hex')}`);
      await sh([process.execPath, ...args], { env: localEnv(), allowFailure: true });
      const report = JSON.parse(readFileSync(path.join(out, 'dockerflow-report.json'), 'utf8')) as {
        verdict: string;
        image: { id: string | null; tags: string[] };
        timings: Record<string, number>;
        checks: { id: string; message: string }[];
      };
      if (report.image.id) images.push(report.image.id);
      images.push(...report.image.tags);
      if (report.verdict !== 'pass')
        throw new Error(`sample-app run gave ${report.verdict}: ${report.checks.map((c) => c.message).join('; ')}`);
      return { inspect: report.timings.inspect ?? NaN, scan: report.timings['secret-scan'] ?? NaN };
    };
    log('A: sample-app warm-up');
    await cli(true);
    await cli(false);
    const w: { inspect: number; scan: number }[] = [];
    const wo: number[] = [];
    for (let r = 1; r <= runs; r++) {
      for (const side of r % 2 ? [true, false] : [false, true]) {
        if (side) w.push(await cli(true));
        else wo.push((await cli(false)).inspect);
      }
      log(`A: run ${r}/${runs}: inspect ${w.at(-1)!.inspect} ms with a secret (scan ${w.at(-1)!.scan} ms), ${wo.at(-1)} ms without`);
    }
    const sample = {
      withSecret: stats(w.map((x) => x.inspect)),
      without: stats(wo),
      ratio: stats(w.map((x, i) => x.inspect / wo[i]!)),
      scan: stats(w.map((x) => x.scan)),
    };
    if (o.sampleOnly) {
      const none = stats([]);
      return {
        sample,
        baseApp: { scan: none, save: none, skippedMB: 0, scannedMB: 0, path: 'not run' },
        written: { mbps: none, cpuMbps: none, catMbps: none, scan: none, mb: 0, saveMbps: none, path: 'not run' },
        matcher,
      };
    }

    // B and C: the 1.5 GB image and an app on it.
    const big = `${id}/big:1`;
    const appRef = `${id}/app:1`;
    const bigCtx = tmp('big');
    writeFileSync(
      path.join(bigCtx, 'Dockerfile'),
      'FROM debian:bookworm-slim\nRUN head -c 1073741824 /dev/urandom > /random.bin && head -c 402653184 /dev/urandom | base64 -w 76 > /text.b64\n',
    );
    const appCtx = tmp('app');
    writeFileSync(path.join(appCtx, 'server.js'), readFileSync(path.join(ROOT, '__tests__/fixtures/apps/compliant/server.js')));
    writeFileSync(path.join(appCtx, 'Dockerfile'), `FROM ${big}\nWORKDIR /app\nCOPY server.js /app/server.js\n`);
    log('B/C: building the 1.5 GB image (classic builder)');
    const classic = { ...process.env, DOCKER_BUILDKIT: '0' };
    images.push(big, appRef);
    await sh(['docker', 'build', '-q', '-t', big, bigCtx], { env: classic });
    await sh(['docker', 'build', '-q', '-t', appRef, appCtx], { env: classic });
    const needles = [secret(), secret(), secret()].flatMap(forms);
    const scan = (ref: string, dockerfile: string, forceSave = false): Promise<ScanResult> =>
      scanImage(ctx, { imageId: ref, needles, base: finalBaseImage(dockerfile, '', []), mode: 'new', forceSave });
    const bS: number[] = [];
    const bSave: number[] = [];
    const cS: number[] = [];
    const cMbps: number[] = [];
    const cCpu: number[] = [];
    const cCat: number[] = [];
    const cSave: number[] = [];
    const upper = JSON.parse((await sh(dockerArgv.imageInspect([big], '{{json .GraphDriver.Data}}'))).stdout) as {
      UpperDir?: string;
    } | null;
    let bLast: ScanResult | undefined;
    let cLast: ScanResult | undefined;
    for (let r = 1; r <= runs; r++) {
      bLast = await scan(appRef, path.join(appCtx, 'Dockerfile'));
      bS.push(bLast.stats.ms);
      const cpu0 = process.cpuUsage();
      cLast = await scan(big, path.join(bigCtx, 'Dockerfile'));
      const cpu = process.cpuUsage(cpu0);
      cS.push(cLast.stats.ms);
      cMbps.push(cLast.stats.bytes.scanned / 1e6 / (cLast.stats.ms / 1000));
      cCpu.push(cLast.stats.bytes.scanned / 1e6 / ((cpu.user + cpu.system) / 1e6));
      // What the machine reads at this moment: cat of the same files to /dev/null (cat reads them; tar would not).
      if (upper?.UpperDir) {
        const t0 = performance.now();
        await sh(['cat', path.join(upper.UpperDir, 'random.bin'), path.join(upper.UpperDir, 'text.b64')], { discardStdout: true });
        cCat.push(1610612736 / 1e6 / ((performance.now() - t0) / 1000));
      }
      log(
        `B: run ${r}/${runs}: ${bLast.stats.ms} ms (${bLast.stats.path}); C: ${cLast.stats.ms} ms, ${cMbps.at(-1)!.toFixed(0)} MB/s wall, ${cCpu.at(-1)!.toFixed(0)} MB/s of CPU time, cat ${cCat.at(-1)?.toFixed(0)} MB/s`,
      );
      if (r === 1) {
        const s1 = await scan(appRef, path.join(appCtx, 'Dockerfile'), true);
        bSave.push(s1.stats.ms);
        const s2 = await scan(big, path.join(bigCtx, 'Dockerfile'), true);
        cSave.push(s2.stats.bytes.scanned / 1e6 / (s2.stats.ms / 1000));
        log(`docker save: B ${s1.stats.ms} ms, C ${cSave.at(-1)!.toFixed(0)} MB/s`);
      }
    }
    return {
      sample,
      baseApp: {
        scan: stats(bS),
        save: stats(bSave),
        skippedMB: bLast!.stats.bytes.skipped / 1e6,
        scannedMB: bLast!.stats.bytes.scanned / 1e6,
        path: bLast!.stats.path,
      },
      written: {
        mbps: stats(cMbps),
        cpuMbps: stats(cCpu),
        catMbps: stats(cCat),
        scan: stats(cS),
        mb: cLast!.stats.bytes.scanned / 1e6,
        saveMbps: stats(cSave),
        path: cLast!.stats.path,
      },
      matcher,
    };
  } finally {
    await scanLog.close();
    for (const ref of [...images].reverse()) await sh(dockerArgv.imageRemove(ref), { allowFailure: true });
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** The targets of the secret-scan issue, as rows of the targets table: measure, target, result, met. */
export function scanTargets(b: ScanBench): [string, string, string, boolean][] {
  return [
    ['DF106 scan: sample-app inspect with a secret / without', '≤ 1.2', fmtR(b.sample.ratio), b.sample.ratio.median <= 1.2],
    ['DF106 scan: app layer on a 1.5 GB base (scan time)', '≤ 1 s', fmtMs(b.baseApp.scan), b.baseApp.scan.median <= 1000],
    ['DF106 scan: 1.5 GB written by the build', '≥ 300 MB/s', fmtMbps(b.written.mbps), b.written.mbps.median >= 300],
  ];
}

export function renderSecretScan(b: ScanBench, runs: number): string[] {
  return [
    '## 7. DF106 secret scan',
    '',
    '[bench/secret-scan.ts](../bench/secret-scan.ts): the scan reads only the layers this build wrote (the final',
    "stage's FROM image's `RootFS.Layers` are skipped), from the engine's overlay2 layer directories (or the",
    "containerd image store's content store), `docker save` being the fallback, and searches every needle in one",
    `pass (bytes read and searched per second of the scan's own wall time). ${runs} runs.`,
    '',
    '| measure | target | result | |',
    '|---|---|---|---|',
    ...scanTargets(b).map(([m, t, v, ok]) => `| ${m} | ${t} | ${v} | ${mark(ok)} |`),
    '',
    '| | median (min–max) |',
    '|---|---|',
    `| A. sample-app \`timings.inspect\` with one secret | ${fmtMs(b.sample.withSecret)} |`,
    `| A. sample-app \`timings.inspect\` without | ${fmtMs(b.sample.without)} |`,
    `| A. sample-app \`timings.secret-scan\` | ${fmtMs(b.sample.scan)} |`,
    `| B. app on a 1.5 GB base: scan (${b.baseApp.path}; ${b.baseApp.scannedMB.toFixed(1)} MB scanned, ${b.baseApp.skippedMB.toFixed(0)} MB skipped) | ${fmtMs(b.baseApp.scan)} |`,
    `| B. the same through \`docker save\` (the whole image streamed) | ${fmtMs(b.baseApp.save)} |`,
    `| C. ${b.written.mb.toFixed(0)} MB written by the build: scan (${b.written.path}) | ${fmtMs(b.written.scan)}, ${fmtMbps(b.written.mbps)} |`,
    `| C. the same: bytes per second of the scan's CPU time (user + system) | ${fmtMbps(b.written.cpuMbps)} |`,
    `| C. \`cat\` of the same files to /dev/null at the same moment (what the machine reads) | ${fmtMbps(b.written.catMbps)} |`,
    `| C. the same through \`docker save\` | ${fmtMbps(b.written.saveMbps)} |`,
    ...b.matcher.map(
      (m) => `| D. matcher alone, ${m.needles} needle(s), 256 MiB in memory (per second of CPU time) | ${fmtMbps(m.mbps)} |`,
    ),
    '',
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'sample-only': { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  const b = await benchSecretScan(runs, { sampleOnly: values['sample-only'] });
  process.stdout.write(`${renderSecretScan(b, runs).join('\n')}\n${JSON.stringify(b, null, 2)}\n`);
}
