import { UserError } from '../config/errors.js';
import { CommandError } from '../exec/runner.js';
import { connect, containerStates, logTail, start, stop } from '../docker/commands.js';
import { ownContainerId } from '../docker/own-container.js';
import { networkCreateArgv, serviceContainerName, serviceRunArgv } from '../docker/run-argv.js';
import type { RunContext } from '../run/context.js';
import { containerEnv } from './env.js';

export interface ServiceState {
  name: string;
  container: string;
  running: boolean;
  exitCode: number;
}

/**
 * The run's private network and its `services` sidecars, shared by the smoke and test stages. Created on first
 * use (the pipeline asks for it while the image builds); removed with everything else carrying the run label
 * when the pipeline ends.
 */
export class Stack {
  readonly network: string;
  private ready: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly ctx: RunContext) {
    this.network = ctx.runId;
  }

  get services(): { name: string; image: string; container: string }[] {
    return this.ctx.config.services.map((s) => ({ name: s.name, image: s.image, container: serviceContainerName(this.ctx.runId, s.name) }));
  }

  /** Network first, then every sidecar (started in parallel); idempotent. */
  ensure(): Promise<void> {
    this.ready ??= this.create();
    return this.ready;
  }

  private async create(): Promise<void> {
    const { ctx } = this;
    await ctx.runner.run(networkCreateArgv(ctx.runId), { quiet: true, onAbort: 'finish' });
    await this.joinIfContainerised();
    if (!ctx.config.services.length) return;
    // Every start settles before the first failure is reported, so cleanup never misses a sidecar still starting.
    const started = await Promise.allSettled(
      ctx.config.services.map(async (s) => {
        const env = containerEnv(ctx, s.env);
        try {
          await ctx.runner.run(serviceRunArgv({ runId: ctx.runId, network: this.network, name: s.name, image: s.image, env }), {
            byName: env.env,
            onAbort: 'finish', // a detached start returns once the container runs; the cleanup then finds it
          });
        } catch (e) {
          if (!(e instanceof CommandError)) throw e;
          throw new UserError(
            `service "${s.name}" (${s.image}) did not start: ${e.message}; check the image name in the services input and that the runner can pull it`,
          );
        }
      }),
    );
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    ctx.ui.info(`Started service(s) ${ctx.config.services.map((s) => s.name).join(', ')} on network ${this.network}`);
  }

  /**
   * A job that itself runs in a container (GitHub's `container:` jobs) cannot reach ports published on the host's
   * 127.0.0.1: it joins the run network, so the probes reach the app at its address there (the readiness poll
   * tries both). Cleanup disconnects it before removing the network.
   */
  private async joinIfContainerised(): Promise<void> {
    const self = ownContainerId();
    if (!self) return;
    if (await connect(this.ctx.runner, this.network, self))
      this.ctx.ui.info(`This job runs in container ${self.slice(0, 12)}: it joined network ${this.network} to reach the app`);
  }

  /** `docker stop` every sidecar (DF205). */
  async stopServices(): Promise<void> {
    if (!this.services.length) return;
    this.stopped = true;
    await stop(
      this.ctx.runner,
      this.services.map((s) => s.container),
      10,
    );
  }

  /** True while DF205 has the sidecars stopped. */
  get servicesStopped(): boolean {
    return this.stopped;
  }

  /** Start the sidecars again after DF205 stopped them, for the test command. */
  async restartServices(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await start(
      this.ctx.runner,
      this.services.map((s) => s.container),
    );
  }

  /** Whether each sidecar is still running, to explain a failing heartbeat. */
  async states(): Promise<ServiceState[]> {
    if (!this.services.length) return [];
    const byName = await containerStates(
      this.ctx.runner,
      this.services.map((s) => s.container),
    );
    return this.services.map((s) => ({
      name: s.name,
      container: s.container,
      running: byName.get(s.container)?.running ?? false,
      exitCode: byName.get(s.container)?.exitCode ?? -1,
    }));
  }
}

/** Sidecar output goes to build.log, to explain a failing heartbeat. */
export async function dumpServiceLogs(ctx: RunContext, stack: Stack): Promise<void> {
  for (const s of await stack.states()) {
    if (!s.running && !stack.servicesStopped) {
      ctx.ui.warning(`service ${s.name} exited with code ${s.exitCode}; its output is in build.log`);
    }
    ctx.log.line(`--- output of service ${s.name} (${s.container}):`);
    await logTail(ctx.runner, s.container, 200);
  }
}
