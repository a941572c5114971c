import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Runner } from '../exec/runner.js';
import type { GitContext } from '../git/context.js';
import type { VersionObject } from '../git/version.js';
import type { BuildLog } from '../log/build-log.js';
import type { Redactor } from '../secrets/redactor.js';
import type { Ui } from '../ui/ui.js';

/** What every stage gets: the validated config and the run's shared tools. */
export interface RunContext {
  config: Config;
  ui: Ui;
  log: BuildLog;
  runner: Runner;
  redactor: Redactor;
  /** Unique per run: names and labels every container and network, so parallel runs never collide. */
  runId: string;
  env: NodeJS.ProcessEnv;
  /** Remember a value for the action's post step (logout); unset in the CLI. */
  saveState?: (name: string, value: string) => void;
  /**
   * Synchronous steps that put the user's files back (version.json in the build context) while they are due:
   * the pipeline runs them when its stage ends, a signal handler when the run is interrupted first.
   */
  undo: Set<() => void>;
  /**
   * The run's own scratch folder (its build-context view, the image ID file): under RUNNER_TEMP in Actions, the
   * system temp folder otherwise. Removed when the run ends; by the post step when main was killed.
   */
  workDir: string;
  /** Aborted (with an `Interrupted` reason) on SIGINT/SIGTERM: the pipeline stops the stage it is in and reports. */
  abort: AbortController;
}

/** Why a run stopped: a signal, not a failure of the app or of this tool. */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = 'Interrupted';
  }
}

/** The run's scratch folder for `runId`: one place, so the post step finds what main left. */
export function workDirFor(env: NodeJS.ProcessEnv, runId: string, tmp: string): string {
  return path.join(env.RUNNER_TEMP || tmp, `dockerflow-${runId}`);
}

export function newRunId(): string {
  return `df-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** What the run will tag, and whether it pushes, with the reason in words for the summary (publish/policy.ts plans it). */
export interface PushPlan {
  /** Full refs the image is tagged with (pushed when `push`). */
  refs: string[];
  push: boolean;
  reason: string;
  /** `push: by-digest`: the image goes to each ref's repository untagged, by its manifest digest; the tags wait for merge. */
  byDigest?: boolean;
}

/** prepare → build */
export interface Prepared {
  git: GitContext;
  version: VersionObject;
  /** The exact bytes written to version.json. */
  versionJson: string;
  plan: PushPlan;
}

/** build → inspect, smoke, test, publish */
export interface Built {
  /**
   * The engine's own ID for the image, which every docker command takes: the config digest on the classic image
   * store, the manifest or index digest on the containerd store. Never written out as "the image ID".
   */
  imageId: string;
  /** sha256 of the image config: the content of docker-image-shasum256.txt, the same on every store (docs/engines.md). */
  configDigest: string;
  /** The image manifest's digest as the engine holds it (containerd store); null on the classic store. */
  manifestDigest: string | null;
  /** Local tags given at build time (the refs that may be pushed). */
  refs: string[];
  builder: 'buildx' | 'classic';
  /**
   * A tag of this run alone (`<image>:<run id>`), removed when the run ends. It keeps the image while concurrent
   * runs move the shared tags: the containerd image store deletes an image whose last tag moved to another one.
   */
  runRef?: string;
  /**
   * Every platform built, in the order of `platforms`, when there are several (one multi-platform image on the
   * containerd store; `configDigest` and `manifestDigest` above are then the first platform's). Unset for one.
   */
  platforms?: PlatformImage[];
  /** In a per-platform view (`platformViews`): the platform every docker command of the stage names with --platform. */
  platform?: PlatformImage;
}

/** One platform of a multi-platform build. */
export interface PlatformImage {
  /** `os/arch[/variant]` as given in `platforms`. */
  platform: string;
  /** The platform's image manifest digest: the engine's ID for it (`docker image inspect --platform`). */
  manifestDigest: string;
  configDigest: string;
  /** Not this machine's CPU: its containers run under QEMU emulation (binfmt_misc). */
  emulated: boolean;
}

/**
 * The image as each platform's stages see it: the build itself for one platform; for several, one view per
 * platform, its digests that platform's (the engine's ID stays the image's: every command adds --platform).
 */
export function platformViews(built: Built): Built[] {
  if (!built.platforms) return [built];
  return built.platforms.map((p) => ({ ...built, configDigest: p.configDigest, manifestDigest: p.manifestDigest, platform: p }));
}
