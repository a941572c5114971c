import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { imageSize } from '../docker/commands.js';
import type { Runner } from '../exec/runner.js';

/** The image's size and its final stage's base image's size, as `docker image inspect` reports them (bytes). */
export interface ImageSizes {
  size?: number;
  base?: { ref: string; size: number };
}

/**
 * The base image of the final (or `target`) stage, followed through `FROM stage` names; null for `scratch`, an
 * `ARG`-built name, or a Dockerfile that cannot be read.
 */
export function baseImageOf(file: string, target: string): string | null {
  let froms;
  try {
    froms = DockerfileParser.parse(readFileSync(file, 'utf8')).getFROMs();
  } catch {
    return null;
  }
  let from = (target ? froms.find((f) => f.getBuildStage() === target) : undefined) ?? froms.at(-1);
  for (let hops = 0; from && hops < froms.length; hops++) {
    const name = from.getImage() ?? '';
    const stage = froms.find((f) => f !== from && f.getBuildStage()?.toLowerCase() === name.toLowerCase());
    if (!stage) return name && name !== 'scratch' && !name.includes('$') ? name : null;
    from = stage;
  }
  return null;
}

/** Sizes for the PR comment; what cannot be read is left out. */
export async function imageSizes(runner: Runner, imageId: string, file: string, target: string): Promise<ImageSizes> {
  const baseRef = baseImageOf(file, target);
  const [size, baseSize] = await Promise.all([imageSize(runner, imageId), baseRef ? imageSize(runner, baseRef) : undefined]);
  return {
    ...(size !== undefined ? { size } : {}),
    ...(baseRef && baseSize !== undefined ? { base: { ref: baseRef, size: baseSize } } : {}),
  };
}
