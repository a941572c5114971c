export const id = 768;
export const ids = [768];
export const modules = {

/***/ 52768:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  describeError: () => (/* reexport */ describe_error/* describeError */.U),
  inCatalogueOrder: () => (/* binding */ inCatalogueOrder),
  judgeTogether: () => (/* binding */ judgeTogether),
  runPipeline: () => (/* binding */ runPipeline)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(37827);
// EXTERNAL MODULE: ./src/docker/cleanup.ts
var cleanup = __webpack_require__(37220);
// EXTERNAL MODULE: ./node_modules/@balena/dockerignore/ignore.js
var ignore = __webpack_require__(44158);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
;// CONCATENATED MODULE: ./src/git/context-view.ts



/** The .dockerignore the builder reads: `<Dockerfile>.dockerignore` first, else the context's own. */
function ignoreFile(req) {
    for (const f of [`${req.dockerfile}.dockerignore`, external_node_path_default().join(req.context, '.dockerignore')])
        if ((0,external_node_fs_.existsSync)(f))
            return f;
    return null;
}
function createContextView(req) {
    const t0 = performance.now();
    const rules = ignoreFile(req);
    const lines = rules
        ? (0,external_node_fs_.readFileSync)(rules, 'utf8')
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith('#'))
        : [];
    const ig = ignore_default()["default"]().add(lines);
    // With an exception (`!keep/this`) an ignored folder may still hold files the build sees: look inside it.
    const hasExceptions = lines.some((l) => l.startsWith('!'));
    const excluded = new Set(req.exclude.map((p) => external_node_path_default().resolve(p)));
    const always = new Set(['.dockerignore', external_node_path_default().relative(req.context, req.dockerfile).split((external_node_path_default()).sep).join('/')]);
    const root = process.getuid?.() === 0;
    let files = 0;
    let copied = 0;
    let link = true;
    const place = (src, dst) => {
        files++;
        if (link) {
            try {
                (0,external_node_fs_.linkSync)(src, dst);
                return;
            }
            catch (e) {
                const code = e.code;
                if (code === 'EXDEV')
                    link = false; // another filesystem: every file is copied from here on
                else if (code !== 'EPERM' && code !== 'EACCES' && code !== 'EMLINK')
                    throw e;
            }
        }
        copied++;
        (0,external_node_fs_.copyFileSync)(src, dst, external_node_fs_.constants.COPYFILE_FICLONE);
    };
    const makeDir = (src, dst) => {
        const st = (0,external_node_fs_.statSync)(src);
        (0,external_node_fs_.mkdirSync)(dst, { recursive: true });
        (0,external_node_fs_.chmodSync)(dst, st.mode & 0o7777); // exactly the user's mode, whatever the umask
        if (root)
            safeChown(dst, st.uid, st.gid);
    };
    /** `ensure` makes the folder in the view (and its parents) when something is first put in it. */
    const walk = (rel, ensure) => {
        const srcDir = external_node_path_default().join(req.context, rel);
        for (const entry of (0,external_node_fs_.readdirSync)(srcDir, { withFileTypes: true })) {
            const relPath = rel ? `${rel}/${entry.name}` : entry.name;
            const src = external_node_path_default().join(srcDir, entry.name);
            if (excluded.has(src))
                continue;
            if (!rel && entry.name === 'version.json')
                continue; // the run's own is written below
            const ignored = !always.has(relPath) && lines.length > 0 && ig.ignores(relPath);
            const dst = external_node_path_default().join(req.dir, relPath);
            if (entry.isDirectory()) {
                if (ignored && !hasExceptions)
                    continue;
                let made = false;
                const here = () => {
                    if (made)
                        return;
                    ensure();
                    makeDir(src, dst);
                    made = true;
                };
                // An ignored folder is looked into for exceptions, and appears only if one of them is found.
                if (!ignored)
                    here();
                walk(relPath, here);
            }
            else if (ignored) {
                continue;
            }
            else if (entry.isFile()) {
                ensure();
                place(src, dst);
            }
            else if (entry.isSymbolicLink()) {
                ensure();
                files++;
                (0,external_node_fs_.symlinkSync)((0,external_node_fs_.readlinkSync)(src), dst);
            }
            // Sockets and FIFOs are not build context.
        }
    };
    makeDir(req.context, req.dir);
    walk('', () => undefined);
    (0,external_node_fs_.writeFileSync)(external_node_path_default().join(req.dir, 'version.json'), req.versionJson);
    return { dir: req.dir, files, copied, ms: Math.round(performance.now() - t0) };
}
/** Root creates the view's folders: they keep the user's owner, as the builder would have seen them. */
function safeChown(p, u, g) {
    try {
        (0,external_node_fs_.lchownSync)(p, u, g);
    }
    catch {
        // not ours to insist on
    }
}

// EXTERNAL MODULE: ./src/report/out-files.ts
var out_files = __webpack_require__(48832);
// EXTERNAL MODULE: ./src/report/report.ts
var report_report = __webpack_require__(88850);
// EXTERNAL MODULE: ./src/rules/catalogue.ts
var catalogue = __webpack_require__(91062);
// EXTERNAL MODULE: ./src/exec/runner.ts
var exec_runner = __webpack_require__(37507);
// EXTERNAL MODULE: ./src/docker/commands.ts
var commands = __webpack_require__(66872);
// EXTERNAL MODULE: ./src/docker/own-container.ts
var own_container = __webpack_require__(7742);
// EXTERNAL MODULE: ./src/docker/run-argv.ts
var run_argv = __webpack_require__(7532);
// EXTERNAL MODULE: ./src/secrets/names.ts
var names = __webpack_require__(76533);
;// CONCATENATED MODULE: ./src/smoke/env.ts


/**
 * `--env` arguments for entries of the `env` or `services` inputs: an entry that is secret by the one rule
 * (src/secrets/names.ts), or whose value holds a registered secret, travels in the run's private env file.
 */
function containerEnv(ctx, entries, secret = new Set()) {
    return (0,run_argv/* envArgs */.xw)(entries, (e) => secret.has(e) || (0,names/* isSecretEntry */.VT)(e.key, e.value) || ctx.redactor.leaks(e.value), (file) => ctx.runner.envFile(file));
}
/** The app's runtime environment (the app itself and its test command): `env`, then `env-secrets` (all secret). */
function appEnv(ctx) {
    return containerEnv(ctx, [...ctx.config.env, ...ctx.config.envSecrets], new Set(ctx.config.envSecrets));
}

;// CONCATENATED MODULE: ./src/smoke/network.ts






/**
 * The run's private network and its `services` sidecars, shared by the smoke and test stages. Created on first
 * use (the pipeline asks for it while the image builds); removed with everything else carrying the run label
 * when the pipeline ends.
 */
class Stack {
    ctx;
    network;
    ready = null;
    stopped = false;
    constructor(ctx) {
        this.ctx = ctx;
        this.network = ctx.runId;
    }
    get services() {
        return this.ctx.config.services.map((s) => ({ name: s.name, image: s.image, container: (0,run_argv/* serviceContainerName */.i0)(this.ctx.runId, s.name) }));
    }
    /** Network first, then every sidecar (started in parallel); idempotent. */
    ensure() {
        this.ready ??= this.create();
        return this.ready;
    }
    async create() {
        const { ctx } = this;
        await ctx.runner.run((0,run_argv/* networkCreateArgv */.l5)(ctx.runId), { quiet: true, onAbort: 'finish' });
        await this.joinIfContainerised();
        if (!ctx.config.services.length)
            return;
        // Every start settles before the first failure is reported, so cleanup never misses a sidecar still starting.
        const started = await Promise.allSettled(ctx.config.services.map(async (s) => {
            const env = containerEnv(ctx, s.env);
            try {
                await ctx.runner.run((0,run_argv/* serviceRunArgv */.D4)({ runId: ctx.runId, network: this.network, name: s.name, image: s.image, env }), {
                    byName: env.env,
                    onAbort: 'finish', // a detached start returns once the container runs; the cleanup then finds it
                });
            }
            catch (e) {
                if (!(e instanceof exec_runner/* CommandError */.Qd))
                    throw e;
                throw new errors/* UserError */.y(`service "${s.name}" (${s.image}) did not start: ${e.message}; check the image name in the services input and that the runner can pull it`);
            }
        }));
        const failed = started.find((r) => r.status === 'rejected');
        if (failed)
            throw failed.reason;
        ctx.ui.info(`Started service(s) ${ctx.config.services.map((s) => s.name).join(', ')} on network ${this.network}`);
    }
    /**
     * A job that itself runs in a container (GitHub's `container:` jobs) cannot reach ports published on the host's
     * 127.0.0.1: it joins the run network, so the probes reach the app at its address there (the readiness poll
     * tries both). Cleanup disconnects it before removing the network.
     */
    async joinIfContainerised() {
        const self = (0,own_container/* ownContainerId */.X)();
        if (!self)
            return;
        if (await (0,commands/* connect */.Ng)(this.ctx.runner, this.network, self))
            this.ctx.ui.info(`This job runs in container ${self.slice(0, 12)}: it joined network ${this.network} to reach the app`);
    }
    /** `docker stop` every sidecar (DF205). */
    async stopServices() {
        if (!this.services.length)
            return;
        this.stopped = true;
        await (0,commands/* stop */.ds)(this.ctx.runner, this.services.map((s) => s.container), 10);
    }
    /** True while DF205 has the sidecars stopped. */
    get servicesStopped() {
        return this.stopped;
    }
    /** Start the sidecars again after DF205 stopped them, for the test command. */
    async restartServices() {
        if (!this.stopped)
            return;
        this.stopped = false;
        await (0,commands/* start */.ni)(this.ctx.runner, this.services.map((s) => s.container));
    }
    /** Whether each sidecar is still running, to explain a failing heartbeat. */
    async states() {
        if (!this.services.length)
            return [];
        const byName = await (0,commands/* containerStates */.we)(this.ctx.runner, this.services.map((s) => s.container));
        return this.services.map((s) => ({
            name: s.name,
            container: s.container,
            running: byName.get(s.container)?.running ?? false,
            exitCode: byName.get(s.container)?.exitCode ?? -1,
        }));
    }
}
/** Sidecar output goes to build.log, to explain a failing heartbeat. */
async function dumpServiceLogs(ctx, stack) {
    for (const s of await stack.states()) {
        if (!s.running && !stack.servicesStopped) {
            ctx.ui.warning(`service ${s.name} exited with code ${s.exitCode}; its output is in build.log`);
        }
        ctx.log.line(`--- output of service ${s.name} (${s.container}):`);
        await (0,commands/* logTail */.RB)(ctx.runner, s.container, 200);
    }
}

;// CONCATENATED MODULE: ./src/docker/buildx.ts

/** One answer per run (its runner's root: a registry session's view asks the same engine): the build and the BuildKit checks both ask. */
const detected = new WeakMap();
/** What `docker buildx version` says (null without the plugin), asked once per run. */
function buildxVersionLine(runner) {
    let line = detected.get(runner.root);
    if (!line) {
        line = runner.run(commands/* dockerArgv */.fk.buildxVersion(), { allowFailure: true, quiet: true }).then((r) => (r.exitCode === 0 ? r.stdout.trim() : null), () => null);
        detected.set(runner.root, line);
    }
    return line;
}
/**
 * buildx when the plugin answers, the classic builder otherwise: decided at run time, once per run. The pipeline
 * asks early, so `docker buildx version` runs while the git metadata is read.
 */
function detectBuilder(runner) {
    return buildxVersionLine(runner).then((line) => (line === null ? 'classic' : 'buildx'));
}

// EXTERNAL MODULE: ./src/docker/platform.ts
var docker_platform = __webpack_require__(88421);
// EXTERNAL MODULE: ./src/config/image-ref.ts
var image_ref = __webpack_require__(22023);
// EXTERNAL MODULE: ./src/config/config.ts + 1 modules
var config_config = __webpack_require__(31377);
;// CONCATENATED MODULE: ./src/docker/attest.ts
/** Whether a value asks for an attestation (anything but empty or `false`). */
const wants = (value) => value !== '' && value !== 'false';
/**
 * The buildx flags for the attestations asked for. `false` is always passed (it only turns buildx's default
 * provenance off, which every builder accepts); a request for one is passed only when the builder can attach it.
 */
function attestationArgs(provenance, sbom, capable) {
    const argv = [];
    if (provenance === 'false' || (capable && wants(provenance)))
        argv.push('--provenance', provenance);
    if (sbom === 'false' || (capable && wants(sbom)))
        argv.push('--sbom', sbom);
    return argv;
}
/** argv that tells the builder's driver, and the engine's image store. */
const BUILDX_INSPECT_ARGV = ['docker', 'buildx', 'inspect'];
const DRIVER_STATUS_ARGV = ['docker', 'info', '--format', '{{json .DriverStatus}}'];
/** Read `docker buildx inspect` (its `Driver:` line) and `docker info`'s DriverStatus (the containerd snapshotter). */
function attestationSupport(buildxInspect, driverStatus) {
    const driver = /^Driver:\s*(\S+)/m.exec(buildxInspect)?.[1] ?? 'unknown';
    const containerdStore = /io\.containerd\.snapshotter/.test(driverStatus);
    return { capable: containerdStore || (driver !== 'docker' && driver !== 'unknown'), driver, containerdStore };
}
/** The one line a run prints when attestations were asked for and this builder cannot attach them. */
function cannotAttest(what, s) {
    return (`${what.join(' and ')} not attached: buildx's ${s.driver} driver on the classic image store cannot hold attestations; ` +
        'turn on the containerd image store (dockerd "features": {"containerd-snapshotter": true}) or create a docker-container ' +
        'builder (docker/setup-buildx-action with driver: docker-container), or set them to false');
}
/**
 * The line for a builder of its own on the classic image store: it makes the attestations, but `--load` into the
 * classic store keeps only the image, so the push carries none. Null when the attestations reach the push.
 */
function notKept(what, s) {
    if (!s.capable || s.containerdStore)
        return null;
    return (`${what.join(' and ')} made by the ${s.driver} builder but not pushed: the classic image store keeps only the image; ` +
        'turn on the containerd image store (dockerd "features": {"containerd-snapshotter": true}) for the push to carry them');
}
/**
 * Whether the builder can attach the provenance/SBOM attestations asked for; asked only when some are, so a run
 * without them runs no extra command. When it cannot, one warning (`warn`) says what to change.
 */
async function canAttest(runner, asked, builder, warn) {
    const what = [wants(asked.provenance) ? 'provenance' : '', wants(asked.sbom) ? 'sbom' : ''].filter(Boolean);
    if (what.length === 0)
        return false;
    if (builder === 'classic') {
        warn(`${what.join(' and ')} not attached: attestations need the docker buildx plugin (docker/setup-buildx-action in a workflow)`);
        return false;
    }
    const [inspect, info] = await Promise.all([BUILDX_INSPECT_ARGV, DRIVER_STATUS_ARGV].map((argv) => runner.run([...argv], { allowFailure: true, quiet: true })));
    const support = attestationSupport(inspect?.stdout ?? '', info?.stdout ?? '');
    if (!support.capable)
        warn(cannotAttest(what, support));
    const lost = notKept(what, support);
    if (lost)
        warn(lost);
    return support.capable;
}

;// CONCATENATED MODULE: ./src/docker/build-argv.ts


/** The OCI labels of the image, from the run's version object (before the user's labels, which may override them). */
function ociLabels(v) {
    return [
        { key: 'org.opencontainers.image.source', value: v.source },
        { key: 'org.opencontainers.image.revision', value: v.commit },
        { key: 'org.opencontainers.image.version', value: v.version },
        { key: 'org.opencontainers.image.created', value: new Date().toISOString() },
    ];
}
/** Environment variable that carries build secret `id` to `--secret id=…,env=…`. */
function secretEnvName(index) {
    return `DOCKERFLOW_BUILD_SECRET_${index}`;
}
/**
 * argv for the image build, built in one place. Secret values never appear here: `--secret` names an
 * environment variable that `buildEnv` fills, and a secret build arg is `--build-arg NAME`, which docker reads
 * from that same environment.
 */
function buildArgv(req) {
    const c = req.config;
    const argv = req.builder === 'buildx' ? ['docker', 'buildx', 'build', '--load', '--progress', 'plain'] : ['docker', 'build'];
    argv.push('--iidfile', req.iidFile, '--file', c.file);
    for (const ref of req.refs)
        argv.push('--tag', ref);
    for (const { key, value } of [...req.labels, ...c.labels])
        argv.push('--label', `${key}=${value}`);
    const secret = new Set((0,config_config/* secretBuildArgs */.qD)(c));
    for (const a of c.buildArgs)
        argv.push('--build-arg', secret.has(a) ? a.key : `${a.key}=${a.value}`);
    if (c.target)
        argv.push('--target', c.target);
    if (c.noCache)
        argv.push('--no-cache');
    if (c.pull)
        argv.push('--pull');
    for (const from of c.cacheFrom)
        argv.push('--cache-from', from);
    if (req.builder === 'buildx')
        for (const to of c.cacheTo)
            argv.push('--cache-to', to);
    for (const p of c.platforms)
        argv.push('--platform', p);
    if (req.builder === 'buildx')
        argv.push(...attestationArgs(c.provenance, c.sbom, req.attestations === true));
    if (req.builder === 'buildx')
        c.secrets.forEach(({ key }, i) => argv.push('--secret', `id=${key},env=${secretEnvName(i)}`));
    argv.push(req.contextDir ?? c.context);
    return argv;
}
/**
 * The environment the build runs with: secret values by env var. Without the buildx plugin, current docker CLIs
 * refuse BuildKit, so the classic builder is the legacy one (which cannot take build secrets).
 */
function buildEnv(req) {
    const env = {};
    req.config.secrets.forEach(({ value }, i) => (env[secretEnvName(i)] = value));
    for (const { key, value } of (0,config_config/* secretBuildArgs */.qD)(req.config))
        env[key] = value;
    return env;
}
/**
 * argv for BuildKit's own Dockerfile checks (`docker buildx build --call check`, buildx ≥ 0.15): nothing is built;
 * the findings come back as JSON on stdout. Build args and target are passed as for the build, since some checks
 * depend on them (a secret one by name, its value from `buildCheckEnv`, as for the build); secrets are not needed.
 */
function buildCheckArgv(c) {
    const argv = ['docker', 'buildx', 'build', '--call', 'check,format=json', '--progress', 'quiet', '--file', c.file];
    const secret = new Set((0,config_config/* secretBuildArgs */.qD)(c));
    for (const a of c.buildArgs)
        argv.push('--build-arg', secret.has(a) ? a.key : `${a.key}=${a.value}`);
    if (c.target)
        argv.push('--target', c.target);
    if (c.platforms[0])
        argv.push('--platform', c.platforms[0]);
    argv.push(c.context);
    return argv;
}
/** The values of the secret build args `buildCheckArgv` names, for the runner's `byName`. */
function buildCheckEnv(c) {
    return Object.fromEntries((0,config_config/* secretBuildArgs */.qD)(c).map((a) => [a.key, a.value]));
}
/** The tool's own settings for the build command (not values read by name). */
function buildSettings(req) {
    return req.builder === 'classic' ? { DOCKER_BUILDKIT: '0' } : {};
}

// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(56118);
;// CONCATENATED MODULE: ./src/inspect/image.ts







/** `prefetched`: the image's `docker image inspect` object when the caller already asked (the DF106 scan does). */
async function inspectImage(ctx, imageId, prefetched, platform) {
    let img = prefetched ? await prefetched : null;
    if (!img) {
        const r = await (0,commands/* imageInspect */.Sn)(ctx.runner, [imageId], platform ? { platform } : {});
        [img] = JSON.parse(r.stdout);
    }
    const c = (img?.Config ?? {});
    return {
        user: c.User ?? '',
        env: c.Env ?? [],
        entrypoint: c.Entrypoint && c.Entrypoint.length > 0 ? c.Entrypoint : null,
        cmd: c.Cmd && c.Cmd.length > 0 ? c.Cmd : null,
        workingDir: c.WorkingDir ?? '',
        labels: c.Labels ?? {},
    };
}
/**
 * Read files out of an image without running it: `docker create` (never started) + `docker cp`, so scratch and
 * distroless images are judged as they are. A missing file reads as null.
 */
async function readImageFiles(ctx, imageId, files, platform) {
    const name = (0,run_argv/* runContainerName */.s_)(ctx.runId, 'files', platform);
    const out = new Map();
    // In the run's scratch folder (under RUNNER_TEMP in Actions), which the post step removes should main be killed.
    (0,external_node_fs_.mkdirSync)(ctx.workDir, { recursive: true });
    const dir = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(ctx.workDir, 'files-'));
    // `docker create` needs a command for images with neither ENTRYPOINT nor CMD; it is never run.
    const id = await (0,commands/* createIdle */.lb)(ctx.runner, name, ctx.runId, imageId, platform);
    try {
        await Promise.all(files.map(async (file, i) => {
            const dest = external_node_path_default().join(dir, String(i));
            out.set(file, (await (0,commands/* copyOut */.ew)(ctx.runner, id, file, dest)) ? safeRead(dest) : null);
        }));
    }
    finally {
        await (0,commands/* removeContainers */.Dn)(ctx.runner, [id]);
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
    return out;
}
function safeRead(p) {
    try {
        return (0,external_node_fs_.readFileSync)(p, 'utf8');
    }
    catch {
        return null; // a directory where a file was expected
    }
}
const INDEX = /manifest\.list|image\.index/;
/**
 * Resolve `top` (the digest the containerd store calls the image) through the blobs of a `docker save` OCI layout to
 * the image manifest for `platform` (attestation manifests skipped) and its config digest.
 */
function resolveLayout(blobs, top, platform) {
    let digest = top;
    for (let depth = 0; depth < 4; depth++) {
        const m = blobs.get(digest);
        if (!m)
            throw new Error(`docker save holds no manifest ${digest}`);
        if (m.config?.digest)
            return { configDigest: m.config.digest, manifestDigest: digest };
        if (!Array.isArray(m.manifests) && !INDEX.test(m.mediaType ?? ''))
            throw new Error(`${digest} is neither an image manifest nor an index`);
        const images = (m.manifests ?? []).filter((d) => d.digest && !(0,docker_platform/* isAttestation */.H3)(d));
        const entry = images.find((d) => d.platform?.os === platform.os && d.platform?.architecture === platform.architecture) ??
            (images.length === 1 && !images[0].platform ? images[0] : undefined);
        if (!entry?.digest) {
            const have = images.map((d) => `${d.platform?.os}/${d.platform?.architecture}`).join(', ');
            throw new Error(`the image index ${digest} has no ${platform.os}/${platform.architecture} image (it has ${have || 'none'})`);
        }
        digest = entry.digest;
    }
    throw new Error(`the image index ${top} nests too deep`);
}
/** Small JSON blobs of a `docker save` stream (manifests, indexes, configs), by digest; layers are skipped unread. */
function saveManifests(runner, imageRef) {
    return new Promise((resolve, reject) => {
        const child = (0,commands/* save */.UN)(runner, imageRef, 'read in memory for the config digest (containerd image store)');
        const blobs = new Map();
        const ex = (0,tar_stream.extract)();
        ex.on('entry', (header, entry, next) => {
            const m = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(header.name);
            if (!m || header.type !== 'file' || (header.size ?? 0) > 4 * 1024 * 1024) {
                entry.on('end', () => next());
                entry.resume();
                return;
            }
            const chunks = [];
            entry.on('data', (c) => void chunks.push(c));
            entry.on('end', () => {
                const body = Buffer.concat(chunks);
                if (body[0] === 0x7b /* { */) {
                    try {
                        blobs.set(`sha256:${m[1]}`, JSON.parse(body.toString('utf8')));
                    }
                    catch {
                        // not JSON after all: a tiny layer
                    }
                }
                next();
            });
        });
        let finished = false;
        ex.on('finish', () => (finished = true));
        ex.on('error', (e) => {
            child.kill(); // nobody reads the rest of the image
            reject(e);
        });
        void child.exited.then(({ exitCode, stderr }) => {
            if (exitCode !== 0)
                reject(new Error(`docker save ${imageRef} exited ${exitCode}: ${(0,exec_runner/* lastLine */.fM)(stderr)}`));
            else if (!finished)
                ex.once('finish', () => resolve(blobs));
            else
                resolve(blobs);
        });
        child.stdout.pipe(ex);
    });
}
/**
 * The digests in BuildKit's plain progress output (`#9 exporting manifest sha256:…`, `#9 exporting config
 * sha256:…`, `#9 exporting manifest list sha256:…`), in the order written; attestation manifests are left out.
 */
function exportedDigests(output) {
    const out = { list: null, images: [] };
    for (const m of output.matchAll(/^#\d+ exporting (manifest list|manifest|config) (sha256:[0-9a-f]{64})/gm)) {
        const [, what, digest] = m;
        if (what === 'manifest list')
            out.list = digest;
        else if (what === 'manifest') {
            if (!out.images.some((i) => i.manifest === digest))
                out.images.push({ manifest: digest, config: null });
        }
        else {
            const last = out.images.at(-1);
            if (last && last.config === null)
                last.config = digest;
        }
    }
    return out;
}
/**
 * The config digest (and, on the containerd store, the manifest digest) of `engineId`, the ID the build reported.
 * The classic store's ID is the config digest already. On the containerd store it is the index (or manifest)
 * digest: the config digest comes from what the build said it exported (`exported`), once the engine confirms it
 * holds that index or manifest, else from the blobs of a `docker save` (which streams every layer: seconds to
 * minutes for a large image).
 */
async function imageDigests(ctx, engineId, platform, exported) {
    const r = await (0,commands/* imageInspect */.Sn)(ctx.runner, [engineId]);
    const [img] = JSON.parse(r.stdout);
    const top = img?.Descriptor?.digest;
    if (!top)
        return { configDigest: engineId, manifestDigest: null };
    const fromBuild = exported ? await exportedImage(ctx, engineId, top, platform, exported) : null;
    if (fromBuild)
        return fromBuild;
    return resolveLayout(await saveManifests(ctx.runner, engineId), top, platform);
}
/** The exported image for `platform`, when the engine holds what the build exported (`top` is its index or manifest). */
async function exportedImage(ctx, engineId, top, platform, exported) {
    const images = exported.images.filter((i) => i.config !== null);
    const direct = images.find((i) => i.manifest === top);
    if (direct)
        return { configDigest: direct.config, manifestDigest: direct.manifest };
    if (exported.list !== top || images.length === 0)
        return null;
    let manifest = images.length === 1 ? images[0].manifest : null;
    if (!manifest) {
        // Several platforms: the engine says which manifest is this platform's.
        manifest = await (0,commands/* platformImageId */.qL)(ctx.runner, engineId, `${platform.os}/${platform.architecture}`);
    }
    const image = images.find((i) => i.manifest === manifest);
    return image ? { configDigest: image.config, manifestDigest: image.manifest } : null;
}
/**
 * Each platform of a multi-platform image (containerd store): its manifest digest (the engine's ID for it) and
 * config digest, from what the build exported (else the image's `docker save`), and whether it runs emulated here.
 */
async function platformImages(ctx, engineId, platforms, exported, arch = process.arch) {
    const native = (0,docker_platform/* targetPlatform */.LM)([], arch);
    return Promise.all(platforms.map(async (platform) => {
        const p = (0,docker_platform/* targetPlatform */.LM)([platform]);
        const d = await imageDigests(ctx, engineId, p, exported);
        if (!d.manifestDigest)
            throw new Error(`the engine holds no ${platform} manifest for ${engineId}`);
        return { platform, manifestDigest: d.manifestDigest, configDigest: d.configDigest, emulated: !(0,docker_platform/* sameCpu */.fy)(p, native) };
    }));
}

// EXTERNAL MODULE: ./src/docker/content-store.ts
var content_store = __webpack_require__(25645);
// EXTERNAL MODULE: ./src/publish/published.ts
var publish_published = __webpack_require__(69777);
// EXTERNAL MODULE: ./src/publish/push.ts
var push = __webpack_require__(29675);
// EXTERNAL MODULE: ./src/publish/retry.ts
var retry = __webpack_require__(30833);
// EXTERNAL MODULE: ./src/publish/verify.ts
var verify = __webpack_require__(89458);
;// CONCATENATED MODULE: ./src/publish/by-digest.ts
/**
 * `push: by-digest`: each platform's image goes to the registry untagged, by its manifest digest, for a merge step
 * (`dockerflow merge`, the reusable workflow's `distribute`) to tag as one index. `docker push` needs a tag, and
 * the docker driver refuses buildx's push-by-digest, so the blobs are uploaded from the engine's content store
 * through the registry API: the bytes docker push would send, under no tag. Each manifest is then read back by its
 * digest and checked against the platform's config digest, as a tagged push is.
 */








const WHY = 'push by-digest: a blob read for its upload';
const classicStore = () => new errors/* UserError */.y('push: by-digest uploads the image from the containerd image store, and this engine uses the classic image store: turn it on (dockerd "features": {"containerd-snapshotter": true}, docs/engines.md) or use push: auto', 'config');
/** Which image store the engine has, asked before the build: by-digest reads the containerd content store. */
async function canPushByDigest(ctx) {
    if ((await (0,content_store/* containerdDataRoot */.kp)(ctx.runner).catch(() => null)) === null)
        throw classicStore();
}
/** A registry API call of the push, retried as `docker push` is: transient failures, within PUSH_BUDGET_MS. */
function retried(ctx, what, fn) {
    return (0,retry/* retryRegistry */.II)(what, fn, {
        say: (line) => ctx.ui.info(line),
        why: (e) => e.message,
        kindOf: verify/* kindOfHttp */.A,
        budgetMs: push/* PUSH_BUDGET_MS */.K,
    });
}
/**
 * Upload every platform of `built` to the repository of each of `refs` (untagged), then read each manifest back
 * by digest. Returns `before` with `repo@digest` refs added, one per platform and repository, in that order.
 */
async function pushByDigest(ctx, session, built, refs, before) {
    const out = { ...before, pushed: [...before.pushed], platformDigests: { ...before.platformDigests } };
    const root = await (0,content_store/* containerdDataRoot */.kp)(ctx.runner);
    if (root === null)
        throw classicStore();
    const store = await (0,content_store/* findContentStore */.aU)(ctx.runner, root, built.imageId, WHY);
    if (typeof store === 'string')
        throw new errors/* UserError */.y(`push: by-digest cannot find the image's blobs: ${store}`);
    const platforms = built.platforms?.map((p) => ({ name: p.platform, configDigest: p.configDigest })) ?? [
        { name: (0,docker_platform/* platformName */.$r)(ctx.config.platforms), configDigest: built.configDigest },
    ];
    const repositories = new Map();
    for (const ref of refs) {
        const parsed = (0,image_ref/* parseTagEntry */.oN)(ref, session.registry, ctx.config.image);
        if (!parsed)
            throw new Error(`cannot parse the planned ref ${ref}`);
        repositories.set(`${parsed.registry}/${parsed.repository}`, parsed);
    }
    const client = (0,publish_published/* sessionClient */.K_)(ctx, session);
    try {
        for (const p of platforms) {
            const m = await (0,content_store/* platformManifest */.NB)(store, built.imageId, p.name);
            if (typeof m === 'string')
                throw new errors/* UserError */.y(`push: by-digest: ${m}`);
            if (m.manifest.config?.digest !== p.configDigest) {
                throw new Error(`the engine's ${p.name} manifest ${m.digest} names config ${m.manifest.config?.digest}, the build made ${p.configDigest}`);
            }
            const blobs = [m.manifest.config, ...(m.manifest.layers ?? [])];
            for (const repo of repositories.values()) {
                const display = (0,image_ref/* formatDigestRef */.$Y)(repo, m.digest);
                ctx.ui.info(`Pushing ${p.name} by digest to ${display} (${blobs.length} blobs, no tag)`);
                for (const blob of blobs)
                    await upload(ctx, client, store, repo.repository, blob, display);
                const body = await store.read(m.digest);
                const put = await retried(ctx, `PUT manifest ${display}`, () => client.putManifest(repo.repository, m.digest, m.mediaType, body));
                if (put !== m.digest)
                    throw new Error(`the registry stored the manifest of ${display} as ${put}`);
                const v = await (0,verify/* verifyPushed */.Zi)(client, { repository: repo.repository, tag: m.digest, display }, p.configDigest, (0,docker_platform/* targetPlatform */.LM)([p.name]), (line) => ctx.ui.info(line));
                ctx.log.line(`verified ${display} ${p.name}: manifest ${v.manifestDigest}, config ${v.configDigest}`);
                out.pushed.push(display);
                out.platformDigests[p.name] = v.manifestDigest;
                out.digest ??= v.digest;
                out.manifestDigest ??= v.manifestDigest;
            }
        }
    }
    catch (e) {
        throw new publish_published/* PublishError */.S1(e instanceof errors/* UserError */.y || !(e instanceof Error) ? e : byDigestError(session, e), out);
    }
    finally {
        await client.close();
    }
    return out;
}
/** One blob into `repository`, unless the registry has it already (a base layer, a second run of the same image). */
async function upload(ctx, client, store, repository, blob, display) {
    if (typeof blob.size !== 'number')
        throw new Error(`the manifest of ${display} gives no size for ${blob.digest}`);
    await retried(ctx, `uploading ${blob.digest.slice(0, 19)} to ${display}`, async () => {
        if (await client.hasBlob(repository, blob.digest))
            return;
        const opened = [];
        try {
            await client.uploadBlob(repository, blob.digest, blob.size, () => {
                const src = store.open(blob.digest);
                src.done.catch(() => undefined);
                opened.push(src);
                return src.stream;
            });
        }
        catch (e) {
            for (const o of opened)
                o.kill?.();
            throw e;
        }
    });
}
function byDigestError(session, e) {
    if (/\b(401|403)\b|refused/.test(e.message)) {
        return new errors/* UserError */.y(`registry ${session.registry} refused the by-digest push by user ${session.username} (${e.message}): check that the repository exists and that the token has write access to it`);
    }
    return new errors/* UserError */.y(`push: by-digest to ${session.registry} failed: ${e.message}; the full output is in build.log`);
}

;// CONCATENATED MODULE: ./src/stages/build.ts












/** Builds `contextDir` (the run's view of the build context: the user's files and its own version.json). */
async function build(ctx, prepared, contextDir = ctx.config.context) {
    const { config } = ctx;
    const builder = await detectBuilder(ctx.runner);
    if (builder === 'classic') {
        if (config.secrets.length > 0) {
            throw new errors/* UserError */.y('build secrets need BuildKit, and the docker buildx plugin is missing: install buildx (docker/setup-buildx-action in a workflow)');
        }
        if (config.cacheTo.length > 0)
            ctx.ui.warning('cache-to needs the docker buildx plugin; it is ignored by the classic builder');
    }
    if (config.platforms.length > 1)
        await (0,docker_platform/* canHoldPlatforms */.sT)(ctx.runner, builder, config.platforms.length);
    if (prepared.plan.push && prepared.plan.byDigest)
        await canPushByDigest(ctx);
    // In the run's own folder (under RUNNER_TEMP in Actions), which the post step removes should main be killed.
    (0,external_node_fs_.mkdirSync)(ctx.workDir, { recursive: true });
    const tmp = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(ctx.workDir, 'build-'));
    const iidFile = external_node_path_default().join(tmp, 'iid');
    const attestations = await canAttest(ctx.runner, config, builder, (m) => ctx.ui.warning(m));
    const runRef = (0,image_ref/* formatRef */.rq)({ registry: config.registry, repository: config.image, tag: ctx.runId });
    // Built under the run's own tag only, then tagged: concurrent builds exporting one shared tag race in the
    // containerd image store ("image ... already exists"); `docker tag` afterwards just moves it.
    const req = { config, builder, refs: [runRef], labels: ociLabels(prepared.version), iidFile, contextDir, attestations };
    try {
        ctx.ui.info(`Building ${prepared.plan.refs.join(', ')} with ${builder === 'buildx' ? 'docker buildx' : 'the classic docker builder'}`);
        const run = await ctx.ui.group(`docker build ${external_node_path_default().relative(process.cwd(), config.context) || '.'}`, () => ctx.runner.run(buildArgv(req), { byName: buildEnv(req), env: buildSettings(req), stream: true }));
        const imageId = (0,external_node_fs_.readFileSync)(iidFile, 'utf8').trim();
        if (!/^sha256:[0-9a-f]{64}$/.test(imageId))
            throw new Error(`the build wrote an unexpected image ID "${imageId}"`);
        for (const ref of prepared.plan.refs)
            await (0,commands/* tagImage */.E$)(ctx.runner, imageId, ref);
        const exported = exportedDigests(`${run.stderr}\n${run.stdout}`);
        if (config.platforms.length > 1) {
            // One image holding every platform: each is judged on its own, the first one's digests stand for the image.
            const platforms = await platformImages(ctx, imageId, config.platforms, exported);
            const [first] = platforms;
            const { configDigest, manifestDigest } = first;
            return { imageId, configDigest, manifestDigest, refs: prepared.plan.refs, builder, runRef, platforms };
        }
        const digests = await imageDigests(ctx, imageId, (0,docker_platform/* targetPlatform */.LM)(config.platforms), exported);
        return { imageId, ...digests, refs: prepared.plan.refs, builder, runRef };
    }
    catch (e) {
        if (e instanceof exec_runner/* CommandError */.Qd) {
            throw new errors/* UserError */.y(`docker build of ${config.file} failed (exit ${e.result.exitCode}): ${ctx.redactor.redact((0,exec_runner/* errorLine */.BP)(e.result.stderr + e.result.stdout) || 'no output')}; the full output is in build.log`);
        }
        throw e;
    }
    finally {
        (0,external_node_fs_.rmSync)(tmp, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/inspect/build-checks.ts
/**
 * DF108: BuildKit's own Dockerfile checks (JSONArgsRecommended, SecretsUsedInArgOrEnv, FromAsCasing, ...), run with
 * `docker buildx build --call check` — the lint docker/build-push-action's `call: check` runs — each finding a
 * warning on its Dockerfile line. Skipped, with the reason, where buildx is missing or older than 0.15.
 */



/** The first buildx with `--call check`. */
const MIN_BUILDX_CHECK = [0, 15];
/** `github.com/docker/buildx v0.29.1 abc` or Debian's `github.com/docker/buildx 0.29.1+ds1 0.29.1+ds1-4` → [0, 29]. */
function buildxVersion(versionLine) {
    const m = /buildx\s+v?(\d+)\.(\d+)/.exec(versionLine);
    return m ? [Number(m[1]), Number(m[2])] : null;
}
/** The findings in `--call check,format=json` output; null when it is not that JSON. */
function parseCheckOutput(stdout, file) {
    let json;
    try {
        json = JSON.parse(stdout);
    }
    catch {
        return null;
    }
    if (!json || typeof json !== 'object' || !('warnings' in json))
        return null;
    return (json.warnings ?? []).map((w) => {
        const line = w.location?.ranges?.[0]?.start?.line;
        const finding = { rule: w.ruleName ?? 'BuildKit check', message: w.detail || w.description || '', file };
        if (typeof line === 'number' && line >= 1)
            finding.line = line;
        if (w.url)
            finding.url = w.url;
        return finding;
    });
}
/** The DF108 row, from the builder the run detected and the `docker buildx version` line (null without buildx). */
async function buildChecks(ctx, versionLine) {
    if (versionLine === null)
        return (0,catalogue/* check */.z6)('DF108', 'skip', 'the docker buildx plugin is missing; BuildKit checks need buildx 0.15 or later', {
            skip: 'unavailable',
        });
    const v = buildxVersion(versionLine);
    const [maj, min] = MIN_BUILDX_CHECK;
    if (v && (v[0] < maj || (v[0] === maj && v[1] < min))) {
        return (0,catalogue/* check */.z6)('DF108', 'skip', `buildx ${v[0]}.${v[1]} has no --call check (added in ${maj}.${min}); upgrade buildx to run BuildKit's checks`, { skip: 'unavailable' });
    }
    const file = ctx.config.file;
    const r = await ctx.runner.run(buildCheckArgv(ctx.config), { byName: buildCheckEnv(ctx.config), allowFailure: true, quiet: true });
    const findings = parseCheckOutput(r.stdout, file);
    if (findings === null) {
        const why = ctx.redactor.redact((0,exec_runner/* lastLine */.fM)(r.stderr) || (0,exec_runner/* lastLine */.fM)(r.stdout) || `exit ${r.exitCode}`);
        return (0,catalogue/* check */.z6)('DF108', 'skip', `docker buildx build --call check did not run (${why}); the build itself reports Dockerfile errors`, {
            skip: 'unavailable',
        });
    }
    ctx.log.line(`BuildKit checks: ${findings.length} finding(s)`);
    for (const f of findings)
        ctx.log.line(`  ${f.rule}: ${f.message} (${file}${f.line ? `:${f.line}` : ''})`);
    if (findings.length === 0)
        return (0,catalogue/* check */.z6)('DF108', 'pass', "BuildKit's Dockerfile checks found nothing");
    const shown = findings.slice(0, 3).map((f) => `${f.rule} (line ${f.line ?? '?'}): ${f.message}`);
    const more = findings.length > 3 ? ` and ${findings.length - 3} more` : '';
    const row = (0,catalogue/* check */.z6)('DF108', 'fail', `${findings.length} BuildKit check finding(s): ${shown.join('; ')}${more}`, {
        file,
        ...(findings[0].line ? { line: findings[0].line } : {}),
    });
    row.findings = findings;
    return row;
}

// EXTERNAL MODULE: ./node_modules/dockerfile-ast/lib/main.js
var main = __webpack_require__(78390);
;// CONCATENATED MODULE: ./src/inspect/base-image.ts


/**
 * The image the final stage starts from: its FROM, with ARGs declared before the first FROM substituted (build
 * args given to the run win over their defaults), followed through `FROM <earlier stage>` chains to an image
 * or `scratch`.
 */
function finalBaseImage(file, target, buildArgs) {
    const doc = main.DockerfileParser.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
    const vars = new Map();
    for (const arg of doc.getInitialARGs()) {
        const p = arg.getProperty();
        if (p)
            vars.set(p.getName(), p.getValue() ?? '');
    }
    for (const a of buildArgs)
        if (vars.has(a.key))
            vars.set(a.key, a.value);
    const froms = doc.getFROMs();
    let i = target ? froms.findIndex((f) => f.getBuildStage()?.toLowerCase() === target.toLowerCase()) : froms.length - 1;
    if (i < 0)
        i = froms.length - 1;
    if (i < 0)
        return { kind: 'unknown', why: `${file} has no FROM` };
    for (;;) {
        const raw = froms[i].getImage();
        if (!raw)
            return { kind: 'unknown', why: `the FROM on line ${froms[i].getRange().start.line + 1} names no image` };
        const ref = substitute(raw, vars);
        if (ref === null || ref === '')
            return { kind: 'unknown', why: `FROM ${raw} (line ${froms[i].getRange().start.line + 1}) has an ARG with no value` };
        const stage = froms.slice(0, i).findLastIndex((f) => f.getBuildStage()?.toLowerCase() === ref.toLowerCase());
        if (stage >= 0) {
            i = stage;
            continue;
        }
        return ref.toLowerCase() === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref };
    }
}
/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alternative}`; null when a variable is not declared. */
function substitute(text, vars) {
    let unknown = false;
    const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_, braced, op, word, bare) => {
        const name = (braced ?? bare);
        const value = vars.get(name);
        if (op === '-')
            return value ? value : word;
        if (op === '+')
            return value ? word : '';
        if (value === undefined)
            unknown = true;
        return value ?? '';
    });
    return unknown ? null : out;
}
/** The final stage's base, or why it is not known (a Dockerfile the parser cannot read): every layer is then scanned. */
function baseImageOf(...args) {
    try {
        return finalBaseImage(...args);
    }
    catch (e) {
        return { kind: 'unknown', why: `the final stage's FROM could not be read (${e.message})` };
    }
}

;// CONCATENATED MODULE: ./src/inspect/dockerfile.ts


function parseDockerfile(file, target) {
    const doc = main.DockerfileParser.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
    const froms = doc.getFROMs();
    const from = (target ? froms.find((f) => f.getBuildStage() === target) : froms.at(-1)) ?? froms.at(-1);
    if (!from)
        return { file, finalStage: [], fromLine: 1 };
    const fromLine = from.getRange().start.line;
    // Stages this one is FROM, outermost first, then this stage itself.
    const stages = doc.getStageHierarchy(fromLine);
    const finalStage = stages.flatMap((stage) => stage.getInstructions().map(toFacts));
    return { file, finalStage, fromLine: fromLine + 1 };
}
function toFacts(i) {
    const keyword = i.getKeyword().toUpperCase();
    const props = i instanceof main.PropertyInstruction ? i.getProperties() : [];
    return {
        keyword,
        line: i.getRange().start.line + 1,
        jsonForm: i instanceof main.JSONInstruction && i.getJSONStrings().length > 0,
        args: i.getArgumentsContent() ?? '',
        properties: props.map((p) => ({ name: p.getName(), value: p.getValue() ?? '', line: p.getRange().start.line + 1 })),
    };
}
/** The last instruction with this keyword in the final stage (the one that wins). */
function lastInstruction(facts, keyword) {
    return facts.finalStage.filter((i) => i.keyword === keyword).at(-1);
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/inspect/matcher.ts
/**
 * Multi-pattern search over bytes: every needle (every secret in every encoding) in one pass, whatever their
 * number. Wu–Manber (a Horspool-style skip over 2-byte blocks for a whole set of patterns): on layer data the
 * window moves by up to (shortest needle − 1) bytes per step and only a block that ends some needle's prefix
 * costs a verification, so the cost per byte falls as secrets get longer and barely grows with their number.
 * A byte-wise Aho–Corasick automaton (one typed-array lookup per byte) measured 250–320 MB/s here, the string-based
 * npm packages (`ahocorasick`, `@monyone/aho-corasick`) about 23 MB/s; this reaches 2–3 GB/s on 16–40 byte
 * secrets (see bench/secret-scan.ts).
 */
class MultiMatcher {
    needles;
    /** Length of the longest needle (a stream keeps this many bytes minus one across chunk seams). */
    maxLength;
    /** Window: the first `m` bytes of every needle (m = the shortest needle's length, at most 255). */
    m;
    shift;
    /** Needles whose m-prefix ends with a block, as linked lists over needle indices. */
    head;
    next;
    wide;
    constructor(needles) {
        this.needles = needles.map((n) => (typeof n === 'string' ? Buffer.from(n) : n));
        const lengths = this.needles.filter((n) => n.length > 0).map((n) => n.length);
        this.maxLength = Math.max(0, ...lengths);
        this.m = lengths.length ? Math.min(255, ...lengths) : 0;
        this.wide = this.m >= 2;
        const size = this.wide ? 65536 : 256;
        const B = this.wide ? 2 : 1;
        this.shift = new Uint8Array(size).fill(Math.max(1, this.m - B + 1));
        this.head = new Int32Array(size).fill(-1);
        this.next = new Int32Array(this.needles.length).fill(-1);
        this.needles.forEach((p, k) => {
            if (p.length === 0)
                return;
            for (let j = B - 1; j < this.m; j++) {
                const h = this.wide ? (p[j - 1] << 8) | p[j] : p[j];
                const s = this.m - 1 - j;
                if (s < this.shift[h])
                    this.shift[h] = s;
                if (s === 0) {
                    this.next[k] = this.head[h];
                    this.head[h] = k;
                }
            }
        });
    }
    /** Adds to `found` the index of every needle that lies wholly inside `buf`. */
    scan(buf, found) {
        const m = this.m;
        if (m === 0)
            return;
        const { shift, head, next, needles } = this;
        const n = buf.length;
        let pos = m - 1;
        while (pos < n) {
            const h = this.wide ? (buf[pos - 1] << 8) | buf[pos] : buf[pos];
            const s = shift[h];
            if (s !== 0) {
                pos += s;
                continue;
            }
            const start = pos - m + 1;
            for (let k = head[h]; k !== -1; k = next[k]) {
                if (found.has(k))
                    continue;
                const p = needles[k];
                const end = start + p.length;
                if (end <= n && buf[start] === p[0] && equalAt(buf, start, p))
                    found.add(k);
            }
            pos++;
        }
    }
}
function equalAt(buf, start, p) {
    if (p.length > 32)
        return Buffer.compare(p, buf.subarray(start, start + p.length)) === 0;
    for (let i = 1; i < p.length; i++)
        if (buf[start + i] !== p[i])
            return false;
    return true;
}
/**
 * Finds the needles in a byte stream that arrives in chunks, across chunk boundaries, without copying chunks:
 * each chunk is searched on its own, and the seam (the last `maxLength − 1` bytes before it and as many of it)
 * on its own.
 */
class StreamMatcher {
    matcher;
    tail = Buffer.alloc(0);
    keep;
    found = new Set();
    /** Bytes pushed so far. */
    bytes = 0;
    constructor(matcher) {
        this.matcher = matcher;
        this.keep = Math.max(1, matcher.maxLength) - 1;
    }
    push(chunk) {
        this.bytes += chunk.length;
        if (this.found.size === this.matcher.needles.length)
            return;
        if (this.tail.length > 0)
            this.matcher.scan(Buffer.concat([this.tail, chunk.subarray(0, this.keep)]), this.found);
        this.matcher.scan(chunk, this.found);
        if (this.keep === 0)
            return;
        this.tail =
            chunk.length >= this.keep
                ? Buffer.from(chunk.subarray(chunk.length - this.keep))
                : Buffer.concat([this.tail, chunk]).subarray(-this.keep);
    }
}

;// CONCATENATED MODULE: ./src/inspect/layer-scan.ts










/** The base image whose layers a scan skips, if any. */
function baseToSkip(req) {
    return req.mode === 'new' && req.base.kind === 'image' ? req.base.ref : null;
}
const layer_scan_short = (digest) => digest.replace(/^sha256:/, '').slice(0, 12);
/**
 * Look for every needle in the image's config (ENV, labels, the whole build history) and in the layers this
 * build wrote: the final stage's FROM image's layers (`RootFS.Layers`, a prefix of the built image's) are
 * skipped unless `mode` is `all`. Layers are read from the engine's overlay2 directories (in place when this
 * process can read them, else through `sudo -n tar`) or the containerd image store's content store, both on a
 * local engine; else from `docker save`, and `stats.fallback` says why. Nothing is written to disk.
 */
async function scanImage(ctx, req) {
    const t0 = performance.now();
    const matcher = new MultiMatcher(req.needles);
    // Which image store the engine has is asked alongside the image (a docker CLI call costs 0.1-0.3 s here).
    const store = req.forceSave ? Promise.resolve(null) : (0,content_store/* containerdDataRoot */.kp)(ctx.runner).catch(() => null);
    const [image, base] = await (req.inspected ?? inspectPair(ctx, req.imageId, baseToSkip(req)));
    if (!image)
        throw new Error(`docker image inspect ${req.imageId} found no image to scan for secrets`);
    const imageId = image.Id; // the ID, also when the request names a tag
    const layers = image.RootFS?.Layers ?? [];
    const { skip, why } = skipped(req, layers, base);
    const stats = {
        path: 'overlay2',
        mode: req.mode,
        base: why,
        layers: { scanned: layers.length - skip, skipped: skip },
        bytes: { scanned: 0, skipped: skip > 0 ? (base?.Size ?? 0) : 0 },
        ms: 0,
    };
    let hits;
    try {
        if (req.forceSave)
            throw new Fallback('asked for docker save');
        const dirs = overlayDirs(image, layers.length);
        const root = typeof dirs === 'string' && image.GraphDriver?.Data == null ? await store : null;
        if (typeof dirs !== 'string')
            hits = await scanOverlay(ctx, matcher, imageId, layers, dirs, skip, stats);
        else if (root !== null) {
            stats.path = 'containerd content store';
            hits = await scanContentStore(ctx, matcher, imageId, layers, skip, stats, root);
        }
        else
            throw new Fallback(dirs);
    }
    catch (e) {
        if (!(e instanceof Fallback))
            throw e;
        stats.path = 'docker save';
        stats.fallback = e.message;
        stats.bytes.scanned = 0;
        const why = `DF106: ${e.message}; read in memory, nothing written`;
        hits = await scanSave(() => dockerSave(ctx.runner, imageId, why), req.needles, { skip, matcher, stats });
    }
    stats.ms = Math.round(performance.now() - t0);
    return { hits, stats };
}
/** The faster path cannot be taken: the scan goes through `docker save`, and says why. */
class Fallback extends Error {
}
/**
 * The image and its base in one `docker image inspect` (docker prints those it finds, in order, and exits 1 when
 * one is missing): [image, base or null]. With `platform` (one of a multi-platform image), as `--platform` sees
 * them: the image's `Id` is then that platform's manifest digest, which the scan reads its layers from.
 */
async function inspectPair(ctx, ref, baseRef, platform) {
    const r = await (0,commands/* imageInspect */.Sn)(ctx.runner, [ref, ...(baseRef ? [baseRef] : [])], { allowFailure: true, ...(platform ? { platform } : {}) });
    let found = [];
    try {
        found = JSON.parse(r.stdout || '[]');
    }
    catch {
        found = [];
    }
    if (r.exitCode === 0)
        return [found[0] ?? null, baseRef ? (found[1] ?? null) : null];
    // One of them is missing: which one, only a second look tells.
    if (!baseRef)
        return [null, null];
    return [(await inspectPair(ctx, ref, null, platform))[0], null];
}
function skipped(req, layers, base) {
    if (req.mode === 'all')
        return { skip: 0, why: 'secret-scan: all' };
    if (req.base.kind === 'scratch')
        return { skip: 0, why: 'FROM scratch' };
    if (req.base.kind === 'unknown')
        return { skip: 0, why: `${req.base.why}: every layer scanned` };
    if (!base)
        return { skip: 0, why: `the base image ${req.base.ref} is not in the engine: every layer scanned` };
    const baseLayers = base.RootFS?.Layers ?? [];
    if (baseLayers.length > layers.length || baseLayers.some((l, i) => layers[i] !== l)) {
        return { skip: 0, why: `the layers of ${req.base.ref} as the engine has it now are not the image's first layers: every layer scanned` };
    }
    return { skip: baseLayers.length, why: req.base.ref };
}
/**
 * overlay2 reports the top layer's directory as `UpperDir` and the ones below, top first, as `LowerDir`: bottom
 * first, they are the layers of `RootFS.Layers` in order. A string says why they cannot be used.
 */
function overlayDirs(image, count) {
    const g = image.GraphDriver;
    if (g?.Name !== 'overlay2' || !g.Data)
        return `the engine stores layers with ${g?.Name || 'an unknown driver'}, not overlay2`;
    const dirs = [g.Data.UpperDir, ...(g.Data.LowerDir ? g.Data.LowerDir.split(':') : [])].filter((d) => !!d).reverse();
    if (dirs.length !== count)
        return `overlay2 reports ${dirs.length} layer directories for ${count} layers`;
    return dirs;
}
async function scanOverlay(ctx, matcher, imageId, layers, dirs, skip, stats) {
    // The data root, three levels above a layer's diff directory: <root>/overlay2/<id>/diff.
    const root = external_node_path_default().dirname(external_node_path_default().dirname(external_node_path_default().dirname(dirs[0])));
    const configFile = external_node_path_default().join(root, 'image/overlay2/imagedb/content/sha256', imageId.replace(/^sha256:/, ''));
    const sudo = await (0,content_store/* readerFor */.d2)(root);
    const files = new content_store/* ContentStore */.Vh(root, ctx.runner, sudo, SCAN_WHY);
    const hits = [];
    const config = new StreamMatcher(matcher);
    try {
        config.push(await files.readFile(configFile));
    }
    catch (e) {
        throw new Fallback(`the engine's files are not readable here (${e.message})`);
    }
    for (const i of config.found)
        hits.push({ needle: i, where: `image config ${layer_scan_short(imageId)}` });
    if (!sudo.length) {
        // Readable here (root, or a rootless engine's own files): the files themselves, named as they are read.
        ctx.log(`DF106: reading the image config ${configFile} and the files of ${layers.length - skip} layer dir(s) under ${root}/overlay2`);
        for (let l = skip; l < layers.length; l++) {
            try {
                stats.bytes.scanned += await scanDir(dirs[l], matcher, (needle, where) => hits.push({ needle, where: `layer ${layer_scan_short(layers[l])}: ${where}` }));
            }
            catch (e) {
                throw new Fallback(`reading ${dirs[l]} failed (${e.message})`);
            }
        }
        return hits;
    }
    ctx.log(`$ sudo -n cat ${configFile}  # DF106: the image config, and sudo -n tar of ${layers.length - skip} layer dir(s) under ${root}/overlay2`);
    for (let l = skip; l < layers.length; l++) {
        const tarOf = () => files.follow([...sudo, 'tar', '-c', '-f', '-', '-C', dirs[l], '.']);
        const m = new StreamMatcher(matcher);
        const t = tarOf();
        t.stream.on('data', (c) => m.push(c));
        try {
            await t.done;
        }
        catch (e) {
            throw new Fallback(`sudo -n tar of ${dirs[l]} failed (${e.message})`);
        }
        stats.bytes.scanned += m.bytes;
        if (m.found.size === 0)
            continue;
        const again = tarOf();
        again.done.catch(() => undefined);
        hits.push(...(await nameInTar(again.stream, matcher, m.found, `layer ${layer_scan_short(layers[l])}`)));
        await again.done;
    }
    return hits;
}
/** The walk reads synchronously (a small file costs one open, read and close, not three trips through the thread pool) and lets the event loop run this often. */
const SLICE_MS = 10;
/**
 * Every file of a layer directory, walked and read in place: content, names and symlink targets. Returns the
 * bytes read. Whiteouts (character devices) and other special files count by name only. The work is done in
 * slices of ~10 ms, so the smoke stage running alongside keeps its timers and probes.
 */
async function scanDir(dir, matcher, hit) {
    let bytes = 0;
    const seen = new Set();
    const report = (found, where) => {
        for (const i of found) {
            const key = `${i} ${where}`;
            if (!seen.has(key))
                hit(i, where);
            seen.add(key);
        }
    };
    const names = new Set();
    const buf = Buffer.allocUnsafe(content_store/* READ_SIZE */.V9);
    const pending = [''];
    let sliceStart = performance.now();
    const maybeYield = async () => {
        if (performance.now() - sliceStart < SLICE_MS)
            return;
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
    };
    const readFile = async (p) => {
        const fd = (0,external_node_fs_.openSync)(external_node_path_default().join(dir, p), 'r');
        try {
            const m = new StreamMatcher(matcher);
            for (;;) {
                const n = (0,external_node_fs_.readSync)(fd, buf, 0, content_store/* READ_SIZE */.V9, null);
                if (n === 0)
                    break;
                m.push(buf.subarray(0, n));
                await maybeYield();
            }
            bytes += m.bytes;
            report(m.found, p);
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
    };
    while (pending.length > 0) {
        const rel = pending.pop();
        for (const e of (0,external_node_fs_.readdirSync)(external_node_path_default().join(dir, rel), { withFileTypes: true })) {
            const p = `${rel}/${e.name}`;
            names.clear();
            matcher.scan(Buffer.from(p), names);
            if (e.isSymbolicLink())
                matcher.scan(Buffer.from((0,external_node_fs_.readlinkSync)(external_node_path_default().join(dir, p))), names);
            report(names, `${p} (in a file name or link target)`);
            if (e.isDirectory())
                pending.push(p);
            else if (e.isFile())
                await readFile(p);
            await maybeYield();
        }
    }
    return bytes;
}
/**
 * The containerd image store keeps every blob (manifest, config, compressed layers) in its content store, by
 * digest: the engine's own (`<data root>/containerd/daemon`) or the system containerd's (`/var/lib/containerd`).
 * The image ID is the digest of its manifest or index; the store that holds a blob with that digest is the one.
 */
async function scanContentStore(ctx, matcher, imageId, layers, skip, stats, root) {
    const store = await (0,content_store/* findContentStore */.aU)(ctx.runner, root, imageId, SCAN_WHY);
    if (typeof store === 'string')
        throw new Fallback(store);
    let manifest = await store.json(imageId);
    if (manifest.manifests) {
        // This machine's platform (a one-platform build of another is its one entry that is not an attestation).
        const arch = (0,docker_platform/* targetPlatform */.LM)([]).architecture;
        const pick = manifest.manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture === arch) ??
            manifest.manifests.find((m) => m.platform?.architecture !== 'unknown');
        if (!pick)
            throw new Fallback(`the image index ${layer_scan_short(imageId)} has no manifest for linux/${arch}`);
        manifest = await store.json(pick.digest);
    }
    const blobs = manifest.layers ?? [];
    if (!manifest.config || blobs.length !== layers.length) {
        throw new Fallback(`the manifest lists ${blobs.length} layer blobs for ${layers.length} layers`);
    }
    ctx.log(store.sudo.length
        ? `$ sudo -n cat ${store.path(manifest.config.digest)}  # DF106: the image config, and ${layers.length - skip} layer blob(s) from ${store.dir}`
        : `DF106: reading the image config ${layer_scan_short(manifest.config.digest)} and ${layers.length - skip} layer blob(s) in ${store.dir}`);
    const hits = [];
    const config = new StreamMatcher(matcher);
    config.push(await store.read(manifest.config.digest));
    for (const i of config.found)
        hits.push({ needle: i, where: `image config ${layer_scan_short(manifest.config.digest)}` });
    for (let l = skip; l < layers.length; l++) {
        const file = store.path(blobs[l].digest);
        const m = new StreamMatcher(matcher);
        const c = store.open(blobs[l].digest);
        c.done.catch(() => undefined);
        try {
            await readDecompressed(c.stream, (chunk) => m.push(chunk));
            await c.done;
        }
        catch (e) {
            if (l === skip)
                throw new Fallback(`reading ${file} failed (${e.message})`);
            throw e;
        }
        stats.bytes.scanned += m.bytes;
        if (m.found.size === 0)
            continue;
        const again = store.open(blobs[l].digest);
        again.done.catch(() => undefined);
        const content = new external_node_stream_.PassThrough();
        const read = readDecompressed(again.stream, (chunk) => content.write(chunk)).then(() => content.end());
        read.catch((e) => content.destroy(e));
        hits.push(...(await nameInTar(content, matcher, m.found, `layer ${layer_scan_short(layers[l])}`)));
        await read;
        await again.done;
    }
    return hits;
}
const SCAN_WHY = 'DF106: read in memory, nothing written';
/**
 * Which files of a layer tar hold the needles found in its bytes: by content, else by name or link target
 * (a value in a file name is in the layer too). A match of the raw bytes that runs across a file's end into
 * the next header is in no file, and is not reported.
 */
async function nameInTar(stream, matcher, wanted, layer) {
    const hits = [];
    const named = new Set();
    const inMeta = new Set();
    await new Promise((resolve, reject) => {
        const ex = (0,tar_stream.extract)();
        ex.on('entry', (header, entry, next) => {
            const meta = new Set();
            matcher.scan(Buffer.from(`${header.name}\0${header.linkname ?? ''}\0${JSON.stringify(header.pax ?? {})}`), meta);
            for (const i of meta)
                if (wanted.has(i))
                    inMeta.add(i);
            const m = new StreamMatcher(matcher);
            entry.on('data', (d) => m.push(d));
            entry.on('end', () => {
                for (const i of m.found) {
                    if (!wanted.has(i))
                        continue;
                    named.add(i);
                    hits.push({ needle: i, where: `${layer}: /${header.name.replace(/^\.?\//, '')}` });
                }
                next();
            });
            entry.on('error', reject);
        });
        ex.on('finish', resolve);
        ex.on('error', reject);
        stream.on('error', reject);
        stream.pipe(ex);
    });
    for (const i of inMeta)
        if (!named.has(i))
            hits.push({ needle: i, where: `${layer} (in a file name or link target)` });
    return hits;
}
/** A tar's first header has `ustar` at offset 257. */
const TAR_MAGIC_END = 262;
const isTar = (head) => head.length >= TAR_MAGIC_END && head.subarray(257, TAR_MAGIC_END).toString() === 'ustar';
const layerName = (entry) => entry
    .replace(/^blobs\/sha256\//, '')
    .split('/')[0]
    .slice(0, 12);
/**
 * Every needle in a `docker save` stream: each entry is read as raw bytes, decompressed where the engine stores
 * layers compressed (the containerd image store saves gzip or zstd blobs): a file's content is contiguous in a
 * tar, so a value inside any file is found. `manifest.json` (`Layers`, in `RootFS.Layers` order) tells the
 * first `skip` layers, whose hits are dropped: the daemon streams them anyway. Only the layers with a hit are
 * read again, file by file, to name the file.
 */
async function scanSave(open, needles, o = {}) {
    const matcher = o.matcher ?? new MultiMatcher(needles);
    const found = [];
    let manifest = [];
    await eachEntryOf(open, async (name, entry) => {
        const m = new StreamMatcher(matcher);
        const keep = name === 'manifest.json' ? [] : null;
        const head = await readDecompressed(entry, (c) => {
            m.push(c);
            keep?.push(c);
        });
        if (keep)
            manifest = JSON.parse(Buffer.concat(keep).toString());
        const tar = isTar(head);
        for (const i of m.found)
            found.push({ needle: i, where: name, tar, bytes: m.bytes });
        if (tar && o.stats)
            found.push({ needle: -1, where: name, tar, bytes: m.bytes });
    });
    const order = manifest[0]?.Layers ?? [];
    const base = new Set(order.slice(0, o.skip ?? 0));
    if (o.stats) {
        o.stats.bytes.scanned = found.filter((h) => h.needle === -1 && !base.has(h.where)).reduce((n, h) => n + h.bytes, 0);
    }
    const hits = found.filter((h) => h.needle >= 0 && !base.has(h.where));
    const named = hits.filter((h) => !h.tar).map((h) => ({ needle: h.needle, where: `image config ${h.where}` }));
    const layers = new Map();
    for (const h of hits.filter((x) => x.tar))
        layers.set(h.where, (layers.get(h.where) ?? new Set()).add(h.needle));
    if (layers.size === 0)
        return named;
    await eachEntryOf(open, async (name, entry) => {
        const wanted = layers.get(name);
        if (!wanted) {
            entry.resume();
            return ended(entry);
        }
        const content = new external_node_stream_.PassThrough();
        const read = readDecompressed(entry, (c) => content.write(c)).then(() => content.end());
        read.catch((e) => content.destroy(e));
        named.push(...(await nameInTar(content, matcher, wanted, `layer ${layerName(name)}`)));
        await read;
    });
    return named;
}
/**
 * Hands `onData` an entry's bytes, gunzipped or un-zstd-ed when its magic bytes say so (with backpressure on
 * the entry while the decompressor catches up). Resolves at the end with the first bytes it handed on, to tell
 * a layer tar from a config file.
 */
function readDecompressed(entry, onData) {
    return new Promise((resolve, reject) => {
        let head = Buffer.alloc(0);
        const take = (c) => {
            if (head.length < TAR_MAGIC_END)
                head = Buffer.concat([head, c.subarray(0, TAR_MAGIC_END)]);
            onData(c);
        };
        let pending = []; // until there are enough bytes to see the magic
        let sink = null;
        const send = (c) => {
            if (!sink)
                return take(c);
            if (!sink.write(c)) {
                entry.pause();
                sink.once('drain', () => entry.resume());
            }
        };
        const decide = () => {
            const first = Buffer.concat(pending);
            pending = null;
            const gzip = first[0] === 0x1f && first[1] === 0x8b;
            const zstd = first.length >= 4 && first.readUInt32LE(0) === 0xfd2fb528;
            if (gzip || zstd) {
                sink = gzip ? (0,external_node_zlib_.createGunzip)({ chunkSize: content_store/* READ_SIZE */.V9 }) : (0,external_node_zlib_.createZstdDecompress)({ chunkSize: content_store/* READ_SIZE */.V9 });
                sink.on('data', take);
                sink.on('end', () => resolve(head));
                sink.on('error', reject);
            }
            if (first.length)
                send(first);
        };
        entry.on('data', (c) => {
            if (!pending)
                return send(c);
            pending.push(c);
            if (pending.reduce((n, b) => n + b.length, 0) >= 4)
                decide();
        });
        entry.on('end', () => {
            if (pending)
                decide();
            if (sink)
                sink.end();
            else
                resolve(head);
        });
        entry.on('error', reject);
    });
}
/** Resolves when a (streamx or Node) stream has been read to its end; rejects on its error. */
function ended(stream) {
    return new Promise((resolve, reject) => {
        stream.on('end', () => resolve());
        stream.on('error', reject);
    });
}
/** `docker save IMAGE`, failing with docker's own words if it fails. */
function dockerSave(runner, imageId, why) {
    return (0,content_store/* sourceOf */.vz)((0,commands/* save */.UN)(runner, imageId, why), `docker save ${imageId}`);
}
/** One pass over an opened save stream: every regular file visited in order, then the producer's verdict. */
async function eachEntryOf(open, visit) {
    const { stream, done, kill } = open();
    done.catch(() => undefined); // judged below, once the stream is read
    try {
        await eachEntry(stream, visit);
    }
    catch (e) {
        // The pass failed (a corrupt layer, a read error): nobody reads the rest, so the producer must not wait on
        // its full pipe for ever.
        kill?.();
        stream.destroy();
        throw e;
    }
    await done;
}
/** Visit every regular file of a tar stream in order; `visit` must consume the entry. */
function eachEntry(stream, visit) {
    return new Promise((resolve, reject) => {
        const ex = (0,tar_stream.extract)();
        ex.on('entry', (header, entry, next) => {
            if (header.type !== 'file' || !header.size) {
                entry.resume();
                entry.on('end', () => next());
                return;
            }
            visit(header.name, entry).then(() => next(), reject);
        });
        ex.on('finish', resolve);
        ex.on('error', reject);
        stream.on('error', reject);
        stream.pipe(ex);
    });
}

;// CONCATENATED MODULE: ./src/inspect/needles.ts
/**
 * The byte strings DF106 looks for, one list for every secret in every form (raw, and the encodings a value
 * takes in a file: the scan's cost does not grow with their number), each with the name of its secret.
 */
function secretNeedles(named, forms = (v) => [v]) {
    return named.flatMap((n) => [...new Set(forms(n.value))].map((value) => ({ name: n.name, value })));
}
/** One hit per secret and place, whichever of its forms was found. */
function dedupeHits(hits, needles) {
    const seen = new Set();
    return hits.filter((h) => {
        const key = `${needles[h.needle]?.name}\0${h.where}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
;// CONCATENATED MODULE: ./src/git/version-diff.ts

const show = (v) => (v === undefined ? 'nothing' : JSON.stringify(v));
/**
 * Field-by-field differences between the version object the build wrote and what /__version__ answered; empty
 * when they are deep-equal.
 */
function versionDifferences(expected, actual) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
        return [`expected a JSON object, got ${Array.isArray(actual) ? 'an array' : show(actual)}`];
    }
    const got = actual;
    const want = expected;
    const out = [];
    for (const key of Object.keys(want)) {
        if (!(key in got))
            out.push(`${key} is missing (expected ${show(want[key])})`);
        else if (!(0,external_node_util_.isDeepStrictEqual)(got[key], want[key]))
            out.push(`${key}: expected ${show(want[key])}, got ${show(got[key])}`);
    }
    for (const key of Object.keys(got))
        if (!(key in want))
            out.push(`unexpected field ${key}=${show(got[key])}`);
    return out;
}

;// CONCATENATED MODULE: ./src/inspect/static-rules.ts





const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
/** `scanned 2 of 7 layers (12.3 MB) via overlay2; skipped the 5 layers (318.0 MB) of node:24-slim`. */
function scanSummary(s) {
    const total = s.layers.scanned + s.layers.skipped;
    const via = `via ${s.path}${s.fallback ? ` (${s.fallback})` : ''}`;
    const skipped = s.layers.skipped > 0
        ? `skipped the ${s.layers.skipped} layer(s) (${mb(s.bytes.skipped)}) of the base image ${s.base}${s.path === 'docker save' ? ', streamed by docker save but not judged' : ''}`
        : `skipped none (${s.base})`;
    return `scanned ${s.layers.scanned} of ${total} layer(s) (${mb(s.bytes.scanned)}) ${via}; ${skipped}`;
}
function parsePasswd(text) {
    return (text ?? '')
        .split('\n')
        .map((l) => l.split(':'))
        .filter((f) => f.length >= 4)
        .map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]) }));
}
function parseGroup(text) {
    return (text ?? '')
        .split('\n')
        .map((l) => l.split(':'))
        .filter((f) => f.length >= 3)
        .map((f) => ({ name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
}
/** Where an image-level finding points in the Dockerfile: the instruction, else the final FROM. */
function at(f, keyword) {
    const i = keyword ? lastInstruction(f.dockerfile, keyword) : undefined;
    return { file: f.dockerfile.file, line: i?.line ?? f.dockerfile.fromLine };
}
/** The user the image runs as: its passwd entry, resolved from `USER name`, `USER uid` or `USER a:b`. */
function imageUser(f) {
    const spec = f.image.user.split(':')[0] ?? '';
    const users = parsePasswd(f.passwd);
    const entry = /^\d+$/.test(spec) ? users.find((u) => u.uid === Number(spec)) : users.find((u) => u.name === spec);
    return { spec, entry };
}
const DF101 = (f) => {
    const { spec, entry } = imageUser(f);
    const where = at(f, 'USER');
    if (!spec || spec === 'root' || spec === '0') {
        return (0,catalogue/* check */.z6)('DF101', 'fail', `the image runs as root (${spec ? `USER ${f.image.user}` : 'no USER'}); add "USER app" after creating the app user with UID 10001`, where);
    }
    if (f.passwd === null)
        return (0,catalogue/* check */.z6)('DF101', 'fail', `USER ${f.image.user}, but the image has no /etc/passwd to define it; add an app user with UID 10001`, where);
    if (!entry)
        return (0,catalogue/* check */.z6)('DF101', 'fail', `USER ${f.image.user} is not in /etc/passwd; create it with "useradd --uid 10001 --gid app app"`, where);
    if (entry.name !== 'app' || entry.uid !== 10001) {
        return (0,catalogue/* check */.z6)('DF101', 'fail', `the default user is ${entry.name} with UID ${entry.uid}; it must be app with UID 10001`, where);
    }
    return (0,catalogue/* check */.z6)('DF101', 'pass', 'runs as app (UID 10001)');
};
const DF102 = (f) => {
    const where = at(f, 'USER');
    const groups = parseGroup(f.group);
    const app = groups.find((g) => g.name === 'app');
    if (!app)
        return (0,catalogue/* check */.z6)('DF102', 'fail', 'there is no group app in /etc/group; create it with "groupadd --gid 10001 app"', where);
    if (app.gid !== 10001)
        return (0,catalogue/* check */.z6)('DF102', 'fail', `group app has GID ${app.gid}; it must be 10001`, where);
    const user = parsePasswd(f.passwd).find((u) => u.name === 'app');
    if (!user)
        return (0,catalogue/* check */.z6)('DF102', 'fail', 'there is no app user to belong to group app; create it with "useradd --uid 10001 --gid app app"', where);
    const groupSpec = f.image.user.split(':')[1];
    if (groupSpec && groupSpec !== 'app' && groupSpec !== '10001') {
        return (0,catalogue/* check */.z6)('DF102', 'fail', `USER ${f.image.user} runs with group ${groupSpec}; use "USER app" or "USER app:app"`, where);
    }
    // The process runs with the user's primary group unless USER names one: a supplementary membership of app is
    // not enough (the files it writes get the primary group).
    const runsWithApp = groupSpec === 'app' || groupSpec === '10001';
    if (user.gid !== 10001 && !runsWithApp) {
        const member = app.members.includes('app') ? ' (it is only a supplementary member of app)' : '';
        return (0,catalogue/* check */.z6)('DF102', 'fail', `the app user's primary group has GID ${user.gid}, not app (10001)${member}; create the user with "useradd --gid app", or use "USER app:app"`, where);
    }
    return (0,catalogue/* check */.z6)('DF102', 'pass', "group app (GID 10001) is the app user's group");
};
const DF103 = (f) => {
    const missing = [f.image.entrypoint ? null : 'ENTRYPOINT', f.image.cmd ? null : 'CMD'].filter(Boolean);
    if (missing.length === 0)
        return (0,catalogue/* check */.z6)('DF103', 'pass', `ENTRYPOINT ${JSON.stringify(f.image.entrypoint)} CMD ${JSON.stringify(f.image.cmd)}`);
    return (0,catalogue/* check */.z6)('DF103', 'fail', `the image has no ${missing.join(' and no ')}; the spec wants both (ENTRYPOINT starts the service, CMD gives its default arguments)`, at(f, missing[0] === 'CMD' ? 'ENTRYPOINT' : 'CMD'));
};
const DF104 = (f) => {
    if (f.image.workingDir === '/app')
        return (0,catalogue/* check */.z6)('DF104', 'pass', 'WORKDIR is /app');
    const copies = f.dockerfile.finalStage.filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && /\s\/app(\/|\s|$)|\s\/app$/.test(` ${i.args} `));
    if (copies.length > 0)
        return (0,catalogue/* check */.z6)('DF104', 'pass', `sources are copied to /app (line ${copies[0].line})`);
    return (0,catalogue/* check */.z6)('DF104', 'fail', `WORKDIR is ${f.image.workingDir || 'not set'} and nothing is copied to /app; put the sources in /app ("WORKDIR /app" then "COPY . /app")`, at(f, 'WORKDIR'));
};
const DF105 = (f) => {
    const where = at(f, 'COPY');
    if (f.versionFile === null && f.versionIgnoredBy) {
        const by = f.versionIgnoredBy;
        return (0,catalogue/* check */.z6)('DF105', 'fail', `/app/version.json is missing: ${by.file} line ${by.line} ("${by.pattern}") keeps version.json out of the build context, so no COPY can bring it in; add the line "!version.json" after it`, { file: by.path, line: by.line });
    }
    if (f.versionFile === null && f.versionElsewhere) {
        return (0,catalogue/* check */.z6)('DF105', 'fail', `/app/version.json is missing: the build put version.json at ${f.versionElsewhere} (WORKDIR ${external_node_path_default().posix.dirname(f.versionElsewhere)}), and the spec serves it from /app; use "WORKDIR /app" before "COPY . ." (DF104)`, at(f, 'WORKDIR'));
    }
    if (f.versionFile === null) {
        return (0,catalogue/* check */.z6)('DF105', 'fail', '/app/version.json is missing; copy it into the image ("COPY version.json /app/version.json" or "COPY . /app")', where);
    }
    let found;
    try {
        found = JSON.parse(f.versionFile);
    }
    catch {
        return (0,catalogue/* check */.z6)('DF105', 'fail', '/app/version.json is not valid JSON; copy the generated version.json unchanged', where);
    }
    const diff = versionDifferences(f.expectedVersion, found);
    if (diff.length > 0) {
        return (0,catalogue/* check */.z6)('DF105', 'fail', `/app/version.json differs from the generated one: ${diff.join('; ')}; copy version.json after it is generated, and do not cache it in an earlier layer`, where);
    }
    return (0,catalogue/* check */.z6)('DF105', 'pass', '/app/version.json matches the generated version object');
};
const DF106 = (f) => {
    const envKeys = f.image.env
        .map((e) => [e.split('=')[0], e.slice(e.indexOf('=') + 1)])
        .filter(([k, v]) => (0,names/* isSecretEntry */.VT)(k, v) && !isEmptyEnv(f, k))
        .map(([k]) => k);
    if (envKeys.length > 0) {
        const line = f.dockerfile.finalStage
            .flatMap((i) => i.properties.filter((p) => i.keyword === 'ENV' && envKeys.includes(p.name)))
            .at(0)?.line;
        return (0,catalogue/* check */.z6)('DF106', 'fail', `ENV ${envKeys.join(', ')} looks like a secret baked into the image; pass it at run time instead (env input / orchestrator secrets)`, { file: f.dockerfile.file, line: line ?? f.dockerfile.fromLine });
    }
    if (f.secretHits && f.secretHits.length > 0) {
        const hits = f.secretHits.slice(0, 3).map((h) => `${f.secretNames[h.needle] ?? `secret #${h.needle}`} in ${h.where}`);
        const stats = f.secretScan ? ` (${scanSummary(f.secretScan)})` : '';
        return (0,catalogue/* check */.z6)('DF106', 'fail', `a provided secret value is in the image: ${hits.join(', ')}${f.secretHits.length > 3 ? ` and ${f.secretHits.length - 3} more` : ''}; use RUN --mount=type=secret instead of COPY, ARG or ENV${stats}`, { file: f.dockerfile.file, line: f.dockerfile.fromLine });
    }
    return (0,catalogue/* check */.z6)('DF106', 'pass', f.secretHits === null
        ? 'no secret-like ENV keys (no secret values were given to scan for)'
        : `no secret-like ENV keys; ${new Set(f.secretNames).size} secret value(s) found in no layer, config or history${f.secretScan ? ` (${scanSummary(f.secretScan)})` : ''}`);
};
const DF107 = (f) => {
    const shellForm = ['ENTRYPOINT', 'CMD'].map((k) => lastInstruction(f.dockerfile, k)).filter((i) => i && !i.jsonForm);
    if (shellForm.length > 0) {
        const i = shellForm[0];
        return (0,catalogue/* check */.z6)('DF107', 'fail', `${i.keyword} ${i.args} is in shell form: the shell becomes PID 1 and SIGTERM never reaches the app; write ${i.keyword} ["executable", "arg"]`, { file: f.dockerfile.file, line: i.line });
    }
    const sh = [f.image.entrypoint, f.image.cmd].find((a) => a && a.length >= 2 && /^\/bin\/(ba)?sh$/.test(a[0]) && a[1] === '-c');
    if (sh && !lastInstruction(f.dockerfile, 'ENTRYPOINT') && !lastInstruction(f.dockerfile, 'CMD')) {
        return (0,catalogue/* check */.z6)('DF107', 'fail', `the base image's ${JSON.stringify(sh)} is in shell form; set ENTRYPOINT and CMD in exec form`, at(f));
    }
    return (0,catalogue/* check */.z6)('DF107', 'pass', 'ENTRYPOINT and CMD are in exec form');
};
/**
 * DF109 (warning): a build arg that holds a secret is recorded in the image history (`RUN |1 NPM_TOKEN=…`) for
 * anyone who pulls the image, even when no layer keeps it.
 */
const DF109 = (f) => {
    const names = f.secretBuildArgs ?? [];
    if (names.length === 0)
        return (0,catalogue/* check */.z6)('DF109', 'pass', 'no build arg holds a secret');
    const argLine = f.dockerfile.finalStage.find((i) => i.keyword === 'ARG' && i.properties.some((p) => names.includes(p.name)))?.line;
    const id = names[0].toLowerCase();
    return (0,catalogue/* check */.z6)('DF109', 'fail', `build arg${names.length > 1 ? 's' : ''} ${names.join(', ')} hold${names.length > 1 ? '' : 's'} a secret, which stays in the image history for anyone who pulls the image; pass it with the secrets input (${id}=…) and read it with RUN --mount=type=secret,id=${id} instead of ARG`, { file: f.dockerfile.file, line: argLine ?? f.dockerfile.fromLine });
};
/** `ENV KEY=` with an empty value holds no secret. */
function isEmptyEnv(f, key) {
    return f.image.env.some((e) => e === `${key}=`);
}
/** The registry of static checks, in report order. */
const STATIC_RULES = [
    ['DF101', DF101],
    ['DF102', DF102],
    ['DF103', DF103],
    ['DF104', DF104],
    ['DF105', DF105],
    ['DF106', DF106],
    ['DF107', DF107],
    ['DF109', DF109],
];

;// CONCATENATED MODULE: ./src/inspect/dockerignore.ts



// A CommonJS module whose typings declare an ES default: `.default` is the factory both at run time and for tsc.
const dockerignore_ignore = (ignore_default())["default"];
/**
 * The ignore file the build uses: BuildKit (buildx) prefers `<Dockerfile>.dockerignore` beside the Dockerfile,
 * then `.dockerignore` at the context's root; the classic builder reads only the latter.
 */
function dockerignore_ignoreFile(context, dockerfile, buildkit) {
    const specific = `${dockerfile}.dockerignore`;
    if (buildkit && (0,external_node_fs_.existsSync)(specific))
        return specific;
    const plain = external_node_path_default().join(context, '.dockerignore');
    return (0,external_node_fs_.existsSync)(plain) ? plain : null;
}
/**
 * Which line of the ignore file excludes `relPath` (a path in the context, `/`-separated), matched as the builder
 * matches it (@balena/dockerignore implements Docker's rules: the last matching line wins, `!` re-includes).
 * Null when the file does not exclude it.
 */
function excludedBy(ignorePath, context, relPath) {
    const text = (0,external_node_fs_.readFileSync)(ignorePath, 'utf8');
    const lines = text.split(/\r?\n/);
    const all = dockerignore_ignore().add(lines);
    if (!all.ignores(relPath))
        return null;
    // The last line that matches the path on its own is the one that decides (a later "!" would have won).
    for (let i = lines.length - 1; i >= 0; i--) {
        const pattern = lines[i].trim();
        if (!pattern || pattern.startsWith('#') || pattern.startsWith('!'))
            continue;
        if (dockerignore_ignore().add(pattern).ignores(relPath)) {
            return { file: external_node_path_default().relative(context, ignorePath) || ignorePath, path: ignorePath, line: i + 1, pattern };
        }
    }
    return null;
}
/** DF105: the ignore-file line that kept version.json out of the build context, if one did (`log`: why it cannot tell). */
function versionIgnoredBy(context, dockerfile, buildkit, log) {
    const file = dockerignore_ignoreFile(context, dockerfile, buildkit);
    if (!file)
        return null;
    try {
        return excludedBy(file, context, 'version.json');
    }
    catch (e) {
        log(`cannot read ${file}: ${e.message}`);
        return null;
    }
}

;// CONCATENATED MODULE: ./src/stages/inspect.ts












/**
 * DF101–DF109: the Dockerfile and the built image, judged without running anything inside the image. The DF106
 * scan starts at once (alongside the smoke stage) and its own time goes into `timings['secret-scan']`.
 */
async function inspect(ctx, prepared, built, timings) {
    const { config } = ctx;
    // BuildKit's own checks need only the Dockerfile: they run beside the image inspection.
    // Rules in checks-ignore are left out: the report's rows say they were ignored (rules/catalogue.ts reportRows).
    const buildkit = config.checksIgnore.has('DF108')
        ? Promise.resolve(null)
        : buildxVersionLine(ctx.runner).then((line) => buildChecks(ctx, line));
    buildkit.catch(() => undefined);
    const wanted = STATIC_RULES.filter(([id]) => !config.checksIgnore.has(id));
    if (wanted.length === 0)
        return inStageOrder([await buildkit]);
    // Secret values to look for in the image: every value we mask, build secrets first.
    const named = (0,config_config/* namedSecrets */.pr)(config);
    // The image config is JSON: a value with `"` or `\` sits there escaped (`RUN |1 NPM_TOKEN=…` in the history).
    const needles = secretNeedles(named, (v) => [v, JSON.stringify(v).slice(1, -1)]);
    const scanning = !config.checksIgnore.has('DF106') && needles.length > 0;
    // One platform of several: every docker command names it, and the scan reads that platform's layers.
    const platform = built.platform?.platform;
    if (scanning) {
        ctx.ui.info(`Scanning the image for ${named.length} secret value(s): ${config.secretScan === 'all' ? 'every layer' : 'the layers this build wrote'}, the config and the history`);
    }
    const scanCtx = { runner: ctx.runner, log: (line) => ctx.log.line(line) };
    const t0 = performance.now();
    const request = scanning
        ? {
            imageId: built.imageId,
            needles: needles.map((n) => n.value),
            base: baseImageOf(config.file, config.target, config.buildArgs),
            mode: config.secretScan,
        }
        : null;
    // One `docker image inspect` of the image (and the base whose layers are skipped) serves the rules and the scan.
    const inspected = request ? inspectPair(scanCtx, built.imageId, baseToSkip(request), platform) : undefined;
    const scan = async () => {
        try {
            return await scanImage(scanCtx, { ...request, ...(inspected ? { inspected } : {}) });
        }
        finally {
            if (timings)
                timings[`secret-scan${platform ? ` ${platform}` : ''}`] = Math.round(performance.now() - t0);
        }
    };
    const [image, files, secretScan] = await Promise.all([
        inspectImage(ctx, built.imageId, inspected?.then(([image]) => image), platform),
        readImageFiles(ctx, built.imageId, ['/etc/passwd', '/etc/group', '/app/version.json'], platform),
        scanning ? scan() : Promise.resolve(null),
    ]);
    if (secretScan)
        ctx.log.line(`DF106 scan: ${scanSummary(secretScan.stats)}`);
    // No /app/version.json: did `COPY . .` put it under another WORKDIR (node's /usr/src/app, /code)?
    const versionFile = files.get('/app/version.json') ?? null;
    const elsewhere = versionFile === null && image.workingDir && image.workingDir !== '/app' ? external_node_path_default().posix.join(image.workingDir, 'version.json') : null;
    const versionElsewhere = elsewhere &&
        (await readImageFiles(ctx, built.imageId, [elsewhere], platform).catch(() => new Map())).get(elsewhere) != null
        ? elsewhere
        : null;
    const facts = {
        image,
        dockerfile: parseDockerfile(config.file, config.target),
        passwd: files.get('/etc/passwd') ?? null,
        group: files.get('/etc/group') ?? null,
        versionFile,
        versionElsewhere,
        expectedVersion: prepared.version,
        secretNames: needles.map((n) => n.name),
        secretHits: secretScan ? dedupeHits(secretScan.hits, needles) : null,
        secretScan: secretScan?.stats ?? null,
        secretBuildArgs: (0,config_config/* secretBuildArgs */.qD)(config).map((a) => a.key),
        versionIgnoredBy: (files.get('/app/version.json') ?? null) === null
            ? versionIgnoredBy(config.context, config.file, built.builder === 'buildx', (line) => ctx.log.line(line))
            : null,
    };
    return inStageOrder([...wanted.map(([, rule]) => rule(facts)), await buildkit]);
}
/** The inspect stage's rows in the catalogue's order. */
function inStageOrder(rows) {
    const byId = new Map(rows.filter((r) => r !== null).map((r) => [r.id, r]));
    return (0,catalogue/* rulesOf */.fD)('inspect').flatMap((id) => byId.get(id) ?? []);
}

// EXTERNAL MODULE: ./src/stages/prepare.ts + 6 modules
var prepare = __webpack_require__(84987);
;// CONCATENATED MODULE: ./src/smoke/rows.ts

/** Rows being filled in; a rule never set is skipped with `reason` (why it could not be judged). */
class Rows {
    rules;
    ignored;
    rows = new Map();
    constructor(
    /** The stage's rules, in catalogue order. */
    rules, ignored) {
        this.rules = rules;
        this.ignored = ignored;
    }
    on(id) {
        return !this.ignored.has(id);
    }
    set(row) {
        if (row)
            this.rows.set(row.id, row);
    }
    get(id) {
        return this.rows.get(id);
    }
    /** Another rule's outcome explains why these could not be judged (`reason` names it). */
    skipUnset(ids, reason) {
        for (const id of ids)
            if (!this.rows.has(id))
                this.rows.set(id, (0,catalogue/* check */.z6)(id, 'skip', reason, { skip: 'not-judged' }));
    }
    /** Catalogue order; ignored rules are left out (the report's rows say they were ignored). */
    list() {
        return this.rules
            .filter((id) => !this.ignored.has(id))
            .map((id) => this.rows.get(id) ?? (0,catalogue/* check */.z6)(id, 'skip', 'not run', { skip: 'not-run' }));
    }
}

// EXTERNAL MODULE: ./src/time/time.ts
var time = __webpack_require__(1884);
;// CONCATENATED MODULE: ./src/smoke/limits.ts
/** Time limits of the smoke stage, in one place. */
/**
 * A platform that is not this machine's CPU runs under QEMU user emulation (binfmt_misc): every instruction of the
 * app is translated, while its system calls (files, sockets, the container's start) run natively in the host
 * kernel. Measured here (docs/engines.md): Node's own CPU-bound work is 20–50× slower, the fixtures' start to their
 * first 200 from /__lbheartbeat__ 5–25× (0.4 s against 3–8.9 s, the higher on a loaded machine). A limit is set for
 * the slowest start a user expects natively, well above the typical one, so ×10 covers the emulated start. The limits
 * that wait for the app's own work (`startup-timeout`, the DF203 settle) are multiplied by this factor on an
 * emulated platform: a ceiling only, so an app that is ready sooner is judged as soon, and one that crashed is
 * judged at once. The rules' own thresholds (DF207's 10 s, `min-uptime`) are requirements of the app, not limits
 * of this tool, and stay as they are.
 */
const EMULATION_FACTOR = 10;
/** `ms` on a native platform, `ms × EMULATION_FACTOR` on an emulated one. */
const emulatedLimit = (ms, emulated) => (emulated ? ms * EMULATION_FACTOR : ms);
/** Each probe request: a hanging endpoint fails its rule after this, and the run goes on. */
const PROBE_TIMEOUT_MS = 5000;
/**
 * DF203: how long /__heartbeat__ may stay 5xx after /__lbheartbeat__ first answered 200, while the app warms up
 * and the sidecars finish starting (with or without services). A 5xx for longer fails.
 */
const HEARTBEAT_SETTLE_MS = 15000;
/** DF203: a 5xx /__heartbeat__ is asked again this often while it may settle. */
const HEARTBEAT_RETRY_MS = 250;
/** DF205: how long /__heartbeat__ has to turn 5xx after the services stop, */
const FAULT_WINDOW_MS = 10000;
/** ... polled this often. */
const FAULT_POLL_MS = 100;
/** DF207: `docker stop --time`, the grace between SIGTERM and SIGKILL. */
const STOP_GRACE_S = 10;
/** DF201/DF202: /__lbheartbeat__ is polled this often while the app starts. */
const READY_POLL_MS = 50;
/** A progress line this often while the app is not ready yet. */
const READY_PROGRESS_MS = 10_000;
/** How long a /__lbheartbeat__ that answers 4xx is given before it counts as missing (a router still mounting). */
const LBHEARTBEAT_MISSING_AFTER_MS = 2000;
/** DF201: a loopback-only listener on `$PORT` is judged once it has been seen this long (one more read confirms it). */
const LOOPBACK_AFTER_MS = 300;
/** DF201: listeners only on other ports are judged after this long: an app may open an admin port before its main one. */
const OTHER_PORT_AFTER_MS = 1000;
/** The probes' connections: a connect that takes longer fails, an idle kept-alive one is closed after this. */
const PROBE_CONNECT_TIMEOUT_MS = 2000;
const PROBE_KEEPALIVE_MS = 1000;
/**
 * DF207/DF208: after `docker stop` returned, or a probe failed on a container the engine says has stopped, how
 * long `docker wait` has to report its exit code.
 */
const EXIT_REPORT_MS = 5000;
/** DF301/DF302: once the container stopped, its log stream is waited for until it is idle this long, */
const LOG_SETTLE_MS = 3000;
/** ... and at most this long in all (a flood of output still being delivered). */
const LOG_SETTLE_MAX_MS = 60_000;
/** DF208: the same wait before a crash report takes the last log lines. */
const CRASH_LOG_SETTLE_MS = 1500;
/** Log lines shown when the container crashed. */
const CRASH_TAIL_LINES = 20;
/** Log lines shown when the test command failed. */
const TEST_TAIL_LINES = 15;

;// CONCATENATED MODULE: ./src/smoke/crash.ts




/** Docker's RFC 3339 time with nanoseconds, as epoch milliseconds (NaN for the zero time). */
function dockerTime(s) {
    const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(s.trim());
    if (!m || m[1].startsWith('0001-'))
        return NaN;
    return Date.parse(`${m[1]}${(m[2] ?? '.000').slice(0, 4).padEnd(4, '0')}${m[3]}`);
}
async function stateFacts(ctx, id) {
    const s = await (0,commands/* containerState */.bX)(ctx.runner, id);
    if (!s)
        return null;
    try {
        return {
            exitCode: s.ExitCode,
            oomKilled: s.OOMKilled,
            error: s.Error,
            startedAt: dockerTime(s.StartedAt),
            finishedAt: dockerTime(s.FinishedAt),
        };
    }
    catch {
        return null;
    }
}
/**
 * DF208 failed: the container exited on its own. Says when, with which code, how soon it was seen, and the last
 * log lines (redacted).
 */
async function crashRow(ctx, app, when) {
    await app.logs.settle(CRASH_LOG_SETTLE_MS);
    const state = await stateFacts(ctx, app.id);
    const seen = app.exit.current;
    const code = state?.exitCode ?? seen?.exitCode ?? -1;
    const parts = [`the container exited with code ${code}`];
    if (state?.oomKilled)
        parts.push('(killed for running out of memory)');
    if (state && Number.isFinite(state.finishedAt) && Number.isFinite(state.startedAt)) {
        parts.push(`${(0,time/* secs */.z)(state.finishedAt - state.startedAt)} after it started`);
    }
    parts[parts.length - 1] += ',';
    parts.push(when);
    if (state && seen && Number.isFinite(state.finishedAt)) {
        const seenWall = Date.now() - (performance.now() - seen.seenAt);
        parts.push(`(seen ${Math.max(0, Math.round(seenWall - state.finishedAt))} ms after the exit)`);
    }
    if (state?.error)
        parts.push(`docker: ${state.error}`);
    const tail = app.logs.tail(CRASH_TAIL_LINES).map((l) => ctx.redactor.redact(l));
    const head = `${parts.join(' ')}: fix the cause shown in its last log lines so the app stays up until it is stopped`;
    const body = tail.length ? `\nlast ${tail.length} log line(s):\n${tail.join('\n')}` : '\nit wrote no log output';
    return (0,catalogue/* check */.z6)('DF208', 'fail', head + body);
}
/**
 * DF208's minimum uptime: waits until the container has been up `minMs` since it started (the probes ran
 * meanwhile, so usually little is left), ending at once if it exits. False when it exited first.
 */
async function stayedUp(app, minMs) {
    if (app.exit.current)
        return false;
    const left = minMs - (performance.now() - app.startedAt);
    if (left <= 0)
        return true;
    return (0,time/* within */.u)(app.exit.exited.then(() => false), left, true);
}
/**
 * Whether the container has exited, asked of the engine: a probe can fail on a dying container a moment before
 * `docker wait` reports the exit. Waits for that report, so DF208 has the exit code.
 */
async function hasExited(ctx, app) {
    if (app.exit.current)
        return true;
    if ((await (0,commands/* isRunning */.W_)(ctx.runner, app.id)) !== false)
        return false;
    await (0,time/* within */.u)(app.exit.exited, EXIT_REPORT_MS, null);
    return true;
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
;// CONCATENATED MODULE: ./src/smoke/heartbeat-body.ts
/**
 * A /__heartbeat__ body in one line, for a failure message: the Dockerflow convention
 * `{"status": …, "checks": {name: status}, "details": {name: {…, "messages": {id: text}}}}` is listed per check,
 * failing checks first, with their details; any other body is shown as text, shortened.
 */
function describeHeartbeatBody(body, max = 400) {
    const text = body.trim();
    if (!text)
        return 'an empty body';
    if (isHtml(text))
        return `an HTML page ${quote(shorten(htmlText(text), max))}`;
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        return `body ${quote(shorten(text, max))}`;
    }
    if (!isObject(json))
        return `body ${shorten(text, max)}`;
    const parts = [];
    if (typeof json.status === 'string')
        parts.push(`status "${json.status}"`);
    const checks = isObject(json.checks) ? json.checks : {};
    const details = isObject(json.details) ? json.details : {};
    const names = [...new Set([...Object.keys(checks), ...Object.keys(details)])];
    if (names.length === 0) {
        if (parts.length === 0)
            return `body ${shorten(text, max)}`;
        return shorten(parts.join('; '), max);
    }
    const statusOf = (n) => {
        const c = checks[n];
        if (typeof c === 'string')
            return c;
        const d = details[n];
        if (isObject(d) && typeof d.status === 'string')
            return d.status;
        return '?';
    };
    const bad = (n) => !/^(ok|pass|passed|healthy|up)$/i.test(statusOf(n));
    const ordered = [...names.filter(bad), ...names.filter((n) => !bad(n))];
    parts.push(`checks: ${ordered.map((n) => `${n}=${statusOf(n)}`).join(', ')}`);
    for (const n of ordered.filter(bad)) {
        const d = detailText(details[n]);
        if (d)
            parts.push(`${n}: ${d}`);
    }
    return shorten(parts.join('; '), max);
}
function detailText(d) {
    if (d === undefined || d === null)
        return '';
    if (typeof d === 'string')
        return d;
    if (isObject(d)) {
        if (isObject(d.messages)) {
            const msgs = Object.entries(d.messages).map(([id, m]) => `${typeof m === 'string' ? m : JSON.stringify(m)} (${id})`);
            if (msgs.length)
                return msgs.join(', ');
        }
        if (typeof d.message === 'string')
            return d.message;
        if (typeof d.error === 'string')
            return d.error;
    }
    return JSON.stringify(d);
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function shorten(s, max) {
    const one = s.replace(/\s+/g, ' ').trim();
    return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
const quote = (s) => JSON.stringify(s);
/** A web framework's error page (Express's "Cannot GET /x", Flask's and Django's "Not Found" pages). */
const isHtml = (text) => /^(<!doctype html|<html[\s>]|<head[\s>]|<title[\s>])/i.test(text);
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
/**
 * The words of an HTML page, as a person reads them: scripts, styles and tags left out, the common entities
 * decoded. A summary for a failure message (the page itself is in build.log), not a parser.
 */
function htmlText(html) {
    return html
        .replace(/<!--[\s\S]*?-->/g, ' ')
        .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, e) => {
        if (ENTITIES[e.toLowerCase()])
            return ENTITIES[e.toLowerCase()];
        const code = /^#x/i.test(e) ? parseInt(e.slice(2), 16) : /^#/.test(e) ? Number(e.slice(1)) : NaN;
        return Number.isInteger(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    })
        .replace(/\s+/g, ' ')
        .trim();
}

;// CONCATENATED MODULE: ./src/smoke/probes.ts






const HEARTBEAT = '/__heartbeat__';
const VERSION = '/__version__';
/** What a non-answer or an unexpected status looks like in a message. */
function answered(r) {
    return r.ok
        ? `answered ${r.status}${r.status >= 300 && r.status < 400 ? `, a redirect to ${JSON.stringify(shorten(r.location ?? '', 120))}` : ''}`
        : r.timedOut
            ? `gave no answer within ${(0,time/* secs */.z)(PROBE_TIMEOUT_MS)}`
            : `could not be reached (${r.error})`;
}
/**
 * DF203: /__heartbeat__ answers 200. A 5xx is retried for `settleMs` (HEARTBEAT_SETTLE_MS): an app may answer 503
 * while it warms up (caches, migrations), and a database sidecar may still be initialising when the app is already
 * up. `giveUp` (asked about once a second) ends the wait early, when a sidecar has exited.
 */
async function heartbeatRule(http, base, settleMs, giveUp = async () => false) {
    const t0 = performance.now();
    let r = await http.get(base + HEARTBEAT, PROBE_TIMEOUT_MS);
    const first = r;
    for (let i = 1; r.ok && r.status >= 500 && performance.now() - t0 < settleMs; i++) {
        if (i % 4 === 0 && (await giveUp()))
            break;
        await (0,promises_.setTimeout)(HEARTBEAT_RETRY_MS);
        r = await http.get(base + HEARTBEAT, PROBE_TIMEOUT_MS);
    }
    const waited = performance.now() - t0;
    if (r.ok && r.status === 200) {
        const settled = first.ok && first.status >= 500
            ? ` after ${(0,time/* secs */.z)(waited)} of ${first.status} (${describeHeartbeatBody(first.body, 120)}) while it warmed up`
            : '';
        return (0,catalogue/* check */.z6)('DF203', 'pass', `answered 200${settled}`);
    }
    if (r.ok && r.status >= 500) {
        return (0,catalogue/* check */.z6)('DF203', 'fail', `answered ${r.status}${settleMs ? ` for ${(0,time/* secs */.z)(waited)}` : ''} with ${describeHeartbeatBody(r.body)}: fix the failing check (or the service it checks) so /__heartbeat__ answers 200 when healthy`);
    }
    if (r.ok && r.status >= 300 && r.status < 400) {
        return (0,catalogue/* check */.z6)('DF203', 'fail', `${answered(r)}: monitors do not follow redirects; answer at /__heartbeat__ itself (exempt it from trailing-slash, HTTPS or login redirects)`);
    }
    if (r.ok) {
        return (0,catalogue/* check */.z6)('DF203', 'fail', `answered ${r.status} with ${describeHeartbeatBody(r.body, 200)}: add a /__heartbeat__ route that checks the backing services and answers 200 (5xx when one is down)`);
    }
    return (0,catalogue/* check */.z6)('DF203', 'fail', `${answered(r)}: /__heartbeat__ must answer promptly; give each backing-service check a short timeout and answer 5xx when one fails`);
}
/** DF204: /__version__ answers a JSON object deep-equal to the version.json the build wrote. */
async function versionRule(http, base, expected) {
    const r = await http.get(base + VERSION, PROBE_TIMEOUT_MS);
    const fix = 'serve /app/version.json (written by the build) verbatim at /__version__';
    if (!r.ok || r.status !== 200)
        return (0,catalogue/* check */.z6)('DF204', 'fail', `${answered(r)}: ${fix}`);
    let body;
    try {
        body = JSON.parse(r.body);
    }
    catch {
        return (0,catalogue/* check */.z6)('DF204', 'fail', `answered 200 but not JSON (${JSON.stringify(shorten(r.body, 120))}): ${fix}`);
    }
    const diff = versionDifferences(expected, body);
    if (diff.length)
        return (0,catalogue/* check */.z6)('DF204', 'fail', `differs from the built version.json: ${diff.join('; ')}: ${fix}`);
    return (0,catalogue/* check */.z6)('DF204', 'pass', `answered the version object (commit ${expected.commit.slice(0, 12) || '-'}, version ${expected.version || '-'})`);
}
/** DF206: every `static-paths` entry answers 200. */
async function staticRule(http, base, paths) {
    if (paths.length === 0)
        return (0,catalogue/* check */.z6)('DF206', 'skip', 'no static-paths configured; list the URL paths of your static files to check them', {
            skip: 'not-configured',
        });
    const results = await Promise.all(paths.map(async (p) => ({ p, r: await http.get(base + p, PROBE_TIMEOUT_MS) })));
    const bad = results.filter((x) => !x.r.ok || x.r.status !== 200);
    if (bad.length === 0)
        return (0,catalogue/* check */.z6)('DF206', 'pass', `${paths.length} path(s) answered 200: ${paths.join(', ')}`);
    return (0,catalogue/* check */.z6)('DF206', 'fail', `${bad.length} of ${paths.length} static path(s) did not answer 200: ${bad.map((x) => `${x.p} ${answered(x.r)}`).join(', ')}: serve static files from the app itself, at those paths`);
}

// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/smoke/listeners.ts

const LISTEN = '0A';
/** IPv4 from /proc/net/tcp: 8 hex digits, host byte order (little-endian on every platform Docker runs). */
function ipv4(hex) {
    const n = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return n.reverse().join('.');
}
/** IPv6 from /proc/net/tcp6: four 32-bit words, each in host (little-endian) byte order. */
function ipv6(hex) {
    const bytes = [];
    for (let w = 0; w < 4; w++) {
        const word = hex.slice(w * 8, w * 8 + 8);
        for (let b = 3; b >= 0; b--)
            bytes.push(parseInt(word.slice(b * 2, b * 2 + 2), 16));
    }
    if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
        return `::ffff:${bytes.slice(12).join('.')}`;
    }
    const groups = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ((bytes[i * 2] << 8) | bytes[i * 2 + 1]).toString(16));
    // The longest run of zero groups becomes "::".
    let best = { at: -1, len: 0 };
    for (let i = 0; i < 8;) {
        if (groups[i] !== '0') {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && groups[j] === '0')
            j++;
        if (j - i > best.len)
            best = { at: i, len: j - i };
        i = j;
    }
    if (best.len < 2)
        return groups.join(':');
    return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}
/** The LISTEN rows of a /proc/net/tcp or tcp6 table. */
function parseProcNetTcp(text) {
    const out = [];
    for (const line of text.split('\n').slice(1)) {
        const f = line.trim().split(/\s+/);
        if (f.length < 4 || f[3] !== LISTEN)
            continue;
        const [addr = '', port = ''] = f[1].split(':');
        out.push({ address: addr.length === 32 ? ipv6(addr) : ipv4(addr), port: parseInt(port, 16) });
    }
    return out;
}
/** The address of Docker's embedded DNS server inside a container. */
const DOCKER_DNS = '127.0.0.11';
/** True for an address that accepts connections from outside the container (all interfaces). */
const isWildcard = (address) => address === '0.0.0.0' || address === '::';
/** True for a loopback address: reachable only from inside the container. */
const isLoopback = (address) => address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
const showListener = (l) => (l.address.includes(':') ? `[${l.address}]:${l.port}` : `${l.address}:${l.port}`);
/**
 * Reads the listening sockets of a container whose init process is `pid` on this machine's /proc, when the engine
 * is local: the process must exist here and be in the container's cgroup (a remote engine's PIDs, or those of a
 * job that itself runs in a container, name other processes or none). Null when they cannot be read.
 */
function procListenerReader(pid, containerId) {
    if (!Number.isInteger(pid) || pid <= 0 || !containerId)
        return null;
    let verified = null;
    const inContainer = () => (verified ??= (0,external_node_fs_promises_.readFile)(`/proc/${pid}/cgroup`, 'utf8').then((t) => t.includes(containerId), () => false));
    return async () => {
        if (!(await inContainer()))
            return null;
        const tables = await Promise.all(['tcp', 'tcp6'].map((t) => (0,external_node_fs_promises_.readFile)(`/proc/${pid}/net/${t}`, 'utf8').catch(() => null)));
        if (tables.every((t) => t === null))
            return null;
        return tables.flatMap((t) => (t ? parseProcNetTcp(t) : []));
    };
}
/**
 * Why nothing answers on `$PORT`, when the listeners show it: the app listens on `$PORT` on loopback only, or only
 * on other ports. Null when a listener on `$PORT` accepts outside connections, or there is no listener yet.
 */
function misbinding(all, port) {
    // Docker's embedded DNS server listens on 127.0.0.11 in every container on a user-defined network: not the app.
    const listeners = all.filter((l) => l.address !== DOCKER_DNS);
    if (listeners.length === 0)
        return null;
    const onPort = listeners.filter((l) => l.port === port);
    if (onPort.some((l) => !isLoopback(l.address)))
        return null;
    if (onPort.length)
        return { kind: 'loopback', listeners: onPort };
    return { kind: 'other-port', listeners: dedupe(listeners) };
}
function dedupe(ls) {
    const seen = new Set();
    return ls.filter((l) => {
        const k = showListener(l);
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    });
}

;// CONCATENATED MODULE: ./src/smoke/readiness.ts



const LBHEARTBEAT = '/__lbheartbeat__';
const EXITED = Symbol('exited');
/**
 * Poll /__lbheartbeat__ every `intervalMs` until it answers 200, the container exits or the startup timeout
 * passes. Each round races the container's exit, so a crash ends the wait at once. While nothing answers on
 * `$PORT`, the default port is tried too: an app that ignores `$PORT` is told apart from one still starting.
 */
async function waitReady(o) {
    const { http, app } = o;
    const interval = o.intervalMs ?? READY_POLL_MS;
    const defaultEvery = o.defaultEvery ?? 10;
    const deadline = app.startedAt + o.timeoutMs;
    const since = () => Math.round(performance.now() - app.startedAt);
    const orExit = (p) => Promise.race([p, app.exit.exited.then(() => EXITED)]);
    const exited = () => ({ kind: 'exited', exit: app.exit.current, ms: since() });
    let base = null;
    let viaDefault = false;
    let lastAnswer = null;
    let non200Since = null;
    let lastError = 'no answer';
    const progressEvery = o.progressEveryMs ?? READY_PROGRESS_MS;
    let nextProgress = app.startedAt + progressEvery;
    let misboundSince = null;
    let tryDefaultNow = false;
    // While nothing answers: what the container's sockets say, when they can be read.
    const sockets = async () => {
        if (!o.listeners || o.port === undefined)
            return null;
        const ls = await o.listeners().catch(() => null);
        const bad = ls ? misbinding(ls, o.port) : null;
        // An app that listens on the default port on all interfaces is probed there (DF201 names it, the probes go on).
        if (bad?.kind === 'other-port' && bad.listeners.some((l) => l.port === o.defaultPort && !isLoopback(l.address))) {
            tryDefaultNow = true;
            return null;
        }
        if (!bad) {
            misboundSince = null;
            return null;
        }
        misboundSince ??= performance.now();
        const after = bad.kind === 'loopback' ? LOOPBACK_AFTER_MS : OTHER_PORT_AFTER_MS;
        const seenFor = performance.now() - misboundSince;
        return seenFor >= after
            ? { kind: 'misbound', why: bad.kind, listeners: bad.listeners, ms: since(), sinceListenMs: Math.round(seenFor) }
            : null;
    };
    // The first base among `bases` whose /__lbheartbeat__ answers HTTP at all, with that answer.
    const firstAnswering = async (bases, timeout) => {
        const rs = await Promise.all(bases.map(async (b) => ({ base: b, r: await http.get(b + LBHEARTBEAT, timeout) })));
        for (const x of rs)
            if (!x.r.ok)
                lastError = x.r.error;
        return rs.find((x) => x.r.ok) ?? null;
    };
    for (let round = 0;; round++) {
        if (app.exit.current)
            return exited();
        const left = deadline - performance.now();
        if (left <= 0) {
            if (base && lastAnswer)
                return { kind: 'not-200', base, viaDefault, ...lastAnswer, timedOut: true, ms: since() };
            return { kind: 'silent', lastError, ms: since() };
        }
        const timeout = Math.max(250, Math.min(2000, left));
        const seen = { misbound: null };
        const polled = await orExit((async () => {
            if (base)
                return http.get(base + LBHEARTBEAT, timeout);
            const [first, bad] = await Promise.all([firstAnswering(app.portBases, timeout), sockets()]);
            let hit = first;
            if (!hit)
                seen.misbound = bad;
            if (!hit && !seen.misbound && app.defaultBases.length && (round % defaultEvery === 0 || tryDefaultNow)) {
                tryDefaultNow = false;
                hit = await firstAnswering(app.defaultBases, timeout);
                if (hit)
                    viaDefault = true;
            }
            if (hit)
                base = hit.base;
            return hit?.r ?? null;
        })());
        if (polled === EXITED)
            return exited();
        if (seen.misbound)
            return seen.misbound;
        if (o.onWaiting && performance.now() >= nextProgress && !(polled?.ok && polled.status === 200)) {
            nextProgress = performance.now() + progressEvery;
            o.onWaiting(since(), polled?.ok ? `answered ${polled.status}` : polled ? polled.error : lastError);
        }
        if (polled?.ok) {
            if (polled.status === 200)
                return { kind: 'ready', base: base, viaDefault, ms: since() };
            lastAnswer = { status: polled.status, body: polled.body };
            // Load balancers do not follow redirects: a 3xx is the answer, not a warm-up.
            if (polled.status >= 300 && polled.status < 400) {
                return {
                    kind: 'not-200',
                    base: base,
                    viaDefault,
                    ...lastAnswer,
                    ...(polled.location !== undefined ? { location: polled.location } : {}),
                    timedOut: false,
                    ms: since(),
                };
            }
            if (polled.status >= 400 && polled.status < 500) {
                non200Since ??= performance.now();
                if (performance.now() - non200Since >= LBHEARTBEAT_MISSING_AFTER_MS) {
                    return { kind: 'not-200', base: base, viaDefault, ...lastAnswer, timedOut: false, ms: since() };
                }
            }
            else {
                non200Since = null;
            }
        }
        else if (polled) {
            lastError = polled.error;
        }
        if ((await orExit((0,promises_.setTimeout)(interval))) === EXITED)
            return exited();
    }
}

;// CONCATENATED MODULE: ./src/smoke/fault.ts






/**
 * DF205: stop every sidecar, then poll until /__heartbeat__ turns 5xx (within FAULT_WINDOW_MS) while
 * /__lbheartbeat__ keeps answering 200. A load balancer would take every instance out if the lbheartbeat
 * followed the database down.
 */
async function faultRule(http, base, stack, windowMs = FAULT_WINDOW_MS) {
    const names = stack.services.map((s) => s.name).join(', ');
    await stack.stopServices();
    const t0 = performance.now();
    let heartbeat = null;
    while (performance.now() - t0 < windowMs) {
        const [hb, lb] = await Promise.all([http.get(base + HEARTBEAT, PROBE_TIMEOUT_MS), http.get(base + LBHEARTBEAT, PROBE_TIMEOUT_MS)]);
        heartbeat = hb;
        if (!lb.ok || lb.status !== 200) {
            return (0,catalogue/* check */.z6)('DF205', 'fail', `with ${names} stopped, /__lbheartbeat__ ${answered(lb)}: it must not check backing services (the load balancer would drop every instance); move those checks to /__heartbeat__`);
        }
        if (hb.ok && hb.status >= 500) {
            return (0,catalogue/* check */.z6)('DF205', 'pass', `/__heartbeat__ turned ${hb.status} ${(0,time/* secs */.z)(performance.now() - t0)} after ${names} stopped; /__lbheartbeat__ stayed 200`);
        }
        await (0,promises_.setTimeout)(FAULT_POLL_MS);
    }
    const last = heartbeat && !heartbeat.ok ? answered(heartbeat) : `still answered ${heartbeat?.ok ? heartbeat.status : '?'}`;
    return (0,catalogue/* check */.z6)('DF205', 'fail', `/__heartbeat__ ${last} ${(0,time/* secs */.z)(windowMs)} after ${names} stopped: check each backing service in /__heartbeat__ (with a short timeout) and answer 5xx when one is down`);
}
/** DF205, or why it cannot be judged on this run. */
async function serviceFault(http, base, stack, readiness, heartbeat) {
    if (stack.services.length === 0) {
        return (0,catalogue/* check */.z6)('DF205', 'skip', 'no services configured: nothing to stop (list backing services in the services input to check this)', {
            skip: 'not-configured',
        });
    }
    if (readiness !== 'ready') {
        return (0,catalogue/* check */.z6)('DF205', 'skip', 'not judged: /__lbheartbeat__ was not 200 with the services up (see DF202)', { skip: 'not-judged' });
    }
    if (heartbeat && heartbeat.status !== 'pass') {
        return (0,catalogue/* check */.z6)('DF205', 'skip', 'not judged: /__heartbeat__ was not 200 with the services up (see DF203)', { skip: 'not-judged' });
    }
    // A sidecar that exited by itself (a one-shot image, a command that returns at once) is the cause, not the app.
    const down = (await stack.states()).filter((s) => !s.running);
    if (down.length) {
        const which = down.map((s) => `service ${s.name} (${stack.services.find((x) => x.name === s.name)?.image ?? '?'}) exited with code ${s.exitCode}`);
        return (0,catalogue/* check */.z6)('DF205', 'fail', `${which.join(', ')} by itself, before DF205 stopped it, so the app could not be judged with its services up and then down: a sidecar must keep running; check its image and command in the services input (its output is in build.log)`);
    }
    return faultRule(http, base, stack);
}
/** A failing heartbeat often means a sidecar died: say so in DF203. */
async function withServiceStates(stack, row) {
    const down = (await stack.states()).filter((s) => !s.running);
    if (!down.length)
        return row;
    const what = down.map((s) => `service ${s.name} had exited with code ${s.exitCode}`).join(', ');
    return { ...row, message: `${row.message} (${what}; its output is in build.log)` };
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(24371);
;// CONCATENATED MODULE: ./src/smoke/http.ts


/** Bodies are read up to this size: enough for any heartbeat or version object, bounded for a runaway one. */
const BODY_LIMIT = 64 * 1024;
/**
 * GET with its own deadline for each request, so a hanging endpoint fails its rule and the run goes on. One
 * agent per app container: `close()` drops kept-alive connections before the container is stopped, so they
 * cannot hold up its graceful shutdown.
 */
class Http {
    redact;
    host;
    agent = new undici/* Agent */.g6({ keepAliveTimeout: PROBE_KEEPALIVE_MS, connect: { timeout: PROBE_CONNECT_TIMEOUT_MS } });
    /**
     * `redact` is applied to every body as it arrives, before any rule parses or shortens it: a secret the app
     * echoes can then never be cut in two (its prefix left in a message). `host`: the Host header of every
     * request (`127.0.0.1:<published port>`), whichever address it goes to, so an app that checks Host (Django's
     * ALLOWED_HOSTS) sees the same one from a job on the host or in a container.
     */
    constructor(redact = (b) => b, host) {
        this.redact = redact;
        this.host = host;
    }
    async get(url, timeoutMs) {
        timeoutMs = Math.max(1, Math.round(timeoutMs));
        const t0 = performance.now();
        const ms = () => Math.round(performance.now() - t0);
        const signal = AbortSignal.timeout(timeoutMs);
        try {
            const res = await (0,undici/* request */.Em)(url, {
                method: 'GET',
                dispatcher: this.agent,
                signal,
                headersTimeout: timeoutMs,
                bodyTimeout: timeoutMs,
                ...(this.host ? { headers: { host: this.host } } : {}),
            });
            let body = '';
            // One decoder across chunks: a UTF-8 character split between two chunks stays one character.
            const decoder = new TextDecoder();
            for await (const chunk of res.body) {
                body += decoder.decode(chunk, { stream: true });
                if (body.length >= BODY_LIMIT) {
                    res.body.destroy();
                    break;
                }
            }
            body += decoder.decode();
            const location = res.headers.location;
            return {
                ok: true,
                status: res.statusCode,
                body: this.redact(body),
                ms: ms(),
                ...(location !== undefined ? { location: Array.isArray(location) ? location.join(', ') : location } : {}),
            };
        }
        catch (e) {
            const err = e;
            const timedOut = signal.aborted || err.name === 'TimeoutError' || /TIMEOUT/.test(err.code ?? '') || /TIMEOUT/.test(err.cause?.code ?? '');
            const code = err.code ?? err.cause?.code;
            return {
                ok: false,
                timedOut,
                error: timedOut ? `no answer within ${timeoutMs / 1000} s` : `${code ? `${code}: ` : ''}${err.message}`,
                ms: ms(),
            };
        }
    }
    /** Drop every open connection (a new agent serves later requests). */
    async reset() {
        const old = this.agent;
        this.agent = new undici/* Agent */.g6({ keepAliveTimeout: PROBE_KEEPALIVE_MS, connect: { timeout: PROBE_CONNECT_TIMEOUT_MS } });
        await old.destroy().catch(() => undefined);
    }
    async close() {
        await this.agent.destroy().catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ./src/smoke/banners.ts
const BANNER_SOURCES = [
    {
        name: 'npm',
        // "> app@1.0.0 start", "> node server.js", "npm notice …", "npm warn …", "npm error …"
        test: /^(> \S+@\S+ \S+$|> \S|npm (notice|warn|WARN|error|ERR!)\b)/,
        silence: 'run the app directly (CMD ["node", "server.js"]) instead of npm start, or add --silent and NPM_CONFIG_UPDATE_NOTIFIER=false',
    },
    {
        name: 'yarn',
        test: /^(yarn run v\d|\$ \S|Done in \d+(\.\d+)?s\.)/,
        silence: 'run the app directly instead of yarn, or use yarn --silent',
    },
    {
        name: 'pnpm',
        test: /^\s*(ERR_PNPM_|WARN\s+\S+\s+deprecated)/,
        silence: 'run the app directly instead of pnpm, or use pnpm --silent',
    },
    {
        name: 'gunicorn',
        // "[2026-01-01 10:00:00 +0000] [1] [INFO] Starting gunicorn 23.0.0"
        test: /^\[[\d\- :+.]+\] \[\d+\] \[(DEBUG|INFO|WARNING|ERROR|CRITICAL)\] /,
        silence: "give gunicorn a logconfig_dict whose gunicorn.error and gunicorn.access loggers use python-dockerflow's JsonLogFormatter (--logconfig-dict, or logconfig_dict in gunicorn.conf.py)",
    },
    {
        name: 'uvicorn',
        // "INFO:     Started server process [1]", "INFO:     172.18.0.1:40000 - \"GET / HTTP/1.1\" 200 OK"
        test: /^(DEBUG|INFO|WARNING|ERROR|CRITICAL): {2,}\S/,
        silence: "start uvicorn with --log-config pointing at a config whose uvicorn, uvicorn.error and uvicorn.access loggers use python-dockerflow's JsonLogFormatter (and --no-access-log if the app logs requests itself)",
    },
    {
        name: 'node',
        // "(node:1) Warning: …", "(node:1) [DEP0040] DeprecationWarning: …"
        test: /^\(node:\d+\) /,
        silence: 'fix the warning, or set NODE_NO_WARNINGS=1',
    },
];
/** The program that printed a plain-text line, when its format says so. */
function bannerSource(line) {
    const text = line.trim();
    return BANNER_SOURCES.find((s) => s.test.test(text));
}

;// CONCATENATED MODULE: ./src/smoke/log-rules.ts



/** DF301: the app wrote something to stdout or stderr while it ran. */
function logsRule(lines, bytes, ranMs) {
    if (bytes === 0) {
        return (0,catalogue/* check */.z6)('DF301', 'fail', `the container wrote nothing to stdout or stderr in ${(0,time/* secs */.z)(ranMs)} of checks: log to stdout/stderr (not to files), so the platform collects the logs`);
    }
    return (0,catalogue/* check */.z6)('DF301', 'pass', `${lines} line(s) written to stdout/stderr`);
}
/** DF302: every log line is mozlog JSON; its level follows the `mozlog` input. */
function mozlogRule(tally, mode, redactor) {
    const level = mode === 'require' ? 'error' : 'warning';
    if (mode === 'off')
        return (0,catalogue/* check */.z6)('DF302', 'skip', 'mozlog is off; set mozlog to warn or require to check the log format', { skip: 'not-configured' });
    if (tally.total === 0)
        return (0,catalogue/* check */.z6)('DF302', 'skip', 'no log lines to judge (see DF301)', { level, skip: 'not-judged' });
    if (tally.valid === tally.total)
        return (0,catalogue/* check */.z6)('DF302', 'pass', `all ${tally.total} line(s) are mozlog`, { level });
    const bad = tally.firstBad;
    // Redacted, collapsed, then cut: a cut never leaves a secret's prefix behind.
    const short = (l, max) => redactor.cut(redactor.redact(l).replace(/\s+/g, ' ').trim(), max);
    const quote = (l) => JSON.stringify(short(l, 120));
    const known = [...tally.sources].filter(([name]) => name !== '');
    const unknown = tally.sources.get('') ?? 0;
    const byWhom = [...known.map(([name, n]) => `${n} from ${name}`), ...(unknown ? [`${unknown} from the app or an unknown program`] : [])];
    const silence = known
        .map(([name]) => BANNER_SOURCES.find((s) => s.name === name))
        .filter((s) => s !== undefined)
        .map((s) => `${s.name}: ${s.silence}`);
    const bad_ = tally.total - tally.valid;
    // Every stray line came before the first mozlog line, a known program wrote it and none is an error: a banner.
    if (tally.valid > 0 && tally.badAfter === 0 && unknown === 0 && tally.errorLines === 0) {
        return (0,catalogue/* check */.z6)('DF302', 'fail', `the first ${bad_} line(s), before the first mozlog line, are a startup banner (${byWhom.join(', ')}: ${tally.samples.map(quote).join(', ')}); all ${tally.valid} line(s) after it are mozlog; silence the banner (${silence.join('; ')})`, { level });
    }
    const where = tally.valid > 0 ? `; ${tally.badBefore} before the first mozlog line, ${tally.badAfter} after it` : '';
    const others = tally.samples.slice(1).map(quote);
    return (0,catalogue/* check */.z6)('DF302', 'fail', `${tally.valid} of ${tally.total} line(s) are mozlog; the first that is not (${bad.problem}): ${JSON.stringify(short(bad.line, 160))}; log one mozlog JSON object per line (Timestamp, Type, Logger, Severity, Fields…); ${bad_} line(s) are not mozlog (${byWhom.join(', ')}${where})${others.length ? `, next ${others.join(', ')}` : ''}${silence.length ? `; silence what other programs print (${silence.join('; ')})` : ''}`, { level });
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(42463);
;// CONCATENATED MODULE: ./src/smoke/mozlog-schema.ts


/**
 * The mozlog JSON schema (one JSON object per line), after the Dockerflow spec's docs/mozlog.md: `Timestamp`
 * (integer nanoseconds since the epoch) is required; the other fields, when present, have these types.
 */
const MOZLOG_SCHEMA = {
    type: 'object',
    required: ['Timestamp'],
    properties: {
        Timestamp: { type: 'integer', minimum: 0 },
        Type: { type: 'string' },
        Logger: { type: 'string' },
        Hostname: { type: 'string' },
        EnvVersion: { const: '2.0' },
        Severity: { type: 'integer', minimum: 0, maximum: 7 },
        Pid: { type: 'integer', minimum: 0 },
        Fields: {
            type: 'object',
            additionalProperties: {
                anyOf: [
                    { type: ['string', 'number', 'boolean', 'null'] },
                    { type: 'array', items: { type: ['string', 'number', 'boolean', 'null'] } },
                ],
            },
        },
    },
};
let compiled = null;
const validator = () => (compiled ??= new ajv.Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(MOZLOG_SCHEMA));
/** Why a line is not mozlog, or null when it is. */
function mozlogProblem(line) {
    const text = line.trim();
    if (!text.startsWith('{'))
        return 'not a JSON object';
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        return 'not valid JSON';
    }
    const validate = validator();
    if (validate(json))
        return null;
    const errors = validate.errors ?? [];
    return describe(errors.find((e) => e.keyword === 'anyOf') ?? errors[0]);
}
function describe(e) {
    if (!e)
        return 'does not match the mozlog schema';
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '';
    if (e.keyword === 'required')
        return `${e.params.missingProperty} is missing`;
    if (e.keyword === 'const')
        return `${where} must be ${JSON.stringify(e.params.allowedValue)}`;
    if (e.keyword === 'anyOf')
        return `${where} must be a scalar or a flat array of scalars`;
    return `${where || 'the line'} ${e.message ?? 'does not match the mozlog schema'}`;
}
/** How many lines kept as examples of those that are not mozlog. */
const SAMPLES = 3;
/**
 * Running count of mozlog lines, fed line by line as the container writes them. Of the lines that are not mozlog it
 * keeps the first few, how many came before the first mozlog line (a startup banner), and how many each known
 * program (npm, gunicorn, uvicorn…) wrote.
 */
class MozlogTally {
    total = 0;
    valid = 0;
    firstBad = null;
    /** The first few lines that are not mozlog. */
    samples = [];
    /** Stray lines that report an error (`npm error …`, `ERROR`): a program's errors are never a startup banner. */
    errorLines = 0;
    /**
     * Lines that are not mozlog before the first mozlog line of their stream, and after it: `docker logs` delivers
     * stdout and stderr separately, so their order across streams is not known (a banner on stderr may arrive
     * after the app's first lines on stdout).
     */
    badBefore = 0;
    badAfter = 0;
    /** Lines that are not mozlog by the program that wrote them ("" when unknown), in first-seen order. */
    sources = new Map();
    validIn = new Map();
    add(line, stream = 'stdout') {
        if (line.trim() === '')
            return;
        this.total++;
        const problem = mozlogProblem(line);
        if (problem === null) {
            this.valid++;
            this.validIn.set(stream, (this.validIn.get(stream) ?? 0) + 1);
            return;
        }
        this.firstBad ??= { line, problem };
        if (this.samples.length < SAMPLES)
            this.samples.push(line);
        if (/\b(error|ERR!)\b/i.test(line))
            this.errorLines++;
        if (!this.validIn.get(stream))
            this.badBefore++;
        else
            this.badAfter++;
        const source = bannerSource(line)?.name ?? '';
        this.sources.set(source, (this.sources.get(source) ?? 0) + 1);
    }
}

;// CONCATENATED MODULE: ./src/smoke/shutdown.ts




/** `docker top ID -eo pid,ppid,args` output as processes (the header line dropped). */
function parseTop(text) {
    return text
        .split('\n')
        .slice(1)
        .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
        .filter((m) => m !== null)
        .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3].trim() }));
}
const LAUNCHER = /^(npm|npx|yarn|yarn\.js|yarnpkg|pnpm|pnpm\.cjs|pnpx)$/;
const SHELL = /^(sh|bash|dash|ash|zsh)$/;
const base = (word) => word.split('/').pop() ?? word;
/**
 * A PID 1 that stands between `docker stop` and the app: a package manager (npm, yarn, pnpm) or a shell running the
 * app as a child. Such a process answers the signal itself: npm exits within a moment of SIGTERM and the app
 * under it, killed with it, never runs its shutdown; a shell as PID 1 ignores SIGTERM. Null for an app that is
 * PID 1 itself, or runs under an init (tini, dumb-init, docker-init) that passes signals on.
 */
function signalSwallower(procs) {
    const pids = new Set(procs.map((p) => p.pid));
    const root = procs.find((p) => !pids.has(p.ppid));
    if (!root)
        return null;
    const words = root.args.split(/\s+/);
    const launcher = words
        .slice(0, 2)
        .map(base)
        .find((w) => LAUNCHER.test(w));
    const shell = SHELL.test(base(words[0] ?? '')) ? base(words[0]) : undefined;
    const what = launcher ? launcher.replace(/\.(js|cjs)$/, '') : shell;
    if (!what)
        return null;
    // The app: the deepest descendant (npm → sh -c → node server.js).
    let app;
    let level = [root];
    while (level.length) {
        const next = procs.filter((p) => level.some((q) => q.pid === p.ppid));
        if (next.length)
            app = next[0];
        level = next;
    }
    return app ? { pid1: root, what, app } : null;
}
/** The container's processes (`docker top` asks the engine, so this works on a remote one too); [] when unknown. */
async function processTree(ctx, app) {
    const out = await (0,commands/* top */.Mn)(ctx.runner, app.id);
    return out === null ? [] : parseTop(out);
}
/** The verdict on a stop, from the exit code and the time it took (pure, unit-tested). */
function shutdownRow(exitCode, ms, signal, graceS = STOP_GRACE_S, swallower = null) {
    const sig = signal || 'SIGTERM';
    const fix = `handle ${sig}: stop accepting connections, finish in-flight requests and exit 0 within ${graceS} s`;
    if (swallower) {
        const { pid1, what, app } = swallower;
        const cmd = JSON.stringify(app.args.split(/\s+/));
        const how = what === 'sh' || what === 'bash' || what === 'dash' || what === 'ash' || what === 'zsh'
            ? `${what} ignores ${sig} as PID 1 and does not pass it on`
            : `${what} is not the app: it answers ${sig} itself and the app is killed with it, without running its shutdown`;
        return (0,catalogue/* check */.z6)('DF207', 'fail', `PID 1 is ${JSON.stringify(pid1.args)} (${what}), which runs the app (${JSON.stringify(app.args)}) as a child: ${how}, so this stop (exit ${exitCode} after ${(0,time/* secs */.z)(ms)}) says nothing about the app; run the app as PID 1 (CMD ${cmd}, or \`exec\` in an entrypoint script), or add an init that passes signals on (docker run --init, tini), then ${fix}`);
    }
    if (exitCode === 137 || ms >= graceS * 1000) {
        return (0,catalogue/* check */.z6)('DF207', 'fail', `still running ${graceS} s after ${sig}, so docker sent SIGKILL (exit ${exitCode}, ${(0,time/* secs */.z)(ms)}): ${fix} (as PID 1 the default signal action does not apply)`);
    }
    if (exitCode === 143 || exitCode === 130) {
        return (0,catalogue/* check */.z6)('DF207', 'fail', `exited ${exitCode} (killed by ${sig}'s default action) after ${(0,time/* secs */.z)(ms)}: ${fix}`);
    }
    if (exitCode !== 0)
        return (0,catalogue/* check */.z6)('DF207', 'fail', `exited with code ${exitCode} ${(0,time/* secs */.z)(ms)} after ${sig}: ${fix}`);
    return (0,catalogue/* check */.z6)('DF207', 'pass', `stopped ${(0,time/* secs */.z)(ms)} after ${sig} with exit code 0`);
}
/** DF207: `docker stop --time 10`, timed; the exit code comes from the `docker wait` running alongside. */
async function stopApp(ctx, app) {
    const t0 = performance.now();
    await (0,commands/* stop */.ds)(ctx.runner, [app.id], STOP_GRACE_S);
    const ms = Math.round(performance.now() - t0);
    const exit = await (0,time/* within */.u)(app.exit.exited, EXIT_REPORT_MS, null);
    let exitCode = exit?.exitCode ?? -1;
    if (exitCode < 0)
        exitCode = await (0,commands/* exitCodeOf */.FO)(ctx.runner, app.id);
    return { exitCode, ms };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/smoke/exit-watch.ts

/**
 * `docker wait` running alongside the checks: resolves the moment the container exits, so a crash is seen at
 * once instead of at the next timeout.
 */
class ExitWatch {
    child;
    info = null;
    exited;
    constructor(ctx, container) {
        this.child = (0,commands/* waitFor */.fm)(ctx.runner, container);
        let out = '';
        this.child.stdout.on('data', (d) => (out += d.toString()));
        this.child.stderr.on('data', (d) => ctx.log.write(`docker wait: ${d.toString()}`));
        this.exited = this.child.exited.then(() => {
            const code = /^\s*(-?\d+)\s*$/.exec(out);
            this.info = { exitCode: code ? Number(code[1]) : -1, seenAt: performance.now() };
            return this.info;
        });
    }
    /** The exit, if it has happened. */
    get current() {
        return this.info;
    }
    stop() {
        this.child.kill();
    }
}

// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(46193);
// EXTERNAL MODULE: ./src/secrets/redactor.ts
var redactor = __webpack_require__(15753);
;// CONCATENATED MODULE: ./src/smoke/logs.ts





/** Lines kept in memory for crash reports; every line is also handed to `onLine` as it comes. */
const RECENT = 50;
/**
 * Characters of one line kept in memory (and handed to `onLine`); the rest of a longer line goes to build.log
 * only. A 100 MB line without a newline costs this much, not 100 MB (nor the time to search it again and again).
 */
const MAX_LINE = 16 * 1024;
/**
 * The container's stdout and stderr, followed from its start (`docker logs --follow`): every line goes to
 * build.log (redacted, prefixed `[app]`), and is kept for the log rules.
 */
class LogCapture {
    onLine;
    child;
    recent = [];
    totalLines = 0;
    totalBytes = 0;
    done;
    constructor(ctx, container, onLine = () => undefined, prefix = 'app') {
        this.onLine = onLine;
        this.child = (0,commands/* followLogs */.VF)(ctx.runner, container);
        for (const stream of ['stdout', 'stderr']) {
            // build.log gets every byte, redacted, each line once prefixed (a long line comes in pieces).
            let lineStart = true;
            const sink = (text) => {
                ctx.log.writeRedacted(`${lineStart ? `[${prefix}] ` : ''}${text}`);
                lineStart = text.endsWith('\n');
            };
            const redacting = new redactor/* LineRedactor */.pH(ctx.redactor, sink);
            const decoder = new external_node_string_decoder_.StringDecoder('utf8');
            let head = '';
            let dropped = 0;
            const take = (piece) => {
                if (head.length < MAX_LINE) {
                    const room = MAX_LINE - head.length;
                    head += piece.slice(0, room);
                    dropped += Math.max(0, piece.length - room);
                }
                else
                    dropped += piece.length;
            };
            const endLine = () => {
                this.keep(stream, head, dropped);
                head = '';
                dropped = 0;
            };
            const src = this.child[stream];
            src.on('data', (d) => {
                this.totalBytes += d.length;
                redacting.write(d);
                const text = decoder.write(d);
                let start = 0;
                let nl;
                while ((nl = text.indexOf('\n', start)) >= 0) {
                    take(text.slice(start, nl));
                    endLine();
                    start = nl + 1;
                }
                take(text.slice(start));
            });
            src.on('end', () => {
                redacting.flush();
                if (!lineStart)
                    ctx.log.writeRedacted('\n');
                take(decoder.end());
                if (head || dropped)
                    endLine();
            });
        }
        this.done = this.child.exited.then(() => undefined);
    }
    keep(stream, text, dropped = 0) {
        const line = { stream, text: dropped ? `${text} [... ${dropped} more characters in build.log]` : text.replace(/\r$/, '') };
        this.totalLines++;
        this.recent.push(line);
        if (this.recent.length > RECENT)
            this.recent.shift();
        this.onLine(line);
    }
    /**
     * Wait for the log stream to end after the container stopped (it ends by itself), a crash report must carry the
     * last lines, and DF301/DF302 judge the whole output. Gives up once nothing came for `idleMs` (a stream that
     * is still delivering a flood of output is waited for, up to `maxMs`).
     */
    async settle(idleMs, maxMs = LOG_SETTLE_MAX_MS) {
        const t0 = performance.now();
        for (;;) {
            const seen = this.totalBytes;
            const ended = await (0,time/* within */.u)(this.done.then(() => true), Math.min(idleMs, maxMs), false);
            if (ended || this.totalBytes === seen || performance.now() - t0 >= maxMs)
                return;
        }
    }
    /** The last `n` lines, for a crash report. */
    tail(n) {
        return this.recent.slice(-n).map((l) => l.text);
    }
    stop() {
        this.child.kill();
    }
}

;// CONCATENATED MODULE: ./src/smoke/start.ts








/** A `$PORT` unlike the default, so an app that hard-codes its port is caught (DF201). */
function pickPort(defaultPort) {
    let p = defaultPort;
    while (p === defaultPort)
        p = (0,external_node_crypto_.randomInt)(20000, 30000);
    return p;
}
/** Host ports and the network IP, from `docker inspect`, as base URLs for each container port. */
function baseUrls(inspect, network, containerPort) {
    const ns = (inspect?.NetworkSettings ?? {});
    const urls = [];
    for (const b of ns.Ports?.[`${containerPort}/tcp`] ?? []) {
        if (b.HostPort)
            urls.push(`http://${!b.HostIp || b.HostIp === '0.0.0.0' ? '127.0.0.1' : b.HostIp}:${b.HostPort}`);
    }
    const ip = ns.Networks?.[network]?.IPAddress;
    if (ip)
        urls.push(`http://${ip}:${containerPort}`);
    return urls;
}
/** What to do about a failed `docker run`, from the line that says why: only an exec failure blames the image. */
function runFailureHint(why) {
    if (/Cannot connect to the Docker daemon|Is the docker daemon running|error during connect/i.test(why)) {
        return 'the Docker engine went away during the run: check that dockerd is running (and DOCKER_HOST), then run again';
    }
    if (/Conflict\. The container name/i.test(why)) {
        return 'a container of that name already exists (a run with this run ID is still going, or was not cleaned up): remove it with docker rm -f, then run again';
    }
    if (/port is already allocated|address already in use/i.test(why))
        return 'a host port was taken meanwhile: run again';
    if (/no space left on device/i.test(why))
        return 'the Docker host is out of disk space: free some (docker system df shows what uses it)';
    if (/exec format error/i.test(why))
        return 'the image was built for another CPU architecture than this engine runs: build it for this platform';
    if (/executable file not found|no such file or directory|permission denied|exec: /i.test(why)) {
        return 'check that ENTRYPOINT/CMD name a program that exists in the image and is executable';
    }
    return 'the full output is in build.log';
}
/** Start the app as production would, with watchers for its exit and its output. */
async function startApp(ctx, built, stack, onLine) {
    const port = pickPort(ctx.config.port);
    const env = appEnv(ctx);
    const argv = (0,run_argv/* appRunArgv */.B$)({
        runId: ctx.runId,
        network: stack.network,
        image: built.imageId,
        port,
        defaultPort: ctx.config.port,
        env,
        ...(built.platform ? { platform: built.platform.platform } : {}),
    });
    const name = (0,run_argv/* appContainerName */.EV)(ctx.runId, built.platform?.platform);
    const on = built.platform ? ` for ${built.platform.platform}${built.platform.emulated ? ' (emulated)' : ''}` : '';
    ctx.ui.info(`Starting the app${on} as ${name} with PORT=${port} (default port ${ctx.config.port})`);
    const run = await ctx.runner.run(argv, { byName: env.env, allowFailure: true, onAbort: 'finish' });
    const startedAt = performance.now();
    if (run.exitCode !== 0) {
        const why = ctx.redactor.redact((0,exec_runner/* errorLine */.BP)(`${run.stderr}\n${run.stdout}`) || `exit ${run.exitCode}`);
        return { ok: false, message: `docker run could not start the container (exit ${run.exitCode}): ${why}; ${runFailureHint(why)}` };
    }
    const id = run.stdout.trim().split('\n').pop().trim();
    // The addresses first, the watchers right after: the readiness poll cannot start without the published port,
    // and on a busy machine three docker CLIs starting at once slow each other down. Nothing is lost meanwhile:
    // `docker logs --follow` replays the output from the start and `docker wait` returns at once for an exited
    // container.
    const info = await (0,commands/* inspectContainer */.aH)(ctx.runner, id);
    const exit = new ExitWatch(ctx, id);
    // With several platforms (judged at once, maybe) each app's lines in build.log say whose they are.
    const logs = new LogCapture(ctx, id, onLine, built.platform ? `app ${built.platform.platform}` : 'app');
    const pid = Number(info?.State?.Pid ?? 0);
    const portBases = baseUrls(info, stack.network, port);
    const app = {
        id,
        hostHeader: new URL(portBases[0] ?? `http://127.0.0.1:${port}`).host,
        pid,
        listeners: procListenerReader(pid, id),
        name,
        port,
        defaultPort: ctx.config.port,
        portBases,
        defaultBases: port === ctx.config.port ? [] : baseUrls(info, stack.network, ctx.config.port),
        stopSignal: info?.Config?.StopSignal || 'SIGTERM',
        startedAt,
        exit,
        logs,
    };
    ctx.log.line(`app reachable at ${app.portBases.join(' or ') || '(no address: the container is not running)'}`);
    return { ok: true, app };
}

;// CONCATENATED MODULE: ./src/smoke/startup-rules.ts




/** DF201 from the readiness wait (null when the container exited first: DF208 speaks then). */
function portRule(r, port, defaultPort, timeoutMs) {
    switch (r.kind) {
        case 'exited':
            return null;
        case 'misbound': {
            const where = r.listeners.map(showListener).join(', ');
            if (r.why === 'loopback') {
                const v6 = r.listeners.every((l) => l.address.includes(':'));
                return (0,catalogue/* check */.z6)('DF201', 'fail', `the app listens on ${where}, a loopback address inside the container, so nothing outside it can connect (${(0,time/* secs */.z)(r.sinceListenMs)} after it began listening, ${(0,time/* secs */.z)(r.ms)} after the container started): bind ${v6 ? '"::"' : '"0.0.0.0"'} (all interfaces) instead, e.g. app.listen(process.env.PORT, "0.0.0.0") or --bind 0.0.0.0:$PORT`);
            }
            return (0,catalogue/* check */.z6)('DF201', 'fail', `the app listens on ${where}, not on $PORT=${port} (${(0,time/* secs */.z)(r.sinceListenMs)} after it began listening, ${(0,time/* secs */.z)(r.ms)} after the container started): read the port to listen on from the PORT environment variable`);
        }
        case 'silent':
            return (0,catalogue/* check */.z6)('DF201', 'fail', `nothing answered HTTP on $PORT=${port}${port !== defaultPort ? ` or on the default port ${defaultPort}` : ''} within startup-timeout (${(0,time/* secs */.z)(timeoutMs)}; last error: ${r.lastError}): listen on $PORT on all interfaces (0.0.0.0, not 127.0.0.1), or raise startup-timeout if the app starts slowly`);
        default:
            if (r.viaDefault) {
                return (0,catalogue/* check */.z6)('DF201', 'fail', `the app ignores $PORT and listens on ${defaultPort} (it was started with PORT=${port}): read the port to listen on from the PORT environment variable`);
            }
            return (0,catalogue/* check */.z6)('DF201', 'pass', `answered on $PORT=${port}`);
    }
}
/**
 * True when a 400 is the app refusing the Host header the probes send: its body or its recent log lines say so
 * (Django's DisallowedHost "Invalid HTTP_HOST header", Rails' HostAuthorization "Blocked hosts", …).
 */
function rejectsHost(status, body, logTail) {
    if (status !== 400 && status !== 403 && status !== 421)
        return false;
    const said = /invalid http_host|disallowedhost|allowed_hosts|allowed hosts|blocked hosts?|invalid host|host header|not an allowed host|misdirected/i;
    return said.test(body) || logTail.some((l) => said.test(l));
}
/** How the probes' Host header looks (without the port) and how to allow it, for a message. */
function allowHostHint(host) {
    const name = host.replace(/:\d+$/, '');
    return `allow "${name}" through the app's own setting, from the env input (e.g. ALLOWED_HOSTS=${name} for Django, DJANGO_ALLOWED_HOSTS or your framework's equivalent); every probe sends Host: ${host}`;
}
/**
 * DF202 from the readiness wait (null when another rule explains why it could not be judged). `host` is the Host
 * header the probes sent and `logTail` the app's last log lines, to explain a 400.
 */
function lbheartbeatRule(r, host = '', logTail = []) {
    const fix = 'add a /__lbheartbeat__ route that answers 200 without touching backing services';
    switch (r.kind) {
        case 'ready':
            return (0,catalogue/* check */.z6)('DF202', 'pass', `answered 200 ${(0,time/* secs */.z)(r.ms)} after the container started`);
        case 'not-200':
            if (r.status >= 300 && r.status < 400) {
                return (0,catalogue/* check */.z6)('DF202', 'fail', `answered ${r.status}, a redirect${r.location ? ` to ${JSON.stringify(shorten(r.location, 160))}` : ' (no Location)'} (at its first answer, ${(0,time/* secs */.z)(r.ms)} after the container started): load balancers do not follow redirects; answer 200 at /__lbheartbeat__ itself (exempt it from trailing-slash, HTTPS or login redirects)`);
            }
            if (host && rejectsHost(r.status, r.body, logTail)) {
                return (0,catalogue/* check */.z6)('DF202', 'fail', `answered ${r.status}: the app rejected the Host header ${JSON.stringify(host)} (${describeHeartbeatBody(r.body, 120)}): ${allowHostHint(host)}`);
            }
            return (0,catalogue/* check */.z6)('DF202', 'fail', r.timedOut
                ? `still answered ${r.status} when startup-timeout ran out (${(0,time/* secs */.z)(r.ms)}; ${describeHeartbeatBody(r.body, 160)}): ${fix}, or raise startup-timeout if the app warms up slowly`
                : `answered ${r.status} (${describeHeartbeatBody(r.body, 160)}): ${fix}`);
        default:
            return null;
    }
}

;// CONCATENATED MODULE: ./src/stages/smoke.ts
















const SMOKE_RULES = (0,catalogue/* rulesOf */.fD)('smoke');
/**
 * DF201–DF208, DF301, DF302: run the image as production would (private network, sidecars, `$PORT`), wait for
 * it, probe it, stop its services, stop it, and judge what it logged.
 */
async function smoke(ctx, prepared, built, stack) {
    const rows = new Rows(SMOKE_RULES, ctx.config.checksIgnore);
    if (!SMOKE_RULES.some((id) => rows.on(id)))
        return { checks: rows.list() };
    await stack.ensure();
    const tally = new MozlogTally();
    const started = await startApp(ctx, built, stack, (l) => tally.add(l.text, l.stream));
    if (!started.ok) {
        rows.set((0,catalogue/* check */.z6)('DF208', 'fail', started.message));
        rows.skipUnset(SMOKE_RULES, 'not judged: the container did not start (see DF208)');
        return { checks: rows.list() };
    }
    const app = started.app;
    const http = new Http((body) => ctx.redactor.redact(body), app.hostHeader);
    try {
        const readyMs = await judge(ctx, prepared, stack, app, http, tally, rows, built.platform?.emulated ?? false);
        return { checks: rows.list(), ...(readyMs !== undefined ? { readyMs } : {}) };
    }
    finally {
        app.exit.stop();
        app.logs.stop();
        await http.close();
        await (0,commands/* removeContainers */.Dn)(ctx.runner, [app.id]);
        await dumpServiceLogs(ctx, stack);
    }
}
async function judge(ctx, prepared, stack, app, http, tally, rows, emulated) {
    const { config } = ctx;
    // Under QEMU the app's own work is slower: the limits that wait for it are longer (smoke/limits.ts).
    const startupTimeoutMs = emulatedLimit(config.startupTimeoutMs, emulated);
    const ready = await waitReady({
        http,
        app,
        timeoutMs: startupTimeoutMs,
        port: app.port,
        defaultPort: app.defaultPort,
        ...(app.listeners ? { listeners: app.listeners } : {}),
        onWaiting: (ms, last) => ctx.ui.info(`Waiting for /__lbheartbeat__: ${(0,time/* secs */.z)(ms)} of the ${(0,time/* secs */.z)(startupTimeoutMs)} startup-timeout${emulated ? ` (emulated: ×${EMULATION_FACTOR})` : ''} (last: ${last})`),
    });
    const readyMs = ready.kind === 'ready' ? ready.ms : undefined;
    rows.set(portRule(ready, app.port, app.defaultPort, startupTimeoutMs));
    rows.set(lbheartbeatRule(ready, app.hostHeader, app.logs.tail(20)));
    // An app that refuses the probes' Host header answers every probe so: DF202 says why, once.
    if (ready.kind === 'not-200' && rejectsHost(ready.status, ready.body, app.logs.tail(20))) {
        rows.skipUnset(['DF203', 'DF204', 'DF205', 'DF206'], 'not judged: the app rejects the Host header of the probes (see DF202)');
    }
    else if (ready.kind === 'ready' || ready.kind === 'not-200') {
        ctx.ui.info(`The app answers at ${ready.base}${readyMs !== undefined ? ` (ready after ${(0,time/* secs */.z)(readyMs)})` : ''}; probing it`);
        const base = ready.base;
        const [hb, version, statics] = await Promise.all([
            rows.on('DF203') || rows.on('DF205')
                ? heartbeatRule(http, base, emulatedLimit(HEARTBEAT_SETTLE_MS, emulated), async () => (await stack.states()).some((s) => !s.running))
                : null,
            rows.on('DF204') ? versionRule(http, base, prepared.version) : null,
            rows.on('DF206') ? staticRule(http, base, config.staticPaths) : null,
        ]);
        // A probe that failed because the container was dying is left unset: DF208 explains it.
        const probes = [hb?.status === 'fail' ? await withServiceStates(stack, hb) : hb, version, statics];
        const died = probes.some((r) => r?.status === 'fail') && (await hasExited(ctx, app));
        for (const r of probes)
            if (!(died && r?.status === 'fail'))
                rows.set(r);
        if (!app.exit.current && rows.on('DF205')) {
            const fault = await serviceFault(http, base, stack, ready.kind, hb);
            if (!(fault.status === 'fail' && (await hasExited(ctx, app))))
                rows.set(fault);
        }
    }
    else if (ready.kind === 'silent' || ready.kind === 'misbound') {
        rows.skipUnset(['DF202', 'DF203', 'DF204', 'DF205', 'DF206'], 'not judged: the app never answered HTTP (see DF201)');
    }
    // DF208: a crash after quick probes still fails: the app must stay up min-uptime (counted from its start).
    const minUp = config.minUptimeMs;
    let inUptime = false;
    if (!app.exit.current && minUp > 0 && performance.now() - app.startedAt < minUp) {
        ctx.ui.info(`Checks done; the app must stay up ${(0,time/* secs */.z)(minUp)} after it started (min-uptime) before it is stopped`);
        inUptime = !(await stayedUp(app, minUp));
    }
    if (app.exit.current) {
        const when = ready.kind === 'exited'
            ? 'before it answered /__lbheartbeat__'
            : inUptime
                ? `after the checks, within the ${(0,time/* secs */.z)(minUp)} it must stay up (min-uptime)`
                : 'during the checks';
        rows.set(await crashRow(ctx, app, when));
        rows.skipUnset(['DF201', 'DF202', 'DF203', 'DF204', 'DF205', 'DF206', 'DF207'], `not judged: the container exited ${when} (see DF208)`);
    }
    else {
        const upFor = performance.now() - app.startedAt;
        await http.reset(); // kept-alive connections must not hold up a graceful shutdown
        if (rows.on('DF207')) {
            const swallower = signalSwallower(await processTree(ctx, app));
            const stop = await stopApp(ctx, app);
            rows.set(shutdownRow(stop.exitCode, stop.ms, app.stopSignal, undefined, swallower));
        }
        else {
            await (0,commands/* kill */.z7)(ctx.runner, app.id);
        }
        rows.set((0,catalogue/* check */.z6)('DF208', 'pass', `stayed up for ${(0,time/* secs */.z)(upFor)}, through every check${minUp > 0 ? ` and the ${(0,time/* secs */.z)(minUp)} min-uptime` : ''}`));
    }
    await app.logs.settle(LOG_SETTLE_MS);
    rows.set(logsRule(app.logs.totalLines, app.logs.totalBytes, performance.now() - app.startedAt));
    rows.set(mozlogRule(tally, config.mozlog, ctx.redactor));
    return readyMs;
}

;// CONCATENATED MODULE: ./src/smoke/test-command.ts






/** DF401: `docker run --rm IMAGE <test-command>` on the run's network, output streamed; exit 0 passes. */
async function testCommandRule(ctx, built, stack) {
    const command = ctx.config.testCommand;
    const shown = ctx.redactor.redact((0,exec_runner/* displayArgv */.zq)(command));
    const env = appEnv(ctx);
    const argv = (0,run_argv/* testRunArgv */.w5)({
        runId: ctx.runId,
        network: stack.network,
        image: built.imageId,
        env,
        command,
        ...(built.platform ? { platform: built.platform.platform } : {}),
    });
    const r = await ctx.ui.group(`test-command: ${shown}`, () => ctx.runner.run(argv, { byName: env.env, stream: true, allowFailure: true }));
    if (r.exitCode === 0)
        return (0,catalogue/* check */.z6)('DF401', 'pass', `\`${shown}\` exited 0 in ${(0,time/* secs */.z)(r.durationMs)}`);
    const lines = `${r.stdout}\n${r.stderr}`
        .split('\n')
        .map((l) => l.trimEnd())
        .filter(Boolean)
        .slice(-TEST_TAIL_LINES)
        .map((l) => ctx.redactor.redact(l));
    const hint = testFailureHint(r.exitCode, command[0] ?? '', `${r.stderr}\n${r.stdout}`);
    return (0,catalogue/* check */.z6)('DF401', 'fail', `\`${shown}\` exited ${r.exitCode} after ${(0,time/* secs */.z)(r.durationMs)}: ${ctx.redactor.redact(hint)}${lines.length ? `\nlast ${lines.length} line(s):\n${lines.join('\n')}` : ''}`);
}
/**
 * What a failed test command's exit says. 126/127 blame the image only when docker itself could not run the
 * command; when the command ran and something it called was missing ("coverage: command not found"), that line
 * is the cause.
 */
function testFailureHint(exitCode, program, output) {
    const lines = output
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    if (exitCode === 126 || exitCode === 127 || exitCode === 125) {
        const daemon = (0,exec_runner/* errorLine */.BP)(output);
        const notRun = /Error response from daemon:|OCI runtime|executable file not found|exec format error/.test(daemon);
        if (notRun) {
            if (exitCode === 125 && !/executable file not found|no such file|permission denied/.test(daemon)) {
                return `docker could not start the test container (${daemon}): see build.log`;
            }
            return `docker could not run ${JSON.stringify(program)} in the image (${daemon}): check that it exists in the image (on PATH, executable) and that the ENTRYPOINT passes it on`;
        }
        // "sh: 1: coverage: not found", "bash: coverage: command not found", "/app/run-tests.sh: line 3: coverage: command not found"
        const missing = lines.findLast((l) => /(command not found|: not found)$/.test(l) || /No such file or directory$/.test(l));
        if (missing) {
            const tool = /(?:^|:\s*)([^\s:]+): (?:command )?not found$/.exec(missing)?.[1];
            return `the command ran, but ${tool ? `\`${tool}\`, which it calls, ` : 'a program it calls '}is not in the image (${JSON.stringify(missing)}): install it in the image (or in the build stage the test command uses), or fix the script that calls it`;
        }
        if (exitCode === 126)
            return 'a program the command runs could not be executed (not executable, or a script without its interpreter): see its last lines';
        return "exit 127 usually means a program was not found; see the command's last lines";
    }
    return 'fix the failing tests (the full output is in build.log)';
}

;// CONCATENATED MODULE: ./src/stages/test.ts


/** DF401: the image's own tests, run inside it on the run's network, with the services up again. */
async function test(ctx, built, stack) {
    if (ctx.config.checksIgnore.has('DF401'))
        return []; // the report's rows say it was ignored
    if (ctx.config.testCommand.length === 0) {
        return [
            (0,catalogue/* check */.z6)('DF401', 'skip', 'no test-command configured; set it to run your tests inside the image (e.g. test-command: pytest)', {
                skip: 'not-configured',
            }),
        ];
    }
    const platform = built.platform?.platform;
    if (platform && !ctx.config.testPlatforms.includes(platform)) {
        return [
            (0,catalogue/* check */.z6)('DF401', 'skip', `not run on ${platform}: test-platforms names ${ctx.config.testPlatforms.join(', ')}`, {
                skip: 'not-configured',
            }),
        ];
    }
    await stack.ensure();
    await stack.restartServices();
    return [await testCommandRule(ctx, built, stack)];
}

// EXTERNAL MODULE: ./src/publish/login.ts
var publish_login = __webpack_require__(63454);
// EXTERNAL MODULE: ./src/stages/login.ts
var login = __webpack_require__(18250);
// EXTERNAL MODULE: ./src/publish/hub-description.ts
var hub_description = __webpack_require__(89823);
;// CONCATENATED MODULE: ./src/stages/publish.ts







/**
 * Push every planned ref, then read each back from the registry and confirm it is the image in
 * docker-image-shasum256.txt. Nothing is pushed unless every rule at or above `fail-on` passed. Returns what was
 * pushed and verified; a failure throws a PublishError that carries what was, before it (a failed second push
 * still reports the first).
 */
async function publish(ctx, prepared, built, checks, session, shasumFile) {
    const { plan } = prepared;
    let out = (0,publish_published/* newPublished */.XH)();
    if (!plan.push)
        return out;
    const failing = checks.filter((c) => (0,catalogue/* failsRun */.FR)(c, ctx.config.failOn)).map((c) => c.id);
    if (failing.length > 0) {
        const reason = `${failing.join(', ')} failed: nothing is pushed unless every rule at or above fail-on (${ctx.config.failOn}) passes`;
        ctx.ui.info(`Not pushing: ${reason}`);
        return { ...out, reason };
    }
    const configDigest = (0,external_node_fs_.readFileSync)(shasumFile, 'utf8').trim();
    if (configDigest !== built.configDigest) {
        throw new publish_published/* PublishError */.S1(new Error(`docker-image-shasum256.txt holds ${configDigest}, the build made ${built.configDigest}`), out);
    }
    // Refs by registry, in the order given: each registry is pushed and verified on its own, so one failing
    // does not hide what the others got.
    const byRegistry = (0,publish_login/* refsByRegistry */.Fu)(plan.refs);
    const failures = [];
    for (const [registry, refs] of byRegistry) {
        try {
            const login = (session && (0,publish_login/* sessionFor */.w)(session, registry)) ?? (await (0,publish_login/* existingSession */.kf)(ctx, session, registry));
            if (!login)
                throw new errors/* UserError */.y(`the run is not logged in to ${registry}, so ${refs.join(', ')} cannot be pushed`);
            out = plan.byDigest
                ? await pushByDigest(ctx, login, built, refs, out)
                : await (0,publish_published/* publishTo */.VE)(ctx, login, built.imageId, configDigest, refs, out, built.platforms);
        }
        catch (e) {
            // What this registry got before its failure counts with what the others got.
            if (e instanceof publish_published/* PublishError */.S1)
                out = e.published;
            const error = e instanceof publish_published/* PublishError */.S1 ? e.failure : e;
            if (byRegistry.size === 1)
                throw new publish_published/* PublishError */.S1(error, out);
            failures.push({ registry, error });
        }
    }
    if (failures.length > 0) {
        const ok = [...byRegistry.keys()].filter((r) => !failures.some((f) => f.registry === r));
        const failed = failures.map((f) => `${f.registry}: ${f.error.message}`).join('; ');
        const got = ok.length > 0 ? `; ${ok.join(', ')} got ${out.pushed.filter((r) => ok.includes((0,publish_login/* refHost */.is)(r))).join(', ')} (pushed and verified)` : '';
        throw new publish_published/* PublishError */.S1(new errors/* UserError */.y(`publishing to ${failures.map((f) => f.registry).join(' and ')} failed (${failed})${got}`), out);
    }
    ctx.ui.info(`Pushed and verified ${out.pushed.join(', ')}${plan.byDigest ? ', untagged: dockerflow merge tags them' : ` (${out.digest})`}`);
    if (plan.byDigest)
        return out;
    if (ctx.config.hubDescription || ctx.config.hubShortDescription) {
        try {
            await (0,hub_description/* describeOnHub */.Ml)(ctx, prepared, session, out.pushed);
        }
        catch (e) {
            throw new publish_published/* PublishError */.S1(e, out);
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(40670);
// EXTERNAL MODULE: ./src/report/platforms.ts
var platforms = __webpack_require__(12906);
// EXTERNAL MODULE: ./src/run/describe-error.ts
var describe_error = __webpack_require__(72423);
// EXTERNAL MODULE: ./src/pipeline/interrupt.ts
var interrupt = __webpack_require__(86949);
;// CONCATENATED MODULE: ./src/pipeline/pipeline.ts



























/**
 * prepare → (login) → build → inspect ∥ smoke → test → publish → report. Every stage hands a typed result to the
 * next; inspect (which may stream the whole image for DF106) runs alongside smoke. Whatever happens, the out dir
 * gets its files and everything the run started is removed.
 */
async function runPipeline(ctx) {
    const files = (0,out_files/* outFiles */.yp)(ctx.config.outDir);
    (0,out_files/* clearPlatformShasums */.Td)(files);
    const timings = {};
    /** What each platform's stages judged (one entry, platform '', for a single-platform build). */
    const perPlatform = [];
    const judgedRows = () => (perPlatform.length > 1 ? (0,platforms/* mergePlatformRows */.l)(perPlatform) : perPlatform.flatMap((x) => x.checks));
    let prepared;
    let built;
    let error;
    let configError = false;
    let failedStage;
    let session = null;
    let published = (0,publish_published/* newPublished */.XH)();
    const interrupted = (0,interrupt/* whenInterrupted */.vV)(ctx);
    /** Stages under way, to say which one an interrupt stopped. */
    const running = new Set();
    let interruptedIn = '';
    // A signal ends the stage at once (its commands are being stopped): the run goes straight to its cleanup
    // and report instead of waiting for the stage to notice.
    const timed = async (stage, fn) => {
        if (ctx.abort.signal.aborted) {
            interruptedIn ||= stage;
            failedStage ??= stage;
            throw ctx.abort.signal.reason;
        }
        const t0 = performance.now();
        ctx.log.section(stage);
        running.add(stage);
        try {
            return await Promise.race([fn(), interrupted]);
        }
        catch (e) {
            if (ctx.abort.signal.aborted)
                interruptedIn ||= [...running].join(' and ');
            failedStage ??= stage;
            throw e;
        }
        finally {
            running.delete(stage);
            timings[stage] = Math.round(performance.now() - t0);
        }
    };
    const removeWorkDir = () => (0,external_node_fs_.rmSync)(ctx.workDir, { recursive: true, force: true });
    ctx.undo.add(removeWorkDir);
    let early;
    try {
        // Independent of the git metadata: runs while it is read.
        void detectBuilder(ctx.runner);
        prepared = await timed('prepare', () => (0,prepare/* prepare */.i)(ctx));
        const p = prepared;
        if ((0,publish_login/* wantsLogin */.TL)(ctx, p))
            session = await timed('login', () => (0,login/* login */.i)(ctx, p));
        // The stages from here on run their docker commands through the session's runner (its DOCKER_CONFIG holds
        // the logins: base image pulls, sidecars, the push); the cleanup below uses the run's own.
        const staged = session ? { ...ctx, runner: session.runner } : ctx;
        const stack = new Stack(staged);
        (0,out_files/* writeRedacted */.YL)(ctx.redactor, files.versionJson, p.versionJson);
        // The build sees the user's files and this run's version.json, in a view of its own: the working tree is
        // never written, so concurrent runs on one checkout each build their own version.json.
        (0,external_node_fs_.mkdirSync)(ctx.workDir, { recursive: true });
        const view = createContextView({
            context: ctx.config.context,
            dockerfile: ctx.config.file,
            dir: external_node_path_default().join(ctx.workDir, 'context'),
            versionJson: p.versionJson,
            exclude: [ctx.config.outDir],
        });
        ctx.log.line(`build context: ${view.files} file(s) of ${ctx.config.context} and this run's version.json, in ${view.dir} (${view.ms} ms${view.copied ? `, ${view.copied} copied` : ''})`);
        // The run's network and sidecars do not depend on the image: they start (and their images are pulled)
        // while it builds, so a database is initialising during the build rather than after it. A failure is
        // reported by the stage that needs the stack (smoke or test), which awaits the same promise.
        if (needsStack(ctx)) {
            early = stack.ensure();
            early.catch(() => undefined);
        }
        try {
            built = await timed('build', () => build(staged, p, view.dir));
        }
        finally {
            (0,external_node_fs_.rmSync)(view.dir, { recursive: true, force: true });
        }
        const b = built;
        (0,out_files/* writeShasum */.bL)(ctx.redactor, files, b.configDigest);
        for (const pi of b.platforms ?? [])
            (0,out_files/* writeShasum */.bL)(ctx.redactor, files, pi.configDigest, pi.platform);
        const local = b.imageId === b.configDigest ? '' : ` (the engine calls it ${b.imageId})`;
        ctx.ui.info(`Built ${b.configDigest}${local}; checking the image against the Dockerflow rules`);
        // One platform: its stages, as they always ran. Several: each platform's, named after it, all at once when
        // the run has no sidecars (each platform has its own containers; the sidecars are shared, and DF205 stops
        // them, so with sidecars one platform after the other) and the machine has a core per platform.
        // Every platform has its entry from the start: one the run never reached counts as not run there.
        const views = (0,context/* platformViews */.Wm)(b).map((v) => ({ v, judged: [] }));
        for (const { v, judged } of views)
            perPlatform.push({ platform: v.platform?.platform ?? '', checks: judged });
        const judge = async ({ v, judged }, together) => {
            const on = v.platform ? ` ${v.platform.platform}` : '';
            if (v.platform) {
                ctx.ui.info(`Judging${on}${v.platform.emulated ? ', emulated (QEMU): its limits are longer, see docs/engines.md' : ''}`);
                if (!together)
                    await stack.restartServices(); // the previous platform's DF205 left them stopped
            }
            // Both settle before going on, so cleanup never races a stage that is still running.
            const [inspected, smoked] = await Promise.allSettled([
                timed(`inspect${on}`, () => inspect(staged, p, v, timings)),
                timed(`smoke${on}`, () => smoke(staged, p, v, stack)),
            ]);
            // What one of them judged is kept when the other failed or the run was interrupted.
            if (inspected.status === 'fulfilled')
                judged.push(...inspected.value);
            if (smoked.status === 'fulfilled')
                judged.push(...smoked.value.checks);
            if (inspected.status === 'rejected')
                throw inspected.reason;
            if (smoked.status === 'rejected')
                throw smoked.reason;
            if (smoked.value.readyMs !== undefined)
                timings[`ready${on}`] = smoked.value.readyMs;
            judged.push(...(await timed(`test${on}`, () => test(staged, v, stack))));
        };
        if (judgeTogether(ctx, views.length)) {
            ctx.ui.info(`Judging ${views.map(({ v }) => v.platform.platform).join(' and ')} at once`);
            // Every platform settles before the first failure goes on: the cleanup must not race a platform still running.
            const settled = await Promise.allSettled(views.map((x) => judge(x, true)));
            const failed = settled.find((r) => r.status === 'rejected');
            if (failed)
                throw failed.reason;
        }
        else
            for (const x of views)
                await judge(x, false);
        const checks = judgedRows();
        if (p.plan.push) {
            published = await timed('publish', () => 
            // What was pushed and verified before a failure is reported with it.
            publish(staged, p, b, checks, session, files.shasum).catch((0,publish_published/* keepPublished */.w4)((got) => (published = got))));
        }
    }
    catch (e) {
        const reason = ctx.abort.signal.aborted ? ctx.abort.signal.reason : e;
        configError = reason instanceof errors/* UserError */.y && reason.kind === 'config';
        error =
            reason instanceof context/* Interrupted */.j$
                ? `interrupted by ${reason.signal}${interruptedIn ? ` during the ${interruptedIn} stage` : ''}: the run stopped there and its remaining rules were not judged; run it again for a verdict`
                : ctx.redactor.redact((0,describe_error/* describeError */.U)(e));
        ctx.ui.error(error);
        ctx.log.line(`error: ${error}`);
    }
    finally {
        // A build that failed must not leave a sidecar starting behind the cleanup (an interrupt does not wait:
        // the sidecar's `docker run` was stopped, and the cleanup below removes what it created).
        if (!ctx.abort.signal.aborted)
            await early?.catch(() => undefined);
        // After an interrupt, what was still running ends first (a `docker create` in flight finishes, the rest
        // is stopped), so the cleanup below sees every container the run made.
        if (ctx.abort.signal.aborted)
            await ctx.runner.idle();
        await session?.close().catch(() => undefined);
        await (0,cleanup/* removeRunResources */.J)(ctx.runner, ctx.runId).catch(() => undefined);
        ctx.runner.removeEnvFiles();
        // Only the run's own tag: the image keeps its other tags (and goes with the last of them, as any image).
        if (built?.runRef)
            await (0,commands/* removeImage */.Jj)(ctx.runner, built.runRef);
        ctx.undo.delete(removeWorkDir);
        removeWorkDir();
    }
    const rows = inCatalogueOrder(judgedRows(), ctx.config.checksIgnore, failedStage, interruptedIn || undefined);
    const report = {
        schemaVersion: 1,
        verdict: (0,report_report/* verdictOf */.V)(rows, ctx.config.failOn, error),
        image: {
            id: built?.configDigest ?? null,
            configDigest: built?.configDigest ?? null,
            manifestDigest: published.manifestDigest ?? built?.manifestDigest ?? null,
            tags: built?.refs ?? prepared?.plan.refs ?? [],
            digest: published.digest,
            pushed: published.pushed,
            ...(built?.platforms
                ? {
                    platforms: built.platforms.map((pi) => ({
                        platform: pi.platform,
                        id: pi.manifestDigest,
                        configDigest: pi.configDigest,
                        manifestDigest: published.platformDigests[pi.platform] ?? null,
                        emulated: pi.emulated,
                    })),
                }
                : built && prepared?.plan.byDigest
                    ? { platforms: [onePlatform(ctx.config.platforms, built, published)] }
                    : {}),
        },
        version: prepared?.version ?? null,
        checks: rows,
        timings,
        ...(prepared ? { push: { planned: prepared.plan.push, reason: (0,publish_published/* pushReason */.nj)(prepared.plan, published, error) } } : {}),
        ...(error !== undefined ? { error } : {}),
    };
    annotate(ctx, rows);
    (0,out_files/* writeReport */.u5)(ctx.redactor, files, report);
    ctx.log.line(`verdict: ${report.verdict}`);
    await ctx.log.close();
    return { report, files, configError };
}
/**
 * Several platforms are judged at once when nothing they share can be disturbed by one of them (no sidecars: DF205
 * stops those) and the machine has a core per platform; else one after the other.
 */
function judgeTogether(ctx, platforms, cores = external_node_os_default().availableParallelism()) {
    return platforms > 1 && ctx.config.services.length === 0 && cores >= platforms;
}
/** Whether the smoke or test stage will run containers (and so needs the network and sidecars). */
function needsStack(ctx) {
    const { checksIgnore, testCommand } = ctx.config;
    return SMOKE_RULES.some((id) => !checksIgnore.has(id)) || (!checksIgnore.has('DF401') && testCommand.length > 0);
}
/**
 * One row per rule, in catalogue order: an ignored rule says so, and a rule whose stage never ran (an earlier stage
 * failed, or the run was interrupted in `interruptedIn`) is a skip that says why, not a missing row.
 */
function inCatalogueOrder(checks, ignored, failedStage, interruptedIn) {
    if (interruptedIn) {
        return (0,catalogue/* reportRows */._f)(checks, ignored, {
            skip: 'interrupted',
            message: `not run: the run was interrupted during the ${interruptedIn} stage`,
        });
    }
    return (0,catalogue/* reportRows */._f)(checks, ignored, {
        skip: 'not-run',
        message: failedStage ? `not run: the ${failedStage} stage failed (see the error)` : 'not run',
    });
}
/** Failing rules that point into the Dockerfile become annotations on that line. */
function annotate(ctx, checks) {
    const root = ctx.env.GITHUB_WORKSPACE ?? process.cwd();
    for (const c of checks.filter((c) => c.status === 'fail')) {
        if (c.findings?.length) {
            for (const f of c.findings) {
                const title = `${c.id} ${f.rule}`;
                ctx.ui.warning(f.url ? `${f.message} (${f.url})` : f.message, {
                    title,
                    file: external_node_path_default().relative(root, f.file),
                    ...(f.line ? { line: f.line } : {}),
                });
            }
            continue;
        }
        const where = {
            title: `${c.id} ${c.title}`,
            ...(c.file ? { file: external_node_path_default().relative(root, c.file) } : {}),
            ...(c.line ? { line: c.line } : {}),
        };
        if (c.level === 'error')
            ctx.ui.error(c.message, where);
        else
            ctx.ui.warning(c.message, where);
    }
}
/** A one-platform build's entry in `image.platforms`: written for a by-digest run, whose merge step reads it. */
function onePlatform(platforms, built, published) {
    const platform = (0,docker_platform/* platformName */.$r)(platforms);
    return {
        platform,
        id: built.manifestDigest ?? built.imageId,
        configDigest: built.configDigest,
        manifestDigest: published.platformDigests[platform] ?? null,
        emulated: !(0,docker_platform/* sameCpu */.fy)((0,docker_platform/* targetPlatform */.LM)(platforms), (0,docker_platform/* targetPlatform */.LM)([])),
    };
}


/***/ })

};
