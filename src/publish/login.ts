import { existsSync } from 'node:fs';
import os from 'node:os';
import { UserError } from '../config/errors.js';
import { isDockerHub } from '../config/image-ref.js';
import { loginArgv, logoutArgv } from '../docker/registry-argv.js';
import { CommandError, errorLine, type Runner } from '../exec/runner.js';
import type { Prepared, RunContext } from '../pipeline/context.js';
import { createDockerConfig, removeDockerConfig, userDockerConfigDir } from './docker-config.js';
import { classifyFailure, DEFAULT_BASE_DELAY_MS, DEFAULT_TRIES, RetriesExhausted, withRetry } from './retry.js';

/** A login this run made: where its credentials live, until `close()`. */
export interface RegistrySession {
  registry: string;
  username: string;
  password: string;
  /** The private DOCKER_CONFIG every docker command of the run uses while logged in. */
  dockerConfig: string;
  close(): Promise<void>;
}

/** The last line of a failed command that says why (stderr first: stdout holds progress). */
export function failureText(e: unknown): string {
  if (e instanceof CommandError) {
    const lines = (e.result.stderr.trim() || e.result.stdout.trim()).split('\n').map((l) => l.trim());
    return errorLine(lines.filter((l) => l && !/^WARNING!|credential helper|credential-store/i.test(l)).join('\n')) || e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** How to give credentials, in the words of where the run happens. */
function credentialsHint(ctx: RunContext): string {
  if (ctx.env.GITHUB_ACTIONS !== 'true') return 'pass --username and --password-stdin, or --push false';
  if (isDockerHub(ctx.config.registry)) {
    return 'set the DOCKERHUB_USERNAME/DOCKERHUB_TOKEN secrets and pass them as username/password, or push: false';
  }
  if (ctx.config.registry === 'ghcr.io') {
    return 'pass username: ${{ github.actor }} and password: ${{ secrets.GITHUB_TOKEN }} (with permissions: packages: write), or push: false';
  }
  return `pass username and password inputs for ${ctx.config.registry} from repository secrets, or push: false`;
}

/**
 * Checks, before anything is built, that a due push can happen: credentials are there and every ref is on the
 * registry this run logs in to. Throws a UserError naming the fix.
 */
export function checkPushable(ctx: RunContext, prepared: Prepared): void {
  const { config } = ctx;
  const { plan } = prepared;
  if (!plan.push) return;
  if (!config.username || !config.password) {
    const missing = !config.username && !config.password ? 'no username/password' : !config.username ? 'no username' : 'no password';
    throw new UserError(`push is due (${plan.reason}) but ${missing}: ${credentialsHint(ctx)}`);
  }
  const registry = isDockerHub(config.registry) ? 'docker.io' : config.registry;
  for (const ref of plan.refs) {
    const host = ref.slice(0, ref.indexOf('/'));
    if (host !== registry) {
      throw new UserError(
        `tag ${ref} is on ${host}, but this run logs in to ${registry} only: set registry: ${host}, or push to one registry per step`,
      );
    }
  }
}

/**
 * Whether the run logs in: when a push is due, and whenever credentials are given outside pull requests (base
 * image pulls then count against the account, not the anonymous limit). Pull requests never log in.
 */
export function wantsLogin(ctx: RunContext, prepared: Prepared): boolean {
  const { username, password } = ctx.config;
  return prepared.plan.push || (!!username && !!password && !prepared.git.pullRequest);
}

/**
 * `docker login` into a private DOCKER_CONFIG, before the build. The password goes to stdin, never argv. A
 * failed login fails the run when a push is due; otherwise it is a warning and the run goes on anonymously.
 */
export async function login(ctx: RunContext, prepared: Prepared): Promise<RegistrySession | null> {
  checkPushable(ctx, prepared);
  if (!wantsLogin(ctx, prepared)) return null;
  const { registry, username, password } = ctx.config;
  const dockerConfig = createDockerConfig(ctx.env.RUNNER_TEMP || os.tmpdir(), userDockerConfigDir(ctx.env), registry);
  const cleanupOnExit = (): void => removeDockerConfig(dockerConfig);
  process.once('exit', cleanupOnExit);
  ctx.saveState?.('dockerConfig', dockerConfig);
  ctx.ui.info(`Logging in to ${registry} as ${username}`);
  try {
    await withRetry(
      () => ctx.runner.run(loginArgv(registry, username), { input: password, quiet: true, env: { DOCKER_CONFIG: dockerConfig } }),
      {
        tries: DEFAULT_TRIES,
        baseDelayMs: DEFAULT_BASE_DELAY_MS,
        kindOf: (e) => classifyFailure(failureText(e)),
        onRetry: ({ attempt, tries, delayMs, error }) =>
          ctx.ui.info(
            `docker login to ${registry} failed (${failureText(error)}); retry ${attempt}/${tries - 1} in ${(delayMs / 1000).toFixed(1)} s`,
          ),
      },
    );
  } catch (e) {
    removeDockerConfig(dockerConfig);
    process.off('exit', cleanupOnExit);
    const error = loginError(registry, username, e);
    if (prepared.plan.push) throw error;
    ctx.ui.warning(`${error.message} (nothing is pushed on this run, so it goes on without a login: base image pulls are anonymous)`);
    return null;
  }
  ctx.saveState?.('loggedIn', registry);
  // Every docker command from here on (build pulls, smoke sidecars, push) uses this login.
  ctx.runner.env.DOCKER_CONFIG = dockerConfig;
  return {
    registry,
    username,
    password,
    dockerConfig,
    close: async () => {
      delete ctx.runner.env.DOCKER_CONFIG;
      await logout(ctx.runner, registry, dockerConfig);
      process.off('exit', cleanupOnExit);
    },
  };
}

function loginError(registry: string, username: string, e: unknown): Error {
  if (e instanceof RetriesExhausted) {
    return new UserError(
      `cannot reach registry ${registry} to log in: ${e.attempts} attempts failed (last: ${failureText(e.last)}); check the registry address and that it is up`,
    );
  }
  const why = failureText(e);
  if (classifyFailure(why) === 'auth') {
    return new UserError(
      `registry ${registry} refused the login of user ${username} (${why}): check the username and password/token secrets (a Docker Hub access token needs Read & Write scope)`,
    );
  }
  return new UserError(`docker login to ${registry} as ${username} failed: ${why}; check the registry address`);
}

/** Log out of a private DOCKER_CONFIG and remove it; safe to call twice (main, then the post step). */
export async function logout(runner: Runner, registry: string, dockerConfig: string): Promise<boolean> {
  if (!dockerConfig || !existsSync(dockerConfig)) return false;
  if (registry) {
    await runner
      .run(logoutArgv(registry), { allowFailure: true, quiet: true, env: { DOCKER_CONFIG: dockerConfig } })
      .catch(() => undefined);
  }
  removeDockerConfig(dockerConfig);
  return true;
}
