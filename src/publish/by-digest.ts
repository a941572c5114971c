/**
 * `push: by-digest`: each platform's image goes to the registry untagged, by its manifest digest, for a merge step
 * (`dockerflow merge`, the reusable workflow's `distribute`) to tag as one index. `docker push` needs a tag, and
 * the docker driver refuses buildx's push-by-digest, so the blobs are uploaded from the engine's content store
 * through the registry API: the bytes docker push would send, under no tag. Each manifest is then read back by its
 * digest and checked against the platform's config digest, as a tagged push is.
 */
import { UserError } from '../config/errors.js';
import { formatDigestRef, parseTagEntry } from '../config/image-ref.js';
import {
  containerdDataRoot,
  findContentStore,
  platformManifest,
  type ContentStore,
  type Descriptor,
  type Source,
} from '../docker/content-store.js';
import { platformName, targetPlatform } from '../docker/platform.js';
import type { Built, RunContext } from '../run/context.js';
import type { RegistrySession } from './login.js';
import { PublishError, sessionClient, type Published } from './published.js';
import { PUSH_BUDGET_MS } from './push.js';
import type { RegistryClient } from './registry-client.js';
import { retryRegistry } from './retry.js';
import { kindOfHttp, verifyPushed } from './verify.js';

const WHY = 'push by-digest: a blob read for its upload';

const classicStore = (): UserError =>
  new UserError(
    'push: by-digest uploads the image from the containerd image store, and this engine uses the classic image store: turn it on (dockerd "features": {"containerd-snapshotter": true}, docs/engines.md) or use push: auto',
    'config',
  );

/** Which image store the engine has, asked before the build: by-digest reads the containerd content store. */
export async function canPushByDigest(ctx: RunContext): Promise<void> {
  if ((await containerdDataRoot(ctx.runner).catch(() => null)) === null) throw classicStore();
}

/** A registry API call of the push, retried as `docker push` is: transient failures, within PUSH_BUDGET_MS. */
function retried<T>(ctx: RunContext, what: string, fn: () => Promise<T>): Promise<T> {
  return retryRegistry(what, fn, {
    say: (line) => ctx.ui.info(line),
    why: (e) => (e as Error).message,
    kindOf: kindOfHttp,
    budgetMs: PUSH_BUDGET_MS,
  });
}

/**
 * Upload every platform of `built` to the repository of each of `refs` (untagged), then read each manifest back
 * by digest. Returns `before` with `repo@digest` refs added, one per platform and repository, in that order.
 */
export async function pushByDigest(
  ctx: RunContext,
  session: RegistrySession,
  built: Built,
  refs: string[],
  before: Published,
): Promise<Published> {
  const out: Published = { ...before, pushed: [...before.pushed], platformDigests: { ...before.platformDigests } };
  const root = await containerdDataRoot(ctx.runner);
  if (root === null) throw classicStore();
  const store = await findContentStore(ctx.runner, root, built.imageId, WHY);
  if (typeof store === 'string') throw new UserError(`push: by-digest cannot find the image's blobs: ${store}`);
  const platforms = built.platforms?.map((p) => ({ name: p.platform, configDigest: p.configDigest })) ?? [
    { name: platformName(ctx.config.platforms), configDigest: built.configDigest },
  ];
  const repositories = new Map<string, { registry: string; repository: string }>();
  for (const ref of refs) {
    const parsed = parseTagEntry(ref, session.registry, ctx.config.image);
    if (!parsed) throw new Error(`cannot parse the planned ref ${ref}`);
    repositories.set(`${parsed.registry}/${parsed.repository}`, parsed);
  }
  const client = sessionClient(ctx, session);
  try {
    for (const p of platforms) {
      const m = await platformManifest(store, built.imageId, p.name);
      if (typeof m === 'string') throw new UserError(`push: by-digest: ${m}`);
      if (m.manifest.config?.digest !== p.configDigest) {
        throw new Error(
          `the engine's ${p.name} manifest ${m.digest} names config ${m.manifest.config?.digest}, the build made ${p.configDigest}`,
        );
      }
      const blobs = [m.manifest.config, ...(m.manifest.layers ?? [])];
      for (const repo of repositories.values()) {
        const display = formatDigestRef(repo, m.digest);
        ctx.ui.info(`Pushing ${p.name} by digest to ${display} (${blobs.length} blobs, no tag)`);
        for (const blob of blobs) await upload(ctx, client, store, repo.repository, blob, display);
        const body = await store.read(m.digest);
        const put = await retried(ctx, `PUT manifest ${display}`, () => client.putManifest(repo.repository, m.digest, m.mediaType, body));
        if (put !== m.digest) throw new Error(`the registry stored the manifest of ${display} as ${put}`);
        const v = await verifyPushed(
          client,
          { repository: repo.repository, tag: m.digest, display },
          p.configDigest,
          targetPlatform([p.name]),
          (line) => ctx.ui.info(line),
        );
        ctx.log.line(`verified ${display} ${p.name}: manifest ${v.manifestDigest}, config ${v.configDigest}`);
        out.pushed.push(display);
        out.platformDigests[p.name] = v.manifestDigest;
        out.digest ??= v.digest;
        out.manifestDigest ??= v.manifestDigest;
      }
    }
  } catch (e) {
    throw new PublishError(e instanceof UserError || !(e instanceof Error) ? (e as Error) : byDigestError(session, e), out);
  } finally {
    await client.close();
  }
  return out;
}

/** One blob into `repository`, unless the registry has it already (a base layer, a second run of the same image). */
async function upload(
  ctx: RunContext,
  client: RegistryClient,
  store: ContentStore,
  repository: string,
  blob: Descriptor,
  display: string,
): Promise<void> {
  if (typeof blob.size !== 'number') throw new Error(`the manifest of ${display} gives no size for ${blob.digest}`);
  await retried(ctx, `uploading ${blob.digest.slice(0, 19)} to ${display}`, async () => {
    if (await client.hasBlob(repository, blob.digest)) return;
    const opened: (Source & { kill?: () => void })[] = [];
    try {
      await client.uploadBlob(repository, blob.digest, blob.size!, () => {
        const src = store.open(blob.digest);
        src.done.catch(() => undefined);
        opened.push(src);
        return src.stream;
      });
    } catch (e) {
      for (const o of opened) o.kill?.();
      throw e;
    }
  });
}

function byDigestError(session: RegistrySession, e: Error): Error {
  if (/\b(401|403)\b|refused/.test(e.message)) {
    return new UserError(
      `registry ${session.registry} refused the by-digest push by user ${session.username} (${e.message}): check that the repository exists and that the token has write access to it`,
    );
  }
  return new UserError(`push: by-digest to ${session.registry} failed: ${e.message}; the full output is in build.log`);
}
