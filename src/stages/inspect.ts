import path from 'node:path';
import { buildChecks } from '../inspect/build-checks.js';
import { inspectImage, readImageFiles } from '../inspect/image.js';
import { buildxVersionLine } from '../docker/buildx.js';
import { baseImageOf } from '../inspect/base-image.js';
import { parseDockerfile } from '../inspect/dockerfile.js';
import { baseToSkip, inspectPair, scanImage, type ScanResult } from '../inspect/layer-scan.js';
import { dedupeHits, secretNeedles } from '../inspect/needles.js';
import { scanSummary, STATIC_RULES, type StaticFacts } from '../inspect/static-rules.js';
import type { Built, Prepared, RunContext } from '../run/context.js';
import { rulesOf, type CheckResult } from '../rules/catalogue.js';
import { namedSecrets, secretBuildArgs } from '../config/config.js';
import { versionIgnoredBy } from '../inspect/dockerignore.js';

/**
 * DF101–DF109: the Dockerfile and the built image, judged without running anything inside the image. The DF106
 * scan starts at once (alongside the smoke stage) and its own time goes into `timings['secret-scan']`.
 */
export async function inspect(ctx: RunContext, prepared: Prepared, built: Built, timings?: Record<string, number>): Promise<CheckResult[]> {
  const { config } = ctx;
  // BuildKit's own checks need only the Dockerfile: they run beside the image inspection.
  // Rules in checks-ignore are left out: the report's rows say they were ignored (rules/catalogue.ts reportRows).
  const buildkit = config.checksIgnore.has('DF108')
    ? Promise.resolve(null)
    : buildxVersionLine(ctx.runner).then((line) => buildChecks(ctx, line));
  buildkit.catch(() => undefined);
  const wanted = STATIC_RULES.filter(([id]) => !config.checksIgnore.has(id));
  if (wanted.length === 0) return inStageOrder([await buildkit]);

  // Secret values to look for in the image: every value we mask, build secrets first.
  const named = namedSecrets(config);
  // The image config is JSON: a value with `"` or `\` sits there escaped (`RUN |1 NPM_TOKEN=…` in the history).
  const needles = secretNeedles(named, (v) => [v, JSON.stringify(v).slice(1, -1)]);
  const scanning = !config.checksIgnore.has('DF106') && needles.length > 0;
  // One platform of several: every docker command names it, and the scan reads that platform's layers.
  const platform = built.platform?.platform;
  if (scanning) {
    ctx.ui.info(
      `Scanning the image for ${named.length} secret value(s): ${config.secretScan === 'all' ? 'every layer' : 'the layers this build wrote'}, the config and the history`,
    );
  }
  const scanCtx = { runner: ctx.runner, log: (line: string) => ctx.log.line(line) };
  const t0 = performance.now();
  const request = scanning
    ? {
        imageId: built.imageId,
        needles: needles.map((n) => n.value),
        base: baseImageOf(config.file, config.target, config.buildArgs),
        mode: config.secretScan,
      }
    : null;
  // One `docker image inspect` of the image (and the base whose layers are skipped) serves the rules and the scan.
  const inspected = request ? inspectPair(scanCtx, built.imageId, baseToSkip(request), platform) : undefined;
  const scan = async (): Promise<ScanResult> => {
    try {
      return await scanImage(scanCtx, { ...request!, ...(inspected ? { inspected } : {}) });
    } finally {
      if (timings) timings[`secret-scan${platform ? ` ${platform}` : ''}`] = Math.round(performance.now() - t0);
    }
  };

  const [image, files, secretScan] = await Promise.all([
    inspectImage(
      ctx,
      built.imageId,
      inspected?.then(([image]) => image),
      platform,
    ),
    readImageFiles(ctx, built.imageId, ['/etc/passwd', '/etc/group', '/app/version.json'], platform),
    scanning ? scan() : Promise.resolve(null),
  ]);
  if (secretScan) ctx.log.line(`DF106 scan: ${scanSummary(secretScan.stats)}`);
  // No /app/version.json: did `COPY . .` put it under another WORKDIR (node's /usr/src/app, /code)?
  const versionFile = files.get('/app/version.json') ?? null;
  const elsewhere =
    versionFile === null && image.workingDir && image.workingDir !== '/app' ? path.posix.join(image.workingDir, 'version.json') : null;
  const versionElsewhere =
    elsewhere &&
    (await readImageFiles(ctx, built.imageId, [elsewhere], platform).catch(() => new Map<string, string | null>())).get(elsewhere) != null
      ? elsewhere
      : null;
  const facts: StaticFacts = {
    image,
    dockerfile: parseDockerfile(config.file, config.target),
    passwd: files.get('/etc/passwd') ?? null,
    group: files.get('/etc/group') ?? null,
    versionFile,
    versionElsewhere,
    expectedVersion: prepared.version,
    secretNames: needles.map((n) => n.name),
    secretHits: secretScan ? dedupeHits(secretScan.hits, needles) : null,
    secretScan: secretScan?.stats ?? null,
    secretBuildArgs: secretBuildArgs(config).map((a) => a.key),
    versionIgnoredBy:
      (files.get('/app/version.json') ?? null) === null
        ? versionIgnoredBy(config.context, config.file, built.builder === 'buildx', (line) => ctx.log.line(line))
        : null,
  };
  return inStageOrder([...wanted.map(([, rule]) => rule(facts)), await buildkit]);
}

/** The inspect stage's rows in the catalogue's order. */
function inStageOrder(rows: (CheckResult | null)[]): CheckResult[] {
  const byId = new Map(rows.filter((r) => r !== null).map((r) => [r.id, r]));
  return rulesOf('inspect').flatMap((id) => byId.get(id) ?? []);
}
