/**
 * Docker Hub's repository description (the README shown on hub.docker.com), kept in step with a file of the
 * repository, as peter-evans/dockerhub-description does: log in to Hub's API with the registry credentials, then
 * PATCH the repository. Opt-in (`hub-description`, `hub-short-description`), after a verified push to docker.io.
 */
import { Agent, request } from 'undici';
import { readFileSync } from 'node:fs';
import { DOCKER_HUB, hubRepository, normalRegistry, parseTagEntry } from '../config/image-ref.js';
import type { Prepared, RunContext } from '../run/context.js';
import { existingSession, sessionFor, type RegistrySession } from './login.js';

/** Docker Hub's limit for the full description, in bytes. */
export const HUB_FULL_DESCRIPTION_MAX = 25_000;

/** Hub's API; DOCKERFLOW_HUB_API_URL points it elsewhere, for the tests only (a local server speaking it). */
export function hubApiUrl(env: NodeJS.ProcessEnv): string {
  return (env.DOCKERFLOW_HUB_API_URL || 'https://hub.docker.com').replace(/\/+$/, '');
}

/**
 * The Docker Hub repositories whose description a run updates: those of the verified refs on docker.io, none on
 * a pull request. `skip` says why there are none, for the log.
 */
export function hubTargets(pushed: string[], image: string, pullRequest: boolean): { repositories: string[]; skip: string | null } {
  if (pullRequest) return { repositories: [], skip: 'a pull request never updates the Docker Hub description' };
  const repositories = new Set<string>();
  for (const ref of pushed) {
    const parsed = parseTagEntry(ref, DOCKER_HUB, image);
    if (parsed && normalRegistry(parsed.registry) === DOCKER_HUB) repositories.add(hubRepository(parsed.registry, parsed.repository));
  }
  if (repositories.size === 0)
    return { repositories: [], skip: 'nothing was pushed to docker.io, so no Docker Hub description is updated' };
  return { repositories: [...repositories], skip: null };
}

export interface HubDescriptionRequest {
  apiUrl: string;
  username: string;
  password: string;
  /** `namespace/name` on Docker Hub. */
  repository: string;
  fullDescription?: string;
  shortDescription?: string;
  /** Called with the API token the login returns, so the caller can mask it. */
  onSecret?: (value: string) => void;
}

export type HubDescriptionResult = { ok: true } | { ok: false; error: string };

const TIMEOUT_MS = 30_000;

/** Log in to Hub's API and PATCH the repository's descriptions. Never throws: a failure is the result's `error`. */
export async function updateHubDescription(req: HubDescriptionRequest): Promise<HubDescriptionResult> {
  const fail = (error: string): HubDescriptionResult => ({ ok: false, error });
  const host = new URL(req.apiUrl).host;
  if (req.fullDescription !== undefined && Buffer.byteLength(req.fullDescription) > HUB_FULL_DESCRIPTION_MAX) {
    return fail(
      `the description is ${Buffer.byteLength(req.fullDescription)} bytes and Docker Hub takes at most ${HUB_FULL_DESCRIPTION_MAX}: shorten the hub-description file`,
    );
  }
  const agent = new Agent({ headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
  const call = async (
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Record<string, unknown> | null; text: string }> => {
    const res = await request(`${req.apiUrl}${path}`, {
      method,
      dispatcher: agent,
      headers: { 'content-type': 'application/json', 'user-agent': 'dockerflow-action', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.body.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = null;
    }
    return { status: res.statusCode, json, text };
  };
  const detail = (r: { json: Record<string, unknown> | null; text: string }): string => {
    const m = r.json?.message ?? r.json?.detail ?? r.json?.details;
    const s = (typeof m === 'string' ? m : r.text).replace(/\s+/g, ' ').trim().slice(0, 200);
    return s ? `: ${s}` : '';
  };
  try {
    const login = await call('POST', '/v2/users/login/', { username: req.username, password: req.password });
    const token = login.json?.token;
    if (login.status !== 200 || typeof token !== 'string' || !token) {
      if (login.status === 401 || login.status === 403) {
        return fail(
          `Docker Hub (${host}) refused the login of user ${req.username} (${login.status}${detail(login)}): check the username and the password or access token`,
        );
      }
      return fail(`the Docker Hub login at ${host} answered ${login.status}${detail(login)}; the description is not updated`);
    }
    req.onSecret?.(token);
    const body: Record<string, string> = {};
    if (req.fullDescription !== undefined) body.full_description = req.fullDescription;
    if (req.shortDescription !== undefined) body.description = req.shortDescription;
    const patch = await call('PATCH', `/v2/repositories/${req.repository}/`, body, { authorization: `Bearer ${token}` });
    if (patch.status === 200) return { ok: true };
    if (patch.status === 401 || patch.status === 403) {
      return fail(
        `Docker Hub refused to update the description of ${req.repository} for user ${req.username} (${patch.status}${detail(patch)}): an access token needs the Read, Write, Delete scope for this (Read & Write can push but not edit the repository)`,
      );
    }
    if (patch.status === 404) return fail(`Docker Hub has no repository ${req.repository} (404) to describe`);
    return fail(`Docker Hub answered ${patch.status}${detail(patch)} updating the description of ${req.repository}`);
  } catch (e) {
    const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
    return fail(
      `cannot reach Docker Hub's API at ${host}: ${[err.code ?? err.cause?.code, err.cause?.message ?? err.message].filter(Boolean).join(' ')}`,
    );
  } finally {
    await agent.close();
  }
}

/**
 * Docker Hub's repository description, after a verified push to docker.io, when asked for: never on pull
 * requests, and a failure is a warning (the image is pushed; the description is not worth failing the run).
 */
export async function describeOnHub(ctx: RunContext, prepared: Prepared, session: RegistrySession | null, pushed: string[]): Promise<void> {
  const { hubDescription, hubShortDescription } = ctx.config;
  const { repositories, skip } = hubTargets(pushed, ctx.config.image, !!prepared.git.pullRequest);
  if (skip) {
    ctx.ui.info(`hub-description: ${skip}`);
    return;
  }
  const hub = (session && sessionFor(session, 'docker.io')) ?? (await existingSession(ctx, session, 'docker.io'));
  if (!hub?.password) {
    ctx.ui.warning("hub-description: no docker.io username/password to log in to Docker Hub's API with, so the description is not updated");
    return;
  }
  const fullDescription = hubDescription ? readFileSync(hubDescription, 'utf8') : undefined;
  for (const repository of repositories) {
    const result = await updateHubDescription({
      apiUrl: hubApiUrl(ctx.env),
      username: hub.username,
      password: hub.password,
      repository,
      fullDescription,
      shortDescription: hubShortDescription || undefined,
      onSecret: (token) => {
        ctx.redactor.add(token);
        ctx.ui.setSecret(token);
      },
    });
    if (result.ok) ctx.ui.info(`Updated the Docker Hub description of ${repository}`);
    else ctx.ui.warning(`hub-description: ${result.error}`);
  }
}
