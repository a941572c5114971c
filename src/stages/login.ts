import os from 'node:os';
import {
  checkPushable,
  completeCredentials,
  dockerLogin,
  logoutAll,
  normalHost,
  refHost,
  wantsLogin,
  type RegistryLogin,
  type RegistrySession,
} from '../publish/login.js';
import { createDockerConfig, removeDockerConfig, userDockerConfigDir } from '../publish/docker-config.js';
import type { Prepared, RunContext } from '../run/context.js';

/**
 * `docker login` to every registry the inputs give credentials for, into one private DOCKER_CONFIG, before the
 * build. Passwords go to stdin, never argv. A failed login to a registry a due push goes to fails the run;
 * otherwise it is a warning and the run goes on without that login.
 */
export async function login(ctx: RunContext, prepared: Prepared): Promise<RegistrySession | null> {
  checkPushable(ctx, prepared);
  if (!wantsLogin(ctx, prepared)) return null;
  const credentials = completeCredentials(ctx);
  if (credentials.length === 0) return null;
  const pushHosts = new Set(prepared.plan.push ? prepared.plan.refs.map(refHost) : []);
  const dockerConfig = createDockerConfig(
    ctx.env.RUNNER_TEMP || os.tmpdir(),
    userDockerConfigDir(ctx.env),
    credentials.map((c) => c.registry),
    (m) => ctx.ui.warning(m),
  );
  const cleanupOnExit = (): void => removeDockerConfig(dockerConfig);
  process.once('exit', cleanupOnExit);
  ctx.saveState?.('dockerConfig', dockerConfig);
  // The session's own runner: the run's, with the private DOCKER_CONFIG (the run's runner keeps its env).
  const runner = ctx.runner.withEnv({ DOCKER_CONFIG: dockerConfig });
  const logins: RegistryLogin[] = [];
  const giveUp = (): void => {
    removeDockerConfig(dockerConfig);
    process.off('exit', cleanupOnExit);
  };
  for (const { registry, username, password } of credentials) {
    ctx.ui.info(`Logging in to ${registry} as ${username}`);
    try {
      await dockerLogin(ctx, { registry, username, password }, runner);
    } catch (e) {
      const error = e as Error;
      if (pushHosts.has(normalHost(registry))) {
        if (logins.length > 0) await logoutAll(runner, logins, dockerConfig);
        giveUp();
        throw error;
      }
      ctx.ui.warning(
        `${error.message} (nothing is pushed to ${registry} on this run, so it goes on without a login there: base image pulls from it are anonymous)`,
      );
      continue;
    }
    logins.push({ registry, username, password });
    ctx.saveState?.('loggedIn', logins.map((l) => l.registry).join('\n'));
  }
  if (logins.length === 0) {
    giveUp();
    return null;
  }
  // Every docker command from here on (build pulls, smoke sidecars, push) runs through `runner`: the pipeline
  // gives it to the stages after this one.
  return {
    ...logins[0]!,
    logins,
    dockerConfig,
    runner,
    close: async () => {
      await logoutAll(runner, logins, dockerConfig);
      process.off('exit', cleanupOnExit);
    },
  };
}
