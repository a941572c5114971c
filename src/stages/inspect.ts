import { inspectImage, readImageFiles } from '../inspect/image.js';
import { parseDockerfile } from '../inspect/dockerfile.js';
import { scanImage } from '../inspect/layer-scan.js';
import { STATIC_RULES, type StaticFacts } from '../inspect/static-rules.js';
import type { Built, Prepared, RunContext } from '../pipeline/context.js';
import { check, type CheckResult, type RuleId } from '../rules/catalogue.js';
import { namedSecrets } from '../config/config.js';
import { excludedBy, ignoreFile, type IgnoredBy } from '../inspect/dockerignore.js';

/** DF105: the ignore-file line that kept version.json out of the build context, if one did. */
function versionIgnoredBy(ctx: RunContext, built: Built): IgnoredBy | null {
  const file = ignoreFile(ctx.config.context, ctx.config.file, built.builder === 'buildx');
  if (!file) return null;
  try {
    return excludedBy(file, ctx.config.context, 'version.json');
  } catch (e) {
    ctx.log.line(`cannot read ${file}: ${(e as Error).message}`);
    return null;
  }
}

/** Skip rows for rules the user turned off. */
export function ignoredRow(id: RuleId): CheckResult {
  return check(id, 'skip', 'ignored by checks-ignore');
}

/** DF101–DF107: the Dockerfile and the built image, judged without running anything inside the image. */
export async function inspect(ctx: RunContext, prepared: Prepared, built: Built): Promise<CheckResult[]> {
  const { config } = ctx;
  const wanted = STATIC_RULES.filter(([id]) => !config.checksIgnore.has(id));
  if (wanted.length === 0) return STATIC_RULES.map(([id]) => ignoredRow(id));

  // Secret values to look for in the image: every value we mask, build secrets first.
  const named = namedSecrets(config);
  const scanning = !config.checksIgnore.has('DF106') && named.length > 0;
  if (scanning) {
    ctx.ui.info(`Scanning every layer of the image for ${named.length} secret value(s)`);
    ctx.log.line(`$ docker save ${built.imageId}  # read in memory for DF106, nothing written`);
  }

  const [image, files, secretHits] = await Promise.all([
    inspectImage(ctx, built.imageId),
    readImageFiles(ctx, built.imageId, ['/etc/passwd', '/etc/group', '/app/version.json']),
    scanning
      ? scanImage(
          built.imageId,
          named.map((n) => n.value),
        )
      : Promise.resolve(null),
  ]);
  const facts: StaticFacts = {
    image,
    dockerfile: parseDockerfile(config.file, config.target),
    passwd: files.get('/etc/passwd') ?? null,
    group: files.get('/etc/group') ?? null,
    versionFile: files.get('/app/version.json') ?? null,
    expectedVersion: prepared.version,
    secretNames: named.map((n) => n.name),
    secretHits,
    versionIgnoredBy: (files.get('/app/version.json') ?? null) === null ? versionIgnoredBy(ctx, built) : null,
  };
  return STATIC_RULES.map(([id, rule]) => (config.checksIgnore.has(id) ? ignoredRow(id) : rule(facts)));
}
