/**
 * What the runs of two platforms (linux/amd64 native, linux/arm64 under QEMU) need here, and their fixture: the
 * multi-platform Dockerfile and entrypoint around the compliant app's own server.js (one copy of the app).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker, engineUp, imageStore } from './docker.js';
import { FIXTURES, ROOT } from './run.js';

export const AMD = 'linux/amd64';
export const ARM = 'linux/arm64';

/** Why a run of both platforms cannot happen here (then the file is skipped, as arm64.test.ts), or false. */
export function multiPlatformMissing(): string | false {
  if (!engineUp()) return 'no Docker engine';
  if (imageStore() !== 'containerd') return 'multi-platform images need the containerd image store';
  try {
    execFileSync('bash', [path.join(ROOT, 'scripts/setup/qemu.sh'), '--check'], { stdio: 'ignore' });
  } catch {
    return 'no QEMU binfmt handler for arm64: run scripts/setup/qemu.sh';
  }
  try {
    docker('image', 'inspect', '--platform', ARM, '--format', '{{.Id}}', 'node:24-slim');
  } catch {
    return 'node:24-slim has no linux/arm64 variant: run scripts/setup/base-images-arm64.sh';
  }
  return false;
}

/** A fresh copy of the fixture's context (the caller removes it); `--build-arg BREAK_ON=aarch64` breaks it on arm64. */
export function multiPlatformContext(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'df-multi-ctx-'));
  cpSync(path.join(FIXTURES, 'apps/multi-platform'), dir, { recursive: true });
  copyFileSync(path.join(FIXTURES, 'apps/compliant/server.js'), path.join(dir, 'server.js'));
  return dir;
}
