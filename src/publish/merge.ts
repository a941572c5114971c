/**
 * The merge of a fan-out: the images each platform's run pushed by digest become one index, pushed under the
 * planned tags (`docker buildx imagetools create`), then read back like any push: every platform's entry must be
 * the manifest that platform's run tested and pushed.
 */
import { UserError } from '../config/errors.js';
import { parseDigestRef, parseTagEntry } from '../config/image-ref.js';
import { imagetoolsCreateArgv } from '../docker/registry-argv.js';
import { targetPlatform } from '../docker/platform.js';
import type { RunContext } from '../run/context.js';
import { failureText, type RegistrySession } from './login.js';
import { PUSH_BUDGET_MS } from './push.js';
import { PublishError, readBack, type Expected, type Published } from './published.js';
import { classifyFailure, retryRegistry } from './retry.js';

/** One platform a by-digest run tested and pushed, as its report says. */
export interface PushedPlatform {
  platform: string;
  configDigest: string;
  manifestDigest: string;
  /** The `repo@digest` refs its run pushed (one per repository). */
  pushed: readonly string[];
}

/** Per repository of `refs`: the tags on it and the by-digest sources of every platform there. */
export function mergePlan(
  refs: readonly string[],
  platforms: readonly PushedPlatform[],
  registry: string,
  image: string,
): { repository: string; tags: string[]; sources: string[]; expected: Expected[] }[] {
  const byRepo = new Map<string, { repository: string; tags: string[]; sources: string[]; expected: Expected[] }>();
  for (const ref of refs) {
    const parsed = parseTagEntry(ref, registry, image);
    if (!parsed) throw new Error(`cannot parse the planned ref ${ref}`);
    const key = `${parsed.registry}/${parsed.repository}`;
    let entry = byRepo.get(key);
    if (!entry) {
      entry = { repository: key, tags: [], sources: [], expected: [] };
      {
        for (const p of platforms) {
          const source = p.pushed.find((r) => {
            const d = parseDigestRef(r, registry);
            return d && `${d.registry}/${d.repository}` === key && d.digest === p.manifestDigest;
          });
          if (!source) {
            const had = p.pushed.join(', ') || 'nothing';
            throw new UserError(
              `merge: ${ref} is on ${key}, and the ${p.platform} run pushed no image there (it pushed ${had}): give the legs and the merge the same image, registry and tags`,
            );
          }
          entry.sources.push(source);
          entry.expected.push({
            name: p.platform,
            platform: targetPlatform([p.platform]),
            configDigest: p.configDigest,
            manifestDigest: p.manifestDigest,
          });
        }
      }
      byRepo.set(key, entry);
    }
    entry.tags.push(ref);
  }
  return [...byRepo.values()];
}

/** Create and push the index on each repository, then read every tag back. */
export async function mergeIndex(
  ctx: RunContext,
  session: RegistrySession,
  refs: readonly string[],
  platforms: readonly PushedPlatform[],
  before: Published,
): Promise<Published> {
  let out = before;
  for (const repo of mergePlan(refs, platforms, session.registry, ctx.config.image)) {
    ctx.ui.info(`Merging ${repo.expected.map((e) => e.name).join(', ')} into one index: ${repo.tags.join(', ')}`);
    try {
      await retryRegistry(
        `docker buildx imagetools create ${repo.tags.join(' ')}`,
        () => session.runner.run(imagetoolsCreateArgv(repo.tags, repo.sources)),
        {
          say: (line) => ctx.ui.info(line),
          why: failureText,
          budgetMs: PUSH_BUDGET_MS,
        },
      );
    } catch (e) {
      const why = failureText(e);
      const fix =
        classifyFailure(why) === 'auth'
          ? `check that user ${session.username} may push to ${repo.repository}`
          : /not found|unknown/i.test(why)
            ? 'a source digest is not in the registry: re-run the platform jobs'
            : 'the full output is in build.log';
      throw new PublishError(new UserError(`merging into ${repo.tags.join(', ')} failed: ${why}; ${fix}`), out);
    }
    out = await readBack(ctx, session, repo.tags, repo.expected, out);
  }
  return out;
}
