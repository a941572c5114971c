import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 8801:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

;// CONCATENATED MODULE: external "node:stream/consumers"
const consumers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/consumers");
// EXTERNAL MODULE: ./src/config/config.ts + 1 modules
var config_config = __nccwpck_require__(1377);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __nccwpck_require__(7827);
// EXTERNAL MODULE: ./src/exec/runner.ts + 10 modules
var exec_runner = __nccwpck_require__(6493);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
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
var secrets_redactor = __nccwpck_require__(5753);
// EXTERNAL MODULE: ./src/pipeline/context.ts
var context = __nccwpck_require__(7057);
;// CONCATENATED MODULE: ./src/pipeline/create.ts





/** Secrets are registered (console masking and file redaction) before any command runs. */
function createRunContext(config, ui, env, runId = (0,context/* newRunId */.F)()) {
    const redactor = new secrets_redactor/* Redactor */.pO();
    for (const value of (0,config_config/* secretValues */.VX)(config)) {
        redactor.add(value);
        for (const form of redactor.values)
            ui.setSecret(form);
    }
    for (const name of (0,config_config/* unmaskableSecrets */.jY)(config)) {
        ui.warning(`${name} is shorter than ${config_config/* MIN_SECRET_LENGTH */.vb} characters: it cannot be masked in logs or searched for in the image; use a longer value`);
    }
    const log = new BuildLog(config.outDir, redactor);
    const runner = new exec_runner/* Runner */.by(log, ui, redactor);
    return { config, ui, log, runner, redactor, runId, env, undo: new Set() };
}

// EXTERNAL MODULE: ./src/pipeline/describe-error.ts
var describe_error = __nccwpck_require__(7434);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
// EXTERNAL MODULE: ./src/docker/cleanup.ts
var cleanup = __nccwpck_require__(7220);
;// CONCATENATED MODULE: ./src/pipeline/interrupt.ts


/**
 * SIGINT or SIGTERM (Ctrl-C, a cancelled job) while the pipeline runs: put the user's files back at once
 * (version.json in the build context: the `undo` steps are synchronous), stop the commands still running (a
 * signal sent to this process alone would leave a build or a `docker run` going on), `say` why, remove what the
 * run started, and exit with `exitCode`. Returns the function that removes the handlers.
 */
function onInterrupt(ctx, say, exitCode) {
    const handler = (signal) => {
        for (const undo of ctx.undo)
            undo();
        ctx.undo.clear();
        // @actions/exec gives no handle on its children: ask for them by parent PID.
        (0,external_node_child_process_.spawnSync)('pkill', ['-TERM', '-P', String(process.pid)], { stdio: 'ignore' });
        say(signal);
        void (0,cleanup/* removeRunResources */.J)(ctx.runner, ctx.runId).finally(() => process.exit(exitCode));
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
    return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
    };
}

;// CONCATENATED MODULE: ./src/report/summary.ts

const ICON = { pass: '✅', fail: '❌', skip: '⏭️' };
/** The job summary (GitHub-flavoured Markdown): verdict, image, push, one row per rule, timings. */
function summaryMarkdown(r, extra = {}) {
    const lines = [];
    lines.push(`## Dockerflow: ${r.verdict === 'pass' ? '✅ pass' : '❌ fail'}`, '');
    if (r.error)
        lines.push(`> **Error:** ${prose(r.error)}`, '');
    if (r.image.id)
        lines.push(`- Image ID: ${code(r.image.id)}`);
    if (r.image.tags.length)
        lines.push(`- Tags: ${r.image.tags.map(code).join(', ')}`);
    if (r.push)
        lines.push(`- Push: ${r.image.pushed.length ? `pushed ${r.image.pushed.map(code).join(', ')}` : 'not pushed'} (${prose(r.push.reason)})`);
    if (r.image.digest)
        lines.push(`- Digest: ${code(r.image.digest)}`);
    if (r.version)
        lines.push(`- Version: ${code(r.version.version || '-')} at ${code(r.version.commit.slice(0, 12) || '-')}`);
    if (extra.artifactUrl)
        lines.push(`- Artifacts: [build log, report, version.json, shasum](${extra.artifactUrl})`);
    for (const note of extra.notes ?? [])
        lines.push(`- ${prose(note)}`);
    lines.push('');
    if (r.checks.length) {
        lines.push(...table(['Rule', 'Status', 'Level', 'Message'], r.checks.map((c) => [
            `${c.id} ${prose(c.title)}`,
            `${ICON[c.status] ?? ''} ${c.status}`,
            c.level,
            `${prose(c.message)}${c.file ? ` (${code(`${c.file}${c.line ? `:${c.line}` : ''}`)})` : ''}`,
        ])), '');
    }
    const t = Object.entries(r.timings);
    if (t.length)
        lines.push(`<sub>Timings: ${t.map(([k, v]) => `${escape(k)} ${(v / 1000).toFixed(1)} s`).join(' · ')}</sub>`, '');
    return lines.join('\n');
}
/** The CLI's short summary on stdout. */
function summaryText(r, files) {
    const out = [];
    const width = Math.max(...r.checks.map((c) => c.title.length), 10);
    const notRun = r.checks.filter((c) => c.status === 'skip' && c.message.startsWith('not run'));
    if (notRun.length > 0 && notRun.length === r.checks.length)
        out.push(`${notRun.length} rules not run: ${notRun[0].message.replace(/^not run:?\s*/, '')}`);
    for (const c of notRun.length === r.checks.length ? [] : r.checks) {
        const mark = c.status === 'pass' ? 'PASS' : c.status === 'skip' ? 'SKIP' : c.level === 'error' ? 'FAIL' : 'WARN';
        out.push(`${mark.padEnd(4)} ${c.id} ${c.title.padEnd(width)}  ${c.status === 'pass' ? '' : c.message}`.trimEnd());
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

;// CONCATENATED MODULE: ./src/ui/cli-ui.ts

const where = (a) => (a?.file ? `${a.file}${a.line ? `:${a.line}` : ''}: ` : '');
/**
 * The CLI's console: progress and command output on stderr, so stdout carries only the summary. Every message is
 * redacted here, as the runner masks its console for the action.
 */
class CliUi {
    err;
    verbose;
    redactor = new secrets_redactor/* Redactor */.pO();
    constructor(err = process.stderr, verbose = true) {
        this.err = err;
        this.verbose = verbose;
    }
    info(message) {
        this.err.write(this.redactor.redact(`${message}\n`));
    }
    warning(message, a) {
        this.err.write(this.redactor.redact(`warning: ${where(a)}${message}\n`));
    }
    error(message, a) {
        this.err.write(this.redactor.redact(`error: ${where(a)}${message}\n`));
    }
    output(text) {
        if (this.verbose)
            this.err.write(text);
    }
    async group(title, fn) {
        this.err.write(`── ${title}\n`);
        return fn();
    }
    setSecret(value) {
        this.redactor.add(value);
    }
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
// EXTERNAL MODULE: ./src/config/options.ts
var options = __nccwpck_require__(6856);
;// CONCATENATED MODULE: ./src/cli/args.ts



const CLI_OPTIONS = options/* OPTIONS */.lw.filter((o) => !o.actionOnly);
/** Options as `node:util` parseArgs wants them, derived from the one catalogue. */
function parseArgsOptions() {
    const opts = { help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean', short: 'q' } };
    for (const o of CLI_OPTIONS) {
        opts[o.flag ?? o.name] = o.kind === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple: o.kind === 'list' };
    }
    return opts;
}
/** argv (without node and script) → raw option values keyed by option name, as the action's inputs are. */
function parseCliArgs(argv) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: argv, options: parseArgsOptions(), allowPositionals: true, strict: true });
    }
    catch (e) {
        const msg = e.message.split('\n')[0];
        if (/--password\b/.test(msg))
            throw new errors/* ConfigError */.x('password', 'is never taken as a flag value', 'pipe it in with --password-stdin');
        throw new errors/* ConfigError */.x('usage', msg.replace(/\. To specify.*$/, ''), 'see dockerflow --help');
    }
    const raw = new Map();
    const values = parsed.values;
    for (const o of CLI_OPTIONS) {
        const v = values[o.flag ?? o.name];
        if (v === undefined || o.name === 'password-stdin')
            continue;
        raw.set(o.name, Array.isArray(v) ? v.join('\n') : String(v));
    }
    const [command = null, ...extra] = parsed.positionals;
    if (extra.length > 0)
        throw new errors/* ConfigError */.x('usage', `unexpected argument "${extra[0]}"`, 'see dockerflow --help');
    return { command, help: values.help === true, quiet: values.quiet === true, passwordStdin: values['password-stdin'] === true, raw };
}
/** The flag a user typed for an input name, for error messages. */
function flagFor(input) {
    const spec = options/* OPTIONS */.lw.find((o) => o.name === input);
    return spec ? (0,options/* cliFlag */.vM)(spec) : input === 'usage' ? 'usage' : `--${input}`;
}
function flagLine(o) {
    const arg = o.kind === 'boolean' ? '' : o.kind === 'list' ? (o.newlineOnly ? ' K=V' : ' VALUE') : ' VALUE';
    const name = `${(0,options/* cliFlag */.vM)(o)}${arg}${o.kind === 'list' ? ' (repeatable)' : ''}`;
    return `  ${name.padEnd(34)} ${o.description}${o.default ? ` [default: ${o.default}]` : ''}`;
}
function helpText() {
    return [
        'Usage: dockerflow run [options]',
        '',
        'Build the image in --context, inject version.json, check it against the Dockerflow rules, run and',
        'probe the container, run its tests and (with --push true) push it: the same pipeline as the GitHub Action.',
        '',
        'Options:',
        ...CLI_OPTIONS.map(flagLine),
        `  ${'-q, --quiet'.padEnd(34)} Do not stream build and command output`,
        `  ${'-h, --help'.padEnd(34)} Show this help`,
        '',
        'Exit status: 0 the verdict is pass, 1 it is fail, 2 bad usage.',
        'Example: dockerflow run --context sample-app --service "db=postgres:15 POSTGRES_PASSWORD=pw" \\',
        '           --env DATABASE_URL=postgres://postgres:pw@db/postgres --test-command test',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/cli/cli.ts









/** `dockerflow run ...`: returns the exit code (0 pass, 1 fail, 2 usage). */
async function main(argv, io) {
    let config;
    let quiet = false;
    try {
        const inv = parseCliArgs(argv);
        if (inv.help || inv.command === null || inv.command === 'help') {
            (inv.help || inv.command === 'help' ? io.stdout : io.stderr).write(helpText());
            return inv.help || inv.command === 'help' ? 0 : 2;
        }
        if (inv.command !== 'run')
            throw new errors/* ConfigError */.x('usage', `unknown command "${inv.command}"`, 'the command is "run"; see dockerflow --help');
        quiet = inv.quiet;
        if (inv.passwordStdin)
            inv.raw.set('password', (await (0,consumers_namespaceObject.text)(io.stdin)).replace(/\r?\n$/, ''));
        config = (0,config_config/* parseConfig */.o4)({ raw: inv.raw, env: io.env, cwd: io.cwd, defaultOutDir: 'dockerflow-out' });
    }
    catch (e) {
        io.stderr.write(`dockerflow: ${e instanceof errors/* ConfigError */.x ? e.render(flagFor) : (0,describe_error/* describeError */.U)(e)}\n`);
        return 2;
    }
    const ctx = createRunContext(config, new CliUi(io.stderr, !quiet), io.env);
    const removeHandlers = onInterrupt(ctx, (signal) => io.stderr.write(`\ndockerflow: ${signal}: removing the run's containers and networks\n`), 130);
    try {
        const { runPipeline } = await Promise.all(/* import() */[__nccwpck_require__.e(551), __nccwpck_require__.e(966)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8966));
        const { report, files } = await runPipeline(ctx);
        io.stdout.write(ctx.redactor.redact(summaryText(report, files)));
        return report.verdict === 'pass' ? 0 : 1;
    }
    finally {
        removeHandlers();
    }
}


/***/ }),

/***/ 1377:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  vb: () => (/* binding */ MIN_SECRET_LENGTH),
  pr: () => (/* binding */ namedSecrets),
  o4: () => (/* binding */ parseConfig),
  VX: () => (/* binding */ secretValues),
  jY: () => (/* binding */ unmaskableSecrets)
});

// UNUSED EXPORTS: TAG_POLICY_ENTRIES, registryAuth

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/rules/catalogue.ts
var catalogue = __nccwpck_require__(1062);
// EXTERNAL MODULE: ./src/secrets/names.ts
var names = __nccwpck_require__(6533);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __nccwpck_require__(7827);
// EXTERNAL MODULE: ./src/config/image-ref.ts
var image_ref = __nccwpck_require__(2023);
// EXTERNAL MODULE: ./src/config/options.ts
var options = __nccwpck_require__(6856);
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








const TAG_POLICY_ENTRIES = ['sha', 'pr', 'semver'];
function parseConfig({ raw, env, cwd, defaultOutDir }) {
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
    if (!(0,external_node_fs_.existsSync)(file) || !(0,external_node_fs_.statSync)(file).isFile()) {
        throw new errors/* ConfigError */.x('file', `no Dockerfile at ${file}`, 'create it, or set the Dockerfile path');
    }
    const registryIn = str('registry') || image_ref/* DOCKER_HUB */.Xb;
    if (!(0,image_ref/* isRegistryHost */.EV)(registryIn)) {
        throw new errors/* ConfigError */.x('registry', `"${registryIn}" is not a registry host`, 'write a host such as docker.io, ghcr.io or localhost:5000');
    }
    const registry = (0,image_ref/* isDockerHub */.gr)(registryIn) ? image_ref/* DOCKER_HUB */.Xb : registryIn;
    const image = str('image') || defaultImage(env, context);
    if (!(0,image_ref/* isRepository */.Z6)(image)) {
        throw new errors/* ConfigError */.x('image', `"${image}" is not a valid repository name`, 'use lower-case path parts such as mozilla/app, without registry or tag');
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
        return { name: m[1], image: m[2], env: parseKeyValues('services', envWords, 'KEY=VALUE after the image') };
    });
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
    const platforms = list('platforms');
    if (platforms.length > 1) {
        throw new errors/* ConfigError */.x('platforms', `${platforms.length} platforms given`, 'give one: the image is loaded and run on this machine to be tested');
    }
    const tagPolicy = [...new Set(list('tag-policy').map((s) => s.toLowerCase()))].map((entry) => oneOf('tag-policy', entry, TAG_POLICY_ENTRIES));
    const retention = str('retention-days');
    return {
        context,
        file,
        image,
        registry,
        tags,
        labels: parseKeyValues('labels', list('labels')),
        buildArgs: parseKeyValues('build-args', list('build-args')),
        target: str('target'),
        noCache: bool('no-cache'),
        pull: bool('pull'),
        cacheFrom: list('cache-from'),
        cacheTo: list('cache-to'),
        platforms,
        provenance: attestation('provenance', str('provenance'), /^(builder-id|mode|version|reproducible|filename|inline-only)$/),
        sbom: attestation('sbom', str('sbom'), /^(generator|scan-context|scan-stage|filename)$/),
        secrets: parseKeyValues('secrets', list('secrets'), 'ID=VALUE'),
        port: parseIntIn('port', str('port'), 1, 65535),
        env: parseKeyValues('env', list('env')),
        envSecrets: parseKeyValues('env-secrets', list('env-secrets')),
        services,
        testCommand: splitCommand('test-command', str('test-command')),
        staticPaths,
        startupTimeoutMs: parseIntIn('startup-timeout', str('startup-timeout'), 1, 3600) * 1000,
        checksIgnore,
        failOn: oneOf('fail-on', str('fail-on'), ['error', 'warning']),
        mozlog: oneOf('mozlog', str('mozlog'), ['off', 'warn', 'require']),
        version: raw.has('version') && str('version') !== '' ? str('version') : null,
        push: oneOf('push', str('push'), ['auto', 'true', 'false']),
        tagPolicy,
        prComment: oneOf('pr-comment', str('pr-comment').toLowerCase(), ['true', 'false', 'on-failure']),
        // The action's default `${{ github.token }}` is filled in by the runner; taken literally it is no token.
        githubToken: (raw.get('github-token') ?? '').trim().startsWith('${{') ? '' : (raw.get('github-token') ?? '').trim(),
        username: str('username'),
        password: raw.get('password') ?? '',
        uploadArtifacts: bool('upload-artifacts'),
        artifactName: validArtifactName(str('artifact-name') || 'dockerflow'),
        retentionDays: retention ? parseIntIn('retention-days', retention, 1, 90) : null,
        outDir: writableFolder(external_node_path_default().resolve(cwd, raw.get('out')?.trim() || defaultOutDir)),
    };
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
    const envs = [...config.env, ...config.services.flatMap((s) => s.env)];
    for (const { key, value } of envs) {
        if ((0,names/* isSecretName */.e)(key))
            entries.push({ name: `env ${key}`, value });
        // A password inside a URL (postgres://user:pw@db/app) is a secret whatever the variable is called.
        const userinfo = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:([^/@\s]+)@/i.exec(value);
        if (userinfo)
            entries.push({ name: `the password in env ${key}`, value: userinfo[1] });
    }
    return entries.filter((e) => e.value !== '');
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

/***/ 7827:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}


/***/ }),

/***/ 2023:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EV: () => (/* binding */ isRegistryHost),
/* harmony export */   Xb: () => (/* binding */ DOCKER_HUB),
/* harmony export */   Z6: () => (/* binding */ isRepository),
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
/** A registry host is the first path part when it looks like a host (has '.' or ':' or is localhost). */
function looksLikeHost(part) {
    return part.includes('.') || part.includes(':') || part === 'localhost';
}
/** Full, pushable form: `registry/repository:tag`, with Docker Hub's `library/` for single names. */
function formatRef(ref) {
    const repo = isDockerHub(ref.registry) && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
    return `${isDockerHub(ref.registry) ? DOCKER_HUB : ref.registry}/${repo}:${ref.tag}`;
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   id: () => (/* binding */ OPTION_BY_NAME),
/* harmony export */   lw: () => (/* binding */ OPTIONS),
/* harmony export */   vM: () => (/* binding */ cliFlag)
/* harmony export */ });
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
    { name: 'platforms', kind: 'list', flag: 'platform', description: 'Target platform (one: the image is loaded and run here)' },
    {
        name: 'secrets',
        kind: 'list',
        flag: 'secret',
        newlineOnly: true,
        description: 'Build secrets ID=VALUE: masked, passed by environment, never in argv',
    },
    { name: 'port', kind: 'number', default: '8000', description: 'Port the app listens on by default' },
    { name: 'env', kind: 'list', flag: 'env', newlineOnly: true, description: 'Runtime environment for the container, KEY=VALUE' },
    {
        name: 'env-secrets',
        kind: 'list',
        flag: 'env-secret',
        newlineOnly: true,
        description: 'Runtime KEY=VALUE entries whose values are all secret, whatever their names: masked, passed by name',
    },
    {
        name: 'services',
        kind: 'list',
        flag: 'service',
        newlineOnly: true,
        description: 'Sidecars NAME=IMAGE [KEY=VALUE ...], started on a private network before the app',
    },
    { name: 'test-command', kind: 'string', description: 'Command run as `docker run IMAGE <command>`; must exit 0' },
    { name: 'static-paths', kind: 'list', flag: 'static-path', description: 'URL paths that must answer 200' },
    { name: 'startup-timeout', kind: 'number', default: '60', description: 'Seconds to wait for /__lbheartbeat__' },
    { name: 'checks-ignore', kind: 'list', description: 'Rule IDs to skip, e.g. DF104,DF302' },
    { name: 'fail-on', kind: 'string', default: 'error', description: 'Lowest level that fails the run: error or warning' },
    { name: 'mozlog', kind: 'string', default: 'warn', description: 'mozlog log lines: off, warn or require' },
    { name: 'version', kind: 'string', description: 'Override the version field of version.json' },
    { name: 'push', kind: 'string', default: 'auto', description: 'auto (push policy), true or false' },
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
    { name: 'upload-artifacts', kind: 'boolean', default: 'true', description: 'Upload the out dir as a workflow artifact' },
    { name: 'artifact-name', kind: 'string', default: 'dockerflow', description: 'Name of the uploaded artifact' },
    { name: 'retention-days', kind: 'number', description: 'Artifact retention in days (default: the repository setting)' },
    {
        name: 'out',
        kind: 'string',
        cliOnly: true,
        default: './dockerflow-out',
        description: 'Folder for the build log, report and other files',
    },
    { name: 'password-stdin', kind: 'boolean', cliOnly: true, description: 'Read the registry password from standard input' },
];
const OPTION_BY_NAME = new Map(OPTIONS.map((o) => [o.name, o]));
/** The flag a CLI user types for this option. */
function cliFlag(spec) {
    return `--${spec.flag ?? spec.name}`;
}


/***/ }),

/***/ 7220:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ removeRunResources)
/* harmony export */ });
/* harmony import */ var _pipeline_context_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7057);
/* harmony import */ var _own_container_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7742);


/**
 * Remove every container and network a run created (found by its label), whatever state they are in. Safe to
 * call twice: the pipeline calls it when it ends, the post step again in case the job was cancelled.
 */
async function removeRunResources(runner, runId) {
    const filter = `label=${_pipeline_context_js__WEBPACK_IMPORTED_MODULE_0__/* .RUN_LABEL */ .j}=${runId}`;
    const ids = async (argv) => {
        const r = await runner.run(argv, { allowFailure: true, quiet: true });
        return r.exitCode === 0
            ? r.stdout
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean)
            : [];
    };
    // Both listed at once; the containers go first, as a network in use cannot be removed.
    const [containers, networks] = await Promise.all([
        ids(['docker', 'ps', '-aq', '--filter', filter]),
        ids(['docker', 'network', 'ls', '-q', '--filter', filter]),
    ]);
    if (containers.length)
        await runner.run(['docker', 'rm', '-f', '-v', ...containers], { allowFailure: true, quiet: true });
    // A containerised job joined the run network to reach the app (Stack): it leaves first, or the network stays.
    const self = networks.length ? (0,_own_container_js__WEBPACK_IMPORTED_MODULE_1__/* .ownContainerId */ .X)() : null;
    if (self) {
        await Promise.all(networks.map((n) => runner.run(['docker', 'network', 'disconnect', '--force', n, self], { allowFailure: true, quiet: true })));
    }
    if (networks.length)
        await runner.run(['docker', 'network', 'rm', ...networks], { allowFailure: true, quiet: true });
    return { containers: containers.length, networks: networks.length };
}


/***/ }),

/***/ 7742:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ ownContainerId)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);


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

/***/ 3546:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_cli_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8801);
/** The CLI entry (dist/cli/index.js), run by bin/dockerflow.js. */

process.exitCode = await (0,_cli_cli_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 6493:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qd: () => (/* binding */ CommandError),
  by: () => (/* binding */ Runner),
  zq: () => (/* binding */ displayArgv),
  fM: () => (/* binding */ lastLine)
});

;// CONCATENATED MODULE: external "string_decoder"
const external_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");
;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(4434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: external "assert"
const external_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_.constants.O_RDONLY;
function exists(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return __awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_namespaceObject.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_namespaceObject.dirname(filePath);
                        const upperName = external_path_namespaceObject.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_namespaceObject.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_namespaceObject.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_namespaceObject.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_namespaceObject.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_namespaceObject.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (toolrunner_IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_namespaceObject.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_namespaceObject.EOL.length);
                n = s.indexOf(external_os_namespaceObject.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_namespaceObject.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_namespaceObject.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new external_string_decoder_namespaceObject.StringDecoder('utf8');
        const stderrDecoder = new external_string_decoder_namespaceObject.StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map
// EXTERNAL MODULE: ./src/secrets/redactor.ts
var redactor = __nccwpck_require__(5753);
;// CONCATENATED MODULE: ./src/exec/runner.ts


/** A command that exited non-zero; the message is redacted and ends with its last stderr line. */
class CommandError extends Error {
    argv;
    result;
    constructor(argv, result, redactor) {
        const last = redactor.redact(lastLine(result.stderr) || lastLine(result.stdout) || 'no output');
        super(`\`${redactor.redact(displayArgv(argv.slice(0, 3)))}…\` exited ${result.exitCode}: ${last}`);
        this.argv = argv;
        this.result = result;
        this.name = 'CommandError';
    }
}
/** The last non-blank line of a command's output ('' when there is none). */
const lastLine = (s) => s.trim().split('\n').pop()?.trim() ?? '';
/** Quote argv for display in the log (never executed through a shell). */
function displayArgv(argv) {
    return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
/**
 * Runs external commands from an argv array (no shell), logging each command line and its output to build.log,
 * redacted, and optionally to the console.
 */
class Runner {
    log;
    ui;
    redactor;
    /** Variables every command gets (DOCKER_CONFIG while the run is logged in to a registry). */
    env = {};
    constructor(log, ui, redactor) {
        this.log = log;
        this.ui = ui;
        this.redactor = redactor;
    }
    async run(argv, opts = {}) {
        const [cmd, ...args] = argv;
        if (!cmd)
            throw new Error('Runner.run: empty argv');
        // Quiet commands are logged once they end, with their exit code, so parallel ones stay readable.
        if (!opts.quiet)
            this.log.line(`$ ${displayArgv(argv)}`);
        const sink = (text) => {
            if (!opts.quiet)
                this.log.writeRedacted(text);
            if (opts.stream)
                this.ui.output(text);
        };
        const out = new redactor/* LineRedactor */.pH(this.redactor, sink);
        const err = new redactor/* LineRedactor */.pH(this.redactor, sink);
        const started = performance.now();
        const res = await getExecOutput(cmd, args, {
            silent: true,
            ignoreReturnCode: true,
            ...(opts.input !== undefined ? { input: Buffer.from(opts.input) } : {}),
            ...(opts.env || Object.keys(this.env).length
                ? { env: { ...process.env, ...this.env, ...opts.env } }
                : {}),
            listeners: { stdout: (b) => out.write(b), stderr: (b) => err.write(b) },
        });
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

/***/ 7057:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ newRunId),
/* harmony export */   j: () => (/* binding */ RUN_LABEL)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** Label set on everything a run creates; the post step and cleanup remove by it. */
const RUN_LABEL = 'dockerflow.run';
function newRunId() {
    return `df-${Date.now().toString(36)}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex')}`;
}


/***/ }),

/***/ 7434:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ describeError)
/* harmony export */ });
/* harmony import */ var _config_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7827);
/* harmony import */ var _exec_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6493);


/** A user-facing failure keeps its message; anything else is a bug in this tool and says so. */
function describeError(e) {
    if (e instanceof _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y || e instanceof _config_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .x || e instanceof _exec_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .CommandError */ .Qd)
        return e.message;
    const err = e instanceof Error ? e : new Error(String(e));
    const at = err.stack?.split('\n')[1]?.trim() ?? '';
    return `internal error: ${err.message} (${at}); please report it at the dockerflow-action issue tracker with build.log`;
}


/***/ }),

/***/ 1062:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FR: () => (/* binding */ failsRun),
/* harmony export */   KX: () => (/* binding */ isRuleId),
/* harmony export */   y0: () => (/* binding */ RULES),
/* harmony export */   z6: () => (/* binding */ check)
/* harmony export */ });
/* unused harmony export rule */
const RULES = [
    { id: 'DF101', stage: 'inspect', level: 'error', title: 'Default user is app with UID 10001' },
    { id: 'DF102', stage: 'inspect', level: 'error', title: "Group app has GID 10001 and is the app user's group" },
    { id: 'DF103', stage: 'inspect', level: 'error', title: 'Image has both ENTRYPOINT and CMD' },
    { id: 'DF104', stage: 'inspect', level: 'warning', title: 'Sources live in /app' },
    { id: 'DF105', stage: 'inspect', level: 'error', title: '/app/version.json equals the generated version object' },
    { id: 'DF106', stage: 'inspect', level: 'error', title: 'No secrets in the image' },
    { id: 'DF107', stage: 'inspect', level: 'warning', title: 'ENTRYPOINT and CMD in exec (JSON) form' },
    { id: 'DF201', stage: 'smoke', level: 'error', title: 'The app listens on $PORT' },
    { id: 'DF202', stage: 'smoke', level: 'error', title: '/__lbheartbeat__ answers 200' },
    { id: 'DF203', stage: 'smoke', level: 'error', title: '/__heartbeat__ answers 200' },
    { id: 'DF204', stage: 'smoke', level: 'error', title: '/__version__ answers the version object' },
    { id: 'DF205', stage: 'smoke', level: 'error', title: '/__heartbeat__ turns 5xx when backing services stop' },
    { id: 'DF206', stage: 'smoke', level: 'error', title: 'Static paths answer 200' },
    { id: 'DF207', stage: 'smoke', level: 'warning', title: 'The container stops on SIGTERM within 10 s with exit code 0' },
    { id: 'DF208', stage: 'smoke', level: 'error', title: 'The container stays up through the checks' },
    { id: 'DF301', stage: 'smoke', level: 'warning', title: 'The app logs to stdout/stderr' },
    { id: 'DF302', stage: 'smoke', level: 'warning', title: 'Log lines are mozlog JSON' },
    { id: 'DF401', stage: 'test', level: 'error', title: 'test-command exits 0 inside the image' },
];
const BY_ID = new Map(RULES.map((r) => [r.id, r]));
function isRuleId(id) {
    return BY_ID.has(id);
}
function rule(id) {
    return BY_ID.get(id);
}
/** Make a result row; `level` may be overridden where an input sets it (DF302 follows `mozlog`). */
function check(id, status, message, where = {}) {
    const spec = rule(id);
    const row = { id, title: spec.title, level: where.level ?? spec.level, status, message };
    if (where.file !== undefined)
        row.file = where.file;
    if (where.line !== undefined)
        row.line = where.line;
    return row;
}
const LEVEL_RANK = { info: 0, warning: 1, error: 2 };
/** True when this row fails the run under the given `fail-on` threshold. */
function failsRun(row, failOn) {
    return row.status === 'fail' && LEVEL_RANK[row.level] >= LEVEL_RANK[failOn];
}


/***/ }),

/***/ 6533:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ isSecretName)
/* harmony export */ });
/**
 * Names that say "this holds a secret": used to mask `env` entries and by DF106 on the image's ENV.
 * Matches whole words of an env name (DB_PASSWORD, API_KEY, GITHUB_TOKEN), not substrings of others
 * (KEYBOARD_LAYOUT, TOKENIZER_PATH stay public).
 */
const SECRET_WORDS = /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|ACCESS_KEY|PRIVATE_KEY|SECRET_KEY|CREDENTIALS?|AUTH|DSN)($|_)/i;
/** Glued suffixes that still mean a secret: PGPASSWORD, MYSECRET, SLACKTOKEN. */
const SECRET_SUFFIX = /(PASSWORD|PASSWD|SECRET|TOKEN)$/i;
function isSecretName(name) {
    const n = name.replace(/[-.]/g, '_');
    return SECRET_WORDS.test(n) || SECRET_SUFFIX.test(n);
}


/***/ }),

/***/ 5753:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   pH: () => (/* binding */ LineRedactor),
/* harmony export */   pO: () => (/* binding */ Redactor)
/* harmony export */ });
/* unused harmony export MASK */
/** Replaces every registered secret value with `***` (the runner only masks its own console, not files). */
const MASK = '***';
class Redactor {
    needles = [];
    constructor(values = []) {
        for (const v of values)
            this.add(v);
    }
    /** Register a value; multi-line values also line by line, and their JSON-escaped form. */
    add(value) {
        const forms = new Set([value, JSON.stringify(value).slice(1, -1)]);
        for (const line of value.split(/\r?\n/))
            forms.add(line.trim());
        for (const f of forms)
            if (f.length >= 3 && !this.needles.includes(f))
                this.needles.push(f);
        this.needles.sort((a, b) => b.length - a.length); // longest first, so a prefix never leaves a tail
    }
    get values() {
        return this.needles;
    }
    redact(text) {
        let out = text;
        for (const n of this.needles)
            if (out.includes(n))
                out = out.split(n).join(MASK);
        return out;
    }
    /** True when `text` holds any registered value. */
    leaks(text) {
        return this.needles.some((n) => text.includes(n));
    }
}
/**
 * Redacts a byte stream line by line, so a secret split across two chunks is still caught. `flush()` emits a
 * last line without a newline.
 */
class LineRedactor {
    redactor;
    emit;
    pending = '';
    constructor(redactor, emit) {
        this.redactor = redactor;
        this.emit = emit;
    }
    write(chunk) {
        this.pending += chunk.toString();
        let nl;
        while ((nl = this.pending.indexOf('\n')) >= 0) {
            this.emit(this.redactor.redact(this.pending.slice(0, nl + 1)));
            this.pending = this.pending.slice(nl + 1);
        }
    }
    flush() {
        if (this.pending)
            this.emit(this.redactor.redact(this.pending));
        this.pending = '';
    }
}


/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7830:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/web");

/***/ }),

/***/ 7997:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(3546);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
