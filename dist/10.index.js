export const id = 10;
export const ids = [10];
export const modules = {

/***/ 25645:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bj: () => (/* binding */ sha256Of),
/* harmony export */   NB: () => (/* binding */ platformManifest),
/* harmony export */   V9: () => (/* binding */ READ_SIZE),
/* harmony export */   Vh: () => (/* binding */ ContentStore),
/* harmony export */   aU: () => (/* binding */ findContentStore),
/* harmony export */   d2: () => (/* binding */ readerFor),
/* harmony export */   kp: () => (/* binding */ containerdDataRoot),
/* harmony export */   vz: () => (/* binding */ sourceOf)
/* harmony export */ });
/* unused harmony export platformOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _exec_runner_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(37507);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(66872);
/**
 * The engine's containerd content store, read in place: every blob of an image (index, manifest, config, the
 * compressed layers) by digest. The DF106 scan reads the layers from it (inspect/layer-scan.ts), and a
 * `push: by-digest` uploads them from it to the registry (publish/by-digest.ts): the same bytes `docker push`
 * would send, without the tag docker needs.
 */






/** Reads of 1 MiB: at a pipe's 64 KiB and zlib's 16 KiB output chunks, gunzip runs at a sixth of its speed. */
const READ_SIZE = 1 << 20;
/**
 * A follower's stdout, `done` rejecting with its last stderr line when it fails (`exited` settles once its streams
 * have closed too), and `kill`.
 */
function sourceOf(child, what) {
    const done = child.exited.then(({ exitCode, stderr }) => {
        if (exitCode !== 0)
            throw new Error(`${what} exited ${exitCode}: ${(0,_exec_runner_js__WEBPACK_IMPORTED_MODULE_4__/* .errorLine */ .BP)(stderr)}`);
    });
    return { stream: child.stdout, done, kill: () => child.kill() };
}
/** `sudo -n` where this process cannot read the engine's files itself (GitHub's runners: passwordless sudo). */
async function readerFor(dir) {
    if (process.getuid?.() === 0)
        return [];
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.access)(dir, node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.constants.R_OK | node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.constants.X_OK);
        return [];
    }
    catch {
        return ['sudo', '-n'];
    }
}
/** The engine's data root when it keeps images in the containerd image store (`driver-type io.containerd.snapshotter.v1`). */
async function containerdDataRoot(runner) {
    const info = await (0,_commands_js__WEBPACK_IMPORTED_MODULE_5__/* .storeInfo */ .Iu)(runner);
    if (info === null)
        return null;
    const [status, ...root] = info.trim().split(' ');
    const pairs = JSON.parse(status ?? '[]');
    return pairs?.some(([k, v]) => k === 'driver-type' && v === 'io.containerd.snapshotter.v1') ? root.join(' ') : null;
}
const sha256Of = (b) => `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(b).digest('hex')}`;
/** One content store, with how to read it (in place, or through `sudo -n cat`). */
class ContentStore {
    dir;
    runner;
    sudo;
    why;
    constructor(dir, runner, 
    /** `['sudo', '-n']` when the files are the engine's only; empty when this process reads them. */
    sudo, 
    /** Why a follower reads: said in build.log beside its command line. */
    why) {
        this.dir = dir;
        this.runner = runner;
        this.sudo = sudo;
        this.why = why;
    }
    path(digest) {
        return node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.dir, 'blobs/sha256', digest.replace(/^sha256:/, ''));
    }
    /** A blob read in 1 MiB reads. */
    open(digest) {
        const file = this.path(digest);
        if (this.sudo.length)
            return this.follow([...this.sudo, 'cat', file]);
        const stream = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file, { highWaterMark: READ_SIZE });
        const done = new Promise((resolve, reject) => {
            stream.on('error', (e) => reject(new Error(`reading ${file}: ${e.message}`)));
            stream.on('close', () => resolve());
        });
        return { stream, done };
    }
    /** A small blob's whole content (an index, a manifest, a config). */
    read(digest) {
        return this.readFile(this.path(digest));
    }
    /** A small file of the engine's, whole (the overlay2 store's image config too), through this store's reader. */
    async readFile(file) {
        if (!this.sudo.length)
            return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file);
        const c = this.follow([...this.sudo, 'cat', file]);
        const parts = [];
        c.stream.on('data', (d) => parts.push(d));
        await c.done;
        return Buffer.concat(parts);
    }
    /** A small blob, checked against its digest, as JSON. */
    async json(digest) {
        const body = await this.read(digest);
        if (sha256Of(body) !== digest)
            throw new Error(`the blob ${this.path(digest)} does not hash to ${digest}`);
        return JSON.parse(body.toString('utf8'));
    }
    /** A reader command (`sudo -n cat`) as a follower of the run's runner (logged, stopped on an interrupt). */
    follow(argv) {
        return sourceOf(this.runner.spawn(argv, { why: this.why }), argv.join(' '));
    }
}
/**
 * The content store that holds the blob `digest` (an image ID on the containerd image store): the engine's own
 * (`<data root>/containerd/daemon`) or the system containerd's (`/var/lib/containerd`). A string says why none does.
 */
async function findContentStore(runner, dataRoot, digest, why) {
    const stores = [
        node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dataRoot, 'containerd/daemon/io.containerd.content.v1.content'),
        '/var/lib/containerd/io.containerd.content.v1.content',
    ];
    for (const dir of stores) {
        const store = new ContentStore(dir, runner, await readerFor(node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(dir)), why);
        const got = await store.read(digest).catch(() => null);
        if (got && sha256Of(got) === digest)
            return store;
    }
    return `no content store here holds ${digest.slice(0, 19)} (tried ${stores.join(', ')})`;
}
/** `os/arch[/variant]` of an index entry. */
const platformOf = (d) => [d.platform?.os, d.platform?.architecture, d.platform?.variant].filter(Boolean).join('/');
/**
 * The image manifest for `platform` (`os/arch[/variant]`) under `top` (an index or the manifest itself): its
 * digest, bytes' media type and JSON. Attestation entries (unknown/unknown) never match.
 */
async function platformManifest(store, top, platform) {
    const m = await store.json(top);
    if (!m.manifests)
        return {
            digest: top,
            mediaType: m.mediaType ?? 'application/vnd.oci.image.manifest.v1+json',
            size: (await store.read(top)).length,
            manifest: m,
        };
    const [os, arch, variant] = platform.split('/');
    const pick = m.manifests.find((d) => d.platform?.os === os && d.platform?.architecture === arch && (!variant || d.platform?.variant === variant));
    if (!pick)
        return `the image index ${top.slice(0, 19)} has no manifest for ${platform} (it has ${m.manifests.map(platformOf).join(', ')})`;
    const child = await store.json(pick.digest);
    return {
        digest: pick.digest,
        mediaType: pick.mediaType ?? child.mediaType ?? 'application/vnd.oci.image.manifest.v1+json',
        size: pick.size ?? (await store.read(pick.digest)).length,
        manifest: child,
    };
}


/***/ }),

/***/ 23594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rx: () => (/* binding */ userDockerConfigDir),
/* harmony export */   lp: () => (/* binding */ createDockerConfig),
/* harmony export */   nS: () => (/* binding */ removeDockerConfig),
/* harmony export */   xI: () => (/* binding */ existingLogin)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _config_image_ref_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22023);




/** The docker CLI's own config dir for this process: $DOCKER_CONFIG or ~/.docker. */
function userDockerConfigDir(env) {
    return env.DOCKER_CONFIG || node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_os__WEBPACK_IMPORTED_MODULE_1___default().homedir(), '.docker');
}
/** Files already warned about in this process: one warning per malformed file, however often it is read. */
const warned = new Set();
/**
 * The user's docker config.json: null when there is none; a file that is not a JSON object is a warning (the
 * docker CLI refuses it too) and read as none, never silently as `{}`.
 */
function readUserConfig(userDir, warn) {
    const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(userDir, 'config.json');
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return null;
    let why;
    try {
        const parsed = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
            return parsed;
        why = 'not a JSON object';
    }
    catch (e) {
        why = e.message;
    }
    if (!warned.has(file)) {
        warned.add(file);
        warn(`the docker config ${file} cannot be read (${why}): this run ignores it, so its logins, credential helpers and settings are not used; fix the file or remove it`);
    }
    return null;
}
/** Keys docker uses in `auths` for a registry (Docker Hub's is the v1 index URL). */
function authKeys(registry) {
    return (0,_config_image_ref_js__WEBPACK_IMPORTED_MODULE_3__/* .isDockerHub */ .gr)(registry)
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
function createDockerConfig(parent, userDir, registries, warn) {
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(parent, 'dockerflow-docker-config-'));
    const config = readUserConfig(userDir, warn) ?? {};
    delete config.credsStore;
    for (const field of ['auths', 'credHelpers']) {
        const map = config[field];
        if (map && typeof map === 'object')
            for (const key of [registries].flat().flatMap(authKeys))
                delete map[key];
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    for (const sub of ['buildx', 'cli-plugins', 'contexts']) {
        const target = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(userDir, sub);
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(target))
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.symlinkSync)(target, node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, sub));
    }
    return dir;
}
/** Remove a private DOCKER_CONFIG (the links only, never what they point at). */
function removeDockerConfig(dir) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
}
/**
 * A login to `registry` that the job's docker config already holds (an `auths` entry with `auth`, or a
 * `credHelpers` entry), so a push can go there without username/password; null when there is none.
 */
function existingLogin(userDir, registry, warn) {
    const config = readUserConfig(userDir, warn);
    if (!config)
        return null;
    for (const key of authKeys(registry)) {
        const auth = config.auths?.[key]?.auth;
        if (auth) {
            const decoded = Buffer.from(auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0)
                return { kind: 'auth', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
        }
        const helper = config.credHelpers?.[key];
        if (helper)
            return { kind: 'helper', helper };
    }
    return null;
}


/***/ }),

/***/ 89823:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ml: () => (/* binding */ describeOnHub)
/* harmony export */ });
/* unused harmony exports HUB_FULL_DESCRIPTION_MAX, hubApiUrl, hubTargets, updateHubDescription */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24371);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_image_ref_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(22023);
/* harmony import */ var _login_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(63454);
/**
 * Docker Hub's repository description (the README shown on hub.docker.com), kept in step with a file of the
 * repository, as peter-evans/dockerhub-description does: log in to Hub's API with the registry credentials, then
 * PATCH the repository. Opt-in (`hub-description`, `hub-short-description`), after a verified push to docker.io.
 */




/** Docker Hub's limit for the full description, in bytes. */
const HUB_FULL_DESCRIPTION_MAX = 25_000;
/** Hub's API; DOCKERFLOW_HUB_API_URL points it elsewhere, for the tests only (a local server speaking it). */
function hubApiUrl(env) {
    return (env.DOCKERFLOW_HUB_API_URL || 'https://hub.docker.com').replace(/\/+$/, '');
}
/**
 * The Docker Hub repositories whose description a run updates: those of the verified refs on docker.io, none on
 * a pull request. `skip` says why there are none, for the log.
 */
function hubTargets(pushed, image, pullRequest) {
    if (pullRequest)
        return { repositories: [], skip: 'a pull request never updates the Docker Hub description' };
    const repositories = new Set();
    for (const ref of pushed) {
        const parsed = (0,_config_image_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .parseTagEntry */ .oN)(ref, _config_image_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .DOCKER_HUB */ .Xb, image);
        if (parsed && (0,_config_image_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .normalRegistry */ .T1)(parsed.registry) === _config_image_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .DOCKER_HUB */ .Xb)
            repositories.add((0,_config_image_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .hubRepository */ ._I)(parsed.registry, parsed.repository));
    }
    if (repositories.size === 0)
        return { repositories: [], skip: 'nothing was pushed to docker.io, so no Docker Hub description is updated' };
    return { repositories: [...repositories], skip: null };
}
const TIMEOUT_MS = 30_000;
/** Log in to Hub's API and PATCH the repository's descriptions. Never throws: a failure is the result's `error`. */
async function updateHubDescription(req) {
    const fail = (error) => ({ ok: false, error });
    const host = new URL(req.apiUrl).host;
    if (req.fullDescription !== undefined && Buffer.byteLength(req.fullDescription) > HUB_FULL_DESCRIPTION_MAX) {
        return fail(`the description is ${Buffer.byteLength(req.fullDescription)} bytes and Docker Hub takes at most ${HUB_FULL_DESCRIPTION_MAX}: shorten the hub-description file`);
    }
    const agent = new undici__WEBPACK_IMPORTED_MODULE_0__/* .Agent */ .g6({ headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
    const call = async (method, path, body, headers = {}) => {
        const res = await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(`${req.apiUrl}${path}`, {
            method,
            dispatcher: agent,
            headers: { 'content-type': 'application/json', 'user-agent': 'dockerflow-action', ...headers },
            body: JSON.stringify(body),
        });
        const text = await res.body.text();
        let json = null;
        try {
            json = JSON.parse(text);
        }
        catch {
            json = null;
        }
        return { status: res.statusCode, json, text };
    };
    const detail = (r) => {
        const m = r.json?.message ?? r.json?.detail ?? r.json?.details;
        const s = (typeof m === 'string' ? m : r.text).replace(/\s+/g, ' ').trim().slice(0, 200);
        return s ? `: ${s}` : '';
    };
    try {
        const login = await call('POST', '/v2/users/login/', { username: req.username, password: req.password });
        const token = login.json?.token;
        if (login.status !== 200 || typeof token !== 'string' || !token) {
            if (login.status === 401 || login.status === 403) {
                return fail(`Docker Hub (${host}) refused the login of user ${req.username} (${login.status}${detail(login)}): check the username and the password or access token`);
            }
            return fail(`the Docker Hub login at ${host} answered ${login.status}${detail(login)}; the description is not updated`);
        }
        req.onSecret?.(token);
        const body = {};
        if (req.fullDescription !== undefined)
            body.full_description = req.fullDescription;
        if (req.shortDescription !== undefined)
            body.description = req.shortDescription;
        const patch = await call('PATCH', `/v2/repositories/${req.repository}/`, body, { authorization: `Bearer ${token}` });
        if (patch.status === 200)
            return { ok: true };
        if (patch.status === 401 || patch.status === 403) {
            return fail(`Docker Hub refused to update the description of ${req.repository} for user ${req.username} (${patch.status}${detail(patch)}): an access token needs the Read, Write, Delete scope for this (Read & Write can push but not edit the repository)`);
        }
        if (patch.status === 404)
            return fail(`Docker Hub has no repository ${req.repository} (404) to describe`);
        return fail(`Docker Hub answered ${patch.status}${detail(patch)} updating the description of ${req.repository}`);
    }
    catch (e) {
        const err = e;
        return fail(`cannot reach Docker Hub's API at ${host}: ${[err.code ?? err.cause?.code, err.cause?.message ?? err.message].filter(Boolean).join(' ')}`);
    }
    finally {
        await agent.close();
    }
}
/**
 * Docker Hub's repository description, after a verified push to docker.io, when asked for: never on pull
 * requests, and a failure is a warning (the image is pushed; the description is not worth failing the run).
 */
async function describeOnHub(ctx, prepared, session, pushed) {
    const { hubDescription, hubShortDescription } = ctx.config;
    const { repositories, skip } = hubTargets(pushed, ctx.config.image, !!prepared.git.pullRequest);
    if (skip) {
        ctx.ui.info(`hub-description: ${skip}`);
        return;
    }
    const hub = (session && (0,_login_js__WEBPACK_IMPORTED_MODULE_3__/* .sessionFor */ .w)(session, 'docker.io')) ?? (await (0,_login_js__WEBPACK_IMPORTED_MODULE_3__/* .existingSession */ .kf)(ctx, session, 'docker.io'));
    if (!hub?.password) {
        ctx.ui.warning("hub-description: no docker.io username/password to log in to Docker Hub's API with, so the description is not updated");
        return;
    }
    const fullDescription = hubDescription ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(hubDescription, 'utf8') : undefined;
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
        if (result.ok)
            ctx.ui.info(`Updated the Docker Hub description of ${repository}`);
        else
            ctx.ui.warning(`hub-description: ${result.error}`);
    }
}


/***/ }),

/***/ 63454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CS: () => (/* binding */ normalHost),
/* harmony export */   Fu: () => (/* binding */ refsByRegistry),
/* harmony export */   G6: () => (/* binding */ completeCredentials),
/* harmony export */   Ie: () => (/* binding */ logoutAll),
/* harmony export */   TL: () => (/* binding */ wantsLogin),
/* harmony export */   a1: () => (/* binding */ dockerLogin),
/* harmony export */   fS: () => (/* binding */ checkPushable),
/* harmony export */   is: () => (/* binding */ refHost),
/* harmony export */   kY: () => (/* binding */ failureText),
/* harmony export */   kf: () => (/* binding */ existingSession),
/* harmony export */   w: () => (/* binding */ sessionFor)
/* harmony export */ });
/* unused harmony exports sessionLogins, logout */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31377);
/* harmony import */ var _config_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(37827);
/* harmony import */ var _config_image_ref_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22023);
/* harmony import */ var _docker_registry_argv_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(48940);
/* harmony import */ var _exec_runner_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(37507);
/* harmony import */ var _docker_config_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(23594);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(30833);








/** Every login of a session. */
function sessionLogins(session) {
    return session.logins ?? [{ registry: session.registry, username: session.username, password: session.password }];
}
/** The session's view for one registry (its credentials, the shared DOCKER_CONFIG), or null when not logged in there. */
function sessionFor(session, registry) {
    const host = normalHost(registry);
    const login = sessionLogins(session).find((l) => normalHost(l.registry) === host);
    return login ? { ...session, ...login } : null;
}
/**
 * A view for a registry the job's docker config logs in to (ECR, GAR: their own login actions ran first): the
 * push uses that config (the private one keeps its entry), and the read-back its credentials, from the `auth`
 * entry or by asking the credential helper (`docker-credential-NAME get`, the host on stdin). Null without one.
 */
async function existingSession(ctx, session, registry) {
    const found = (0,_docker_config_js__WEBPACK_IMPORTED_MODULE_6__/* .existingLogin */ .xI)((0,_docker_config_js__WEBPACK_IMPORTED_MODULE_6__/* .userDockerConfigDir */ .Rx)(ctx.env), registry, (m) => ctx.ui.warning(m));
    if (!found)
        return null;
    const dockerConfig = session?.dockerConfig ?? (0,_docker_config_js__WEBPACK_IMPORTED_MODULE_6__/* .userDockerConfigDir */ .Rx)(ctx.env);
    const runner = session?.runner ?? ctx.runner.withEnv({ DOCKER_CONFIG: dockerConfig });
    let username = '';
    let password = '';
    if (found.kind === 'auth')
        ({ username, password } = found);
    else {
        const r = await ctx.runner.run([`docker-credential-${found.helper}`, 'get'], { input: registry, quiet: true, allowFailure: true });
        try {
            const creds = JSON.parse(r.stdout);
            username = creds.Username ?? '';
            password = creds.Secret ?? '';
        }
        catch {
            // No credentials from the helper: the read-back goes anonymously and says so if refused.
        }
    }
    if (password) {
        ctx.redactor.add(password);
        ctx.ui.setSecret(password);
    }
    return { registry, username, password, dockerConfig, runner, close: async () => undefined };
}
const normalHost = _config_image_ref_js__WEBPACK_IMPORTED_MODULE_3__/* .normalRegistry */ .T1;
/** The registry host of a full ref (`host/repo:tag`). */
function refHost(ref) {
    return normalHost(ref.slice(0, ref.indexOf('/')));
}
/** Refs by the registry they are on, in the order given: each registry is pushed with its own login. */
function refsByRegistry(refs) {
    const by = new Map();
    for (const ref of refs)
        by.set(refHost(ref), [...(by.get(refHost(ref)) ?? []), ref]);
    return by;
}
/** The last line of a failed command that says why (stderr first: stdout holds progress). */
function failureText(e) {
    if (e instanceof _exec_runner_js__WEBPACK_IMPORTED_MODULE_5__/* .CommandError */ .Qd) {
        const lines = (e.result.stderr.trim() || e.result.stdout.trim()).split('\n').map((l) => l.trim());
        return (0,_exec_runner_js__WEBPACK_IMPORTED_MODULE_5__/* .errorLine */ .BP)(lines.filter((l) => l && !/^WARNING!|credential helper|credential-store/i.test(l)).join('\n')) || e.message;
    }
    return e instanceof Error ? e.message : String(e);
}
/** How to give credentials for `registry`, in the words of where the run happens. */
function credentialsHint(ctx, registry) {
    const primary = normalHost(registry) === normalHost(ctx.config.registry);
    if (ctx.env.GITHUB_ACTIONS !== 'true') {
        return primary
            ? 'pass --username and --password-stdin, or --push false'
            : `log in to ${registry} in the action's registry-auth input, or --push false`;
    }
    const how = primary ? 'pass them as username/password' : `add "- registry: ${registry}" with username and password to registry-auth`;
    if ((0,_config_image_ref_js__WEBPACK_IMPORTED_MODULE_3__/* .isDockerHub */ .gr)(registry))
        return `set the DOCKERHUB_USERNAME/DOCKERHUB_TOKEN secrets and ${how}, or push: false`;
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
function completeCredentials(ctx) {
    return (0,_config_config_js__WEBPACK_IMPORTED_MODULE_1__/* .registryCredentials */ .Qn)(ctx.config).filter((c) => c.username && c.password);
}
/**
 * Checks, before anything is built, that a due push can happen: every ref is on a registry the inputs give
 * credentials for. Throws a UserError naming the fix.
 */
function checkPushable(ctx, prepared) {
    const { config } = ctx;
    const { plan } = prepared;
    if (!plan.push)
        return;
    const hosts = [...new Set(plan.refs.map(refHost))];
    const primary = normalHost(config.registry);
    const extra = new Set(config.registryAuth.map((c) => normalHost(c.registry)));
    for (const host of hosts) {
        if (extra.has(host))
            continue;
        // Logged in already by the job (aws-actions/amazon-ecr-login, gcloud auth configure-docker): nothing to give.
        if (!(host === primary && (config.username || config.password)) &&
            (0,_docker_config_js__WEBPACK_IMPORTED_MODULE_6__/* .existingLogin */ .xI)((0,_docker_config_js__WEBPACK_IMPORTED_MODULE_6__/* .userDockerConfigDir */ .Rx)(ctx.env), host, (m) => ctx.ui.warning(m)))
            continue;
        if (host === primary) {
            if (!config.username || !config.password) {
                const missing = !config.username && !config.password ? 'no username/password' : !config.username ? 'no username' : 'no password';
                throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`push is due (${plan.reason}) but ${missing}: ${credentialsHint(ctx, host)}`, 'config');
            }
            continue;
        }
        const ref = plan.refs.find((r) => refHost(r) === host);
        throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(extra.size === 0
            ? `tag ${ref} is on ${host}, but this run logs in to ${primary} only: set registry: ${host}, or log in to ${host} through registry-auth`
            : `tag ${ref} is on ${host}, but neither username/password nor registry-auth logs in to ${host}: ${credentialsHint(ctx, host)}`, 'config');
    }
}
/**
 * Whether the run logs in: when a push is due, and whenever credentials are given outside pull requests (base
 * image pulls then count against the account, not the anonymous limit). Pull requests never log in.
 */
function wantsLogin(ctx, prepared) {
    return prepared.plan.push || (completeCredentials(ctx).length > 0 && !prepared.git.pullRequest);
}
/**
 * `docker login` to `registry` through `runner`, a session's view whose DOCKER_CONFIG is the private one, the
 * password on stdin (never argv), retrying transient failures; a refusal or a last failure throws a UserError
 * that says which and what to do.
 */
async function dockerLogin(ctx, login, runner) {
    const { registry, username, password } = login;
    try {
        await (0,_retry_js__WEBPACK_IMPORTED_MODULE_7__/* .retryRegistry */ .II)(`docker login to ${registry}`, () => runner.run((0,_docker_registry_argv_js__WEBPACK_IMPORTED_MODULE_4__/* .loginArgv */ .Wg)(registry, username), { input: password, quiet: true }), {
            say: (line) => ctx.ui.info(line),
            why: failureText,
        });
    }
    catch (e) {
        throw loginError(registry, username, e);
    }
}
async function logoutAll(runner, logins, dockerConfig) {
    await logout(runner, logins.map((l) => l.registry).join('\n'), dockerConfig);
}
function loginError(registry, username, e) {
    if (e instanceof _retry_js__WEBPACK_IMPORTED_MODULE_7__/* .RetriesExhausted */ .w1) {
        return new _config_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`cannot reach registry ${registry} to log in: ${e.attempts} attempts failed (last: ${failureText(e.last)}); check the registry address and that it is up`);
    }
    const why = failureText(e);
    if ((0,_retry_js__WEBPACK_IMPORTED_MODULE_7__/* .classifyFailure */ .XE)(why) === 'auth') {
        return new _config_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`registry ${registry} refused the login of user ${username} (${why}): check the username and password/token secrets (a Docker Hub access token needs Read & Write scope)`);
    }
    return new _config_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`docker login to ${registry} as ${username} failed: ${why}; check the registry address`);
}
/**
 * Log out of a private DOCKER_CONFIG and remove it; safe to call twice (main, then the post step). `registries`
 * is one registry or several, a line each (the `loggedIn` state). The logouts run in a view of `runner` with
 * that DOCKER_CONFIG.
 */
async function logout(runner, registries, dockerConfig) {
    if (!dockerConfig || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(dockerConfig))
        return false;
    const session = runner.withEnv({ DOCKER_CONFIG: dockerConfig });
    for (const registry of registries.split('\n').filter(Boolean)) {
        await session.run((0,_docker_registry_argv_js__WEBPACK_IMPORTED_MODULE_4__/* .logoutArgv */ .fB)(registry), { allowFailure: true, quiet: true, cleanup: true }).catch(() => undefined);
    }
    (0,_docker_config_js__WEBPACK_IMPORTED_MODULE_6__/* .removeDockerConfig */ .nS)(dockerConfig);
    return true;
}


/***/ }),

/***/ 69777:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K_: () => (/* binding */ sessionClient),
/* harmony export */   S1: () => (/* binding */ PublishError),
/* harmony export */   VE: () => (/* binding */ publishTo),
/* harmony export */   XH: () => (/* binding */ newPublished),
/* harmony export */   e7: () => (/* binding */ readBack),
/* harmony export */   nj: () => (/* binding */ pushReason),
/* harmony export */   w4: () => (/* binding */ keepPublished)
/* harmony export */ });
/* harmony import */ var _config_image_ref_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22023);
/* harmony import */ var _docker_platform_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88421);
/* harmony import */ var _config_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(37827);
/* harmony import */ var _push_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(29675);
/* harmony import */ var _registry_client_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(51666);
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(89458);
/**
 * What a publish pushed (`Published`), the error that carries it when it failed part-way, and the push and
 * read-back of one registry's refs (`publishTo`), which the publish stage (stages/publish.ts) runs per registry.
 */






const newPublished = () => ({ pushed: [], digest: null, manifestDigest: null, reason: null, platformDigests: {} });
/** A publish that failed part-way: `failure` says why, `published` what was pushed and verified before it. */
class PublishError extends Error {
    failure;
    published;
    constructor(failure, published) {
        super(failure.message);
        this.failure = failure;
        this.published = published;
        this.name = 'PublishError';
    }
}
/**
 * A `.catch` for a publish: what it pushed and verified before its failure goes to `keep`, and its failure on (the
 * pipeline and the merge report the partial result beside the error).
 */
function keepPublished(keep) {
    return (e) => {
        if (e instanceof PublishError) {
            keep(e.published);
            throw e.failure;
        }
        throw e;
    };
}
/** The registry API client of a session: its login, every bearer token it gets masked and redacted at once. */
function sessionClient(ctx, session) {
    return new _registry_client_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryClient */ .bP(session.registry, { username: session.username, password: session.password }, (token) => {
        ctx.redactor.add(token);
        ctx.ui.setSecret(token);
    });
}
/** The push line of the report and summary: the policy's reason, or why its push did not happen. */
function pushReason(plan, out, error) {
    if (out.reason)
        return out.reason;
    if (plan.push && out.pushed.length === 0 && error !== undefined)
        return `${plan.reason}, but the run failed before anything was pushed and verified`;
    return plan.reason;
}
/**
 * Push `refs` (all on the registry of `session`), then read each back and check it is the image built. Returns
 * `before` with the refs read back and verified added (a push docker reported done is not proof the registry
 * holds it); a failure throws a PublishError carrying the refs verified up to it.
 */
async function publishTo(ctx, session, imageId, configDigest, refs, before, platforms) {
    try {
        for (const ref of refs)
            await (0,_push_js__WEBPACK_IMPORTED_MODULE_3__/* .pushRef */ .q)(ctx, session, imageId, ref);
    }
    catch (e) {
        throw new PublishError(e, before);
    }
    // Several platforms: the tag names one index, read back to each platform's entry against its own config digest.
    const expected = platforms?.map((p) => ({
        name: p.platform,
        platform: (0,_docker_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .targetPlatform */ .LM)([p.platform]),
        configDigest: p.configDigest,
    })) ?? [{ name: '', platform: (0,_docker_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .targetPlatform */ .LM)(ctx.config.platforms), configDigest }];
    return readBack(ctx, session, refs, expected, before);
}
/**
 * Read each of `refs` back from the registry: every platform of `expected` must be in what it names, with its
 * config digest (and manifest, when given), and the tag must not move between two reads. Returns `before` with
 * the refs verified added; a failure throws a PublishError carrying those verified up to it.
 */
async function readBack(ctx, session, refs, expected, before) {
    const out = { ...before, pushed: [...before.pushed], platformDigests: { ...before.platformDigests } };
    const client = sessionClient(ctx, session);
    try {
        for (const ref of refs) {
            const parsed = (0,_config_image_ref_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTagEntry */ .oN)(ref, session.registry, ctx.config.image);
            if (!parsed)
                throw new Error(`cannot parse the pushed ref ${ref}`);
            let verified;
            for (const e of expected) {
                const v = await (0,_verify_js__WEBPACK_IMPORTED_MODULE_5__/* .verifyPushed */ .Zi)(client, { ...parsed, display: ref }, e.configDigest, e.platform, (m) => ctx.ui.info(m));
                if (verified && v.digest !== verified.digest) {
                    throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${ref} moved while it was read back (${verified.digest}, then ${v.digest}): another push moved the tag, re-run the job`);
                }
                if (e.manifestDigest && v.manifestDigest !== e.manifestDigest) {
                    throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${ref} names ${v.manifestDigest} for ${e.name}, not the tested ${e.manifestDigest}: another push moved the tag, re-run the job`);
                }
                verified ??= v;
                if (e.name) {
                    out.platformDigests[e.name] = v.manifestDigest;
                    ctx.log.line(`verified ${ref} ${e.name}: manifest ${v.manifestDigest}, config ${v.configDigest}`);
                }
            }
            if (!verified)
                throw new Error(`nothing to verify ${ref} against`);
            ctx.log.line(`verified ${ref}: ${verified.digest === verified.manifestDigest ? 'manifest' : `index ${verified.digest}, manifest`} ${verified.manifestDigest}, config ${verified.configDigest}`);
            out.pushed.push(ref);
            if (out.digest && out.digest !== verified.digest)
                ctx.ui.info(`${ref} has manifest digest ${verified.digest} (first ref: ${out.digest})`);
            out.digest ??= verified.digest;
            out.manifestDigest ??= verified.manifestDigest;
        }
    }
    catch (e) {
        throw new PublishError(e, out);
    }
    finally {
        await client.close();
    }
    return out;
}


/***/ }),

/***/ 29675:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ PUSH_BUDGET_MS),
/* harmony export */   q: () => (/* binding */ pushRef)
/* harmony export */ });
/* harmony import */ var _config_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37827);
/* harmony import */ var _docker_registry_argv_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48940);
/* harmony import */ var _login_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(63454);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(30833);




/** How long the retries of one push may take in all (docker's own included). */
const PUSH_BUDGET_MS = 60_000;
/**
 * `docker push` one ref of the built image, retrying transient failures (connection reset or refused, EOF, 5xx,
 * 429, timeouts) with exponential backoff; an authentication refusal stops at once.
 */
async function pushRef(ctx, session, imageId, ref) {
    // Through the session's runner: its DOCKER_CONFIG holds the login.
    await session.runner.run((0,_docker_registry_argv_js__WEBPACK_IMPORTED_MODULE_1__/* .tagArgv */ .vN)(imageId, ref));
    ctx.ui.info(`Pushing ${ref}`);
    try {
        await (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .retryRegistry */ .II)(`docker push ${ref}`, () => session.runner.run((0,_docker_registry_argv_js__WEBPACK_IMPORTED_MODULE_1__/* .pushArgv */ .d1)(ref)), {
            say: (line) => ctx.ui.info(line),
            why: _login_js__WEBPACK_IMPORTED_MODULE_2__/* .failureText */ .kY,
            // docker push retries each layer itself (about 50 s on a registry that fails every request): ours only
            // add attempts that fit in about a minute, so a failing registry is given up on in one.
            budgetMs: PUSH_BUDGET_MS,
        });
    }
    catch (e) {
        if (e instanceof _retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RetriesExhausted */ .w1) {
            throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`docker push ${ref} failed ${e.attempts === 1 ? 'after docker retried it for ' + Math.round(e.elapsedMs / 1000) + ' s' : `${e.attempts} times`} (last: ${(0,_login_js__WEBPACK_IMPORTED_MODULE_2__/* .failureText */ .kY)(e.last)}): registry ${session.registry} is unreachable or failing; re-run the job later`);
        }
        const why = (0,_login_js__WEBPACK_IMPORTED_MODULE_2__/* .failureText */ .kY)(e);
        if ((0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .classifyFailure */ .XE)(why) === 'auth') {
            throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`registry ${session.registry} refused the push of ${ref} by user ${session.username} (${why}): check that the repository exists and that the token has write access to it`);
        }
        throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`docker push ${ref} failed: ${why}; the full output is in build.log`);
    }
}


/***/ }),

/***/ 51666:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A5: () => (/* binding */ RegistryHttpError),
/* harmony export */   bP: () => (/* binding */ RegistryClient)
/* harmony export */ });
/* unused harmony exports registryBaseUrl, apiRepository, parseChallenge, MANIFEST_TYPES */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24371);
/* harmony import */ var _config_image_ref_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22023);
/* harmony import */ var _docker_content_store_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25645);



/** A registry answered with an HTTP status the caller did not want; `status` 0 means no answer at all. */
class RegistryHttpError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'RegistryHttpError';
    }
}
/** Where the v2 API of a registry host lives: Docker Hub's is registry-1.docker.io; loopback hosts speak plain HTTP. */
function registryBaseUrl(host) {
    if ((0,_config_image_ref_js__WEBPACK_IMPORTED_MODULE_1__/* .isDockerHub */ .gr)(host))
        return 'https://registry-1.docker.io';
    const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const loopback = name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
    return `${loopback ? 'http' : 'https'}://${host}`;
}
/** Docker Hub's single-name repositories live under `library/`. */
function apiRepository(host, repository) {
    return (0,_config_image_ref_js__WEBPACK_IMPORTED_MODULE_1__/* .hubRepository */ ._I)(host, repository);
}
/** `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"` */
function parseChallenge(header) {
    const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
    if (!m)
        return null;
    const params = {};
    for (const p of m[2].matchAll(/([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
        params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
    }
    return { scheme: m[1].toLowerCase(), params };
}
const MANIFEST_TYPES = [
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.index.v1+json',
];
const TIMEOUT_MS = 30_000;
class RegistryClient {
    host;
    credentials;
    onSecret;
    baseUrl;
    agent;
    /** Authorization header per scope, so a token is fetched once per repository. */
    auth = new Map();
    constructor(host, credentials, 
    /** Called with each bearer token obtained, so the caller can mask it. */
    onSecret = () => undefined, baseUrl) {
        this.host = host;
        this.credentials = credentials;
        this.onSecret = onSecret;
        this.baseUrl = baseUrl ?? registryBaseUrl(host);
        this.agent = new undici__WEBPACK_IMPORTED_MODULE_0__/* .Agent */ .g6({ headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
    }
    async close() {
        await this.agent.close();
    }
    /** GET a manifest (by tag or digest) in any of the schema 2 / OCI forms. */
    async manifest(repository, reference) {
        const repo = apiRepository(this.host, repository);
        const res = await this.call('GET', `/v2/${repo}/manifests/${reference}`, { accept: MANIFEST_TYPES.join(', ') }, `repository:${repo}:pull`);
        if (res.status === 404)
            throw new RegistryHttpError(`${this.host}/${repo}:${reference} is not in the registry (404)`, 404);
        if (res.status !== 200)
            throw this.statusError(res.status, `${repo}:${reference}`, res.body);
        const digest = contentDigest(res.headers, res.body);
        const type = res.headers['content-type'];
        const mediaType = (typeof type === 'string' ? type.split(';')[0].trim() : '') || mediaTypeOf(res.body);
        return { digest, mediaType, body: res.body };
    }
    /** Whether the repository holds the blob (a layer another push or a base image already put there). */
    async hasBlob(repository, digest) {
        const repo = apiRepository(this.host, repository);
        const res = await this.call('HEAD', `/v2/${repo}/blobs/${digest}`, {}, pushScope(repo));
        if (res.status === 200)
            return true;
        if (res.status === 404)
            return false;
        throw this.statusError(res.status, `blob ${digest} of ${repo}`, res.body);
    }
    /**
     * Upload one blob in a single PUT (the registry API's monolithic upload: POST a session, PUT its Location with
     * `?digest=`); `open` gives its bytes, again when an expired token makes the PUT go once more.
     */
    async uploadBlob(repository, digest, size, open) {
        const repo = apiRepository(this.host, repository);
        const scope = pushScope(repo);
        const started = await this.call('POST', `/v2/${repo}/blobs/uploads/`, { 'content-length': '0' }, scope);
        const location = started.headers.location;
        if (started.status !== 202 || typeof location !== 'string') {
            throw this.statusError(started.status, `starting the upload of ${digest} to ${repo}`, started.body);
        }
        const url = new URL(location, this.baseUrl);
        url.searchParams.set('digest', digest);
        const done = await this.call('PUT', url.toString(), { 'content-type': 'application/octet-stream', 'content-length': String(size) }, scope, open);
        if (done.status !== 201)
            throw this.statusError(done.status, `the upload of ${digest} to ${repo}`, done.body);
    }
    /** PUT a manifest under `reference` (a digest or a tag); returns the digest the registry gives it. */
    async putManifest(repository, reference, mediaType, body) {
        const repo = apiRepository(this.host, repository);
        const res = await this.call('PUT', `/v2/${repo}/manifests/${reference}`, { 'content-type': mediaType, 'content-length': String(body.length) }, pushScope(repo), () => body);
        if (res.status !== 201)
            throw this.statusError(res.status, `the manifest ${reference} of ${repo}`, res.body);
        return contentDigest(res.headers, body);
    }
    statusError(status, what, body) {
        const detail = body.toString('utf8', 0, 300).replace(/\s+/g, ' ').trim();
        return new RegistryHttpError(`${this.host} answered ${status} for ${what}${detail ? `: ${detail}` : ''}`, status);
    }
    /** One API call (`path` under the base URL, or a whole URL the registry gave), authorised for `scope` on a 401. */
    async call(method, path, headers, scope, body) {
        const url = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`;
        const send = async (authorization) => this.send(url, { ...headers, ...(authorization ? { authorization } : {}) }, method, body?.());
        let res = await send(this.auth.get(scope));
        if (res.status !== 401)
            return res;
        const challenge = parseChallenge(String(res.headers['www-authenticate'] ?? ''));
        const authorization = await this.authorize(challenge, scope);
        this.auth.set(scope, authorization);
        res = await send(authorization);
        if (res.status === 401 || res.status === 403) {
            throw new RegistryHttpError(`${this.host} refused ${this.credentials ? `user ${this.credentials.username}` : 'anonymous access'} ${method === 'GET' || method === 'HEAD' ? 'reading' : 'writing'} ${new URL(url).pathname} (${res.status})`, res.status);
        }
        return res;
    }
    async authorize(challenge, scope) {
        const basic = this.credentials
            ? `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}`
            : null;
        if (challenge?.scheme === 'basic') {
            if (!basic)
                throw new RegistryHttpError(`${this.host} wants a username and password (Basic auth) and none was given`, 401);
            return basic;
        }
        if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
            throw new RegistryHttpError(`${this.host} answered 401 without a usable WWW-Authenticate challenge`, 401);
        }
        const url = new URL(challenge.params.realm);
        if (challenge.params.service)
            url.searchParams.set('service', challenge.params.service);
        url.searchParams.set('scope', scope);
        const res = await this.send(url.toString(), basic ? { authorization: basic } : {});
        if (res.status !== 200) {
            const who = this.credentials ? `user ${this.credentials.username}` : 'anonymous';
            throw new RegistryHttpError(`the token service ${url.host} refused ${who} for ${scope} (${res.status})`, res.status);
        }
        let token;
        try {
            const json = JSON.parse(res.body.toString('utf8'));
            token = json.token ?? json.access_token;
        }
        catch {
            token = undefined;
        }
        if (typeof token !== 'string' || !token)
            throw new RegistryHttpError(`the token service ${url.host} sent no token`, 502);
        this.onSecret(token);
        return `Bearer ${token}`;
    }
    async send(url, headers, method = 'GET', payload) {
        let res;
        try {
            res = await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(url, {
                method,
                headers: { 'user-agent': 'dockerflow-action', ...headers },
                ...(payload !== undefined ? { body: payload } : {}),
                dispatcher: this.agent,
            });
        }
        catch (e) {
            const err = e;
            const code = err.code ?? err.cause?.code ?? '';
            throw new RegistryHttpError(`cannot reach ${new URL(url).host}: ${[code, err.cause?.message ?? err.message].filter(Boolean).join(' ')}`, 0);
        }
        // A HEAD has no body to read.
        const body = method === 'HEAD' ? (await res.body.dump(), Buffer.alloc(0)) : Buffer.from(await res.body.arrayBuffer());
        return { status: res.statusCode, headers: res.headers, body };
    }
}
/** The token scope of a push: docker asks for pull and push together, as registries expect. */
const pushScope = (repo) => `repository:${repo}:pull,push`;
/** Docker-Content-Digest, or the sha256 of the exact bytes when the registry sends none. */
function contentDigest(headers, body) {
    const header = headers['docker-content-digest'];
    return typeof header === 'string' && /^sha256:[0-9a-f]{64}$/.test(header) ? header : (0,_docker_content_store_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256Of */ .Bj)(body);
}
function mediaTypeOf(body) {
    try {
        const json = JSON.parse(body.toString('utf8'));
        return typeof json.mediaType === 'string' ? json.mediaType : '';
    }
    catch {
        return '';
    }
}


/***/ }),

/***/ 30833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   II: () => (/* binding */ retryRegistry),
/* harmony export */   XE: () => (/* binding */ classifyFailure),
/* harmony export */   w1: () => (/* binding */ RetriesExhausted)
/* harmony export */ });
/* unused harmony exports DEFAULT_TRIES, DEFAULT_BASE_DELAY_MS, withRetry, backoffDelay */
/* harmony import */ var _time_time_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1884);

const AUTH = /\b(401|403)\b|unauthori[sz]ed|denied|authentication required|incorrect username or password|no basic auth credentials|insufficient_scope/i;
const TRANSIENT = /connection (reset|refused|closed)|\bEOF\b|broken pipe|timed? ?out|timeout|deadline exceeded|\b5\d\d\b|\b429\b|too many requests|toomanyrequests|service unavailable|bad gateway|internal server error|temporary failure in name resolution|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|other side closed|use of closed network connection/i;
/** What a failure's text says about it: auth refusals win over anything that also looks transient. */
function classifyFailure(text) {
    if (AUTH.test(text))
        return 'auth';
    if (TRANSIENT.test(text))
        return 'transient';
    return 'fatal';
}
const DEFAULT_TRIES = 4;
const DEFAULT_BASE_DELAY_MS = 1000;
/** Thrown when the last attempt failed with a transient error: `attempts` says how many were made. */
class RetriesExhausted extends Error {
    attempts;
    last;
    elapsedMs;
    constructor(attempts, last, 
    /** Milliseconds from the first attempt's start to the last one's end. */
    elapsedMs = 0) {
        super(`${attempts} attempts failed; last: ${last instanceof Error ? last.message : String(last)}`);
        this.attempts = attempts;
        this.last = last;
        this.elapsedMs = elapsedMs;
        this.name = 'RetriesExhausted';
    }
}
const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Run `fn` until it succeeds, a non-transient error occurs (rethrown as is), or the tries run out. */
async function withRetry(fn, opts) {
    const sleep = opts.sleep ?? defaultSleep;
    const now = opts.now ?? (() => performance.now());
    const t0 = now();
    for (let attempt = 1;; attempt++) {
        const started = now();
        try {
            return await fn(attempt);
        }
        catch (error) {
            if (opts.kindOf(error) !== 'transient')
                throw error;
            if (attempt >= opts.tries)
                throw new RetriesExhausted(attempt, error, now() - t0);
            const delayMs = backoffDelay(opts.baseDelayMs, attempt);
            const took = now() - started;
            if (opts.budgetMs !== undefined && now() - t0 + delayMs + took > opts.budgetMs) {
                throw new RetriesExhausted(attempt, error, now() - t0);
            }
            opts.onRetry({ attempt, tries: opts.tries, delayMs, error });
            await sleep(delayMs);
        }
    }
}
/**
 * The retry of a registry operation (login, push, reading a tag back): DEFAULT_TRIES attempts with backoff,
 * transient failures only (`kindOf`, by default from `why`'s text), each retry said in one line:
 * "docker push x failed (EOF); retry 1/3 in 1.1 s".
 */
function retryRegistry(what, fn, o) {
    return withRetry(fn, {
        tries: DEFAULT_TRIES,
        baseDelayMs: DEFAULT_BASE_DELAY_MS,
        kindOf: o.kindOf ?? ((e) => classifyFailure(o.why(e))),
        onRetry: ({ attempt, tries, delayMs, error }) => o.say(`${what} failed (${o.why(error)}); retry ${attempt}/${tries - 1} in ${(0,_time_time_js__WEBPACK_IMPORTED_MODULE_0__/* .secs */ .z)(delayMs)}`),
        ...(o.budgetMs !== undefined ? { budgetMs: o.budgetMs } : {}),
        ...(o.sleep ? { sleep: o.sleep } : {}),
    });
}
/** base · 2^(attempt-1), with up to 20 % jitter so parallel jobs do not retry in lockstep. */
function backoffDelay(baseMs, attempt, random = Math.random) {
    const exp = baseMs * 2 ** (attempt - 1);
    return Math.round(exp * (1 + 0.2 * random()));
}


/***/ }),

/***/ 89458:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ kindOfHttp),
/* harmony export */   Zi: () => (/* binding */ verifyPushed)
/* harmony export */ });
/* unused harmony export verifyTag */
/* harmony import */ var _config_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37827);
/* harmony import */ var _docker_platform_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88421);
/* harmony import */ var _registry_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51666);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(30833);
/**
 * After a push, read each tag back from the registry and prove it is the image this run built and checked: the
 * manifest's config digest must equal the config digest in docker-image-shasum256.txt. An index (the containerd
 * image store pushes one, with BuildKit's attestation manifests beside the image) is followed to the entry for the
 * platform; attestation entries (platform unknown/unknown) never match.
 */




const isIndex = (m, mediaType) => Array.isArray(m.manifests) || /manifest\.list|image\.index/.test(mediaType) || /manifest\.list|image\.index/.test(m.mediaType ?? '');
function parse(fetched, what) {
    try {
        return JSON.parse(fetched.body.toString('utf8'));
    }
    catch {
        throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`the registry's manifest for ${what} is not JSON (${fetched.mediaType || 'no media type'})`);
    }
}
/**
 * Resolve `repository:tag` to its image config digest, following a manifest list / OCI index to the entry for
 * `platform`, and compare it with `expectedConfig`. A mismatch throws with both hashes.
 */
async function verifyTag(client, ref, expectedConfig, platform) {
    const top = await client.manifest(ref.repository, ref.tag);
    let manifest = parse(top, ref.display);
    let platformDigest = top.digest;
    if (isIndex(manifest, top.mediaType)) {
        const images = (manifest.manifests ?? []).filter((m) => !(0,_docker_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .isAttestation */ .H3)(m));
        const entry = images.find((m) => m.platform?.os === platform.os && m.platform?.architecture === platform.architecture);
        if (!entry?.digest) {
            const have = images.map((m) => `${m.platform?.os}/${m.platform?.architecture}`).join(', ');
            throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${ref.display} is a multi-platform index without ${platform.os}/${platform.architecture} (it has ${have || 'nothing'})`);
        }
        const child = await client.manifest(ref.repository, entry.digest);
        manifest = parse(child, `${ref.display} (${platform.os}/${platform.architecture})`);
        platformDigest = child.digest;
    }
    const configDigest = manifest.config?.digest;
    if (typeof configDigest !== 'string') {
        throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`the registry's manifest for ${ref.display} names no config digest (schema ${manifest.schemaVersion ?? '?'}, ${top.mediaType || 'no media type'}); push with a current docker`);
    }
    if (expectedConfig !== configDigest) {
        throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${ref.display} in the registry is not the image this run built: its config digest is ${configDigest}, docker-image-shasum256.txt says ${expectedConfig}; another push moved the tag, re-run the job`);
    }
    return { digest: top.digest, manifestDigest: platformDigest, configDigest };
}
/**
 * `verifyTag`, retried while the registry fails transiently (a 5xx, a 429, a dropped connection): a pushed tag
 * that cannot be read back is reported as that, with what to do, not as a failed push.
 */
async function verifyPushed(client, ref, expectedConfig, platform, onRetry) {
    return (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .retryRegistry */ .II)(`reading ${ref.display} back`, () => verifyTag(client, ref, expectedConfig, platform), {
        say: onRetry,
        why: (error) => error.message,
        kindOf: kindOfHttp,
    }).catch((e) => {
        throw verifyError(ref.display, e);
    });
}
/** A registry API failure as the retries see it: no answer, 429 and 5xx are worth another try. */
function kindOfHttp(e) {
    if (!(e instanceof _registry_client_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryHttpError */ .A5))
        return 'fatal';
    if (e.status === 0 || e.status === 429 || e.status >= 500)
        return 'transient';
    return e.status === 401 || e.status === 403 ? 'auth' : 'fatal';
}
function verifyError(ref, e) {
    if (e instanceof _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y)
        return e;
    const why = e instanceof _retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RetriesExhausted */ .w1 ? `${e.attempts} attempts failed, the last with: ${e.last.message}` : e.message;
    if (e instanceof _registry_client_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryHttpError */ .A5 || e instanceof _retry_js__WEBPACK_IMPORTED_MODULE_3__/* .RetriesExhausted */ .w1) {
        return new _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`pushed ${ref} but could not read it back to verify it: ${why}; the image is pushed, re-run to verify`);
    }
    return e;
}


/***/ }),

/***/ 12906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ mergePlatformRows)
/* harmony export */ });
/* unused harmony export badness */
/**
 * How bad an outcome is, worst first: a fail; a skip that leaves the rule unproven on that platform (its stage
 * did not run or reach it, another rule's outcome made it unjudgeable, a tool was missing); a pass; and last a
 * skip that asks nothing of the platform (the rule is ignored, or not configured there: test-platforms).
 */
function badness(o) {
    if (o.status === 'fail')
        return 3;
    if (o.status === 'pass')
        return 1;
    return o.skip === 'ignored' || o.skip === 'not-configured' ? 0 : 2;
}
const notRun = ({ id, title, level }) => ({
    id,
    title,
    level,
    status: 'skip',
    skip: 'not-run',
    message: 'not run on this platform: the run stopped before it got there (see the error)',
});
/**
 * One row per rule, in the order first seen: the worst platform's row (the first such platform when several tie),
 * with every platform's outcome in `platforms`. When the platforms disagree, the message names the one it is from.
 */
function mergePlatformRows(per) {
    const byId = new Map();
    for (const { platform, checks } of per) {
        for (const row of checks)
            byId.set(row.id, [...(byId.get(row.id) ?? []), { platform, row }]);
    }
    return [...byId.values()].map((judged) => {
        // A platform the run stopped on before it judged this rule (the error says why) did not pass it.
        const rows = per.map(({ platform }) => judged.find((j) => j.platform === platform) ?? {
            platform,
            row: notRun(judged[0].row),
        });
        const platforms = {};
        for (const { platform, row } of rows) {
            platforms[platform] = { status: row.status, ...(row.skip ? { skip: row.skip } : {}), message: row.message };
        }
        const worst = rows.reduce((a, b) => (badness(b.row) > badness(a.row) ? b : a));
        const agree = rows.every(({ row }) => row.status === worst.row.status && row.message === worst.row.message);
        const message = agree || rows.length === 1 ? worst.row.message : `${worst.platform}: ${worst.row.message}`;
        return { ...worst.row, message, platforms };
    });
}


/***/ }),

/***/ 88850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ verdictOf)
/* harmony export */ });
/* harmony import */ var _rules_catalogue_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91062);

function verdictOf(checks, failOn, error) {
    return error === undefined && !checks.some((c) => (0,_rules_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .failsRun */ .FR)(c, failOn)) ? 'pass' : 'fail';
}


/***/ }),

/***/ 18250:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ login)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _publish_login_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(63454);
/* harmony import */ var _publish_docker_config_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23594);



/**
 * `docker login` to every registry the inputs give credentials for, into one private DOCKER_CONFIG, before the
 * build. Passwords go to stdin, never argv. A failed login to a registry a due push goes to fails the run;
 * otherwise it is a warning and the run goes on without that login.
 */
async function login(ctx, prepared) {
    (0,_publish_login_js__WEBPACK_IMPORTED_MODULE_1__/* .checkPushable */ .fS)(ctx, prepared);
    if (!(0,_publish_login_js__WEBPACK_IMPORTED_MODULE_1__/* .wantsLogin */ .TL)(ctx, prepared))
        return null;
    const credentials = (0,_publish_login_js__WEBPACK_IMPORTED_MODULE_1__/* .completeCredentials */ .G6)(ctx);
    if (credentials.length === 0)
        return null;
    const pushHosts = new Set(prepared.plan.push ? prepared.plan.refs.map(_publish_login_js__WEBPACK_IMPORTED_MODULE_1__/* .refHost */ .is) : []);
    const dockerConfig = (0,_publish_docker_config_js__WEBPACK_IMPORTED_MODULE_2__/* .createDockerConfig */ .lp)(ctx.env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_0___default().tmpdir(), (0,_publish_docker_config_js__WEBPACK_IMPORTED_MODULE_2__/* .userDockerConfigDir */ .Rx)(ctx.env), credentials.map((c) => c.registry), (m) => ctx.ui.warning(m));
    const cleanupOnExit = () => (0,_publish_docker_config_js__WEBPACK_IMPORTED_MODULE_2__/* .removeDockerConfig */ .nS)(dockerConfig);
    process.once('exit', cleanupOnExit);
    ctx.saveState?.('dockerConfig', dockerConfig);
    // The session's own runner: the run's, with the private DOCKER_CONFIG (the run's runner keeps its env).
    const runner = ctx.runner.withEnv({ DOCKER_CONFIG: dockerConfig });
    const logins = [];
    const giveUp = () => {
        (0,_publish_docker_config_js__WEBPACK_IMPORTED_MODULE_2__/* .removeDockerConfig */ .nS)(dockerConfig);
        process.off('exit', cleanupOnExit);
    };
    for (const { registry, username, password } of credentials) {
        ctx.ui.info(`Logging in to ${registry} as ${username}`);
        try {
            await (0,_publish_login_js__WEBPACK_IMPORTED_MODULE_1__/* .dockerLogin */ .a1)(ctx, { registry, username, password }, runner);
        }
        catch (e) {
            const error = e;
            if (pushHosts.has((0,_publish_login_js__WEBPACK_IMPORTED_MODULE_1__/* .normalHost */ .CS)(registry))) {
                if (logins.length > 0)
                    await (0,_publish_login_js__WEBPACK_IMPORTED_MODULE_1__/* .logoutAll */ .Ie)(runner, logins, dockerConfig);
                giveUp();
                throw error;
            }
            ctx.ui.warning(`${error.message} (nothing is pushed to ${registry} on this run, so it goes on without a login there: base image pulls from it are anonymous)`);
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
        ...logins[0],
        logins,
        dockerConfig,
        runner,
        close: async () => {
            await (0,_publish_login_js__WEBPACK_IMPORTED_MODULE_1__/* .logoutAll */ .Ie)(runner, logins, dockerConfig);
            process.off('exit', cleanupOnExit);
        },
    };
}


/***/ }),

/***/ 84987:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ prepare)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(37827);
;// CONCATENATED MODULE: ./src/git/context.ts
const NO_GIT = {
    commit: null,
    branch: null,
    exactTag: null,
    describe: null,
    remoteUrl: null,
    defaultBranch: null,
};
function contextFromGitHub(env, event, local) {
    const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    const repo = env.GITHUB_REPOSITORY ?? event.repository?.full_name ?? '';
    const eventName = env.GITHUB_EVENT_NAME ?? 'push';
    const ref = eventName === 'workflow_dispatch' ? dispatchedRef(env, event, local) : (env.GITHUB_REF ?? '');
    const pr = event.pull_request;
    const pullRequest = pr && typeof pr.number === 'number'
        ? {
            number: pr.number,
            // A deleted fork has head.repo null: treat it as a fork, the safe side.
            fork: !pr.head?.repo || pr.head.repo.fork === true || pr.head.repo.full_name !== (pr.base?.repo?.full_name ?? repo),
        }
        : null;
    const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : null;
    const branch = ref.startsWith('refs/heads/')
        ? ref.slice('refs/heads/'.length)
        : pullRequest
            ? (env.GITHUB_HEAD_REF ?? pr?.head?.ref ?? null)
            : null;
    const runUrl = env.GITHUB_RUN_ID ? `${server}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : 'local';
    return {
        event: eventName,
        repoUrl: repo ? `${server}/${repo}` : (local.remoteUrl ?? ''),
        // The commit actually checked out (a PR's merge commit, or its head if the workflow checked that out).
        commit: local.commit ?? env.GITHUB_SHA ?? '',
        ref,
        branch,
        tag,
        defaultBranch: event.repository?.default_branch ?? null,
        pullRequest,
        buildUrl: runUrl,
        describe: local.describe,
    };
}
/**
 * A manual rebuild builds what the workflow checked out, which a `ref` input (as in sample-app.yml and the
 * reusable workflow) moves away from GITHUB_REF, the ref the workflow ran from: "Run workflow" on main with
 * ref v1.4.0 must publish :v1.4.0, and with ref feature-x nothing, never :latest. The ref input is matched
 * against GITHUB_REF and the checkout; without one, a checkout of another commit than GITHUB_SHA is named by
 * what git says of it. A ref that is neither a known branch nor a tag (a SHA, say) is empty: not pushed.
 */
function dispatchedRef(env, event, local) {
    const ref = env.GITHUB_REF ?? '';
    const checkout = local.exactTag ? `refs/tags/${local.exactTag}` : local.branch ? `refs/heads/${local.branch}` : '';
    const wanted = typeof event.inputs?.ref === 'string' ? event.inputs.ref.trim() : '';
    if (wanted) {
        if (wanted.startsWith('refs/'))
            return wanted;
        const known = [`refs/tags/${wanted}`, `refs/heads/${wanted}`].find((full) => full === ref || full === checkout);
        return known ?? checkout;
    }
    return local.commit && env.GITHUB_SHA && local.commit !== env.GITHUB_SHA ? checkout : ref;
}
/** Outside GitHub Actions: the checkout is the truth; a CI URL from other systems is used when present. */
function contextFromLocal(env, local) {
    const ciUrl = env.BUILD_URL ?? env.CI_JOB_URL ?? env.CIRCLE_BUILD_URL ?? null;
    return {
        event: 'local',
        repoUrl: local.remoteUrl ? normalizeRemote(local.remoteUrl) : '',
        commit: local.commit ?? '',
        ref: local.exactTag ? `refs/tags/${local.exactTag}` : local.branch ? `refs/heads/${local.branch}` : '',
        branch: local.branch,
        tag: local.exactTag,
        defaultBranch: local.defaultBranch,
        pullRequest: null,
        buildUrl: ciUrl ?? 'local',
        describe: local.describe,
    };
}
/** git@github.com:org/repo.git and https://token@github.com/org/repo.git → https://github.com/org/repo */
function normalizeRemote(url) {
    const scp = /^[\w.-]+@([\w.-]+):(.+?)(?:\.git)?\/?$/.exec(url);
    if (scp)
        return `https://${scp[1]}/${scp[2]}`;
    try {
        const u = new URL(url);
        if (u.protocol === 'file:')
            return url;
        u.username = '';
        u.password = '';
        const protocol = u.protocol === 'ssh:' || u.protocol === 'git:' ? 'https:' : u.protocol;
        return `${protocol}//${u.host}${u.pathname.replace(/\.git\/?$/, '').replace(/\/+$/, '')}`;
    }
    catch {
        return url;
    }
}

;// CONCATENATED MODULE: ./src/git/local-git.ts

/**
 * Ask git about the checkout that holds `dir`. A folder outside git gives NO_GIT, not an error. Reads only:
 * `--no-optional-locks` keeps git from refreshing `.git/index`, which would change the build context of every
 * repository without a .dockerignore and bust the layer cache of `COPY . /app` (no `git status` either).
 */
async function readLocalGit(runner, dir) {
    const git = async (...args) => {
        try {
            const r = await runner.run(['git', '--no-optional-locks', '-C', dir, ...args], { allowFailure: true, quiet: true });
            return r.exitCode === 0 ? r.stdout.trim() || null : null;
        }
        catch {
            return null; // git itself missing
        }
    };
    const commit = await git('rev-parse', '--verify', 'HEAD');
    if (!commit)
        return (await git('rev-parse', '--git-dir')) ? { ...NO_GIT, noCommits: true } : NO_GIT;
    const [branch, exactTag, describe, remoteUrl, originHead] = await Promise.all([
        git('symbolic-ref', '--quiet', '--short', 'HEAD'),
        git('describe', '--tags', '--exact-match', 'HEAD'),
        // Not `--dirty`: it refreshes and rewrites .git/index whatever --no-optional-locks says (git 2.39).
        git('describe', '--tags', '--always'),
        git('remote', 'get-url', 'origin'),
        git('symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'),
    ]);
    return {
        commit,
        branch,
        exactTag,
        describe,
        remoteUrl,
        defaultBranch: originHead ? originHead.replace(/^origin\//, '') : null,
    };
}

;// CONCATENATED MODULE: ./src/git/read.ts




/**
 * The run's git context: the local checkout of `contextDir`, and in Actions the event payload at
 * GITHUB_EVENT_PATH. `noCommits`: the repository has no commit yet (for the warning about the empty commit).
 */
async function readGitContext(runner, contextDir, env) {
    const local = await readLocalGit(runner, contextDir);
    const noCommits = local.noCommits === true;
    if (env.GITHUB_ACTIONS !== 'true')
        return { git: contextFromLocal(env, local), noCommits };
    let event = {};
    const eventPath = env.GITHUB_EVENT_PATH;
    if (eventPath) {
        try {
            event = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8'));
        }
        catch (e) {
            throw new errors/* UserError */.y(`cannot read the event payload at GITHUB_EVENT_PATH=${eventPath}: ${e.message}`);
        }
    }
    return { git: contextFromGitHub(env, event, local), noCommits };
}

;// CONCATENATED MODULE: ./src/git/version.ts
/**
 * `version` is the tag on tag builds; otherwise the describe string (e.g. `v1.2-3-gabc1234`), or the short
 * commit. An explicit `version` input wins.
 */
function versionObject(git, override) {
    return {
        source: git.repoUrl,
        version: override ?? git.tag ?? git.describe ?? git.commit.slice(0, 7),
        commit: git.commit,
        build: git.buildUrl,
    };
}
function versionJson(v) {
    return `${JSON.stringify(v, null, 2)}\n`;
}

// EXTERNAL MODULE: ./src/config/image-ref.ts
var image_ref = __webpack_require__(22023);
;// CONCATENATED MODULE: ./src/publish/policy.ts

/** Events on which `push: auto` publishes: a push, a manual rebuild of a ref, a release (its tag). */
const PUBLISHING_EVENTS = new Set(['push', 'workflow_dispatch', 'release']);
/**
 * The push policy. Explicit `tags` replace it; `push: true|false` force it; `auto`:
 * default branch → :latest, tag X → :X (push or workflow_dispatch of such a ref), pull requests never push.
 * A pull request from a fork never pushes, whatever the inputs say.
 */
function planPush(config, git) {
    const ref = (tag) => (0,image_ref/* formatRef */.rq)({ registry: config.registry, repository: config.image, tag });
    const gitTag = git.tag ? (0,image_ref/* sanitizeTag */.iP)(git.tag) : null;
    const onDefault = !git.pullRequest && git.branch !== null && git.branch === git.defaultBranch;
    const policyTag = gitTag ?? (onDefault ? 'latest' : null);
    const localTag = git.pullRequest
        ? `pr-${git.pullRequest.number}`
        : (policyTag ?? (git.branch ? (0,image_ref/* sanitizeTag */.iP)(git.branch) : git.commit ? git.commit.slice(0, 12) : 'local'));
    const explicit = config.tags.length > 0;
    const prOptIn = config.tagPolicy.includes('pr') && git.pullRequest !== null && !git.pullRequest.fork;
    const refs = explicit ? config.tags : unique([localTag, ...extraTags(config.tagPolicy, git, gitTag)].map(ref));
    const byDigest = config.push === 'by-digest';
    const no = (reason) => ({ refs, push: false, reason, ...(byDigest ? { byDigest } : {}) });
    const yes = (reason) => byDigest ? { refs, push: true, reason: `${reason}, by digest (untagged, for merge to tag)`, byDigest } : { refs, push: true, reason };
    if (config.push === 'false')
        return no('push is false');
    if (git.pullRequest?.fork) {
        return no('a pull request from a fork builds and tests only: it gets no secrets and never logs in or pushes');
    }
    if (config.push === 'true')
        return yes('push is true');
    if (prOptIn && !explicit)
        return yes(`tag-policy pr: a pull request from this repository → :pr-${git.pullRequest.number}`);
    if (git.pullRequest)
        return no('a pull request builds and tests only: it never logs in or pushes; push: true would push it');
    if (git.event === 'local')
        return byDigest ? yes('push by-digest outside CI') : no('run outside CI: pass --push true to push');
    if (explicit)
        return yes('explicit tags');
    if (!PUBLISHING_EVENTS.has(git.event)) {
        return no(`the push policy pushes on push, workflow_dispatch and release events, not ${git.event}: set push: true or tags to push`);
    }
    if (git.tag)
        return yes(`tag ${git.tag} → :${gitTag}`);
    if (onDefault)
        return yes(`default branch ${git.branch} → :latest`);
    if (git.branch && !git.defaultBranch) {
        return no(`the default branch is unknown (the event payload has no repository.default_branch), so branch ${git.branch} is not pushed`);
    }
    return no(git.branch
        ? `branch ${git.branch} is not the default branch (${git.defaultBranch}); only it and tags are pushed`
        : 'not a branch or tag');
}
/**
 * The opt-in tags of `tag-policy`, added beside the policy's own (`latest`, the git tag, `pr-N`), never instead:
 * `sha` → `sha-<7 hex>` (docker/metadata-action's type=sha); `pr` → pushes a same-repository pull request's
 * `pr-N` (a fork never pushes); `semver` → a `vX.Y.Z` (or `X.Y.Z`) git tag also as `X.Y.Z`, `X.Y` and `X`, as
 * metadata-action's type=semver patterns do: a pre-release (`v2.0.0-rc.1`) only as `2.0.0-rc.1`, and a 0.x
 * release gets no bare `0` (under semver every 0.x minor may break).
 */
function extraTags(policy, git, gitTag) {
    const out = [];
    if (policy.includes('semver') && git.tag)
        out.push(...semverTags(git.tag));
    if (policy.includes('sha') && /^[0-9a-f]{7,}$/.test(git.commit))
        out.push(`sha-${git.commit.slice(0, 7)}`);
    return out.filter((t) => t !== gitTag);
}
/** `v1.2.3` → 1.2.3, 1.2, 1; `1.2.3-rc.1+b5` → 1.2.3-rc.1; anything that is not semver → nothing. */
function semverTags(tag) {
    const m = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/.exec(tag);
    if (!m)
        return [];
    const [, major, minor, patch, pre] = m;
    if (pre)
        return [`${major}.${minor}.${patch}${pre}`];
    return [`${major}.${minor}.${patch}`, `${major}.${minor}`, ...(major === '0' ? [] : [major])];
}
function unique(refs) {
    return [...new Set(refs)];
}

// EXTERNAL MODULE: ./src/exec/runner.ts
var exec_runner = __webpack_require__(37507);
// EXTERNAL MODULE: ./src/docker/commands.ts
var commands = __webpack_require__(66872);
;// CONCATENATED MODULE: ./src/docker/engine.ts



/**
 * The oldest Docker Engine this tool supports: what GitHub's ubuntu-22.04 and ubuntu-24.04 runners ship, and the
 * only major version its tests run on (28.5, classic and containerd image stores; docs/engines.md). Older engines
 * differ in what `docker save` writes, how `--load` treats attestations and what BuildKit can check.
 */
const MIN_ENGINE = { major: 28, minor: 0 };
/** `28.5.2+dfsg4` → [28, 5]; null for a version that is not numbered (a development build). */
function engineVersion(version) {
    const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
    return m ? [Number(m[1]), Number(m[2])] : null;
}
/** The one-line refusal for an engine below MIN_ENGINE, or null when it is new enough (or not numbered). */
function tooOld(version) {
    const v = engineVersion(version);
    if (!v)
        return null;
    const [major, minor] = v;
    if (major > MIN_ENGINE.major || (major === MIN_ENGINE.major && minor >= MIN_ENGINE.minor))
        return null;
    return `Docker Engine ${version.trim()} is older than ${MIN_ENGINE.major}.${MIN_ENGINE.minor}, the oldest this tool supports: upgrade the engine (GitHub's runners ship 28) or point DOCKER_HOST at a newer one`;
}
/** Fail fast, before anything is built, when the docker CLI is missing, no engine answers it, or it is too old. */
async function assertEngine(runner) {
    const r = await runner.run(commands/* dockerArgv */.fk.serverVersion(), { allowFailure: true, quiet: true }).catch(() => null);
    if (!r)
        throw new errors/* UserError */.y('the docker CLI is not installed or not on PATH: install Docker (or Docker Desktop) and try again');
    if (r.exitCode !== 0 || !r.stdout.trim()) {
        const why = (0,exec_runner/* errorLine */.BP)(r.stderr);
        throw new errors/* UserError */.y(`no Docker engine answers (${why || 'no server version'}): start dockerd or Docker Desktop, or set DOCKER_HOST`);
    }
    const old = tooOld(r.stdout);
    if (old)
        throw new errors/* UserError */.y(old);
}

;// CONCATENATED MODULE: ./src/stages/prepare.ts




/** Git context → version object and push plan. Nothing is written yet. */
async function prepare(ctx) {
    const [{ git, noCommits }] = await Promise.all([readGitContext(ctx.runner, ctx.config.context, ctx.env), assertEngine(ctx.runner)]);
    if (!git.commit) {
        ctx.ui.warning(noCommits
            ? `the git repository at ${ctx.config.context} has no commits yet and GITHUB_SHA is unset: version.json has an empty commit; commit your files (git commit) first`
            : 'the build context is not in a git checkout and GITHUB_SHA is unset: version.json has an empty commit');
    }
    const version = versionObject(git, ctx.config.version);
    if (!version.source) {
        ctx.ui.warning('version.json has an empty source: the repository has no remote "origin" (and GITHUB_REPOSITORY is unset); add one (git remote add origin https://github.com/OWNER/REPO) so /__version__ says where the code comes from');
    }
    const plan = planPush(ctx.config, git);
    ctx.log.line(`git: event=${git.event} ref=${git.ref || '-'} commit=${git.commit || '-'} pr=${git.pullRequest ? `#${git.pullRequest.number}${git.pullRequest.fork ? ' (fork)' : ''}` : '-'}`);
    ctx.log.line(`push plan: ${plan.push ? 'push' : 'no push'} ${plan.refs.join(' ')} (${plan.reason})`);
    return { git, version, versionJson: versionJson(version), plan };
}


/***/ })

};
