import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../config/errors.js';
import { formatRef } from '../config/image-ref.js';
import { CommandError, errorLine } from '../exec/runner.js';
import { buildArgv, buildEnv, buildSettings, type Builder } from '../docker/build-argv.js';
import { tagArgv } from '../docker/registry-argv.js';
import { exportedDigests, imageDigests, platformImages } from '../inspect/image.js';
import { detectBuilder } from '../docker/buildx.js';
import { attestationSupport, BUILDX_INSPECT_ARGV, cannotAttest, DRIVER_STATUS_ARGV, notKept, wants } from '../docker/attest.js';
import type { Built, PlatformImage, Prepared, RunContext } from '../run/context.js';
import { isContainerdStore, targetPlatform } from '../docker/platform.js';
import { storeInfo } from '../docker/commands.js';

export function ociLabels(p: Prepared): { key: string; value: string }[] {
  return [
    { key: 'org.opencontainers.image.source', value: p.version.source },
    { key: 'org.opencontainers.image.revision', value: p.version.commit },
    { key: 'org.opencontainers.image.version', value: p.version.version },
    { key: 'org.opencontainers.image.created', value: new Date().toISOString() },
  ];
}

/** Builds `contextDir` (the run's view of the build context: the user's files and its own version.json). */
export async function build(ctx: RunContext, prepared: Prepared, contextDir = ctx.config.context): Promise<Built> {
  const { config } = ctx;
  const builder = await detectBuilder(ctx.runner);
  if (builder === 'classic') {
    if (config.secrets.length > 0) {
      throw new UserError(
        'build secrets need BuildKit, and the docker buildx plugin is missing: install buildx (docker/setup-buildx-action in a workflow)',
      );
    }
    if (config.cacheTo.length > 0) ctx.ui.warning('cache-to needs the docker buildx plugin; it is ignored by the classic builder');
  }
  if (config.platforms.length > 1) await canHoldPlatforms(ctx, builder);
  // In the run's own folder (under RUNNER_TEMP in Actions), which the post step removes should main be killed.
  mkdirSync(ctx.workDir, { recursive: true });
  const tmp = mkdtempSync(path.join(ctx.workDir, 'build-'));
  const iidFile = path.join(tmp, 'iid');
  const attestations = await canAttest(ctx, builder);
  const runRef = formatRef({ registry: config.registry, repository: config.image, tag: ctx.runId });
  // Built under the run's own tag only, then tagged: concurrent builds exporting one shared tag race in the
  // containerd image store ("image ... already exists"); `docker tag` afterwards just moves it.
  const req = { config, builder, refs: [runRef], labels: ociLabels(prepared), iidFile, contextDir, attestations };
  try {
    ctx.ui.info(`Building ${prepared.plan.refs.join(', ')} with ${builder === 'buildx' ? 'docker buildx' : 'the classic docker builder'}`);
    const run = await ctx.ui.group(`docker build ${path.relative(process.cwd(), config.context) || '.'}`, () =>
      ctx.runner.run(buildArgv(req), { byName: buildEnv(req), env: buildSettings(req), stream: true }),
    );
    const imageId = readFileSync(iidFile, 'utf8').trim();
    if (!/^sha256:[0-9a-f]{64}$/.test(imageId)) throw new Error(`the build wrote an unexpected image ID "${imageId}"`);
    for (const ref of prepared.plan.refs) {
      // The containerd store moves a tag by delete + create: a concurrent run moving it too makes that fail once.
      for (let attempt = 1; ; attempt++) {
        const argv = tagArgv(imageId, ref);
        const r = await ctx.runner.run(argv, { quiet: true, allowFailure: true });
        if (r.exitCode === 0) break;
        if (attempt >= 5 || !/already exists/i.test(r.stderr)) throw new CommandError(argv, r, ctx.redactor);
      }
    }
    const exported = exportedDigests(`${run.stderr}\n${run.stdout}`);
    if (config.platforms.length > 1) {
      // One image holding every platform: each is judged on its own, the first one's digests stand for the image.
      const platforms = await platformImages(ctx, imageId, config.platforms, exported);
      const [first] = platforms as [PlatformImage];
      return {
        imageId,
        configDigest: first.configDigest,
        manifestDigest: first.manifestDigest,
        refs: prepared.plan.refs,
        builder,
        runRef,
        platforms,
      };
    }
    const digests = await imageDigests(ctx, imageId, targetPlatform(config.platforms), exported);
    return { imageId, ...digests, refs: prepared.plan.refs, builder, runRef };
  } catch (e) {
    if (e instanceof CommandError) {
      throw new UserError(
        `docker build of ${config.file} failed (exit ${e.result.exitCode}): ${ctx.redactor.redact(errorLine(e.result.stderr + e.result.stdout) || 'no output')}; the full output is in build.log`,
      );
    }
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Several platforms load as one image only on the containerd image store, through buildx (`--load` of a
 * multi-platform build fails on the classic store): said before anything is built, with the fix.
 */
async function canHoldPlatforms(ctx: RunContext, builder: Builder): Promise<void> {
  const n = ctx.config.platforms.length;
  if (builder === 'classic') {
    throw new UserError(
      `platforms: ${n} platforms need docker buildx, and the buildx plugin is missing: install it (docker/setup-buildx-action in a workflow), or give one platform`,
      'config',
    );
  }
  const info = await storeInfo(ctx.runner);
  if (info !== null && !isContainerdStore(info)) {
    throw new UserError(
      `platforms: ${n} platforms load as one image only on the containerd image store, and this engine uses the classic image store: turn it on (dockerd "features": {"containerd-snapshotter": true}, docs/engines.md) or give one platform`,
      'config',
    );
  }
}

/**
 * Whether the builder can attach the provenance/SBOM attestations asked for; asked only when some are, so a run
 * without them runs no extra command. When it cannot, one warning says what to change.
 */
async function canAttest(ctx: RunContext, builder: Builder): Promise<boolean> {
  const asked = [wants(ctx.config.provenance) ? 'provenance' : '', wants(ctx.config.sbom) ? 'sbom' : ''].filter(Boolean);
  if (asked.length === 0) return false;
  if (builder === 'classic') {
    ctx.ui.warning(
      `${asked.join(' and ')} not attached: attestations need the docker buildx plugin (docker/setup-buildx-action in a workflow)`,
    );
    return false;
  }
  const [inspect, info] = await Promise.all(
    [BUILDX_INSPECT_ARGV, DRIVER_STATUS_ARGV].map((argv) => ctx.runner.run([...argv], { allowFailure: true, quiet: true })),
  );
  const support = attestationSupport(inspect?.stdout ?? '', info?.stdout ?? '');
  if (!support.capable) ctx.ui.warning(cannotAttest(asked, support));
  const lost = notKept(asked, support);
  if (lost) ctx.ui.warning(lost);
  return support.capable;
}
