import { existsSync } from 'node:fs';
import { registryCredentials } from '../config/config.js';
import { UserError } from '../config/errors.js';
import { isDockerHub, normalRegistry } from '../config/image-ref.js';
import { loginArgv, logoutArgv } from '../docker/registry-argv.js';
import { CommandError, errorLine, type Runner } from '../exec/runner.js';
import type { Prepared, RunContext } from '../run/context.js';
import { existingLogin, removeDockerConfig, userDockerConfigDir } from './docker-config.js';
import { classifyFailure, RetriesExhausted, retryRegistry } from './retry.js';

/** One registry's credentials, as logged in to. */
export interface RegistryLogin {
  registry: string;
  username: string;
  password: string;
}

/** The logins this run made: where their credentials live, until `close()`. */
export interface RegistrySession extends RegistryLogin {
  /** The private DOCKER_CONFIG every docker command of the run uses while logged in. */
  dockerConfig: string;
  /**
   * The run's runner with DOCKER_CONFIG set to `dockerConfig` (`Runner.withEnv`): the session's own commands
   * (login, push, logout) and every stage after the login (build pulls, sidecars) run through it, while the
   * run's runner keeps its env.
   */
  runner: Runner;
  /** Every registry logged in to (`registry`, `username`, `password` above are the first); absent means just that one. */
  logins?: RegistryLogin[];
  close(): Promise<void>;
}

/** Every login of a session. */
export function sessionLogins(session: RegistrySession): RegistryLogin[] {
  return session.logins ?? [{ registry: session.registry, username: session.username, password: session.password }];
}

/** The session's view for one registry (its credentials, the shared DOCKER_CONFIG), or null when not logged in there. */
export function sessionFor(session: RegistrySession, registry: string): RegistrySession | null {
  const host = normalHost(registry);
  const login = sessionLogins(session).find((l) => normalHost(l.registry) === host);
  return login ? { ...session, ...login } : null;
}

/**
 * A view for a registry the job's docker config logs in to (ECR, GAR: their own login actions ran first): the
 * push uses that config (the private one keeps its entry), and the read-back its credentials, from the `auth`
 * entry or by asking the credential helper (`docker-credential-NAME get`, the host on stdin). Null without one.
 */
export async function existingSession(ctx: RunContext, session: RegistrySession | null, registry: string): Promise<RegistrySession | null> {
  const found = existingLogin(userDockerConfigDir(ctx.env), registry, (m) => ctx.ui.warning(m));
  if (!found) return null;
  const dockerConfig = session?.dockerConfig ?? userDockerConfigDir(ctx.env);
  const runner = session?.runner ?? ctx.runner.withEnv({ DOCKER_CONFIG: dockerConfig });
  let username = '';
  let password = '';
  if (found.kind === 'auth') ({ username, password } = found);
  else {
    const r = await ctx.runner.run([`docker-credential-${found.helper}`, 'get'], { input: registry, quiet: true, allowFailure: true });
    try {
      const creds = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
      username = creds.Username ?? '';
      password = creds.Secret ?? '';
    } catch {
      // No credentials from the helper: the read-back goes anonymously and says so if refused.
    }
  }
  if (password) {
    ctx.redactor.add(password);
    ctx.ui.setSecret(password);
  }
  return { registry, username, password, dockerConfig, runner, close: async () => undefined };
}

export const normalHost = normalRegistry;

/** The registry host of a full ref (`host/repo:tag`). */
export function refHost(ref: string): string {
  return normalHost(ref.slice(0, ref.indexOf('/')));
}

/** Refs by the registry they are on, in the order given: each registry is pushed with its own login. */
export function refsByRegistry(refs: readonly string[]): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const ref of refs) by.set(refHost(ref), [...(by.get(refHost(ref)) ?? []), ref]);
  return by;
}

/** The last line of a failed command that says why (stderr first: stdout holds progress). */
export function failureText(e: unknown): string {
  if (e instanceof CommandError) {
    const lines = (e.result.stderr.trim() || e.result.stdout.trim()).split('\n').map((l) => l.trim());
    return errorLine(lines.filter((l) => l && !/^WARNING!|credential helper|credential-store/i.test(l)).join('\n')) || e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** How to give credentials for `registry`, in the words of where the run happens. */
function credentialsHint(ctx: RunContext, registry: string): string {
  const primary = normalHost(registry) === normalHost(ctx.config.registry);
  if (ctx.env.GITHUB_ACTIONS !== 'true') {
    return primary
      ? 'pass --username and --password-stdin, or --push false'
      : `log in to ${registry} in the action's registry-auth input, or --push false`;
  }
  const how = primary ? 'pass them as username/password' : `add "- registry: ${registry}" with username and password to registry-auth`;
  if (isDockerHub(registry)) return `set the DOCKERHUB_USERNAME/DOCKERHUB_TOKEN secrets and ${how}, or push: false`;
  if (registry === 'ghcr.io') {
    return primary
      ? 'pass username: ${{ github.actor }} and password: ${{ secrets.GITHUB_TOKEN }} (with permissions: packages: write), or push: false'
      : `${how} (username: \${{ github.actor }}, password: \${{ secrets.GITHUB_TOKEN }}, with permissions: packages: write), or push: false`;
  }
  return primary
    ? `pass username and password inputs for ${registry} from repository secrets, or push: false`
    : `${how} from repository secrets, or push: false`;
}

/** The complete credentials the inputs give (username and password both set), in order. */
export function completeCredentials(ctx: RunContext): RegistryLogin[] {
  return registryCredentials(ctx.config).filter((c) => c.username && c.password);
}

/**
 * Checks, before anything is built, that a due push can happen: every ref is on a registry the inputs give
 * credentials for. Throws a UserError naming the fix.
 */
export function checkPushable(ctx: RunContext, prepared: Prepared): void {
  const { config } = ctx;
  const { plan } = prepared;
  if (!plan.push) return;
  const hosts = [...new Set(plan.refs.map(refHost))];
  const primary = normalHost(config.registry);
  const extra = new Set(config.registryAuth.map((c) => normalHost(c.registry)));
  for (const host of hosts) {
    if (extra.has(host)) continue;
    // Logged in already by the job (aws-actions/amazon-ecr-login, gcloud auth configure-docker): nothing to give.
    if (
      !(host === primary && (config.username || config.password)) &&
      existingLogin(userDockerConfigDir(ctx.env), host, (m) => ctx.ui.warning(m))
    )
      continue;
    if (host === primary) {
      if (!config.username || !config.password) {
        const missing = !config.username && !config.password ? 'no username/password' : !config.username ? 'no username' : 'no password';
        throw new UserError(`push is due (${plan.reason}) but ${missing}: ${credentialsHint(ctx, host)}`, 'config');
      }
      continue;
    }
    const ref = plan.refs.find((r) => refHost(r) === host)!;
    throw new UserError(
      extra.size === 0
        ? `tag ${ref} is on ${host}, but this run logs in to ${primary} only: set registry: ${host}, or log in to ${host} through registry-auth`
        : `tag ${ref} is on ${host}, but neither username/password nor registry-auth logs in to ${host}: ${credentialsHint(ctx, host)}`,
      'config',
    );
  }
}

/**
 * Whether the run logs in: when a push is due, and whenever credentials are given outside pull requests (base
 * image pulls then count against the account, not the anonymous limit). Pull requests never log in.
 */
export function wantsLogin(ctx: RunContext, prepared: Prepared): boolean {
  return prepared.plan.push || (completeCredentials(ctx).length > 0 && !prepared.git.pullRequest);
}

/**
 * `docker login` to `registry` through `runner`, a session's view whose DOCKER_CONFIG is the private one, the
 * password on stdin (never argv), retrying transient failures; a refusal or a last failure throws a UserError
 * that says which and what to do.
 */
export async function dockerLogin(ctx: RunContext, login: RegistryLogin, runner: Runner): Promise<void> {
  const { registry, username, password } = login;
  try {
    await retryRegistry(`docker login to ${registry}`, () => runner.run(loginArgv(registry, username), { input: password, quiet: true }), {
      say: (line) => ctx.ui.info(line),
      why: failureText,
    });
  } catch (e) {
    throw loginError(registry, username, e);
  }
}

export async function logoutAll(runner: Runner, logins: RegistryLogin[], dockerConfig: string): Promise<void> {
  await logout(runner, logins.map((l) => l.registry).join('\n'), dockerConfig);
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

/**
 * Log out of a private DOCKER_CONFIG and remove it; safe to call twice (main, then the post step). `registries`
 * is one registry or several, a line each (the `loggedIn` state). The logouts run in a view of `runner` with
 * that DOCKER_CONFIG.
 */
export async function logout(runner: Runner, registries: string, dockerConfig: string): Promise<boolean> {
  if (!dockerConfig || !existsSync(dockerConfig)) return false;
  const session = runner.withEnv({ DOCKER_CONFIG: dockerConfig });
  for (const registry of registries.split('\n').filter(Boolean)) {
    await session.run(logoutArgv(registry), { allowFailure: true, quiet: true, cleanup: true }).catch(() => undefined);
  }
  removeDockerConfig(dockerConfig);
  return true;
}
