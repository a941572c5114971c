export const id = 115;
export const ids = [115];
export const modules = {

/***/ 31377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  vb: () => (/* binding */ MIN_SECRET_LENGTH),
  pr: () => (/* binding */ namedSecrets),
  o4: () => (/* binding */ parseConfig),
  YM: () => (/* binding */ registryAuthPasswords),
  Qn: () => (/* binding */ registryCredentials),
  qD: () => (/* binding */ secretBuildArgs),
  VX: () => (/* binding */ secretValues),
  jY: () => (/* binding */ unmaskableSecrets)
});

// UNUSED EXPORTS: HUB_SHORT_DESCRIPTION_MAX, TAG_POLICY_ENTRIES, isInside, outsideContext, parsePlatforms, parseRegistryAuth, parseTestPlatforms, registryAuth

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/rules/catalogue.ts
var catalogue = __webpack_require__(91062);
// EXTERNAL MODULE: ./src/secrets/names.ts
var names = __webpack_require__(76533);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(37827);
// EXTERNAL MODULE: ./src/config/image-ref.ts
var image_ref = __webpack_require__(22023);
// EXTERNAL MODULE: ./src/config/options.ts
var options = __webpack_require__(6856);
;// CONCATENATED MODULE: ./src/config/parse-lines.ts

/**
 * Split a list input: newlines (and commas, unless the values may hold commas), trimmed, blanks and `#`
 * comments dropped. In newline lists a value in double quotes may span lines (`KEY="line 1` … `line 2"`), for
 * multi-line secrets such as keys.
 */
function splitList(raw, newlineOnly) {
    if (!newlineOnly)
        return raw
            .split(/\r?\n|,/)
            .map((p) => p.trim())
            .filter((p) => p !== '' && !p.startsWith('#'));
    const out = [];
    let open = null;
    for (const line of raw.split(/\r?\n/)) {
        if (open) {
            open.push(line);
            if (line.trimEnd().endsWith('"')) {
                out.push(open.join('\n').trim());
                open = null;
            }
            continue;
        }
        const t = line.trim();
        if (t === '' || t.startsWith('#'))
            continue;
        const quoted = /^[^=\s]+="/.exec(t);
        if (quoted && !(t.length > quoted[0].length && t.endsWith('"')))
            open = [t];
        else
            out.push(t);
    }
    if (open)
        out.push(open.join('\n').trim()); // unclosed: keep what was given, parseKeyValues says so
    return out;
}
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Parse `KEY=VALUE` lines; the value may be empty and may hold `=`. */
function parseKeyValues(input, lines, what = 'KEY=VALUE') {
    return lines.map((line) => {
        const eq = line.indexOf('=');
        const key = eq < 0 ? line : line.slice(0, eq).trim();
        if (eq < 0 || !ENV_KEY.test(key)) {
            // The value may be a secret: show only the part before '=' (or nothing).
            const shown = eq < 0 ? `a line without "="` : `"${key}=…"`;
            throw new errors/* ConfigError */.x(input, `${shown} is not ${what}`, `write one ${what} per line`);
        }
        const value = line.slice(eq + 1);
        const quoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"');
        return { key, value: quoted ? value.slice(1, -1) : value };
    });
}
/**
 * Split a command line into argv without a shell: whitespace separates words, single and double quotes group,
 * backslash escapes the next character outside single quotes. Nothing is expanded.
 */
function splitCommand(input, command) {
    const argv = [];
    let word = '';
    let inWord = false;
    let quote = null;
    for (let i = 0; i < command.length; i++) {
        const c = command[i];
        if (quote) {
            if (c === quote)
                quote = null;
            else if (c === '\\' && quote === '"' && i + 1 < command.length)
                word += command[++i];
            else
                word += c;
        }
        else if (c === '"' || c === "'") {
            quote = c;
            inWord = true;
        }
        else if (c === '\\' && i + 1 < command.length) {
            word += command[++i];
            inWord = true;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                argv.push(word);
            word = '';
            inWord = false;
        }
        else {
            word += c;
            inWord = true;
        }
    }
    if (quote)
        throw new errors/* ConfigError */.x(input, `unclosed ${quote} quote`, 'close the quote or remove it');
    if (inWord)
        argv.push(word);
    return argv;
}

;// CONCATENATED MODULE: ./src/config/config.ts









/** `[host[:port]/]path[:tag][@sha256:…]`, as `docker run` takes it (not an option, not a URL). */
function isImageReference(s) {
    const m = /^(?:([^/]+)\/)?([^:@]+(?:\/[^:@]+)*)(?::([^@/]+))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(s);
    if (!m || s.startsWith('-') || s.length > 255)
        return false;
    const [, first, rest = '', tag] = m;
    const host = first && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : null;
    const repo = host ? rest : first ? `${first}/${rest}` : rest;
    if (host && !(0,image_ref/* isRegistryHost */.EV)(host))
        return false;
    if (!(0,image_ref/* isRepository */.Z6)(repo))
        return false;
    return tag === undefined || /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag);
}


const TAG_POLICY_ENTRIES = ['sha', 'pr', 'semver'];
function parseConfig({ raw, env, cwd, defaultOutDir, resolved = {} }) {
    for (const name of raw.keys()) {
        if (!options/* OPTION_BY_NAME */.id.has(name)) {
            throw new errors/* ConfigError */.x(name, 'is not an option', `remove it; options are: ${options/* OPTIONS */.lw.map((o) => o.name).join(', ')}`);
        }
    }
    const str = (name) => (raw.get(name) ?? options/* OPTION_BY_NAME */.id.get(name)?.default ?? '').trim();
    const list = (name) => splitList(raw.get(name) ?? '', options/* OPTION_BY_NAME */.id.get(name)?.newlineOnly ?? false);
    const bool = (name) => parseBool(name, str(name));
    const context = external_node_path_default().resolve(cwd, str('context') || '.');
    if (!(0,external_node_fs_.existsSync)(context) || !(0,external_node_fs_.statSync)(context).isDirectory()) {
        throw new errors/* ConfigError */.x('context', `"${str('context')}" is not a directory (resolved to ${context})`, 'point it at the folder that holds your Dockerfile');
    }
    const file = str('file') ? external_node_path_default().resolve(cwd, str('file')) : external_node_path_default().join(context, 'Dockerfile');
    // The merge step builds nothing (it reads the git context of `context` only): its reports must exist instead.
    const merge = list('merge').map((p) => external_node_path_default().resolve(cwd, p));
    for (const p of merge) {
        if (!(0,external_node_fs_.existsSync)(p)) {
            throw new errors/* ConfigError */.x('merge', `${p} does not exist`, 'give the dockerflow-report.json of each by-digest run, or a folder holding them');
        }
    }
    if (merge.length === 0 && (!(0,external_node_fs_.existsSync)(file) || !(0,external_node_fs_.statSync)(file).isFile())) {
        throw new errors/* ConfigError */.x('file', `no Dockerfile at ${file}`, 'create it, or set the Dockerfile path');
    }
    const registryIn = str('registry') || image_ref/* DOCKER_HUB */.Xb;
    if (!(0,image_ref/* isRegistryHost */.EV)(registryIn)) {
        throw new errors/* ConfigError */.x('registry', `"${registryIn}" is not a registry host`, 'write a host such as docker.io, ghcr.io or localhost:5000');
    }
    const registry = (0,image_ref/* normalRegistry */.T1)(registryIn);
    const image = str('image') || defaultImage(env, context);
    if (!(0,image_ref/* isRepository */.Z6)(image)) {
        throw new errors/* ConfigError */.x('image', `"${image}" is not a valid repository name`, 'use lower-case path parts such as mozilla/app, without registry or tag');
    }
    // distribution/reference: a name (registry included) is at most 255 characters; docker fails late otherwise.
    const fullName = `${registry}/${image}`;
    if (fullName.length > 255) {
        throw new errors/* ConfigError */.x('image', `"${image.slice(0, 40)}…" makes an image name of ${fullName.length} characters (with the registry), over the 255 that registries accept`, 'use a shorter repository name');
    }
    const tags = list('tags').map((entry) => {
        const ref = (0,image_ref/* parseTagEntry */.oN)(entry, registry, image);
        if (!ref) {
            throw new errors/* ConfigError */.x('tags', `"${entry}" is neither a tag nor a full image reference`, 'write a tag such as v1.2 or a ref such as docker.io/org/app:v1.2');
        }
        return (0,image_ref/* formatRef */.rq)(ref);
    });
    const services = list('services').map((line) => {
        const [head = '', ...envWords] = line.split(/\s+/);
        const m = /^([a-z0-9][a-z0-9_.-]*)=(\S+)$/.exec(head);
        if (!m) {
            throw new errors/* ConfigError */.x('services', `"${head}" is not NAME=IMAGE`, 'write one sidecar per line, e.g. db=postgres:16 POSTGRES_PASSWORD=pw');
        }
        const [, name = '', image = ''] = m;
        // `db=--privileged` would reach `docker run` as an option, not an image.
        if (!isImageReference(image)) {
            throw new errors/* ConfigError */.x('services', `the image of service "${name}" is "${image}", which is not an image reference${image.startsWith('-') ? ' (docker run would read it as an option)' : ''}`, 'write NAME=IMAGE with an image such as postgres:16 or ghcr.io/org/db:1');
        }
        return { name, image, env: parseKeyValues('services', envWords, 'KEY=VALUE after the image') };
    });
    const seenServices = new Set();
    for (const s of services) {
        if (seenServices.has(s.name)) {
            throw new errors/* ConfigError */.x('services', `service name "${s.name}" is given twice`, 'give each sidecar its own name (it is also its host name on the run network)');
        }
        seenServices.add(s.name);
    }
    const checksIgnore = new Set();
    for (const id of list('checks-ignore').map((s) => s.toUpperCase())) {
        if (!(0,catalogue/* isRuleId */.KX)(id))
            throw new errors/* ConfigError */.x('checks-ignore', `"${id}" is not a rule ID`, 'use IDs from docs/rules.md, e.g. DF104');
        checksIgnore.add(id);
    }
    const staticPaths = list('static-paths');
    for (const p of staticPaths) {
        if (!p.startsWith('/'))
            throw new errors/* ConfigError */.x('static-paths', `"${p}" is not a URL path`, 'start each path with "/", e.g. /static/app.css');
    }
    const platforms = parsePlatforms(list('platforms'));
    const testPlatforms = parseTestPlatforms(list('test-platforms'), platforms);
    const registryAuth = parseRegistryAuth(raw.get('registry-auth') ?? '', str('username') || raw.get('password') ? registry : null);
    const hubFile = str('hub-description');
    const hubDescription = hubFile ? external_node_path_default().resolve(cwd, hubFile) : null;
    if (hubDescription && (!(0,external_node_fs_.existsSync)(hubDescription) || !(0,external_node_fs_.statSync)(hubDescription).isFile())) {
        throw new errors/* ConfigError */.x('hub-description', `no file at ${hubDescription}`, 'name a file in the repository, e.g. README.md');
    }
    const hubShortDescription = str('hub-short-description');
    if (hubShortDescription.length > HUB_SHORT_DESCRIPTION_MAX) {
        throw new errors/* ConfigError */.x('hub-short-description', `is ${hubShortDescription.length} characters long`, `Docker Hub takes at most ${HUB_SHORT_DESCRIPTION_MAX}: shorten it`);
    }
    // A forced push needs credentials; say so before anything is built. (A pull request from a fork never pushes,
    // whatever push says: the plan decides then.)
    const push = oneOf('push', str('push'), ['auto', 'true', 'false', 'by-digest']);
    const username = str('username');
    const password = raw.get('password') ?? '';
    // (registry-auth credentials are checked per registry when the push is planned.)
    if (push === 'true' && (!username || !password) && registryAuth.length === 0 && !/^pull_request/.test(env.GITHUB_EVENT_NAME ?? '')) {
        const missing = !username && !password ? 'username and password' : !username ? 'username' : 'password';
        throw new errors/* ConfigError */.x(!username ? 'username' : 'password', `push is true but no ${missing} is given`, env.GITHUB_ACTIONS === 'true'
            ? 'pass username and password from repository secrets, or set push: false'
            : 'pass --username and --password-stdin, or --push false');
    }
    const tagPolicy = [...new Set(list('tag-policy').map((s) => s.toLowerCase()))].map((entry) => oneOf('tag-policy', entry, TAG_POLICY_ENTRIES));
    const retention = str('retention-days');
    const config = {
        context,
        file,
        image,
        registry,
        tags,
        labels: parseKeyValues('labels', list('labels')),
        buildArgs: [...parseKeyValues('build-args', list('build-args')), ...(resolved['build-args'] ?? [])],
        target: str('target'),
        noCache: bool('no-cache'),
        pull: bool('pull'),
        cacheFrom: list('cache-from'),
        cacheTo: list('cache-to'),
        platforms,
        testPlatforms,
        provenance: attestation('provenance', str('provenance'), /^(builder-id|mode|version|reproducible|filename|inline-only)$/),
        sbom: attestation('sbom', str('sbom'), /^(generator|scan-context|scan-stage|filename)$/),
        secrets: [...parseKeyValues('secrets', list('secrets'), 'ID=VALUE'), ...(resolved.secrets ?? [])],
        port: parseIntIn('port', str('port'), 1, 65535),
        env: [...parseKeyValues('env', list('env')), ...(resolved.env ?? [])],
        envSecrets: [...parseKeyValues('env-secrets', list('env-secrets')), ...(resolved['env-secrets'] ?? [])],
        services,
        testCommand: splitCommand('test-command', str('test-command')),
        staticPaths,
        startupTimeoutMs: parseIntIn('startup-timeout', str('startup-timeout'), 1, 3600) * 1000,
        checksIgnore,
        failOn: oneOf('fail-on', str('fail-on'), ['error', 'warning']),
        secretScan: oneOf('secret-scan', str('secret-scan'), ['new', 'all']),
        mozlog: oneOf('mozlog', str('mozlog'), ['off', 'warn', 'require']),
        version: raw.has('version') && str('version') !== '' ? str('version') : null,
        push,
        username,
        password,
        registryAuth,
        hubDescription,
        hubShortDescription,
        tagPolicy,
        prComment: oneOf('pr-comment', str('pr-comment').toLowerCase(), ['true', 'false', 'on-failure']),
        // The action's default `${{ github.token }}` is filled in by the runner; taken literally it is no token.
        githubToken: (raw.get('github-token') ?? '').trim().startsWith('${{') ? '' : (raw.get('github-token') ?? '').trim(),
        merge,
        uploadArtifacts: bool('upload-artifacts'),
        artifactName: validArtifactName(str('artifact-name') || 'dockerflow'),
        retentionDays: retention ? parseIntIn('retention-days', retention, 1, 90) : null,
        outDir: writableFolder(raw.get('out')?.trim() ? external_node_path_default().resolve(cwd, raw.get('out').trim()) : outsideContext(external_node_path_default().resolve(cwd, defaultOutDir), context)),
        minUptimeMs: parseIntIn('min-uptime', str('min-uptime') || '5', 0, 3600) * 1000,
    };
    checkSecretTransport(config);
    return config;
}
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
/**
 * `platforms`: one value is passed to the build as given (as before); several must each be `os/arch[/variant]`,
 * given once each. Whether the engine can hold several in one image (the containerd image store) is asked by the
 * build stage, which knows the engine.
 */
function parsePlatforms(values) {
    if (values.length <= 1)
        return values;
    const seen = new Set();
    for (const v of values) {
        if (!PLATFORM.test(v)) {
            throw new errors/* ConfigError */.x('platforms', `"${v}" is not a platform`, 'write each as os/arch[/variant], e.g. linux/amd64,linux/arm64');
        }
        if (seen.has(v))
            throw new errors/* ConfigError */.x('platforms', `"${v}" is given twice`, 'give each platform once');
        seen.add(v);
    }
    return values;
}
/** `test-platforms`: a subset of `platforms` (every one when empty). */
function parseTestPlatforms(values, platforms) {
    if (values.length === 0)
        return platforms;
    for (const v of values) {
        if (!platforms.includes(v)) {
            throw new errors/* ConfigError */.x('test-platforms', `"${v}" is not one of the platforms built (${platforms.join(', ') || "the engine's own"})`, 'name platforms listed in platforms, or leave test-platforms empty to test every one');
        }
    }
    return [...new Set(values)];
}
/**
 * Secrets that would have to travel in the docker CLI's own environment under a name the docker CLI reads
 * (a secret build arg `DOCKER_AUTH_CONFIG`, a multi-line `env-secrets` entry `DOCKER_HOST`) are refused: they
 * would change which daemon, config or proxy docker uses. Single-line container variables go in an env file
 * and are never refused.
 */
function checkSecretTransport(config) {
    for (const a of secretBuildArgs(config)) {
        if ((0,names/* isDockerCliVariable */.xo)(a.key)) {
            throw new errors/* ConfigError */.x('build-args', `${a.key} holds a secret, and a secret build arg is passed to docker by name from its environment, where ${a.key} would change what docker itself does`, `pass it as a build secret instead (secrets: ${a.key.toLowerCase()}=…, read with RUN --mount=type=secret,id=${a.key.toLowerCase()})`);
        }
    }
    const multiLine = [
        ...config.envSecrets.map((e) => ['env-secrets', e]),
        ...config.env.filter((e) => (0,names/* secretParts */.Bm)(e.key, e.value).length > 0).map((e) => ['env', e]),
        ...config.services.flatMap((s) => s.env.filter((e) => (0,names/* secretParts */.Bm)(e.key, e.value).length > 0).map((e) => ['services', e])),
    ];
    for (const [input, e] of multiLine) {
        if (/[\r\n]/.test(e.value) && (0,names/* isDockerCliVariable */.xo)(e.key)) {
            throw new errors/* ConfigError */.x(input, `${e.key} holds a multi-line secret, which docker can only take by name from its own environment, where ${e.key} would change what docker itself does`, `rename the variable (the app can read ${e.key} from another name) or make the value one line (base64)`);
        }
    }
}
/** Whether `p` is `dir` or inside it. */
function isInside(p, dir) {
    const rel = external_node_path_default().relative(dir, p);
    return rel === '' || (!rel.startsWith('..') && !external_node_path_default().isAbsolute(rel));
}
/**
 * The default out dir, unless it lies in the build context (the CLI run from the app's folder with
 * `--context .`): there a `COPY . /app` would take the last run's files into the image and change its layer on
 * every run. Then one folder per context under the system temp folder, the same on every run.
 */
function outsideContext(dir, context) {
    if (!isInside(dir, context))
        return dir;
    const id = (0,external_node_crypto_.createHash)('sha256').update(context).digest('hex').slice(0, 8);
    return external_node_path_default().join(external_node_os_default().tmpdir(), 'dockerflow-out', `${external_node_path_default().basename(context) || 'root'}-${id}`);
}
/** Shorter secrets cannot be masked or searched for: they would match everywhere. */
const MIN_SECRET_LENGTH = 3;
/** Every secret the inputs hold, build secrets first (they are the likeliest to reach the image). */
function secretEntries(config) {
    const entries = [
        ...config.secrets.map((s) => ({ name: `build secret ${s.key}`, value: s.value })),
        { name: 'password', value: config.password },
        { name: 'github-token', value: config.githubToken },
        ...config.envSecrets.map((e) => ({ name: `env-secrets ${e.key}`, value: e.value })),
    ];
    // How the login travels and is stored: `auth` in a docker config.json, and Basic Authorization headers.
    const auth = registryAuth(config);
    if (auth)
        entries.push({ name: 'registry login (docker config auth)', value: auth });
    // One rule for env, services and build args (src/secrets/names.ts): a secret-looking name, a private key,
    // a *_DSN with userinfo, or a password inside a URL (postgres://user:pw@db/app), whatever the name.
    for (const c of config.registryAuth) {
        entries.push({ name: `registry-auth password for ${c.registry}`, value: c.password });
        const basic = registryAuth(c);
        if (basic)
            entries.push({ name: `registry-auth login for ${c.registry} (docker config auth)`, value: basic });
    }
    const judged = [
        ...config.buildArgs.map((e) => ['build-arg', e]),
        ...config.env.map((e) => ['env', e]),
        ...config.services.flatMap((s) => s.env.map((e) => [`service ${s.name} env`, e])),
    ];
    for (const [where, { key, value }] of judged)
        for (const part of (0,names/* secretParts */.Bm)(key, value))
            entries.push({ name: part.whole ? `${where} ${key}` : `the password in ${where} ${key}`, value: part.value });
    return entries.filter((e) => e.value !== '');
}
/** Build args that are secrets by the one rule: passed by name from the environment, never in argv. */
function secretBuildArgs(config) {
    return config.buildArgs.filter((a) => (0,names/* secretParts */.Bm)(a.key, a.value).length > 0);
}
/** The secrets that can be masked and searched for, each value once, named after its first source. */
function namedSecrets(config) {
    const byValue = new Map();
    for (const e of secretEntries(config))
        if (e.value.length >= MIN_SECRET_LENGTH && !byValue.has(e.value))
            byValue.set(e.value, e);
    return [...byValue.values()];
}
/** Values that must never appear in a log, file or output: registered before any command runs. */
function secretValues(config) {
    return namedSecrets(config).map((e) => e.value);
}
/** Secrets too short to mask or search for, by name: the run says so rather than pretend they are safe. */
function unmaskableSecrets(config) {
    return secretEntries(config)
        .filter((e) => e.value.length < MIN_SECRET_LENGTH)
        .map((e) => e.name);
}
/** `base64(user:password)`: the `auth` of a docker config.json and the Basic Authorization header. */
function registryAuth(config) {
    return config.username && config.password ? Buffer.from(`${config.username}:${config.password}`).toString('base64') : null;
}
/** Docker Hub's limit for a repository's short description. */
const HUB_SHORT_DESCRIPTION_MAX = 100;
/** Every registry login the inputs give: `registry`'s username/password first, then `registry-auth`. */
function registryCredentials(config) {
    const primary = config.username || config.password ? [{ registry: config.registry, username: config.username, password: config.password }] : [];
    return [...primary, ...config.registryAuth];
}
/**
 * `registry-auth` as docker/login-action takes it: a YAML list of `registry` (default docker.io), `username`,
 * `password`. Error messages give the entry and line, never the text: it holds passwords. `taken` is the registry
 * the username/password inputs already log in to (an entry for it again would be ambiguous).
 */
function parseRegistryAuth(text, taken) {
    if (!text.trim())
        return [];
    const fail = (what) => {
        throw new errors/* ConfigError */.x('registry-auth', what, 'write a YAML list, one entry per registry: "- registry: ghcr.io" then "username:" and "password:" lines indented under it');
    };
    const doc = (0,dist/* parseDocument */.Tp)(text);
    if (doc.errors.length > 0) {
        const e = doc.errors[0];
        fail(`is not valid YAML (${e.code.toLowerCase().replace(/_/g, ' ')} at line ${e.linePos?.[0]?.line ?? '?'})`);
    }
    if (!(0,dist/* isSeq */.oP)(doc.contents))
        fail('is not a YAML list');
    const seen = new Set(taken ? [taken] : []);
    const out = [];
    const items = (0,dist/* isSeq */.oP)(doc.contents) ? doc.contents.items : [];
    items.forEach((item, i) => {
        const where = `entry ${i + 1}`;
        if (!(0,dist/* isMap */.jh)(item))
            fail(`${where} is not a mapping of registry, username and password`);
        const fields = {};
        for (const pair of (0,dist/* isMap */.jh)(item) ? item.items : []) {
            const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
            if (!['registry', 'username', 'password'].includes(key)) {
                fail(`${where} has the key "${key}" (only registry, username and password are read)`);
            }
            if (!(0,dist/* isScalar */.jn)(pair.value) || typeof pair.value.value === 'object')
                fail(`${where}: ${key} is not a plain value`);
            fields[key] = (0,dist/* isScalar */.jn)(pair.value) ? String(pair.value.value ?? '') : '';
        }
        const registryIn = (fields.registry ?? '').trim() || image_ref/* DOCKER_HUB */.Xb;
        if (!(0,image_ref/* isRegistryHost */.EV)(registryIn))
            fail(`${where}: "${registryIn}" is not a registry host`);
        const registry = (0,image_ref/* normalRegistry */.T1)(registryIn);
        if (!fields.username?.trim() || !fields.password) {
            fail(`${where} (${registry}) has no ${!fields.username?.trim() ? 'username' : 'password'}`);
        }
        if (seen.has(registry)) {
            fail(`${where} logs in to ${registry} again${registry === taken ? ' (the username and password inputs already do)' : ''}: keep one login per registry`);
        }
        seen.add(registry);
        out.push({ registry, username: fields.username.trim(), password: fields.password });
    });
    return out;
}
/**
 * The passwords in a `registry-auth` text, best effort and never throwing: masked before the inputs are checked,
 * so a mistake elsewhere cannot print them.
 */
function registryAuthPasswords(text) {
    try {
        const value = (0,dist/* parseDocument */.Tp)(text).toJS();
        if (!Array.isArray(value))
            return [];
        return value.flatMap((e) => e && typeof e === 'object' && typeof e.password === 'string'
            ? [e.password]
            : []);
    }
    catch {
        return [];
    }
}
function defaultImage(env, context) {
    if (env.GITHUB_REPOSITORY)
        return env.GITHUB_REPOSITORY.toLowerCase();
    return (external_node_path_default().basename(context)
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'app');
}
/** The out dir: a folder, or a path that can become one (its nearest existing parent is a writable folder). */
function writableFolder(dir) {
    let existing = dir;
    while (!(0,external_node_fs_.existsSync)(existing))
        existing = external_node_path_default().dirname(existing);
    if (!(0,external_node_fs_.statSync)(existing).isDirectory()) {
        const what = existing === dir ? 'is a file' : `cannot be made: ${existing} is a file`;
        throw new errors/* ConfigError */.x('out', `"${dir}" ${what}, not a folder`, 'name a folder for the build log and report (it is created when missing)');
    }
    try {
        (0,external_node_fs_.accessSync)(existing, external_node_fs_.constants.W_OK);
    }
    catch {
        throw new errors/* ConfigError */.x('out', `"${dir}" cannot be written: ${existing} is not writable`, 'name a folder you can write to');
    }
    return dir;
}
/**
 * A `--provenance` / `--sbom` value as build-push-action takes it: a boolean, or `key=value` pairs separated by
 * commas (`mode=max`, `mode=max,builder-id=URL`, `generator=IMAGE`).
 */
function attestation(name, value, keys) {
    if (value === '')
        return '';
    if (/^(true|false)$/i.test(value))
        return value.toLowerCase();
    const pairs = value.split(',').map((p) => p.trim());
    for (const pair of pairs) {
        const [key = '', ...rest] = pair.split('=');
        if (!keys.test(key) || rest.join('=') === '' || (key === 'mode' && !/^(min|max)$/.test(rest.join('=')))) {
            throw new errors/* ConfigError */.x(name, `"${pair}" is not a ${name} setting`, name === 'provenance' ? 'use false, true, mode=min or mode=max' : 'use true, false or generator=IMAGE');
        }
    }
    return pairs.join(',');
}
function parseBool(name, value) {
    if (/^(true|yes|1|on)$/i.test(value))
        return true;
    if (/^(false|no|0|off|)$/i.test(value))
        return false;
    throw new errors/* ConfigError */.x(name, `"${value}" is not a boolean`, 'use true or false');
}
function parseIntIn(name, value, min, max) {
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
        throw new errors/* ConfigError */.x(name, `"${value}" is not a whole number from ${min} to ${max}`, `use a whole number from ${min} to ${max}`);
    }
    return n;
}
function oneOf(name, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new errors/* ConfigError */.x(name, `"${value}" is not one of ${allowed.join(', ')}`, `use ${allowed.join(' or ')}`);
}
function validArtifactName(name) {
    if (/["<>|*?\r\n\\/:]/.test(name)) {
        throw new errors/* ConfigError */.x('artifact-name', `"${name}" has a character artifacts do not allow`, 'avoid " : < > | * ? \\ / and newlines');
    }
    return name;
}


/***/ }),

/***/ 37827:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ ConfigError),
/* harmony export */   y: () => (/* binding */ UserError)
/* harmony export */ });
/**
 * A bad input: names the input, the bad value and the fix, in one line. The action prints it with the input
 * name, the CLI with the flag; neither prints a stack trace.
 */
class ConfigError extends Error {
    input;
    problem;
    fix;
    constructor(input, problem, fix) {
        super(`input "${input}": ${problem}; ${fix}`);
        this.input = input;
        this.problem = problem;
        this.fix = fix;
        this.name = 'ConfigError';
    }
    /** The same message, naming the option as the user typed it (`--port` in the CLI). */
    render(nameOf) {
        return `${nameOf(this.input)}: ${this.problem}; ${this.fix}`;
    }
}
/**
 * A failure the user can act on, with where it happened and how to fix it. Anything else that escapes the
 * pipeline is a bug in this tool and is reported as such.
 */
class UserError extends Error {
    kind;
    /**
     * `config`: the inputs cannot work for this run, found once the git context is read (a push due without
     * credentials): the CLI exits 2 for it, as for a bad flag.
     */
    constructor(message, kind = 'run') {
        super(message);
        this.kind = kind;
        this.name = 'UserError';
    }
}


/***/ }),

/***/ 22023:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ formatDigestRef),
/* harmony export */   EV: () => (/* binding */ isRegistryHost),
/* harmony export */   T1: () => (/* binding */ normalRegistry),
/* harmony export */   Tf: () => (/* binding */ parseDigestRef),
/* harmony export */   Xb: () => (/* binding */ DOCKER_HUB),
/* harmony export */   Z6: () => (/* binding */ isRepository),
/* harmony export */   _I: () => (/* binding */ hubRepository),
/* harmony export */   gr: () => (/* binding */ isDockerHub),
/* harmony export */   iP: () => (/* binding */ sanitizeTag),
/* harmony export */   oN: () => (/* binding */ parseTagEntry),
/* harmony export */   rq: () => (/* binding */ formatRef)
/* harmony export */ });
/* unused harmony export isTag */
/** Docker image reference grammar (distribution/reference), enough to validate and normalise inputs. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
const isRepository = (s) => REPOSITORY.test(s);
const isTag = (s) => TAG.test(s);
const isRegistryHost = (s) => HOST.test(s);
/** Docker Hub's canonical host, and the names people write for it. */
const DOCKER_HUB = 'docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
const isDockerHub = (host) => HUB_ALIASES.has(host.toLowerCase());
/** The one Docker Hub normalisation of a host: any of its names becomes docker.io; other hosts stay as written. */
const normalRegistry = (host) => (isDockerHub(host) ? DOCKER_HUB : host);
/** A repository as Docker Hub names it: a single name (`nginx`) lives under `library/`; other registries keep it. */
function hubRepository(registry, repository) {
    return isDockerHub(registry) && !repository.includes('/') ? `library/${repository}` : repository;
}
/** A registry host is the first path part when it looks like a host (has '.' or ':' or is localhost). */
function looksLikeHost(part) {
    return part.includes('.') || part.includes(':') || part === 'localhost';
}
/** Full, pushable form: `registry/repository:tag`, with Docker Hub's `library/` for single names. */
function formatRef(ref) {
    return `${normalRegistry(ref.registry)}/${hubRepository(ref.registry, ref.repository)}:${ref.tag}`;
}
/** A pushed image by digest: `registry/repository@sha256:…` (what `docker pull` and imagetools take). */
function formatDigestRef(ref, digest) {
    return `${normalRegistry(ref.registry)}/${hubRepository(ref.registry, ref.repository)}@${digest}`;
}
/** `registry/repository@sha256:<64 hex>` → its parts (the registry part as `parseTagEntry` finds it); else null. */
function parseDigestRef(entry, registry) {
    const m = /^(.+)@(sha256:[0-9a-f]{64})$/.exec(entry.trim());
    if (!m)
        return null;
    const parsed = parseTagEntry(`${m[1]}:x`, registry, m[1]);
    return parsed ? { registry: parsed.registry, repository: parsed.repository, digest: m[2] } : null;
}
/**
 * Parse a tag input entry: either a bare tag (`v1.2`) applied to the configured image, or a full reference
 * (`ghcr.io/org/app:v1`, `org/app:v1`). Returns null when it is neither.
 */
function parseTagEntry(entry, registry, repository) {
    if (isTag(entry))
        return { registry, repository, tag: entry };
    const colon = entry.lastIndexOf(':');
    const slash = entry.lastIndexOf('/');
    if (colon <= slash)
        return null; // no tag part: refuse rather than guess `latest`
    const name = entry.slice(0, colon);
    const tag = entry.slice(colon + 1);
    if (!isTag(tag))
        return null;
    const first = name.split('/')[0];
    const host = name.includes('/') && looksLikeHost(first) ? first : registry;
    const repo = host === first && name.includes('/') ? name.slice(first.length + 1) : name;
    if (!isRegistryHost(host) || !isRepository(repo))
        return null;
    return { registry: host, repository: repo, tag };
}
/** Turn an arbitrary branch name into a valid tag (what docker/metadata-action does for `type=ref`). */
function sanitizeTag(name) {
    const cleaned = name
        .replace(/[^A-Za-z0-9_.-]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^[.-]+|-+$/g, '');
    return (cleaned || 'unknown').slice(0, 128);
}


/***/ }),

/***/ 6856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   id: () => (/* binding */ OPTION_BY_NAME),
/* harmony export */   lw: () => (/* binding */ OPTIONS)
/* harmony export */ });
/* unused harmony export cliFlag */
const OPTIONS = [
    { name: 'context', kind: 'string', default: '.', description: 'Build context directory' },
    { name: 'file', kind: 'string', description: 'Dockerfile path (default: {context}/Dockerfile)' },
    {
        name: 'image',
        kind: 'string',
        description: 'Image repository, e.g. mozilla/app (default: the GitHub repository, lower-cased)',
    },
    { name: 'registry', kind: 'string', default: 'docker.io', description: 'Registry host for login and push' },
    {
        name: 'tags',
        kind: 'list',
        flag: 'tag',
        description: 'Explicit tags or full image refs; replace the push policy (accepts docker/metadata-action tags)',
    },
    { name: 'labels', kind: 'list', flag: 'label', newlineOnly: true, description: 'Extra image labels, KEY=VALUE' },
    { name: 'build-args', kind: 'list', flag: 'build-arg', newlineOnly: true, description: 'Build-time variables, KEY=VALUE' },
    { name: 'target', kind: 'string', description: 'Target build stage' },
    { name: 'no-cache', kind: 'boolean', default: 'false', description: 'Do not use the layer cache' },
    { name: 'pull', kind: 'boolean', default: 'false', description: 'Always pull referenced base images' },
    { name: 'cache-from', kind: 'list', flag: 'cache-from', newlineOnly: true, description: 'External cache sources (buildx)' },
    { name: 'cache-to', kind: 'list', flag: 'cache-to', newlineOnly: true, description: 'Cache export destinations (buildx)' },
    {
        name: 'provenance',
        kind: 'string',
        description: 'Provenance attestation, as docker/build-push-action: false, true, mode=min or mode=max (needs the containerd image store or a docker-container builder)',
    },
    {
        name: 'sbom',
        kind: 'string',
        description: "SBOM attestation, as docker/build-push-action: true, false or generator=IMAGE (needs BuildKit's scanner image)",
    },
    {
        name: 'platforms',
        kind: 'list',
        flag: 'platform',
        description: "Target platforms, e.g. linux/amd64,linux/arm64 (default: the engine's own); each is built, run and probed here (others under QEMU), several need the containerd image store",
    },
    {
        name: 'secrets',
        kind: 'list',
        flag: 'secret',
        newlineOnly: true,
        description: 'Build secrets ID=VALUE, masked and passed to the build by environment (CLI: id=ID,env=VAR or id=ID,src=FILE keep the value out of argv)',
    },
    { name: 'port', kind: 'number', default: '8000', description: 'Port the app listens on by default' },
    { name: 'env', kind: 'list', flag: 'env', newlineOnly: true, description: 'Runtime environment for the container, KEY=VALUE' },
    {
        name: 'env-secrets',
        kind: 'list',
        flag: 'env-secret',
        newlineOnly: true,
        description: 'Runtime KEY=VALUE entries whose values are all secret, whatever their names: masked, passed in a private env file (CLI: NAME takes the value from your environment)',
    },
    {
        name: 'services',
        kind: 'list',
        flag: 'service',
        newlineOnly: true,
        description: 'Sidecars NAME=IMAGE [KEY=VALUE ...], started on a private network before the app',
    },
    { name: 'test-command', kind: 'string', description: 'Command run as `docker run IMAGE <command>`; must exit 0' },
    {
        name: 'test-platforms',
        kind: 'list',
        flag: 'test-platform',
        description: 'Platforms the test-command runs on (default: every one of platforms)',
    },
    { name: 'static-paths', kind: 'list', flag: 'static-path', description: 'URL paths that must answer 200' },
    { name: 'startup-timeout', kind: 'number', default: '60', description: 'Seconds to wait for /__lbheartbeat__' },
    {
        name: 'min-uptime',
        kind: 'number',
        default: '5',
        description: 'Seconds the app must stay up after it started before DF208 passes (the probes run meanwhile); 0 for none',
    },
    { name: 'checks-ignore', kind: 'list', description: 'Rule IDs to skip, e.g. DF104,DF302' },
    { name: 'fail-on', kind: 'string', default: 'error', description: 'Lowest level that fails the run: error or warning' },
    {
        name: 'secret-scan',
        kind: 'string',
        default: 'new',
        description: 'DF106 layer scan: new (the layers this build wrote) or all (the base image too)',
    },
    { name: 'mozlog', kind: 'string', default: 'warn', description: 'mozlog log lines: off, warn or require' },
    { name: 'version', kind: 'string', description: 'Override the version field of version.json' },
    {
        name: 'push',
        kind: 'string',
        default: 'auto',
        description: 'auto (push policy), true, false, or by-digest (as auto, untagged: each platform of a fan-out, for merge to tag)',
    },
    {
        name: 'tag-policy',
        kind: 'list',
        description: 'Opt-in extra tags beside latest and git tags: sha (sha-<short>), pr (push pr-<N>, never for forks), semver (vX.Y.Z -> X.Y.Z, X.Y, X)',
    },
    { name: 'username', kind: 'string', description: 'Registry username' },
    {
        name: 'password',
        kind: 'string',
        actionOnly: true,
        description: 'Registry password or access token (CLI: --password-stdin)',
    },
    {
        name: 'registry-auth',
        kind: 'string',
        actionOnly: true,
        description: "More registries to log in to and push to, in docker/login-action's YAML form: a list of registry, username, password",
    },
    {
        name: 'hub-description',
        kind: 'string',
        description: "File (e.g. README.md) whose text becomes the Docker Hub repository's description after a verified push",
    },
    {
        name: 'hub-short-description',
        kind: 'string',
        description: "The Docker Hub repository's short description (at most 100 characters), set after a verified push",
    },
    {
        name: 'pr-comment',
        kind: 'string',
        default: 'true',
        actionOnly: true,
        description: 'Sticky pull request comment with the verdict: true, false or on-failure (needs pull-requests: write)',
    },
    {
        name: 'github-token',
        kind: 'string',
        default: '${{ github.token }}',
        actionOnly: true,
        description: 'Token for the pull request comment',
    },
    {
        name: 'merge',
        kind: 'list',
        newlineOnly: true,
        actionOnly: true,
        description: 'Merge step of a fan-out (CLI: dockerflow merge): dockerflow-report.json files, or folders holding them, of push: by-digest runs; builds nothing, tags one index of their images',
    },
    { name: 'upload-artifacts', kind: 'boolean', default: 'true', description: 'Upload the out dir as a workflow artifact' },
    { name: 'artifact-name', kind: 'string', default: 'dockerflow', description: 'Name of the uploaded artifact' },
    { name: 'retention-days', kind: 'number', description: 'Artifact retention in days (default: the repository setting)' },
    {
        name: 'out',
        kind: 'string',
        cliOnly: true,
        default: './dockerflow-out',
        description: 'Folder for the build log, report and other files (a folder under the system temp folder when ./dockerflow-out is inside --context; never seen by the build)',
    },
    { name: 'password-stdin', kind: 'boolean', cliOnly: true, description: 'Read the registry password from standard input' },
    {
        name: 'env-file',
        kind: 'list',
        flag: 'env-file',
        cliOnly: true,
        description: "Read env-secrets from a file of KEY=VALUE lines, as docker run --env-file (a bare KEY takes your environment's value)",
    },
];
const OPTION_BY_NAME = new Map(OPTIONS.map((o) => [o.name, o]));
/** The flag a CLI user types for this option. */
function cliFlag(spec) {
    return `--${spec.flag ?? spec.name}`;
}


/***/ }),

/***/ 37220:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ removeRunResources)
/* harmony export */ });
/* harmony import */ var _run_label_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(94402);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(66872);
/* harmony import */ var _own_container_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7742);



/**
 * Remove every container and network a run created (found by its label), whatever state they are in. Safe to
 * call twice: the pipeline calls it when it ends, the post step again in case the job was cancelled.
 */
async function removeRunResources(runner, runId) {
    const label = `${_run_label_js__WEBPACK_IMPORTED_MODULE_2__/* .RUN_LABEL */ .j}=${runId}`;
    const ids = async (argv) => {
        const r = await runner.run(argv, { allowFailure: true, quiet: true, cleanup: true });
        return r.exitCode === 0
            ? r.stdout
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean)
            : [];
    };
    // Both listed at once; the containers go first, as a network in use cannot be removed.
    const [containers, networks] = await Promise.all([ids(_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .dockerArgv */ .fk.listContainers(label)), ids(_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .dockerArgv */ .fk.listNetworks(label))]);
    await (0,_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .removeContainers */ .Dn)(runner, containers, { volumes: true, cleanup: true });
    // A containerised job joined the run network to reach the app (Stack): it leaves first, or the network stays.
    const self = networks.length ? (0,_own_container_js__WEBPACK_IMPORTED_MODULE_1__/* .ownContainerId */ .X)() : null;
    if (self) {
        await Promise.all(networks.map((n) => runner.run(_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .dockerArgv */ .fk.networkDisconnect(n, self), { allowFailure: true, quiet: true, cleanup: true })));
    }
    if (networks.length)
        await runner.run(_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .dockerArgv */ .fk.networkRemove(networks), { allowFailure: true, quiet: true, cleanup: true });
    return { containers: containers.length, networks: networks.length };
}


/***/ }),

/***/ 66872:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dn: () => (/* binding */ removeContainers),
/* harmony export */   E$: () => (/* binding */ tagImage),
/* harmony export */   FO: () => (/* binding */ exitCodeOf),
/* harmony export */   Iu: () => (/* binding */ storeInfo),
/* harmony export */   Jj: () => (/* binding */ removeImage),
/* harmony export */   Mn: () => (/* binding */ top),
/* harmony export */   Ng: () => (/* binding */ connect),
/* harmony export */   R9: () => (/* binding */ imageSize),
/* harmony export */   RB: () => (/* binding */ logTail),
/* harmony export */   Sn: () => (/* binding */ imageInspect),
/* harmony export */   UN: () => (/* binding */ save),
/* harmony export */   VF: () => (/* binding */ followLogs),
/* harmony export */   W_: () => (/* binding */ isRunning),
/* harmony export */   aH: () => (/* binding */ inspectContainer),
/* harmony export */   bX: () => (/* binding */ containerState),
/* harmony export */   ds: () => (/* binding */ stop),
/* harmony export */   ew: () => (/* binding */ copyOut),
/* harmony export */   fk: () => (/* binding */ dockerArgv),
/* harmony export */   fm: () => (/* binding */ waitFor),
/* harmony export */   lb: () => (/* binding */ createIdle),
/* harmony export */   ni: () => (/* binding */ start),
/* harmony export */   qL: () => (/* binding */ platformImageId),
/* harmony export */   we: () => (/* binding */ containerStates),
/* harmony export */   z7: () => (/* binding */ kill)
/* harmony export */ });
/* harmony import */ var _exec_runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37507);
/* harmony import */ var _registry_argv_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48940);
/* harmony import */ var _run_label_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(94402);
/* harmony import */ var _run_argv_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7532);
/**
 * The docker CLI as typed functions over the Runner: every docker command the tool runs outside the build
 * (build-argv.ts), the containers it starts (run-argv.ts) and the registry commands (registry-argv.ts) has its argv
 * built here, in `dockerArgv`, and is run by the function next to it (docker/actions-toolkit's
 * `Docker.getExecOutput` is the model). No other folder spells a docker argv: __tests__/unit/docker-argv.test.ts
 * fails on one.
 */




/** argv of every command below, pure (table-tested in __tests__/unit/docker-argv.test.ts). */
const dockerArgv = {
    serverVersion: () => ['docker', 'version', '--format', '{{.Server.Version}}'],
    buildxVersion: () => ['docker', 'buildx', 'version'],
    /** The engine's storage driver status and data root, one line: `<DriverStatus JSON> <DockerRootDir>`. */
    storeInfo: () => ['docker', 'info', '--format', '{{json .DriverStatus}} {{.DockerRootDir}}'],
    /** `docker inspect` of containers (whole JSON, or one `--format` template). */
    inspect: (ids, format) => ['docker', 'inspect', ...(format ? ['--format', format] : []), ...ids],
    imageInspect: (refs, format, platform) => [
        'docker',
        'image',
        'inspect',
        ...(platform ? ['--platform', platform] : []),
        ...(format ? ['--format', format] : []),
        ...refs,
    ],
    /** A container that is never started (files are copied out of it); its command is a path that does not exist. */
    createIdle: (name, runId, image, platform) => [
        'docker',
        'create',
        '--name',
        name,
        ...(0,_run_label_js__WEBPACK_IMPORTED_MODULE_3__/* .runLabelArgs */ .Z)(runId),
        '--entrypoint',
        '/dockerflow-never-run',
        ...(0,_run_argv_js__WEBPACK_IMPORTED_MODULE_2__/* .platformArgs */ .xZ)(platform),
        image,
    ],
    /** Copy `file` (links followed) out of a container to `dest`. */
    copyOut: (container, file, dest) => ['docker', 'cp', '-L', `${container}:${file}`, dest],
    remove: (ids, o = {}) => ['docker', 'rm', '-f', ...(o.volumes ? ['-v'] : []), ...ids],
    kill: (id) => ['docker', 'kill', id],
    stop: (ids, graceS) => ['docker', 'stop', '-t', String(graceS), ...ids],
    start: (ids) => ['docker', 'start', ...ids],
    top: (id) => ['docker', 'top', id, '-eo', 'pid,ppid,args'],
    logsTail: (id, lines) => ['docker', 'logs', '--tail', String(lines), id],
    logsFollow: (id) => ['docker', 'logs', '--follow', id],
    wait: (id) => ['docker', 'wait', id],
    save: (ref) => ['docker', 'save', ref],
    imageRemove: (ref) => ['docker', 'image', 'rm', ref],
    listContainers: (label) => ['docker', 'ps', '-aq', '--filter', `label=${label}`],
    listNetworks: (label) => ['docker', 'network', 'ls', '-q', '--filter', `label=${label}`],
    networkConnect: (network, container) => ['docker', 'network', 'connect', network, container],
    networkDisconnect: (network, container) => ['docker', 'network', 'disconnect', '--force', network, container],
    networkRemove: (networks) => ['docker', 'network', 'rm', ...networks],
};
const quietly = { allowFailure: true, quiet: true };
/** The whole `docker inspect` object of a container; undefined when it cannot be read. */
async function inspectContainer(runner, id) {
    const r = await runner.run(dockerArgv.inspect([id]), quietly);
    try {
        return JSON.parse(r.stdout)[0];
    }
    catch {
        return undefined;
    }
}
/** A container's `State` object (ExitCode, OOMKilled, Error, StartedAt, FinishedAt...); null when unknown. */
async function containerState(runner, id) {
    const r = await runner.run(dockerArgv.inspect([id], '{{json .State}}'), quietly);
    try {
        return JSON.parse(r.stdout);
    }
    catch {
        return null;
    }
}
/** `true`/`false` as the engine says whether the container runs; null when it cannot tell (no such container). */
async function isRunning(runner, id) {
    const r = await runner.run(dockerArgv.inspect([id], '{{.State.Running}}'), quietly);
    const s = r.stdout.trim();
    return s === 'true' ? true : s === 'false' ? false : null;
}
/** A stopped container's exit code; -1 when it cannot be read. */
async function exitCodeOf(runner, id) {
    const r = await runner.run(dockerArgv.inspect([id], '{{.State.ExitCode}}'), quietly);
    return Number(r.stdout.trim() || -1);
}
/** Name, running and exit code of each container, by name (without docker's leading `/`). */
async function containerStates(runner, ids) {
    const r = await runner.run(dockerArgv.inspect(ids, '{{.Name}} {{.State.Running}} {{.State.ExitCode}}'), quietly);
    return new Map(r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => {
        const [name = '', running = '', code = ''] = l.trim().split(' ');
        return [name.replace(/^\//, ''), { running: running === 'true', exitCode: Number(code) }];
    }));
}
/** `docker top ID -eo pid,ppid,args`; null when it failed. */
async function top(runner, id) {
    const r = await runner.run(dockerArgv.top(id), quietly);
    return r.exitCode === 0 ? r.stdout : null;
}
/** Remove containers, running or not (best effort); `cleanup`: also once the run was interrupted. */
async function removeContainers(runner, ids, o = {}) {
    if (ids.length)
        await runner.run(dockerArgv.remove(ids, o), { ...quietly, cleanup: o.cleanup ?? false });
}
/** SIGKILL, logged (best effort). */
async function kill(runner, id) {
    await runner.run(dockerArgv.kill(id), { allowFailure: true });
}
/** `docker stop -t graceS`, logged (best effort): the stop signal, then SIGKILL after `graceS` seconds. */
async function stop(runner, ids, graceS) {
    return ids.length ? runner.run(dockerArgv.stop(ids, graceS), { allowFailure: true }) : null;
}
/** Start stopped containers again, logged (best effort). */
async function start(runner, ids) {
    if (ids.length)
        await runner.run(dockerArgv.start(ids), { allowFailure: true });
}
/** The container's last `lines` lines of output, into build.log (best effort). */
async function logTail(runner, id, lines) {
    await runner.run(dockerArgv.logsTail(id, lines), { allowFailure: true });
}
/** `docker logs --follow`: the container's output from its start, for as long as it runs (a follower). */
function followLogs(runner, id) {
    return runner.spawn(dockerArgv.logsFollow(id));
}
/** `docker wait`: ends when the container exits, printing its exit code (a follower). */
function waitFor(runner, id) {
    return runner.spawn(dockerArgv.wait(id));
}
/**
 * `docker save REF` as a stream (a follower: killed with the run, or by the caller when it stops reading, which
 * it must do when it fails: a save nobody reads blocks on its full pipe for ever). `why` goes in build.log.
 */
function save(runner, ref, why) {
    return runner.spawn(dockerArgv.save(ref), { why });
}
/**
 * A container made from `image` and never started, to copy files out of; returns its ID. An interrupt lets it
 * finish, so the cleanup finds the container (one stopped half-way is created after the cleanup looked).
 */
async function createIdle(runner, name, runId, image, platform) {
    const r = await runner.run(dockerArgv.createIdle(name, runId, image, platform), { quiet: true, onAbort: 'finish' });
    return r.stdout.trim();
}
/** Copy one file out of a container; false when it is not there. */
async function copyOut(runner, container, file, dest) {
    const r = await runner.run(dockerArgv.copyOut(container, file, dest), quietly);
    return r.exitCode === 0;
}
/** `docker image inspect` of one image or several (docker prints those it finds and exits 1 if one is missing). */
function imageInspect(runner, refs, o = {}) {
    return runner.run(dockerArgv.imageInspect(refs, undefined, o.platform), { quiet: true, allowFailure: o.allowFailure ?? false });
}
/** The engine's ID of one platform's image in a multi-platform `ref` (containerd store); null when it has none. */
async function platformImageId(runner, ref, platform) {
    const r = await runner.run(dockerArgv.imageInspect([ref], '{{.Id}}', platform), quietly);
    return r.exitCode === 0 ? r.stdout.trim() : null;
}
/** An image's size in bytes as the engine reports it; undefined when it cannot be read. */
async function imageSize(runner, ref) {
    const r = await runner.run(dockerArgv.imageInspect([ref], '{{.Size}}'), quietly).catch(() => null);
    const n = r && r.exitCode === 0 ? Number(r.stdout.trim()) : NaN;
    return Number.isFinite(n) && n >= 0 ? n : undefined;
}
/** Untag one ref (the image goes with its last tag, as any image): a cleanup command, run after an interrupt too. */
async function removeImage(runner, ref) {
    await runner.run(dockerArgv.imageRemove(ref), { ...quietly, cleanup: true });
}
/** `<DriverStatus JSON> <DockerRootDir>` of the engine; null when `docker info` failed. */
async function storeInfo(runner) {
    const r = await runner.run(dockerArgv.storeInfo(), quietly);
    return r.exitCode === 0 ? r.stdout : null;
}
/** Join a network (a job's own container joins the run's); false when docker refused. */
async function connect(runner, network, container) {
    const r = await runner.run(dockerArgv.networkConnect(network, container), quietly);
    return r.exitCode === 0;
}
/**
 * Tag the built image by ID. The containerd store moves a tag by delete + create: a concurrent run moving it too
 * makes that fail once with "already exists", which is tried again (5 attempts); any other failure throws.
 */
async function tagImage(runner, imageId, ref) {
    for (let attempt = 1;; attempt++) {
        const argv = (0,_registry_argv_js__WEBPACK_IMPORTED_MODULE_1__/* .tagArgv */ .vN)(imageId, ref);
        const r = await runner.run(argv, { quiet: true, allowFailure: true });
        if (r.exitCode === 0)
            return;
        if (attempt >= 5 || !/already exists/i.test(r.stderr))
            throw new _exec_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .CommandError */ .Qd(argv, r, runner.redactor);
    }
}


/***/ }),

/***/ 7742:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ ownContainerId)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);


/**
 * The ID of the container this process runs in (a `container:` job, a CI step inside docker), or null on a
 * plain host. Docker bind-mounts the container's own hostname/hosts/resolv.conf files from
 * `/var/lib/docker/containers/<id>/`, which names the ID in /proc/self/mountinfo on cgroup v1 and v2 alike; the
 * hostname (the short ID by default) is the fallback where only /.dockerenv says so.
 */
function ownContainerId(mountinfo = readMountinfo(), dockerenv = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)('/.dockerenv'), hostname = node_os__WEBPACK_IMPORTED_MODULE_1___default().hostname()) {
    const m = /\/containers\/([0-9a-f]{64})\/(?:hostname|hosts|resolv\.conf)\s/.exec(mountinfo);
    if (m)
        return m[1];
    return dockerenv && /^[0-9a-f]{12,64}$/.test(hostname) ? hostname : null;
}
function readMountinfo() {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)('/proc/self/mountinfo', 'utf8');
    }
    catch {
        return '';
    }
}


/***/ }),

/***/ 88421:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $r: () => (/* binding */ platformName),
/* harmony export */   DN: () => (/* binding */ platformSlug),
/* harmony export */   H3: () => (/* binding */ isAttestation),
/* harmony export */   LM: () => (/* binding */ targetPlatform),
/* harmony export */   fy: () => (/* binding */ sameCpu),
/* harmony export */   sT: () => (/* binding */ canHoldPlatforms)
/* harmony export */ });
/* unused harmony export isContainerdStore */
/* harmony import */ var _config_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37827);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66872);
/**
 * Platforms and image index entries, as the engine and registries describe them: shared by what reads an image
 * back from the engine (inspect/image.ts) and from a registry (publish/verify.ts).
 */


/** The platform the local engine built for: `platforms` when given, else this machine's. */
function targetPlatform(platforms, arch = process.arch) {
    const [os, architecture] = (platforms[0] ?? '').split('/');
    if (os && architecture)
        return { os, architecture };
    const byNode = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };
    return { os: 'linux', architecture: byNode[arch] ?? arch };
}
/** `os/arch` of a one-platform build: `platforms` as given, else this machine's. */
function platformName(platforms) {
    const p = targetPlatform(platforms);
    return platforms[0] ?? `${p.os}/${p.architecture}`;
}
const sameCpu = (a, b) => a.os === b.os && a.architecture === b.architecture;
/** `linux/arm64` → `linux-arm64`: the platform in a file name (docker-image-shasum256-linux-arm64.txt). */
const platformSlug = (platform) => platform.replaceAll('/', '-');
/** Whether `docker info`'s DriverStatus names the containerd snapshotter (the containerd image store). */
const isContainerdStore = (driverStatus) => /io\.containerd\.snapshotter/.test(driverStatus);
/**
 * BuildKit's provenance/SBOM attestations ride in the index as manifests of platform `unknown/unknown`, annotated
 * `vnd.docker.reference.type: attestation-manifest`: never the image, so skipped when choosing one.
 */
const isAttestation = (m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    (m.platform?.os === 'unknown' && m.platform?.architecture === 'unknown');
/**
 * Several platforms load as one image only on the containerd image store, through buildx (`--load` of a
 * multi-platform build fails on the classic store): said before anything is built, as a config error with the fix.
 */
async function canHoldPlatforms(runner, builder, n) {
    if (builder === 'classic') {
        throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`platforms: ${n} platforms need docker buildx, and the buildx plugin is missing: install it (docker/setup-buildx-action in a workflow), or give one platform`, 'config');
    }
    const info = await (0,_commands_js__WEBPACK_IMPORTED_MODULE_1__/* .storeInfo */ .Iu)(runner);
    if (info !== null && !isContainerdStore(info)) {
        throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`platforms: ${n} platforms load as one image only on the containerd image store, and this engine uses the classic image store: turn it on (dockerd "features": {"containerd-snapshotter": true}, docs/engines.md) or give one platform`, 'config');
    }
}


/***/ }),

/***/ 48940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R5: () => (/* binding */ imagetoolsCreateArgv),
/* harmony export */   Wg: () => (/* binding */ loginArgv),
/* harmony export */   d1: () => (/* binding */ pushArgv),
/* harmony export */   fB: () => (/* binding */ logoutArgv),
/* harmony export */   vN: () => (/* binding */ tagArgv)
/* harmony export */ });
/* unused harmony export loginServer */
/* harmony import */ var _config_image_ref_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22023);
/**
 * argv for every registry command, built in one place. The password never appears here: `docker login` reads it
 * from stdin (`--password-stdin`), fed through the runner's `input`.
 */

/** The server name `docker login`/`logout` take: Docker Hub's aliases all mean the default index. */
function loginServer(registry) {
    return (0,_config_image_ref_js__WEBPACK_IMPORTED_MODULE_0__/* .isDockerHub */ .gr)(registry) ? 'docker.io' : registry;
}
function loginArgv(registry, username) {
    return ['docker', 'login', '--username', username, '--password-stdin', loginServer(registry)];
}
function logoutArgv(registry) {
    return ['docker', 'logout', loginServer(registry)];
}
/** Point `ref` at exactly the image this run built (another run on the daemon may have moved the name). */
function tagArgv(imageId, ref) {
    return ['docker', 'tag', imageId, ref];
}
function pushArgv(ref) {
    return ['docker', 'push', ref];
}
/**
 * One index, pushed under every tag of `tags`, of the images `sources` name by digest (`repo@sha256:…`): the
 * merge of by-digest pushes. buildx copies what the sources' repositories hold; nothing is built.
 */
function imagetoolsCreateArgv(tags, sources) {
    return ['docker', 'buildx', 'imagetools', 'create', ...tags.flatMap((t) => ['--tag', t]), ...sources];
}


/***/ }),

/***/ 7532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B$: () => (/* binding */ appRunArgv),
/* harmony export */   D4: () => (/* binding */ serviceRunArgv),
/* harmony export */   EV: () => (/* binding */ appContainerName),
/* harmony export */   i0: () => (/* binding */ serviceContainerName),
/* harmony export */   l5: () => (/* binding */ networkCreateArgv),
/* harmony export */   s_: () => (/* binding */ runContainerName),
/* harmony export */   w5: () => (/* binding */ testRunArgv),
/* harmony export */   xZ: () => (/* binding */ platformArgs),
/* harmony export */   xw: () => (/* binding */ envArgs)
/* harmony export */ });
/* unused harmony export fitsEnvFile */
/* harmony import */ var _run_label_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(94402);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88421);


/** docker's `--env-file` holds one `KEY=VALUE` per line, verbatim: a value with a line break cannot go there. */
const fitsEnvFile = (value) => !/[\r\n]/.test(value);
function envArgs(entries, isSecret, envFile) {
    const argv = [];
    const env = {};
    const inFile = [];
    for (const e of entries) {
        if (!isSecret(e))
            argv.push('--env', `${e.key}=${e.value}`);
        else if (fitsEnvFile(e.value))
            inFile.push(e);
        else {
            argv.push('--env', e.key);
            env[e.key] = e.value;
        }
    }
    // docker reads env files before `--env`: a name given both ways gets the `--env` value.
    if (inFile.length)
        argv.push('--env-file', envFile(inFile));
    return { argv, env };
}
/** `--platform P` before the image, when one platform of a multi-platform image is meant. */
const platformArgs = (platform) => (platform ? ['--platform', platform] : []);
const label = (runId) => ['--label', `${_run_label_js__WEBPACK_IMPORTED_MODULE_1__/* .RUN_LABEL */ .j}=${runId}`];
function networkCreateArgv(runId) {
    return ['docker', 'network', 'create', ...label(runId), runId];
}
function serviceContainerName(runId, service) {
    return `${runId}-svc-${service}`;
}
/**
 * A container of the run, `<run id>-<role>`, and `-<os>-<arch>` after it for one platform of several: the
 * platforms of a run without sidecars are judged at once, each in its own containers.
 */
function runContainerName(runId, role, platform) {
    return `${runId}-${role}${platform ? `-${(0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformSlug */ .DN)(platform)}` : ''}`;
}
function appContainerName(runId, platform) {
    return runContainerName(runId, 'app', platform);
}
/** A sidecar, reachable from the app by its service name. */
function serviceRunArgv(s) {
    return [
        'docker',
        'run',
        '--detach',
        '--name',
        serviceContainerName(s.runId, s.name),
        ...label(s.runId),
        '--network',
        s.network,
        '--network-alias',
        s.name,
        ...s.env.argv,
        s.image,
    ];
}
/**
 * The app as production starts it: its own ENTRYPOINT and CMD, configuration in the environment, `$PORT` last
 * so it wins over an `env` entry of the same name. Ports are published on 127.0.0.1 only, on free host ports.
 */
function appRunArgv(a) {
    const publish = ['--publish', `127.0.0.1::${a.port}`];
    if (a.defaultPort !== a.port)
        publish.push('--publish', `127.0.0.1::${a.defaultPort}`);
    return [
        'docker',
        'run',
        '--detach',
        '--name',
        appContainerName(a.runId, a.platform),
        ...label(a.runId),
        '--network',
        a.network,
        ...publish,
        ...a.env.argv,
        '--env',
        `PORT=${a.port}`,
        ...platformArgs(a.platform),
        a.image,
    ];
}
/** `docker run IMAGE <test-command>`: the command replaces CMD and runs through the image's ENTRYPOINT. */
function testRunArgv(t) {
    return [
        'docker',
        'run',
        '--rm',
        '--name',
        runContainerName(t.runId, 'test', t.platform),
        ...label(t.runId),
        '--network',
        t.network,
        ...t.env.argv,
        ...platformArgs(t.platform),
        t.image,
        ...t.command,
    ];
}


/***/ }),

/***/ 94402:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ runLabelArgs),
/* harmony export */   j: () => (/* binding */ RUN_LABEL)
/* harmony export */ });
/** Label set on everything a run creates; the post step and cleanup remove by it. */
const RUN_LABEL = 'dockerflow.run';
/** `--label dockerflow.run=<run id>` for every container and network a run creates. */
const runLabelArgs = (runId) => ['--label', `${RUN_LABEL}=${runId}`];


/***/ }),

/***/ 37507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BP: () => (/* binding */ errorLine),
/* harmony export */   Qd: () => (/* binding */ CommandError),
/* harmony export */   by: () => (/* binding */ Runner),
/* harmony export */   fM: () => (/* binding */ lastLine),
/* harmony export */   zq: () => (/* binding */ displayArgv)
/* harmony export */ });
/* unused harmony exports OUTPUT_TAIL, killTree */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _secrets_names_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(76533);
/* harmony import */ var _secrets_redactor_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(15753);







/** A command that exited non-zero; the message is redacted and ends with the stderr line that says why. */
class CommandError extends Error {
    argv;
    result;
    constructor(argv, result, redactor) {
        const last = redactor.redact(errorLine(result.stderr) || errorLine(result.stdout) || 'no output');
        super(`\`${redactor.redact(displayArgv(argv.slice(0, 3)))}…\` exited ${result.exitCode}: ${last}`);
        this.argv = argv;
        this.result = result;
        this.name = 'CommandError';
    }
}
/** The last non-blank line of a command's output ('' when there is none). */
const lastLine = (s) => s.trim().split('\n').pop()?.trim() ?? '';
/** Lines docker prints after the error that say nothing about it. */
const DOCKER_NOISE = /^(Run '.*--help' for more information\.?|See '.*--help'\.?)$/;
/**
 * The line of docker's output that says what went wrong ('' when there is none): docker's own
 * `Error response from daemon:` line, else a `docker: …` line (such as "Cannot connect to the Docker daemon"),
 * else the last `ERROR`/`error` line (BuildKit's "ERROR: failed to solve: …"), else the last line that is not
 * docker's "Run 'docker run --help' for more information". Every message that sums up a docker failure uses it.
 */
function errorLine(output) {
    const lines = output
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !DOCKER_NOISE.test(l));
    const last = (re) => lines.findLast((l) => re.test(l));
    const daemon = last(/Error response from daemon:/);
    if (daemon)
        return daemon.slice(daemon.indexOf('Error response from daemon:'));
    return last(/^docker: /) ?? last(/^(ERROR|error)\b/) ?? last(/error/i) ?? lines.at(-1) ?? '';
}
/** Quote argv for display in the log (never executed through a shell). */
function displayArgv(argv) {
    return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
/** Characters of each stream a RunResult keeps (its end); the whole output goes to build.log as it comes. */
const OUTPUT_TAIL = 1 << 20;
/** The last `max` characters of a stream, decoded across chunk boundaries (invalid UTF-8 becomes U+FFFD). */
class Tail {
    max;
    text = '';
    decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_4__.StringDecoder('utf8');
    truncated = false;
    constructor(max) {
        this.max = max;
    }
    push(b) {
        this.text += this.decoder.write(b);
        if (this.text.length > 2 * this.max)
            this.trim();
    }
    end() {
        this.text += this.decoder.end();
        this.trim();
        return this.text;
    }
    trim() {
        if (this.text.length <= this.max)
            return;
        this.text = this.text.slice(-this.max);
        this.truncated = true;
    }
}
/**
 * spawn without a shell; the output is handed on chunk by chunk and only a bounded tail of it is kept, so a
 * command that prints gigabytes (or one line without a newline) costs no more memory than one that prints a line.
 */
function spawnBounded(cmd, args, env, input, onStdout, onStderr, onSpawn) {
    return new Promise((resolve, reject) => {
        // In a process group of its own, so that stopping it stops what it started too (docker runs buildx as a
        // child process; a killed docker CLI would leave it running, holding the pipes open).
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
        onSpawn(child);
        const out = new Tail(OUTPUT_TAIL);
        const err = new Tail(OUTPUT_TAIL);
        child.stdout.on('data', (b) => {
            out.push(b);
            onStdout(b);
        });
        child.stderr.on('data', (b) => {
            err.push(b);
            onStderr(b);
        });
        child.on('error', (e) => reject(new Error(`cannot run ${cmd}: ${e.message}`)));
        child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 + (signalNumber(signal) ?? 15) : -1), stdout: out.end(), stderr: err.end() }));
        child.stdin.on('error', () => undefined); // a command that exits without reading its input
        child.stdin.end(input !== undefined ? Buffer.from(input) : undefined);
    });
}
/** Signal a process and its process group (the group is its own when it was spawned `detached`). */
function killTree(child, signal) {
    try {
        if (child.pid)
            process.kill(-child.pid, signal);
        else
            child.kill(signal);
    }
    catch {
        child.kill(signal); // not a group leader
    }
}
const signalNumber = (s) => ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15 })[s];
/** Characters of a follower's stderr kept for its error message. */
const FOLLOWER_STDERR = 64 * 1024;
/**
 * Runs external commands from an argv array (no shell), logging each command line and its output to build.log,
 * redacted, and optionally to the console.
 */
class Runner {
    log;
    ui;
    redactor;
    scratch;
    /**
     * Variables every command of this runner gets, fixed when it is made: a registry session's view
     * (`withEnv`) has DOCKER_CONFIG; the run's own runner has none.
     */
    env;
    /** The runner this one is a view of (itself when it is none): what is asked once per run is keyed on it. */
    root;
    shared;
    /**
     * `scratch`: the folder the env files' private folder is made in (the run's own work folder, which the post
     * step removes should the main step be killed); the system temp folder when unset.
     */
    constructor(log, ui, redactor, scratch = node_os__WEBPACK_IMPORTED_MODULE_2___default().tmpdir(), view) {
        this.log = log;
        this.ui = ui;
        this.redactor = redactor;
        this.scratch = scratch;
        this.env = Object.freeze({ ...view?.env });
        this.root = view?.of.root ?? this;
        this.shared = view?.of.shared ?? { live: new Map(), idleWaiters: new Set(), interrupted: null, envDir: null, envFiles: 0 };
    }
    /**
     * A view of this runner whose commands also get `extra` (a registry session's DOCKER_CONFIG), this runner's
     * own env untouched. It shares everything else: build.log, the redactor, the processes under way (an
     * interrupt or `idle()` of either reaches both), the interrupt and the env files.
     */
    withEnv(extra) {
        return new Runner(this.log, this.ui, this.redactor, this.scratch, { env: { ...this.env, ...extra }, of: this });
    }
    /**
     * A `docker run --env-file` for container variables: `KEY=VALUE` lines in a file only this user can read
     * (mode 0600, in a 0700 folder), so their values reach the container without being in any argv or in the
     * docker CLI's own environment. Removed by `removeEnvFiles` (at cleanup, and on interrupt).
     */
    envFile(entries) {
        const sh = this.shared;
        if (!sh.envDir) {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(this.scratch, { recursive: true, mode: 0o700 });
            sh.envDir = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.scratch, 'env-'));
        }
        const file = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(sh.envDir, `env-${++sh.envFiles}`);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(file, entries.map((e) => `${e.key}=${e.value}\n`).join(''), { mode: 0o600 });
        return file;
    }
    /**
     * A process started outside `run` (a follower such as `docker logs --follow`): an interrupt stops it with the
     * others, and `idle` waits for it.
     */
    track(child, onAbort = 'kill') {
        if (child.exitCode !== null || child.signalCode !== null)
            return;
        this.shared.live.set(child, onAbort);
        const gone = () => {
            this.shared.live.delete(child);
            if (this.shared.live.size === 0)
                for (const w of this.shared.idleWaiters)
                    w();
        };
        child.once('close', gone);
        child.once('error', gone);
        if (this.shared.interrupted && onAbort === 'kill')
            killTree(child, 'SIGTERM');
    }
    /**
     * The run was interrupted: stop every command still running (but those that must `finish`) and refuse new
     * ones, so nothing the run starts from now on can outlive its cleanup; cleanup commands still run.
     */
    abort(reason) {
        this.shared.interrupted ??= reason;
        for (const [child, how] of this.shared.live)
            if (how === 'kill')
                killTree(child, 'SIGTERM');
    }
    /**
     * Resolves once no process of this runner is running. One still running after `graceMs` is killed
     * (SIGKILL), so a command that ignores SIGTERM cannot hold the cleanup up.
     */
    idle(graceMs = 10_000) {
        if (this.shared.live.size === 0)
            return Promise.resolve();
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                for (const child of this.shared.live.keys())
                    killTree(child, 'SIGKILL');
            }, graceMs);
            timer.unref();
            const done = () => {
                clearTimeout(timer);
                this.shared.idleWaiters.delete(done);
                resolve();
            };
            this.shared.idleWaiters.add(done);
        });
    }
    /** Remove every env file this runner wrote. */
    removeEnvFiles() {
        if (this.shared.envDir)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(this.shared.envDir, { recursive: true, force: true });
        this.shared.envDir = null;
    }
    /**
     * A long-lived command beside the run (`docker logs --follow`, `docker wait`, `docker save` read as a stream):
     * no shell, the runner's environment (DOCKER_CONFIG while logged in), its command line in build.log (redacted),
     * in a process group of its own, and stopped with the run's other commands on an interrupt (after which a new
     * one is refused, as `run` refuses). `idle()` waits for it. Its stdout and stderr are not logged here: the
     * caller reads them (the app's output is logged line by line, prefixed; a saved image is never logged).
     */
    spawn(argv, opts = {}) {
        const [cmd, ...args] = argv;
        if (!cmd)
            throw new Error('Runner.spawn: empty argv');
        if (this.shared.interrupted)
            throw this.shared.interrupted;
        this.log.line(`$ ${displayArgv(argv)} &${opts.why ? `  # ${opts.why}` : ''}`);
        const env = Object.keys(this.env).length ? { ...process.env, ...this.env } : process.env;
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        this.track(child);
        const err = new Tail(FOLLOWER_STDERR);
        child.stderr.on('data', (b) => err.push(b));
        const exited = new Promise((resolve) => {
            child.on('error', (e) => resolve({ exitCode: -1, stderr: this.redactor.redact(`cannot run ${cmd}: ${e.message}`) }));
            child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 + (signalNumber(signal) ?? 15) : -1), stderr: this.redactor.redact(err.end()) }));
        });
        return {
            stdout: child.stdout,
            stderr: child.stderr,
            exited,
            kill: () => {
                if (child.exitCode === null && child.signalCode === null)
                    killTree(child, 'SIGTERM');
            },
        };
    }
    async run(argv, opts = {}) {
        const [cmd, ...args] = argv;
        if (!cmd)
            throw new Error('Runner.run: empty argv');
        if (this.shared.interrupted && !opts.cleanup)
            throw this.shared.interrupted;
        for (const name of Object.keys(opts.byName ?? {})) {
            if ((0,_secrets_names_js__WEBPACK_IMPORTED_MODULE_6__/* .isDockerCliVariable */ .xo)(name))
                throw new Error(`${name} would change what the docker CLI itself does: it cannot be passed by name`);
        }
        // Quiet commands are logged once they end, with their exit code, so parallel ones stay readable.
        if (!opts.quiet)
            this.log.line(`$ ${displayArgv(argv)}`);
        const sink = (text) => {
            if (!opts.quiet)
                this.log.writeRedacted(text);
            if (opts.stream)
                this.ui.output(text);
        };
        const out = new _secrets_redactor_js__WEBPACK_IMPORTED_MODULE_5__/* .LineRedactor */ .pH(this.redactor, sink);
        const err = new _secrets_redactor_js__WEBPACK_IMPORTED_MODULE_5__/* .LineRedactor */ .pH(this.redactor, sink);
        const started = performance.now();
        const env = opts.env || opts.byName || Object.keys(this.env).length
            ? { ...process.env, ...opts.byName, ...opts.env, ...this.env }
            : process.env;
        const res = await spawnBounded(cmd, args, env, opts.input, (b) => out.write(b), (b) => err.write(b), (child) => this.track(child, opts.cleanup ? 'finish' : opts.onAbort));
        out.flush();
        err.flush();
        const result = {
            exitCode: res.exitCode,
            stdout: res.stdout,
            stderr: res.stderr,
            durationMs: Math.round(performance.now() - started),
        };
        if (opts.quiet)
            this.log.line(`$ ${displayArgv(argv)}  # exit ${res.exitCode}, ${result.durationMs} ms`);
        else if (res.exitCode !== 0)
            this.log.line(`(exit ${res.exitCode} after ${result.durationMs} ms)`);
        if (res.exitCode !== 0 && !opts.allowFailure)
            throw new CommandError(argv, result, this.redactor);
        return result;
    }
}


/***/ }),

/***/ 99115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// UNUSED EXPORTS: actionHost, readActionInputs

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config/config.ts + 1 modules
var config_config = __webpack_require__(31377);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(37827);
// EXTERNAL MODULE: ./src/config/options.ts
var options = __webpack_require__(6856);
// EXTERNAL MODULE: ./src/rules/catalogue.ts
var catalogue = __webpack_require__(91062);
// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(40670);
// EXTERNAL MODULE: ./src/exec/runner.ts
var exec_runner = __webpack_require__(37507);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/log/build-log.ts


/**
 * `build.log`: every command and its output, in order, redacted. Writes are buffered by the stream; `close()`
 * waits until the file is complete. A command still finishing after the run ended (a git read that lost the race
 * to a failed engine check, say) cannot write to the closed file: its line is dropped, not a crash.
 */
class BuildLog {
    redactor;
    stream;
    path;
    /** A write error (disk full...), reported by close() rather than thrown from wherever the stream noticed it. */
    failure = null;
    constructor(outDir, redactor) {
        this.redactor = redactor;
        (0,external_node_fs_.mkdirSync)(outDir, { recursive: true });
        this.path = external_node_path_default().join(outDir, 'build.log');
        this.stream = (0,external_node_fs_.createWriteStream)(this.path, { flags: 'w', mode: 0o600 });
        this.stream.on('error', (e) => (this.failure ??= e));
    }
    /** Text that has already been redacted line by line (streamed command output). */
    writeRedacted(text) {
        if (!this.stream.writableEnded)
            this.stream.write(text);
    }
    write(text) {
        this.writeRedacted(this.redactor.redact(text));
    }
    line(text) {
        this.write(text.endsWith('\n') ? text : `${text}\n`);
    }
    section(title) {
        this.line(`\n===== ${title} [${new Date().toISOString()}]`);
    }
    close() {
        return new Promise((resolve, reject) => {
            const settle = (err) => {
                const e = err ?? this.failure;
                if (e)
                    reject(new Error(`cannot write ${this.path}: ${e.message}`));
                else
                    resolve();
            };
            if (this.stream.closed || this.stream.writableEnded)
                return settle();
            this.stream.end(settle);
        });
    }
}

// EXTERNAL MODULE: ./src/secrets/redactor.ts
var secrets_redactor = __webpack_require__(15753);
;// CONCATENATED MODULE: ./src/run/create.ts






/**
 * Secrets are registered (console masking and file redaction, every form) before any command runs. `saveState`:
 * the action's way to hand values to its post step (logout, scratch folder); the CLI has none.
 */
function createRunContext(config, ui, env, runId = (0,context/* newRunId */.F$)(), saveState) {
    const redactor = new secrets_redactor/* Redactor */.pO();
    for (const value of (0,config_config/* secretValues */.VX)(config)) {
        redactor.add(value);
        ui.setSecret(value);
    }
    for (const name of (0,config_config/* unmaskableSecrets */.jY)(config)) {
        ui.warning(`${name} is shorter than ${config_config/* MIN_SECRET_LENGTH */.vb} characters: it cannot be masked in logs or searched for in the image; use a longer value`);
    }
    const log = new BuildLog(config.outDir, redactor);
    const workDir = (0,context/* workDirFor */._Z)(env, runId, external_node_os_default().tmpdir());
    const runner = new exec_runner/* Runner */.by(log, ui, redactor, workDir);
    // The run's env files go with its containers, and on an interrupt too.
    return {
        config,
        ui,
        log,
        runner,
        redactor,
        runId,
        env,
        undo: new Set([() => runner.removeEnvFiles()]),
        workDir,
        abort: new AbortController(),
        ...(saveState ? { saveState } : {}),
    };
}

// EXTERNAL MODULE: ./src/run/describe-error.ts
var describe_error = __webpack_require__(72423);
// EXTERNAL MODULE: ./src/pipeline/interrupt.ts
var interrupt = __webpack_require__(86949);
// EXTERNAL MODULE: ./src/time/time.ts
var time = __webpack_require__(1884);
;// CONCATENATED MODULE: ./src/report/markdown.ts
/**
 * Markdown that renders as written (GitHub-flavoured Markdown, as the job summary and PR comments read it).
 * Paths, commands and values go in code spans; everything else is escaped, so `/__heartbeat__` never turns into
 * a bold "heartbeat", a `|` never splits a table cell and a newline never ends a table row.
 */
/** An inline code span holding `s` verbatim (a fence longer than any backtick run in it; newlines become spaces). */
function code(s) {
    const flat = s.replace(/\r?\n/g, ' ');
    if (flat === '')
        return '';
    const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/**
 * Backslash-escape every character inline Markdown could read as syntax: emphasis and strikethrough, code,
 * links and images (`[`, `]`; so `(`, `)` and `!` are plain), HTML and entities, and `#` after a list marker.
 * `|` is left to `cell`, which escapes every one, inside code spans too.
 */
function markdown_escape(s) {
    return s.replace(/[\\`*_[\]<>#~&]/g, (c) => `\\${c}`);
}
/**
 * A token that reads as a path, a variable, a digest or a command option: set in a code span. Paths start with
 * `/` (`/__lbheartbeat__`, `/app/version.json`), variables with `$`, and anything holding `__` or `=` is a value.
 */
const CODE_LIKE = /^(?:\/\S*|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\S*|--?[a-z]\S*|\S*__\S*|\S+=\S*|sha256:\S+|\S*[<>|*`]\S*)$/;
/**
 * Prose from the tool (rule messages, reasons, errors) as Markdown: code-like words in code spans, the rest
 * escaped, a line break as `<br>` (so a table row or list item never ends early). A trailing `.`, `,`, `;`, `:` or `)` stays outside the code span; an opening `(` too.
 */
function prose(s) {
    return s
        .split(/(\s+)/)
        .map((word) => {
        if (word === '' || /^\s+$/.test(word))
            return word.includes('\n') ? '<br>' : word;
        const m = /^([("'[]*)(.*?)([)"'\],.;:!?]*)$/.exec(word);
        const [, open = '', core = '', close = ''] = m;
        if (core !== '' && CODE_LIKE.test(core))
            return `${markdown_escape(open)}${code(core)}${markdown_escape(close)}`;
        return markdown_escape(word);
    })
        .join('');
}
/** A table cell: newlines become `<br>`, every `|` is escaped (inside code spans too: GFM splits cells first). */
function cell(markdown) {
    return markdown.replace(/\r?\n/g, '<br>').replace(/\|/g, '\\|').trim();
}
/** A GFM table from already-rendered Markdown cells. */
function table(head, rows) {
    return [
        `| ${head.map(cell).join(' | ')} |`,
        `|${head.map(() => '---').join('|')}|`,
        ...rows.map((r) => `| ${r.map((c) => cell(c) || ' ').join(' | ')} |`),
    ];
}

;// CONCATENATED MODULE: ./src/report/summary.ts


const ICON = { pass: '✅', fail: '❌', skip: '⏭️' };
/**
 * The job summary (GitHub-flavoured Markdown): verdict, image, push, one row per rule, timings. Every value is
 * redacted before it is set in Markdown (an escaped secret is no longer the secret the redactor knows); the sink
 * then redacts the whole Markdown again, escaped forms included.
 */
function summaryMarkdown(r, extra) {
    // Required, not optional: a value split into code spans and escaped prose can no longer be found whole.
    const { redact } = extra;
    const p = (s) => prose(redact(s));
    const c = (s) => code(redact(s));
    const lines = [];
    lines.push(`## Dockerflow: ${r.verdict === 'pass' ? '✅ pass' : '❌ fail'}`, '');
    if (r.error)
        lines.push(`> **Error:** ${p(r.error)}`, '');
    if (r.image.id)
        lines.push(`- Image ID (config digest, as in docker-image-shasum256.txt): ${c(r.image.id)}`);
    if (r.image.tags.length)
        lines.push(`- Tags: ${r.image.tags.map(c).join(', ')}`);
    if (r.push)
        lines.push(`- Push: ${r.image.pushed.length ? `pushed ${r.image.pushed.map(c).join(', ')}` : 'not pushed'} (${p(r.push.reason)})`);
    if (r.image.digest)
        lines.push(`- Digest: ${c(r.image.digest)}`);
    if (r.image.digest && r.image.manifestDigest && r.image.manifestDigest !== r.image.digest)
        lines.push(`- Image manifest in that index: ${c(r.image.manifestDigest)}`);
    for (const pi of r.image.platforms ?? []) {
        const pushed = pi.manifestDigest ? `, pushed as ${c(pi.manifestDigest)}` : '';
        lines.push(`- ${c(pi.platform)}${pi.emulated ? ' (emulated, QEMU)' : ''}: config ${c(pi.configDigest)}, image ${c(pi.id)}${pushed}`);
    }
    if (r.version)
        lines.push(`- Version: ${c(r.version.version || '-')} at ${c(r.version.commit.slice(0, 12) || '-')}`);
    if (extra.artifactUrl)
        lines.push(`- Artifacts: [build log, report, version.json, shasum](${extra.artifactUrl})`);
    for (const note of extra.notes ?? [])
        lines.push(`- ${p(note)}`);
    lines.push('');
    // With several platforms, a column per platform after the row's own (worst) status.
    const platforms = (r.image.platforms ?? []).map((pi) => pi.platform);
    const heads = (r.image.platforms ?? []).map((pi) => `${c(pi.platform)}${pi.emulated ? ' (emulated)' : ''}`);
    if (r.checks.length) {
        lines.push(...table(['Rule', 'Status', ...heads, 'Level', 'Message'], r.checks.map((row) => [
            `${row.id} ${p(row.title)}`,
            `${ICON[row.status] ?? ''} ${row.status}`,
            ...platforms.map((name) => {
                const o = row.platforms?.[name];
                return o ? `${ICON[o.status] ?? ''} ${o.status}` : '–';
            }),
            row.level,
            `${p(row.message)}${row.file ? ` (${c(`${row.file}${row.line ? `:${row.line}` : ''}`)})` : ''}`,
        ])), '');
    }
    const t = Object.entries(r.timings);
    if (t.length)
        lines.push(`<sub>Timings: ${t.map(([k, v]) => `${markdown_escape(k)} ${(0,time/* secs */.z)(v)}`).join(' · ')}</sub>`, '');
    return lines.join('\n');
}
/** ` [linux/amd64 PASS, linux/arm64 FAIL]` when the platforms disagree on a rule; '' when they agree (or there is one). */
function byPlatform(c) {
    const outcomes = Object.entries(c.platforms ?? {});
    if (outcomes.every(([, o]) => o.status === c.status))
        return '';
    return ` [${outcomes.map(([name, o]) => `${name} ${o.status.toUpperCase()}`).join(', ')}]`;
}
/** The CLI's short summary on stdout. */
function summaryText(r, files) {
    const out = [];
    const width = Math.max(...r.checks.map((c) => c.title.length), 10);
    const notRun = r.checks.filter((c) => c.skip === 'not-run' || c.skip === 'interrupted');
    // Every rule not run for one reason (the run stopped before any stage judged): one line, its message says why.
    if (notRun.length > 0 && notRun.length === r.checks.length)
        out.push(`${notRun.length} rules ${notRun[0].message}`);
    for (const c of notRun.length === r.checks.length ? [] : r.checks) {
        const mark = c.status === 'pass' ? 'PASS' : c.status === 'skip' ? 'SKIP' : c.level === 'error' ? 'FAIL' : 'WARN';
        out.push(`${mark.padEnd(4)} ${c.id} ${c.title.padEnd(width)}  ${c.status === 'pass' ? '' : c.message}${byPlatform(c)}`.trimEnd());
    }
    for (const pi of r.image.platforms ?? []) {
        out.push(`${pi.platform}${pi.emulated ? ' (emulated)' : ''}: image ${pi.id}, config ${pi.configDigest}`);
    }
    if (r.error)
        out.push(`error: ${r.error}`);
    if (r.image.id)
        out.push(`image ${r.image.id}${r.image.tags.length ? ` (${r.image.tags.join(', ')})` : ''}`);
    if (r.push)
        out.push(r.image.pushed.length
            ? `pushed ${r.image.pushed.join(', ')}${r.image.digest ? ` @ ${r.image.digest}` : ''}`
            : `not pushed: ${r.push.reason}`);
    out.push(`verdict: ${r.verdict.toUpperCase()}  (report, build log and version.json in ${files.dir})`);
    return `${out.join('\n')}\n`;
}

// EXTERNAL MODULE: ./src/report/out-files.ts
var out_files = __webpack_require__(48832);
;// CONCATENATED MODULE: ./src/artifacts/upload.ts



/**
 * Upload the out dir as one workflow artifact, also when the run failed (that is when the log matters most).
 * @actions/artifact is loaded only here, so the CLI and runs without uploads never pay for it.
 */
async function uploadOutDir(config, files, env) {
    if (!config.uploadArtifacts)
        return null;
    // The runner's token, or @github/local-action's artifact folder (its stub of @actions/artifact writes there).
    if (!env.ACTIONS_RUNTIME_TOKEN && !env.LOCAL_ACTION_ARTIFACT_PATH) {
        core.info('Not uploading the artifact: no ACTIONS_RUNTIME_TOKEN (not running in GitHub Actions); the files are in ' + files.dir);
        return null;
    }
    const paths = [files.buildLog, files.shasum, ...(0,out_files/* platformShasums */.A9)(files), files.versionJson, files.report].filter((f) => (0,external_node_fs_.existsSync)(f));
    try {
        const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(118), __webpack_require__.e(656)]).then(__webpack_require__.bind(__webpack_require__, 56656));
        const res = await new DefaultArtifactClient().uploadArtifact(config.artifactName, paths, files.dir, {
            ...(config.retentionDays !== null ? { retentionDays: config.retentionDays } : {}),
        });
        const id = res.id ?? 0;
        const url = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID && id
            ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`
            : null;
        core.info(`Uploaded artifact ${config.artifactName} (${paths.length} files)${url ? `: ${url}` : ''}`);
        return { id, url };
    }
    catch (e) {
        // A failed upload must not hide the verdict; it is reported as a warning with the way out.
        core.warning(`uploading the artifact "${config.artifactName}" failed: ${e.message}; the files are in ${files.dir} (an artifact of that name may already exist in this run: set artifact-name)`);
        return null;
    }
}

// EXTERNAL MODULE: ./src/secrets/forms.ts
var secrets_forms = __webpack_require__(15994);
// EXTERNAL MODULE: ./src/secrets/sink.ts
var sink = __webpack_require__(91894);
;// CONCATENATED MODULE: ./src/ui/action-ui.ts





const props = (a) => ({
    title: a?.title,
    file: a?.file,
    line: a?.line,
});
/**
 * The runner's console: groups, annotations and masking. Every line is redacted here as it is written (after the
 * workflow command's escaping), not left to the runner's masking: a value is hidden even where the runner's
 * masking would miss a form of it.
 */
class ActionUi {
    out;
    mask;
    redactor = new secrets_redactor/* Redactor */.pO();
    /** `mask`: how the runner is told to mask a value (core.setSecret; a fake in tests). */
    constructor(out = process.stdout, mask = core.setSecret) {
        this.out = out;
        this.mask = mask;
    }
    info(message) {
        (0,sink/* writeStreamRedacted */.SY)(this.redactor, this.out, `${message}${(external_node_os_default()).EOL}`);
    }
    warning(message, a) {
        (0,sink/* writeStreamRedacted */.SY)(this.redactor, this.out, (0,sink/* workflowCommand */.NA)('warning', props(a), message));
    }
    error(message, a) {
        (0,sink/* writeStreamRedacted */.SY)(this.redactor, this.out, (0,sink/* workflowCommand */.NA)('error', props(a), message));
    }
    output(text) {
        (0,sink/* writeStreamRedacted */.SY)(this.redactor, this.out, text);
    }
    async group(title, fn) {
        (0,sink/* writeStreamRedacted */.SY)(this.redactor, this.out, (0,sink/* workflowCommand */.NA)('group', {}, title));
        try {
            return await fn();
        }
        finally {
            this.out.write(`::endgroup::${(external_node_os_default()).EOL}`);
        }
    }
    /** The runner masks each form on its console; this console redacts them before it writes. */
    setSecret(value) {
        for (const form of (0,secrets_forms/* secretForms */.e)(value))
            this.mask(form);
        this.redactor.add(value);
    }
    /** The redactor of this console (the secrets registered with `setSecret`). */
    get secrets() {
        return this.redactor;
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
;// CONCATENATED MODULE: ./src/rules/fixes.ts
/**
 * One line per rule that says how to fix a failure, as Markdown (code spans for code), from the **Fix:** of
 * docs/rules.md; the PR comment shows it beside each failure. A rule missing here has its message only.
 */
const RULE_FIXES = {
    DF101: 'create the user and switch to it: `useradd --uid 10001 --gid app app`, then `USER app`',
    DF102: "create the group first and make it the user's group: `groupadd --gid 10001 app`",
    DF103: 'set both, in exec form: `ENTRYPOINT ["/app/bin/run.sh"]` and `CMD ["server"]`',
    DF104: '`WORKDIR /app`, then `COPY . /app` (or copy the build output there)',
    DF105: '`COPY . /app`, or `COPY version.json /app/version.json` in the final stage; never commit a stale copy',
    DF106: 'pass secrets at deploy time or as build secrets (`RUN --mount=type=secret`), never in `ENV`, `ARG` or a layer',
    DF107: 'use the JSON form, e.g. `ENTRYPOINT ["node", "server.js"]`; a shell script should end with `exec "$@"`',
    DF201: 'read the port from `$PORT` (default as a fallback) and listen on `0.0.0.0`',
    DF202: 'add a `/__lbheartbeat__` route that answers 200 with no I/O',
    DF203: 'make the failing check in `/__heartbeat__` pass, or fix the service it checks (body in `build.log`)',
    DF204: 'serve `/app/version.json` as it is at `/__version__`',
    DF205: 'check each backing service in `/__heartbeat__` with a short timeout and answer 500 when one is down',
    DF206: 'serve the files from the app itself at the paths in `static-paths`',
    DF207: 'handle SIGTERM (stop accepting, finish in-flight requests, exit 0); use `exec` or `--init` for PID 1',
    DF208: 'read the last log lines in the message (full output in `build.log`); often a variable is missing',
    DF301: 'log to stdout or stderr, one line per request, not to a file',
    DF302: 'use a mozlog formatter (`dockerflow.logging.JsonLogFormatter`, `mozlog` for Node)',
    DF401: 'fix the failing tests; a missing command must exist in the image and be on its `PATH`',
};
/** Where every rule, its reason and its fix are documented. */
const RULES_DOCS_URL = 'https://github.com/dockerflow/dockerflow-action/blob/v1/docs/rules.md';

;// CONCATENATED MODULE: ./src/github/pr-comment.ts






const MARKER_PREFIX = '<!-- dockerflow-pr-comment ';
/** GitHub refuses comment bodies over 65536 characters. */
const MAX_BODY = 65_000;
/** The hidden marker that finds the comment again: the key, and this run's image size for the next run. */
function marker(key, size) {
    return `${MARKER_PREFIX}key=${encodeURIComponent(key)}${size !== undefined ? ` size=${size}` : ''} -->`;
}
/** The marker's fields in a comment body, when the body is this key's comment. */
function readMarker(body, key) {
    const m = new RegExp(`${MARKER_PREFIX}key=(\\S+)(?: size=(\\d+))? -->`).exec(body);
    if (!m || m[1] !== encodeURIComponent(key))
        return null;
    return m[2] !== undefined ? { size: Number(m[2]) } : {};
}
/** The comment's key: one comment per workflow, job and build context. */
function commentKey(env, context) {
    return [env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '', context || '.'].join('/');
}
/** `1.2 MB`; a difference as `+3.4 MB` / `−120 kB`. */
function formatBytes(n, signed = false) {
    const sign = signed ? (n > 0 ? '+' : n < 0 ? '−' : '±') : n < 0 ? '−' : '';
    const abs = Math.abs(n);
    const [v, unit] = abs >= 1e9 ? [abs / 1e9, 'GB'] : abs >= 1e6 ? [abs / 1e6, 'MB'] : abs >= 1e3 ? [abs / 1e3, 'kB'] : [abs, 'B'];
    return `${sign}${unit === 'B' ? v : v.toFixed(1)} ${unit}`;
}
/** The comment's Markdown: verdict, failures first with their fix, sizes, time to ready and links. */
function commentBody(r, info, failOn) {
    const failed = r.checks.filter((c) => c.status === 'fail');
    const lines = [marker(info.key, info.sizes?.size)];
    const blocking = failed.filter((c) => (0,catalogue/* failsRun */.FR)(c, failOn)).length;
    lines.push(`### Dockerflow ${r.verdict === 'pass' ? '✅ pass' : '❌ fail'}${info.key ? ` · ${code(info.key.split('/').slice(1).join('/'))}` : ''}`, '');
    const counts = ['pass', 'fail', 'skip'].map((s) => `${r.checks.filter((c) => c.status === s).length} ${s}`).join(', ');
    lines.push(`${r.checks.length} rules: ${counts}${blocking ? ` (${blocking} at or above ${code(failOn)})` : ''}.`, '');
    if (r.error)
        lines.push(`> **Error:** ${prose(r.error)}`, '');
    const facts = [];
    if (r.image.id)
        facts.push(`Image ${code(r.image.id.slice(0, 19))}${r.image.tags.length ? ` as ${r.image.tags.map(code).join(', ')}` : ''}`);
    const size = info.sizes?.size;
    if (size !== undefined) {
        const vs = [];
        const base = info.sizes?.base;
        if (base)
            vs.push(`${formatBytes(size - base.size, true)} over the base image ${code(base.ref)} (${formatBytes(base.size)})`);
        if (info.lastSize !== undefined)
            vs.push(`${formatBytes(size - info.lastSize, true)} since the last run (${formatBytes(info.lastSize)})`);
        facts.push(`Size ${formatBytes(size)}${vs.length ? `: ${vs.join('; ')}` : ''}`);
    }
    if (r.timings.ready !== undefined)
        facts.push(`Ready (${code('/__lbheartbeat__')} 200) ${(0,time/* secs */.z)(r.timings.ready)} after start`);
    if (r.push)
        facts.push(`Push: ${r.image.pushed.length ? `pushed ${r.image.pushed.map(code).join(', ')}` : 'not pushed'} (${prose(r.push.reason)})`);
    lines.push(...facts.map((f) => `- ${f}`), '');
    // Failures first (those that fail the run before warnings), then the rest in catalogue order.
    const rank = (c) => ((0,catalogue/* failsRun */.FR)(c, failOn) ? 0 : 1);
    const rows = [...[...failed].sort((a, b) => rank(a) - rank(b)), ...r.checks.filter((c) => c.status !== 'fail')];
    if (rows.length) {
        lines.push(...table(['Rule', 'Status', 'Message', 'Fix'], rows.map((c) => [
            `${c.id} ${prose(c.title)}`,
            `${c.status === 'pass' ? '✅' : c.status === 'skip' ? '⏭️' : c.level === 'error' ? '❌' : '⚠️'} ${c.status}${c.status === 'fail' ? ` (${c.level})` : ''}`,
            `${prose(c.message)}${c.file ? ` (${code(`${c.file.split('/').pop()}${c.line ? `:${c.line}` : ''}`)})` : ''}`,
            c.status === 'fail' ? (RULE_FIXES[c.id] ?? '') : '',
        ])), '');
    }
    const links = [];
    if (info.runUrl && /^https?:\/\//.test(info.runUrl))
        links.push(`[run](${info.runUrl})`);
    if (info.artifactUrl)
        links.push(`[artifact: build log, report, version.json](${info.artifactUrl})`);
    links.push(`[rules](${RULES_DOCS_URL})`);
    lines.push(`<sub>${links.join(' · ')} · ${markdown_escape('edited in place on every push')}</sub>`, '');
    return lines.join('\n');
}
/** The pull request of this run, from the event payload (pull_request or pull_request_target). */
function commentTarget(env) {
    if (!env.GITHUB_EVENT_PATH || !/^pull_request(_target)?$/.test(env.GITHUB_EVENT_NAME ?? ''))
        return null;
    let event;
    try {
        event = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch {
        return null;
    }
    const number = event.pull_request?.number;
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? event.repository?.full_name ?? '').split('/');
    return typeof number === 'number' && owner && repo ? { owner, repo, issueNumber: number } : null;
}
/** Find this key's comment, walking every page of the pull request's comments. */
async function findComment(octokit, t, key) {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: t.owner,
        repo: t.repo,
        issue_number: t.issueNumber,
        per_page: 100,
    });
    for await (const page of pages) {
        for (const c of page.data)
            if (c.body && readMarker(c.body, key))
                return { id: c.id, body: c.body };
    }
    return null;
}
/** Create or update the sticky comment. Never throws: an API refusal is a `failed` outcome with a note. */
async function postPrComment(req) {
    const { target: t } = req;
    const where = `pull request #${t.issueNumber} of ${t.owner}/${t.repo}`;
    if (req.mode === 'false')
        return { status: 'skipped', reason: 'pr-comment is false' };
    if (!req.token)
        return { status: 'failed', note: `PR comment not posted on ${where}: github-token is empty; pass github-token: \${{ github.token }}` };
    const octokit = (0,github/* getOctokit */.Q)(req.token, { baseUrl: (req.apiUrl || 'https://api.github.com').replace(/\/+$/, '') });
    try {
        const existing = await findComment(octokit, t, req.info.key);
        if (req.mode === 'on-failure' && req.report.verdict === 'pass' && !existing) {
            return { status: 'skipped', reason: 'pr-comment is on-failure and the run passed' };
        }
        const lastSize = existing ? readMarker(existing.body, req.info.key)?.size : undefined;
        let body = commentBody(req.report, { ...req.info, ...(lastSize !== undefined ? { lastSize } : {}) }, req.failOn);
        if (body.length > MAX_BODY)
            body = `${body.slice(0, MAX_BODY)}\n\n… (cut: the full report is in the artifact)\n`;
        body = req.redact(body);
        if (existing) {
            const r = await octokit.rest.issues.updateComment({ owner: t.owner, repo: t.repo, comment_id: existing.id, body });
            return { status: 'updated', url: r.data.html_url };
        }
        const r = await octokit.rest.issues.createComment({ owner: t.owner, repo: t.repo, issue_number: t.issueNumber, body });
        return { status: 'created', url: r.data.html_url };
    }
    catch (e) {
        return { status: 'failed', note: req.redact(explain(e, where)) };
    }
}
function explain(e, where) {
    const status = typeof e === 'object' && e !== null && 'status' in e ? Number(e.status) : undefined;
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    if (status === 403 || status === 404) {
        return `PR comment not posted on ${where}: the token may not write to it (${status} ${msg}). On a pull request from a fork the token is read-only, so this is expected there; otherwise grant the job pull-requests: write (with the reusable workflow, the calling job), or set pr-comment: false`;
    }
    return `PR comment not posted on ${where}: ${status ? `GitHub answered ${status} ` : ''}${msg}; the run's verdict is unaffected`;
}

// EXTERNAL MODULE: ./node_modules/dockerfile-ast/lib/main.js
var main = __webpack_require__(78390);
// EXTERNAL MODULE: ./src/docker/commands.ts
var commands = __webpack_require__(66872);
;// CONCATENATED MODULE: ./src/inspect/size.ts



/**
 * The base image of the final (or `target`) stage, followed through `FROM stage` names; null for `scratch`, an
 * `ARG`-built name, or a Dockerfile that cannot be read.
 */
function baseImageOf(file, target) {
    let froms;
    try {
        froms = main.DockerfileParser.parse((0,external_node_fs_.readFileSync)(file, 'utf8')).getFROMs();
    }
    catch {
        return null;
    }
    let from = (target ? froms.find((f) => f.getBuildStage() === target) : undefined) ?? froms.at(-1);
    for (let hops = 0; from && hops < froms.length; hops++) {
        const name = from.getImage() ?? '';
        const stage = froms.find((f) => f !== from && f.getBuildStage()?.toLowerCase() === name.toLowerCase());
        if (!stage)
            return name && name !== 'scratch' && !name.includes('$') ? name : null;
        from = stage;
    }
    return null;
}
/** Sizes for the PR comment; what cannot be read is left out. */
async function imageSizes(runner, imageId, file, target) {
    const baseRef = baseImageOf(file, target);
    const [size, baseSize] = await Promise.all([(0,commands/* imageSize */.R9)(runner, imageId), baseRef ? (0,commands/* imageSize */.R9)(runner, baseRef) : undefined]);
    return {
        ...(size !== undefined ? { size } : {}),
        ...(baseRef && baseSize !== undefined ? { base: { ref: baseRef, size: baseSize } } : {}),
    };
}

;// CONCATENATED MODULE: ./src/main.ts


















function actionHost() {
    return {
        core: core,
        stdout: process.stdout,
        setExitCode: (code) => {
            process.exitCode = code;
        },
        exit: (code) => process.exit(code),
        // Loaded once the inputs are valid: a bad input is reported without loading the pipeline's dependencies.
        // The merge input makes the step a fan-out's merge: it builds nothing, and writes the same outputs and report.
        runPipeline: async (ctx) => ctx.config.merge.length > 0
            ? (await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(10), __webpack_require__.e(432)]).then(__webpack_require__.bind(__webpack_require__, 40432))).runMerge(ctx)
            : (await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(118), __webpack_require__.e(188), __webpack_require__.e(10), __webpack_require__.e(768)]).then(__webpack_require__.bind(__webpack_require__, 52768))).runPipeline(ctx),
        upload: uploadOutDir,
    };
}
/** GITHUB_OUTPUT / GITHUB_STATE entries, redacted as written (core's stdout commands where the files are absent). */
function outputTo(host, redactor, env, name, value) {
    if (!(0,sink/* fileCommandRedacted */.Ej)(redactor, env.GITHUB_OUTPUT, name, value))
        host.core.setOutput(name, redactor.redact(value));
}
function stateTo(host, redactor, env, name, value) {
    if (!(0,sink/* fileCommandRedacted */.Ej)(redactor, env.GITHUB_STATE, name, value))
        host.core.saveState(name, redactor.redact(value));
}
/** Read the action's inputs into raw option values; unknown INPUT_* variables are reported, not ignored. */
function readActionInputs(env, getInput = core.getInput) {
    const raw = new Map();
    const known = new Set(options/* OPTIONS */.lw.filter((o) => !o.cliOnly).map((o) => o.name));
    for (const key of Object.keys(env)) {
        if (!key.startsWith('INPUT_'))
            continue;
        const name = key.slice('INPUT_'.length).toLowerCase().replace(/ /g, '-');
        if (!known.has(name))
            throw new errors/* ConfigError */.x(name, 'is not an input of this action', `remove it; inputs are: ${[...known].join(', ')}`);
        const value = getInput(name);
        if (value !== '')
            raw.set(name, value);
    }
    return raw;
}
/**
 * The action's main step. Never rejects: a crash (a bug, an error no stage turned into a report) is one redacted
 * error line and a failed step, not a stack trace from an unhandled rejection.
 */
async function run(env = process.env, host = actionHost()) {
    const ui = new ActionUi(host.stdout, (value) => host.core.setSecret(value));
    try {
        await main_main(env, host, ui);
    }
    catch (e) {
        ui.error(`the action crashed: ${(0,describe_error/* describeError */.U)(e)}; the run's files, if any, are in RUNNER_TEMP`);
        host.setExitCode(1);
    }
}
async function main_main(env, host, ui) {
    const runId = (0,context/* newRunId */.F$)();
    stateTo(host, new secrets_redactor/* Redactor */.pO(), env, 'runId', runId);
    let config;
    try {
        config = (0,config_config/* parseConfig */.o4)({
            raw: readActionInputs(env, (name) => host.core.getInput(name)),
            env,
            cwd: env.GITHUB_WORKSPACE ?? process.cwd(),
            defaultOutDir: external_node_path_default().join(env.RUNNER_TEMP ?? external_node_os_default().tmpdir(), `dockerflow-out-${runId}`),
        });
    }
    catch (e) {
        // Mask the password even when its sibling inputs are wrong.
        const password = host.core.getInput('password');
        if (password)
            ui.setSecret(password);
        for (const pw of (0,config_config/* registryAuthPasswords */.YM)(host.core.getInput('registry-auth')))
            ui.setSecret(pw);
        ui.error(e instanceof errors/* ConfigError */.x ? e.message : (0,describe_error/* describeError */.U)(e));
        host.setExitCode(1);
        outputTo(host, ui.secrets, env, 'verdict', 'fail');
        return;
    }
    // The post step logs out of what main logged in to, should main be cancelled or crash (state is written
    // redacted, with the run's own redactor).
    const ctx = createRunContext(config, ui, env, runId, (name, value) => stateTo(host, ctx.redactor, env, name, value));
    // Before anything is built: a main step killed with SIGKILL leaves its scratch folder (the build-context view)
    // to the post step.
    stateTo(host, ctx.redactor, env, 'workDir', ctx.workDir);
    // A cancelled job: version.json leaves the workspace at once, the run's containers go (the post step
    // removes them too, should this not finish), and the step fails.
    const removeHandlers = (0,interrupt/* onInterrupt */.nA)(ctx, (signal) => ui.error(`${signal}: the run was cancelled (interrupted); stopping it and removing its containers and networks`), 1);
    const { report, files } = await host.runPipeline(ctx).finally(removeHandlers);
    const setOutput = (name, value) => outputTo(host, ctx.redactor, env, name, value);
    setOutput('verdict', report.verdict);
    setOutput('imageid', report.image.id ?? '');
    setOutput('digest', report.image.digest ?? '');
    setOutput('tags', report.image.tags.join('\n'));
    setOutput('pushed', report.image.pushed.join('\n'));
    setOutput('version-json', files.versionJson);
    setOutput('report', files.report);
    setOutput('build-log', files.buildLog);
    setOutput('shasum-file', files.shasum);
    // Every rule's row in the job log too, as the CLI prints it (failures also become annotations).
    ui.info(summaryText(report, files));
    if (ctx.abort.signal.aborted) {
        // Cancelled: the report is written and build.log closed; the step fails now (the runner kills it soon, and a
        // stage that was stopped may still hold a timer).
        host.exit(1);
        return;
    }
    const artifact = await host.upload(config, files, env);
    const notes = [];
    const prComment = await postComment(config, ctx, env, report, artifact?.url ?? undefined);
    if (prComment?.status === 'failed') {
        ui.warning(prComment.note);
        notes.push(prComment.note);
    }
    else if (prComment?.status === 'created' || prComment?.status === 'updated') {
        ui.info(`PR comment ${prComment.status}: ${prComment.url}`);
    }
    if (env.GITHUB_STEP_SUMMARY) {
        const markdown = summaryMarkdown(report, {
            redact: (t) => ctx.redactor.redact(t),
            ...(artifact?.url ? { artifactUrl: artifact.url } : {}),
            notes,
        });
        // Redacted last, on the exact text written.
        (0,sink/* appendFileRedacted */.bO)(ctx.redactor, env.GITHUB_STEP_SUMMARY, markdown);
    }
    if (report.error !== undefined) {
        // The pipeline already printed the error as an annotation: fail the step without saying it twice.
        host.setExitCode(1);
    }
    else if (report.verdict === 'fail') {
        // Only the rules that failed the run: a warning-level failure below fail-on is in the summary, not here.
        const failed = report.checks.filter((c) => (0,catalogue/* failsRun */.FR)(c, config.failOn)).map((c) => c.id);
        ui.error(`Dockerflow checks failed: ${failed.join(', ')}; see the job summary and ${files.report}`);
        host.setExitCode(1);
    }
}
/** The sticky PR comment on pull request runs (pr-comment: true or on-failure); null when there is none to post. */
async function postComment(config, ctx, env, report, artifactUrl) {
    const target = commentTarget(env);
    if (!target || config.prComment === 'false')
        return null;
    // By a local tag: on the containerd image store the config digest (the report's image ID) names no image.
    const local = report.image.tags[0] ?? report.image.id;
    const sizes = local ? await imageSizes(ctx.runner, local, config.file, config.target) : {};
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    return postPrComment({
        token: config.githubToken,
        mode: config.prComment,
        target,
        report,
        failOn: config.failOn,
        info: {
            key: commentKey(env, external_node_path_default().relative(workspace, config.context) || '.'),
            ...(report.version?.build ? { runUrl: report.version.build } : {}),
            ...(artifactUrl ? { artifactUrl } : {}),
            sizes,
        },
        redact: (s) => ctx.redactor.redact(s),
        ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
    });
}


/***/ }),

/***/ 86949:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   nA: () => (/* binding */ onInterrupt),
/* harmony export */   vV: () => (/* binding */ whenInterrupted)
/* harmony export */ });
/* unused harmony export INTERRUPT_GRACE_MS */
/* harmony import */ var _docker_cleanup_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37220);
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40670);


/** How long the pipeline gets to write its report after a signal before the process exits without it. */
const INTERRUPT_GRACE_MS = 20_000;
/**
 * SIGINT or SIGTERM (Ctrl-C, a cancelled job) while the pipeline runs: run the `undo` steps at once (the run's
 * scratch folder goes: they are synchronous), stop the commands still running (a signal sent to this process
 * alone would leave a build or a `docker run` going on), `say` why, and abort the pipeline, which stops the
 * stage it is in, removes what the run started, writes its report (verdict fail, "interrupted") and closes
 * build.log. A second signal, or a pipeline that has not finished within INTERRUPT_GRACE_MS, exits at once
 * with `exitCode` after removing the run's containers. Returns the function that removes the handlers.
 */
function onInterrupt(ctx, say, exitCode) {
    const undo = () => {
        for (const step of ctx.undo) {
            try {
                step();
            }
            catch {
                // best effort: the next step still runs
            }
        }
        ctx.undo.clear();
    };
    const handler = (signal) => {
        if (ctx.abort.signal.aborted) {
            undo();
            process.exit(exitCode); // a second Ctrl-C: the user does not want to wait
        }
        say(signal);
        const reason = new _run_context_js__WEBPACK_IMPORTED_MODULE_1__/* .Interrupted */ .j$(signal);
        ctx.abort.abort(reason);
        undo();
        // Its commands stop (but those that create what the cleanup must find, which finish first), and it starts
        // no new one but cleanup: nothing the run started can outlive its cleanup.
        ctx.runner.abort(reason);
        setTimeout(() => {
            void (0,_docker_cleanup_js__WEBPACK_IMPORTED_MODULE_0__/* .removeRunResources */ .J)(ctx.runner, ctx.runId).finally(() => process.exit(exitCode));
        }, INTERRUPT_GRACE_MS).unref();
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
    };
}
/** A promise that rejects with the run's `Interrupted` once it is aborted (never resolves). */
function whenInterrupted(ctx) {
    const { signal } = ctx.abort;
    const p = new Promise((_, reject) => {
        if (signal.aborted)
            reject(signal.reason);
        else
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    p.catch(() => undefined);
    return p;
}


/***/ }),

/***/ 48832:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A9: () => (/* binding */ platformShasums),
/* harmony export */   Td: () => (/* binding */ clearPlatformShasums),
/* harmony export */   YL: () => (/* binding */ writeRedacted),
/* harmony export */   bL: () => (/* binding */ writeShasum),
/* harmony export */   u5: () => (/* binding */ writeReport),
/* harmony export */   yp: () => (/* binding */ outFiles)
/* harmony export */ });
/* unused harmony export platformShasum */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _secrets_sink_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(91894);



function outFiles(dir) {
    return {
        dir,
        buildLog: node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'build.log'),
        shasum: node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'docker-image-shasum256.txt'),
        versionJson: node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'version.json'),
        report: node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'dockerflow-report.json'),
    };
}
/**
 * Every file of the out dir goes through here: the text as it will be on disk (after JSON encoding and any
 * other escaping) is redacted last, in every form of every secret (src/secrets/sink.ts).
 */
function writeRedacted(redactor, file, content) {
    (0,_secrets_sink_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileRedacted */ .mL)(redactor, file, content);
}
/** The report is JSON-encoded first, then redacted: a secret with `"` or `\` is caught in its escaped form. */
function writeReport(redactor, files, report) {
    writeRedacted(redactor, files.report, `${JSON.stringify(report, null, 2)}\n`);
}
/**
 * docker-image-shasum256-<os>-<arch>.txt beside docker-image-shasum256.txt: one platform's config digest, when
 * several are built (the plain file then holds the first platform's, so it keeps its meaning: a config digest).
 */
function platformShasum(files, platform) {
    return node_path__WEBPACK_IMPORTED_MODULE_1___default().join(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(files.shasum), `docker-image-shasum256-${platform.replaceAll('/', '-')}.txt`);
}
const PLATFORM_SHASUM = /^docker-image-shasum256-.+\.txt$/;
/** The per-platform shasum files in the out dir (what this run wrote, once `clearPlatformShasums` ran first). */
function platformShasums(files) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(files.dir)
            .filter((f) => PLATFORM_SHASUM.test(f))
            .sort()
            .map((f) => node_path__WEBPACK_IMPORTED_MODULE_1___default().join(files.dir, f));
    }
    catch {
        return [];
    }
}
/** An out dir used again (the CLI's default is the same folder every run) loses a previous run's platform files. */
function clearPlatformShasums(files) {
    for (const f of platformShasums(files))
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(f, { force: true });
}
/** One line: the image's config digest (of `platform`, in its own file, when given), never the registry digest. */
function writeShasum(redactor, files, configDigest, platform) {
    writeRedacted(redactor, platform ? platformShasum(files, platform) : files.shasum, `${configDigest}\n`);
}


/***/ }),

/***/ 91062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FR: () => (/* binding */ failsRun),
/* harmony export */   KX: () => (/* binding */ isRuleId),
/* harmony export */   _f: () => (/* binding */ reportRows),
/* harmony export */   fD: () => (/* binding */ rulesOf),
/* harmony export */   z6: () => (/* binding */ check)
/* harmony export */ });
/* unused harmony exports SKIP_REASONS, RULES, rule */
const SKIP_REASONS = (/* unused pure expression or super */ null && (['ignored', 'not-run', 'interrupted', 'not-judged', 'not-configured', 'unavailable']));
const RULES = [
    { id: 'DF101', stage: 'inspect', level: 'error', title: 'Default user is app with UID 10001' },
    { id: 'DF102', stage: 'inspect', level: 'error', title: "Group app has GID 10001 and is the app user's group" },
    { id: 'DF103', stage: 'inspect', level: 'error', title: 'Image has both ENTRYPOINT and CMD' },
    { id: 'DF104', stage: 'inspect', level: 'warning', title: 'Sources live in /app' },
    { id: 'DF105', stage: 'inspect', level: 'error', title: '/app/version.json equals the generated version object' },
    { id: 'DF106', stage: 'inspect', level: 'error', title: 'No secrets in the image' },
    { id: 'DF107', stage: 'inspect', level: 'warning', title: 'ENTRYPOINT and CMD in exec (JSON) form' },
    { id: 'DF108', stage: 'inspect', level: 'warning', title: "BuildKit's Dockerfile checks find nothing" },
    { id: 'DF109', stage: 'inspect', level: 'warning', title: 'No secrets passed as build args' },
    { id: 'DF201', stage: 'smoke', level: 'error', title: 'The app listens on $PORT' },
    { id: 'DF202', stage: 'smoke', level: 'error', title: '/__lbheartbeat__ answers 200' },
    { id: 'DF203', stage: 'smoke', level: 'error', title: '/__heartbeat__ answers 200' },
    { id: 'DF204', stage: 'smoke', level: 'error', title: '/__version__ answers the version object' },
    { id: 'DF205', stage: 'smoke', level: 'error', title: '/__heartbeat__ turns 5xx when backing services stop' },
    { id: 'DF206', stage: 'smoke', level: 'error', title: 'Static paths answer 200' },
    { id: 'DF207', stage: 'smoke', level: 'warning', title: 'The container stops on SIGTERM within 10 s with exit code 0' },
    { id: 'DF208', stage: 'smoke', level: 'error', title: 'The container stays up through the checks' },
    { id: 'DF301', stage: 'smoke', level: 'warning', title: 'The app logs to stdout/stderr' },
    { id: 'DF302', stage: 'smoke', level: 'warning', levelFrom: 'mozlog', title: 'Log lines are mozlog JSON' },
    { id: 'DF401', stage: 'test', level: 'error', title: 'test-command exits 0 inside the image' },
];
const BY_ID = new Map(RULES.map((r) => [r.id, r]));
function isRuleId(id) {
    return BY_ID.has(id);
}
function rule(id) {
    return BY_ID.get(id);
}
/** The rules a stage judges, in catalogue (report) order. */
function rulesOf(stage) {
    return RULES.filter((r) => r.stage === stage).map((r) => r.id);
}
function check(id, status, message, where = {}) {
    const spec = rule(id);
    const level = where.level ?? spec.level;
    const row = status === 'skip'
        ? { id, title: spec.title, level, status, skip: where.skip, message }
        : { id, title: spec.title, level, status, message };
    if (where.file !== undefined)
        row.file = where.file;
    if (where.line !== undefined)
        row.line = where.line;
    return row;
}
/**
 * The report's rows: one per rule, in catalogue order. This is where `checks-ignore` becomes rows (an `ignored`
 * skip, whatever a stage returned); a rule no stage judged is a skip that says why (`notRun`).
 */
function reportRows(checks, ignored, notRun) {
    const byId = new Map(checks.map((c) => [c.id, c]));
    return RULES.map((r) => ignored.has(r.id)
        ? check(r.id, 'skip', 'ignored by checks-ignore', { skip: 'ignored' })
        : (byId.get(r.id) ?? check(r.id, 'skip', notRun.message, { skip: notRun.skip })));
}
const LEVEL_RANK = { info: 0, warning: 1, error: 2 };
/** True when this row fails the run under the given `fail-on` threshold. */
function failsRun(row, failOn) {
    return row.status === 'fail' && LEVEL_RANK[row.level] >= LEVEL_RANK[failOn];
}


/***/ }),

/***/ 40670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F$: () => (/* binding */ newRunId),
/* harmony export */   Wm: () => (/* binding */ platformViews),
/* harmony export */   _Z: () => (/* binding */ workDirFor),
/* harmony export */   j$: () => (/* binding */ Interrupted)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/** Why a run stopped: a signal, not a failure of the app or of this tool. */
class Interrupted extends Error {
    signal;
    constructor(signal) {
        super(`interrupted by ${signal}`);
        this.signal = signal;
        this.name = 'Interrupted';
    }
}
/** The run's scratch folder for `runId`: one place, so the post step finds what main left. */
function workDirFor(env, runId, tmp) {
    return node_path__WEBPACK_IMPORTED_MODULE_1___default().join(env.RUNNER_TEMP || tmp, `dockerflow-${runId}`);
}
function newRunId() {
    return `df-${Date.now().toString(36)}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex')}`;
}
/**
 * The image as each platform's stages see it: the build itself for one platform; for several, one view per
 * platform, its digests that platform's (the engine's ID stays the image's: every command adds --platform).
 */
function platformViews(built) {
    if (!built.platforms)
        return [built];
    return built.platforms.map((p) => ({ ...built, configDigest: p.configDigest, manifestDigest: p.manifestDigest, platform: p }));
}


/***/ }),

/***/ 72423:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ describeError)
/* harmony export */ });
/* harmony import */ var _config_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37827);
/* harmony import */ var _exec_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37507);


/** A user-facing failure keeps its message; anything else is a bug in this tool and says so. */
function describeError(e) {
    if (e instanceof _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y || e instanceof _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .x || e instanceof _exec_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .CommandError */ .Qd)
        return e.message;
    const err = e instanceof Error ? e : new Error(String(e));
    const at = err.stack?.split('\n')[1]?.trim() ?? '';
    return `internal error: ${err.message} (${at}); please report it at the dockerflow-action issue tracker with build.log`;
}


/***/ }),

/***/ 15994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ secretForms)
/* harmony export */ });
/* unused harmony export MIN_FORM_LENGTH */
/**
 * Every form in which a secret value can reach a file, an output or a console line, and that the redactor
 * therefore removes: the encodings the Actions runner masks on its console (raw, per line, base64 in its three
 * alignments, URL-encoded, JSON-escaped), applied to files too, plus the escapings this tool itself performs.
 */
/** Shorter forms would match everywhere: they are not registered (the run warns about such secrets). */
const MIN_FORM_LENGTH = 3;
/** base64 fragments shorter than this are left out. */
const MIN_BASE64_FORM = 6;
const jsonEscape = (s) => JSON.stringify(s).slice(1, -1);
/** `application/x-www-form-urlencoded` (URLSearchParams): space as `+`. */
const formEncode = (s) => new URLSearchParams([['', s]]).toString().slice(1);
/** POSIX single-quoted, as `displayArgv` and shells print it: `'it'\''s'`. */
const shellQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const htmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\|/g, '&#124;');
/**
 * base64 of the value at the three byte alignments it can take inside a longer base64 text (as the runner
 * masks it): the value's own encoding, and its encodings after one and two leading bytes, with the characters
 * that depend on the neighbouring bytes cut off.
 */
function base64Forms(s) {
    const bytes = Buffer.from(s, 'utf8');
    const out = [];
    for (let shift = 0; shift < 3; shift++) {
        const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
        let b64 = padded.toString('base64');
        // Leading characters that mix in the unknown preceding bytes.
        const lead = shift === 0 ? 0 : shift === 1 ? 2 : 3;
        b64 = b64.slice(lead);
        // Trailing characters that mix in the unknown following bytes (and the padding).
        const rem = padded.length % 3;
        const trail = rem === 0 ? 0 : rem === 1 ? 4 : 4;
        if (rem !== 0)
            b64 = b64.slice(0, b64.length - trail) + (rem === 2 ? b64.slice(-4, -2) : b64.slice(-4, -3));
        out.push(b64.replace(/=+$/, ''));
    }
    return out;
}
/**
 * Every encoding of `value` that is redacted: raw, each line of a multi-line value (trimmed), JSON-escaped once
 * and twice, `encodeURIComponent`, form encoding, base64 in three alignments, shell-quoted, and the
 * GitHub-flavoured Markdown table cell form (`|` as `\|`). Forms shorter than 3 characters are left out.
 */
function secretForms(value) {
    const forms = new Set();
    const add = (f) => {
        if (f.length >= MIN_FORM_LENGTH)
            forms.add(f);
    };
    const bases = [value, ...(/[\r\n]/.test(value) ? value.split(/\r?\n/).map((l) => l.trim()) : [])];
    for (const v of bases) {
        if (v.length < MIN_FORM_LENGTH)
            continue;
        add(v);
        add(jsonEscape(v));
        add(jsonEscape(jsonEscape(v)));
        add(encodeURIComponent(v));
        add(formEncode(v));
        // A shorter base64 fragment would match ordinary text; `base64(user:password)` is registered whole anyway.
        for (const b of base64Forms(v))
            if (b.length >= MIN_BASE64_FORM)
                add(b);
        add(shellQuote(v));
        add(shellQuote(v).slice(1, -1)); // the inside of a quoted word: 'it'\''s'
        // Markdown: a table cell (`|` as `\|`), every punctuation character backslash-escaped, HTML entities.
        add(v.replace(/\|/g, '\\|'));
        add(jsonEscape(v).replace(/\|/g, '\\|'));
        add(v.replace(/[\\`*_{}[\]()#+\-.!|<>~"$]/g, '\\$&'));
        add(htmlEscape(v));
        // The annotation escaping of workflow commands (`%` `\r` `\n`).
        add(v.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
    }
    return [...forms];
}


/***/ }),

/***/ 76533:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bm: () => (/* binding */ secretParts),
/* harmony export */   VT: () => (/* binding */ isSecretEntry),
/* harmony export */   xo: () => (/* binding */ isDockerCliVariable)
/* harmony export */ });
/* unused harmony exports isSecretName, urlPassword, holdsPrivateKey */
/**
 * The one rule for "this holds a secret", used by `env`, `services`, `build-args` and DF106 (the image's ENV).
 * It follows BuildKit's `SecretsUsedInArgOrEnv` check: a name is secret when one of its words (split on `_`) is
 * a secret word, unless a word says it is public. On top of BuildKit: glued suffixes (PGPASSWORD, SIGNINGKEY),
 * `PASSPHRASE`, `*_KEY_ID` public, and values that are secret whatever their name (a URL with a password, a
 * private key in PEM form, a `*_DSN` with userinfo). Documented in docs/rules.md (DF106).
 */
const SECRET_WORDS = /(^|_)(PASSWORD|PASSWD|PWORD|PASS|PWD|PASSPHRASE|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|KEY|CREDENTIAL|CREDENTIALS|AUTH)($|_)/i;
/** Glued suffixes that still mean a secret: PGPASSWORD, MYSECRET, SLACKTOKEN, SIGNINGKEY, APIKEY. */
const SECRET_SUFFIX = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|KEY|CREDENTIALS)$/i;
/**
 * Names that hold public values although they have a secret word: `*_PUBLIC_KEY` (any name with the word
 * PUBLIC, as in BuildKit) and key identifiers (`AWS_ACCESS_KEY_ID`, `GPG_KEY_ID`, `SIGNING_KEYID`).
 */
const PUBLIC_NAME = /(^|_)PUBLIC($|_)|KEY_?ID$/i;
/** `*_DSN` names: secret when the value carries userinfo (`https://key@sentry.io/1`). */
const DSN_NAME = /(^|_)DSN$/i;
function isSecretName(name) {
    const n = name.replace(/[-.]/g, '_');
    if (PUBLIC_NAME.test(n))
        return false;
    return SECRET_WORDS.test(n) || SECRET_SUFFIX.test(n);
}
/** The password of a URL in the value (`postgres://user:pw@db/app`), as written (percent-encoded or not). */
function urlPassword(value) {
    const m = /[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:([^@/\r\n]+)@/i.exec(value);
    return m ? m[1] : null;
}
/** A private key in PEM form (RSA, EC, OPENSSH, ENCRYPTED, PGP...). */
function holdsPrivateKey(value) {
    return /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/.test(value);
}
/**
 * The secret parts of an entry, by the one rule: the whole value when the name says secret, the value holds a
 * private key, or a `*_DSN` carries userinfo; the URL password otherwise (the rest of a URL stays readable).
 * Empty when the entry is public.
 */
function secretParts(name, value) {
    if (value === '')
        return [];
    if (isSecretName(name) || holdsPrivateKey(value) || (DSN_NAME.test(name) && /:\/\/[^/@\s]+@/.test(value)))
        return [{ whole: true, value }];
    const pw = urlPassword(value);
    if (!pw)
        return [];
    const parts = [{ whole: false, value: pw }];
    try {
        const decoded = decodeURIComponent(pw);
        if (decoded !== pw)
            parts.push({ whole: false, value: decoded });
    }
    catch {
        // not percent-encoded
    }
    return parts;
}
/** True when any part of the entry is secret. */
function isSecretEntry(name, value) {
    return secretParts(name, value).length > 0;
}
/**
 * Variables the docker CLI (and its buildx plugin) reads from its own environment: a container variable or
 * build arg of that name must never be put in the docker CLI's environment, or it would change which daemon,
 * config, proxy or program docker uses.
 */
function isDockerCliVariable(name) {
    return (/^(DOCKER|BUILDX|BUILDKIT|COMPOSE|NOTARY|OTEL|GO|XDG|SSL|LD|DYLD)_/i.test(name) ||
        /^(PATH|HOME|USER|SHELL|TMPDIR|TEMP|TMP|TERM|LANG|GODEBUG|GOMAXPROCS|(HTTPS?|NO|ALL|FTP)_PROXY)$/i.test(name));
}


/***/ }),

/***/ 15753:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pH: () => (/* binding */ LineRedactor),
/* harmony export */   pO: () => (/* binding */ Redactor)
/* harmony export */ });
/* unused harmony export MASK */
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _forms_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15994);


/** Replaces every registered secret value with `***` (the runner only masks its own console, not files). */
const MASK = '***';
/** Shortest secret prefix that a cut may not leave behind. */
const MIN_PREFIX = 3;
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The one redactor of a run: every sink (build.log, report, summary, version.json, outputs, saved state,
 * annotations, console lines) passes its final bytes through `redact`, and every shortened message through
 * `cut`. A value is redacted in every form `secretForms` lists.
 */
class Redactor {
    needles = [];
    pattern = null;
    raw = new Set();
    constructor(values = []) {
        for (const v of values)
            this.add(v);
    }
    /** Register a value: all its forms (see `secretForms`). */
    add(value) {
        if (this.raw.has(value))
            return;
        this.raw.add(value);
        let added = false;
        for (const f of (0,_forms_js__WEBPACK_IMPORTED_MODULE_1__/* .secretForms */ .e)(value)) {
            if (!this.needles.includes(f)) {
                this.needles.push(f);
                added = true;
            }
        }
        if (!added)
            return;
        this.needles.sort((a, b) => b.length - a.length); // longest first, so a prefix never leaves a tail
        this.pattern = null;
    }
    /** Every form that is redacted. */
    get values() {
        return this.needles;
    }
    /** The values as registered (not their forms). */
    get secrets() {
        return [...this.raw];
    }
    redact(text) {
        if (this.needles.length === 0 || text === '')
            return text;
        this.pattern ??= new RegExp(this.needles.map(escapeRegExp).join('|'), 'g');
        return text.replace(this.pattern, MASK);
    }
    /** True when `text` holds any registered value in any form. */
    leaks(text) {
        return this.needles.some((n) => text.includes(n));
    }
    /**
     * Shorten `text` to at most `max` characters, safely: redact first, then cut, then drop any secret prefix of 3
     * or more characters left at the cut (and never cut a `***` in two).
     */
    cut(text, max, ellipsis = '…') {
        const red = this.redact(text);
        if (red.length <= max)
            return red;
        let s = red.slice(0, Math.max(0, max - ellipsis.length));
        for (let changed = true; changed;) {
            changed = false;
            for (const n of this.needles) {
                for (let k = Math.min(n.length - 1, s.length); k >= MIN_PREFIX; k--) {
                    if (s.endsWith(n.slice(0, k))) {
                        s = s.slice(0, -k);
                        changed = true;
                        break;
                    }
                }
            }
        }
        s = s.replace(/\*{1,2}$/, (m) => (red.startsWith(MASK, s.length - m.length) ? '' : m));
        // Never split a UTF-16 surrogate pair.
        if (/[\uD800-\uDBFF]$/.test(s))
            s = s.slice(0, -1);
        return `${s}${ellipsis}`;
    }
}
/**
 * Redacts a byte stream line by line, so a secret split across two chunks is still caught. `flush()` emits a
 * last line without a newline. Memory stays bounded whatever comes: bytes are decoded across chunk boundaries
 * (invalid UTF-8 becomes U+FFFD), each chunk is searched once, and a line longer than `maxPending` is emitted in
 * pieces, each cut where no secret can span it (a tail as long as the longest secret is held back).
 */
class LineRedactor {
    redactor;
    emit;
    maxPending;
    pending = '';
    decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_0__.StringDecoder('utf8');
    constructor(redactor, emit, maxPending = 64 * 1024) {
        this.redactor = redactor;
        this.emit = emit;
        this.maxPending = maxPending;
    }
    write(chunk) {
        const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
        let start = 0;
        let nl;
        while ((nl = text.indexOf('\n', start)) >= 0) {
            this.emit(this.redactor.redact(this.pending + text.slice(start, nl + 1)));
            this.pending = '';
            start = nl + 1;
        }
        this.pending += text.slice(start);
        if (this.pending.length > this.maxPending)
            this.spill();
    }
    flush() {
        this.pending += this.decoder.end();
        if (this.pending)
            this.emit(this.redactor.redact(this.pending));
        this.pending = '';
    }
    /** Emit all of a long line but its end, cut before any secret that would straddle the cut. */
    spill() {
        const needles = this.redactor.values;
        const longest = needles.reduce((m, n) => Math.max(m, n.length), 0);
        let cut = this.pending.length - Math.max(0, longest - 1);
        for (let moved = true; moved && cut > 0;) {
            moved = false;
            for (const n of needles) {
                const i = this.pending.indexOf(n, Math.max(0, cut - n.length + 1));
                if (i >= 0 && i < cut) {
                    cut = i;
                    moved = true;
                }
            }
        }
        // Only back-to-back secrets for half the buffer could push the cut that far: emit it all rather than grow.
        if (cut < this.maxPending / 2)
            cut = this.pending.length;
        this.emit(this.redactor.redact(this.pending.slice(0, cut)));
        this.pending = this.pending.slice(cut);
    }
}


/***/ }),

/***/ 91894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ej: () => (/* binding */ fileCommandRedacted),
/* harmony export */   NA: () => (/* binding */ workflowCommand),
/* harmony export */   SY: () => (/* binding */ writeStreamRedacted),
/* harmony export */   bO: () => (/* binding */ appendFileRedacted),
/* harmony export */   mL: () => (/* binding */ writeFileRedacted)
/* harmony export */ });
/* unused harmony exports escapeCommandData, escapeCommandProperty */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




/**
 * The one place where bytes leave the tool for a file, a runner file command or a console: each function
 * formats first (escaping, the file-command envelope) and redacts the exact text it writes, last. A new sink
 * goes here, so it cannot forget to redact.
 */
/** Write a whole file (report, version.json, shasum...). */
function writeFileRedacted(redactor, file, content, mode = 0o644) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(file), { recursive: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(file, redactor.redact(content), { mode });
}
/** Append to a file (the job summary). */
function appendFileRedacted(redactor, file, content) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, redactor.redact(content), { encoding: 'utf8' });
}
/**
 * A runner file command (GITHUB_OUTPUT, GITHUB_STATE) in the runner's `name<<delimiter` form, as @actions/core
 * writes it, the whole entry redacted. Returns false when the runner gave no such file.
 */
function fileCommandRedacted(redactor, file, name, value) {
    if (!file)
        return false;
    const v = redactor.redact(value);
    let delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    while (name.includes(delimiter) || v.includes(delimiter))
        delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, redactor.redact(`${name}<<${delimiter}${(node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL)}${v}${(node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL)}${delimiter}${(node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL)}`), { encoding: 'utf8' });
    return true;
}
/** A console line or chunk. */
function writeStreamRedacted(redactor, stream, text) {
    stream.write(redactor.redact(text));
}
/** Workflow command escaping (`::warning file=…::message`), as @actions/core does it. */
function escapeCommandData(s) {
    return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeCommandProperty(s) {
    return escapeCommandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/** `::name k=v,…::message`, escaped; the caller redacts it with `writeStreamRedacted`. */
function workflowCommand(name, props, message) {
    const p = Object.entries(props)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => `${k}=${escapeCommandProperty(String(v))}`)
        .join(',');
    return `::${name}${p ? ` ${p}` : ''}::${escapeCommandData(message)}${(node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL)}`;
}


/***/ }),

/***/ 1884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ within),
/* harmony export */   z: () => (/* binding */ secs)
/* harmony export */ });
/** Durations, as every message, log line and summary shows them, and promises bounded by a timer. */
/** Seconds with one decimal: "2.5 s". */
function secs(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
/**
 * `promise`'s value, or `otherwise` once `ms` have passed first. The timer is cleared when the promise settles
 * (it never keeps the process up, nor fires late); a rejection passes through.
 */
async function within(promise, ms, otherwise) {
    let timer;
    try {
        return await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(() => resolve(otherwise), ms)))]);
    }
    finally {
        clearTimeout(timer);
    }
}


/***/ })

};
