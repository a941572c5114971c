import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../config/errors.js';
import { formatRef } from '../config/image-ref.js';
import { CommandError, errorLine } from '../exec/runner.js';
import { buildArgv, buildEnv, buildSettings, ociLabels } from '../docker/build-argv.js';
import { tagImage } from '../docker/commands.js';
import { exportedDigests, imageDigests, platformImages } from '../inspect/image.js';
import { detectBuilder } from '../docker/buildx.js';
import { canAttest } from '../docker/attest.js';
import { canPushByDigest } from '../publish/by-digest.js';
import type { Built, PlatformImage, Prepared, RunContext } from '../run/context.js';
import { canHoldPlatforms, targetPlatform } from '../docker/platform.js';

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
  if (config.platforms.length > 1) await canHoldPlatforms(ctx.runner, builder, config.platforms.length);
  if (prepared.plan.push && prepared.plan.byDigest) await canPushByDigest(ctx);
  // In the run's own folder (under RUNNER_TEMP in Actions), which the post step removes should main be killed.
  mkdirSync(ctx.workDir, { recursive: true });
  const tmp = mkdtempSync(path.join(ctx.workDir, 'build-'));
  const iidFile = path.join(tmp, 'iid');
  const attestations = await canAttest(ctx.runner, config, builder, (m) => ctx.ui.warning(m));
  const runRef = formatRef({ registry: config.registry, repository: config.image, tag: ctx.runId });
  // Built under the run's own tag only, then tagged: concurrent builds exporting one shared tag race in the
  // containerd image store ("image ... already exists"); `docker tag` afterwards just moves it.
  const req = { config, builder, refs: [runRef], labels: ociLabels(prepared.version), iidFile, contextDir, attestations };
  try {
    ctx.ui.info(`Building ${prepared.plan.refs.join(', ')} with ${builder === 'buildx' ? 'docker buildx' : 'the classic docker builder'}`);
    const run = await ctx.ui.group(`docker build ${path.relative(process.cwd(), config.context) || '.'}`, () =>
      ctx.runner.run(buildArgv(req), { byName: buildEnv(req), env: buildSettings(req), stream: true }),
    );
    const imageId = readFileSync(iidFile, 'utf8').trim();
    if (!/^sha256:[0-9a-f]{64}$/.test(imageId)) throw new Error(`the build wrote an unexpected image ID "${imageId}"`);
    for (const ref of prepared.plan.refs) await tagImage(ctx.runner, imageId, ref);
    const exported = exportedDigests(`${run.stderr}\n${run.stdout}`);
    if (config.platforms.length > 1) {
      // One image holding every platform: each is judged on its own, the first one's digests stand for the image.
      const platforms = await platformImages(ctx, imageId, config.platforms, exported);
      const [first] = platforms as [PlatformImage];
      const { configDigest, manifestDigest } = first;
      return { imageId, configDigest, manifestDigest, refs: prepared.plan.refs, builder, runRef, platforms };
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
