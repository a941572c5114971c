import { inspectImage, readImageFiles } from '../inspect/image.js';
import { parseDockerfile } from '../inspect/dockerfile.js';
import { scanImage, type SecretHit } from '../inspect/layer-scan.js';
import { STATIC_RULES, type StaticFacts } from '../inspect/static-rules.js';
import type { Built, Prepared, RunContext } from '../pipeline/context.js';
import { check, type CheckResult, type RuleId } from '../rules/catalogue.js';
import { namedSecrets, secretBuildArgs } from '../config/config.js';

/** Skip rows for rules the user turned off. */
export function ignoredRow(id: RuleId): CheckResult {
  return check(id, 'skip', 'ignored by checks-ignore');
}

/** DF101–DF108: the Dockerfile and the built image, judged without running anything inside the image. */
export async function inspect(ctx: RunContext, prepared: Prepared, built: Built): Promise<CheckResult[]> {
  const { config } = ctx;
  const wanted = STATIC_RULES.filter(([id]) => !config.checksIgnore.has(id));
  if (wanted.length === 0) return STATIC_RULES.map(([id]) => ignoredRow(id));

  // Secret values to look for in the image: every value we mask, build secrets first.
  const named = namedSecrets(config);
  const scanning = !config.checksIgnore.has('DF106') && named.length > 0;
  // The image config is JSON: a value with `"` or `\` sits there escaped (`RUN |1 NPM_TOKEN=…` in the history).
  const needles = named.flatMap((n) => {
    const escaped = JSON.stringify(n.value).slice(1, -1);
    return escaped === n.value ? [n] : [n, { name: n.name, value: escaped }];
  });
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
          needles.map((n) => n.value),
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
    secretNames: needles.map((n) => n.name),
    secretHits: secretHits && dedupeHits(secretHits, needles),
    secretBuildArgs: secretBuildArgs(config).map((a) => a.key),
  };
  return STATIC_RULES.map(([id, rule]) => (config.checksIgnore.has(id) ? ignoredRow(id) : rule(facts)));
}

/** One hit per secret and place, whichever of its forms was found. */
function dedupeHits(hits: SecretHit[], needles: { name: string }[]): SecretHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${needles[h.needle]?.name}\0${h.where}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
