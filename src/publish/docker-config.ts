import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDockerHub } from '../config/image-ref.js';

/** The docker CLI's own config dir for this process: $DOCKER_CONFIG or ~/.docker. */
export function userDockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

/** Files already warned about in this process: one warning per malformed file, however often it is read. */
const warned = new Set<string>();

/**
 * The user's docker config.json: null when there is none; a file that is not a JSON object is a warning (the
 * docker CLI refuses it too) and read as none, never silently as `{}`.
 */
function readUserConfig(userDir: string, warn: (message: string) => void): Record<string, unknown> | null {
  const file = path.join(userDir, 'config.json');
  if (!existsSync(file)) return null;
  let why: string;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    why = 'not a JSON object';
  } catch (e) {
    why = (e as Error).message;
  }
  if (!warned.has(file)) {
    warned.add(file);
    warn(
      `the docker config ${file} cannot be read (${why}): this run ignores it, so its logins, credential helpers and settings are not used; fix the file or remove it`,
    );
  }
  return null;
}

/** Keys docker uses in `auths` for a registry (Docker Hub's is the v1 index URL). */
function authKeys(registry: string): string[] {
  return isDockerHub(registry)
    ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io']
    : [registry, `https://${registry}`, `http://${registry}`];
}

/**
 * A private DOCKER_CONFIG for one run: `docker login` writes there, so the user's ~/.docker/config.json is never
 * touched, two jobs on one self-hosted runner never share a login, and logging out is removing the folder.
 *
 * It starts from the user's config (other registries' logins stay usable for base image pulls) without
 * `credsStore` (the login would otherwise land in the user's keychain) and without any entry for the `registries`
 * logged in to.
 * buildx builders, CLI plugins and contexts are linked, so `docker buildx` keeps the builder the job set up.
 */
export function createDockerConfig(
  parent: string,
  userDir: string,
  registries: string | string[],
  warn: (message: string) => void,
): string {
  const dir = mkdtempSync(path.join(parent, 'dockerflow-docker-config-'));
  const config = readUserConfig(userDir, warn) ?? {};
  delete config.credsStore;
  for (const field of ['auths', 'credHelpers']) {
    const map = config[field];
    if (map && typeof map === 'object')
      for (const key of [registries].flat().flatMap(authKeys)) delete (map as Record<string, unknown>)[key];
  }
  writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  for (const sub of ['buildx', 'cli-plugins', 'contexts']) {
    const target = path.join(userDir, sub);
    if (existsSync(target)) symlinkSync(target, path.join(dir, sub));
  }
  return dir;
}

/** Remove a private DOCKER_CONFIG (the links only, never what they point at). */
export function removeDockerConfig(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** How the job's own docker config (before this run) can already log in to a registry: ECR's and GAR's login actions. */
export type ExistingLogin = { kind: 'auth'; username: string; password: string } | { kind: 'helper'; helper: string };

/**
 * A login to `registry` that the job's docker config already holds (an `auths` entry with `auth`, or a
 * `credHelpers` entry), so a push can go there without username/password; null when there is none.
 */
export function existingLogin(userDir: string, registry: string, warn: (message: string) => void): ExistingLogin | null {
  const config = readUserConfig(userDir, warn) as {
    auths?: Record<string, { auth?: string }>;
    credHelpers?: Record<string, string>;
  } | null;
  if (!config) return null;
  for (const key of authKeys(registry)) {
    const auth = config.auths?.[key]?.auth;
    if (auth) {
      const decoded = Buffer.from(auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { kind: 'auth', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    const helper = config.credHelpers?.[key];
    if (helper) return { kind: 'helper', helper };
  }
  return null;
}
