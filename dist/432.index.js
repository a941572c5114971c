export const id = 432;
export const ids = [432];
export const modules = {

/***/ 40432:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMerge: () => (/* binding */ runMerge)
});

// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(37827);
// EXTERNAL MODULE: ./src/publish/hub-description.ts
var hub_description = __webpack_require__(89823);
// EXTERNAL MODULE: ./src/publish/login.ts
var login = __webpack_require__(63454);
// EXTERNAL MODULE: ./src/config/image-ref.ts
var image_ref = __webpack_require__(22023);
// EXTERNAL MODULE: ./src/docker/registry-argv.ts
var registry_argv = __webpack_require__(48940);
// EXTERNAL MODULE: ./src/docker/platform.ts
var platform = __webpack_require__(88421);
// EXTERNAL MODULE: ./src/publish/push.ts
var push = __webpack_require__(29675);
// EXTERNAL MODULE: ./src/publish/published.ts
var publish_published = __webpack_require__(69777);
// EXTERNAL MODULE: ./src/publish/retry.ts
var retry = __webpack_require__(30833);
;// CONCATENATED MODULE: ./src/publish/merge.ts
/**
 * The merge of a fan-out: the images each platform's run pushed by digest become one index, pushed under the
 * planned tags (`docker buildx imagetools create`), then read back like any push: every platform's entry must be
 * the manifest that platform's run tested and pushed.
 */








/** Per repository of `refs`: the tags on it and the by-digest sources of every platform there. */
function mergePlan(refs, platforms, registry, image) {
    const byRepo = new Map();
    for (const ref of refs) {
        const parsed = (0,image_ref/* parseTagEntry */.oN)(ref, registry, image);
        if (!parsed)
            throw new Error(`cannot parse the planned ref ${ref}`);
        const key = `${parsed.registry}/${parsed.repository}`;
        let entry = byRepo.get(key);
        if (!entry) {
            entry = { repository: key, tags: [], sources: [], expected: [] };
            {
                for (const p of platforms) {
                    const source = p.pushed.find((r) => {
                        const d = (0,image_ref/* parseDigestRef */.Tf)(r, registry);
                        return d && `${d.registry}/${d.repository}` === key && d.digest === p.manifestDigest;
                    });
                    if (!source) {
                        const had = p.pushed.join(', ') || 'nothing';
                        throw new errors/* UserError */.y(`merge: ${ref} is on ${key}, and the ${p.platform} run pushed no image there (it pushed ${had}): give the legs and the merge the same image, registry and tags`);
                    }
                    entry.sources.push(source);
                    entry.expected.push({
                        name: p.platform,
                        platform: (0,platform/* targetPlatform */.LM)([p.platform]),
                        configDigest: p.configDigest,
                        manifestDigest: p.manifestDigest,
                    });
                }
            }
            byRepo.set(key, entry);
        }
        entry.tags.push(ref);
    }
    return [...byRepo.values()];
}
/** Create and push the index on each repository, then read every tag back. */
async function mergeIndex(ctx, session, refs, platforms, before) {
    let out = before;
    for (const repo of mergePlan(refs, platforms, session.registry, ctx.config.image)) {
        ctx.ui.info(`Merging ${repo.expected.map((e) => e.name).join(', ')} into one index: ${repo.tags.join(', ')}`);
        try {
            await (0,retry/* retryRegistry */.II)(`docker buildx imagetools create ${repo.tags.join(' ')}`, () => session.runner.run((0,registry_argv/* imagetoolsCreateArgv */.R5)(repo.tags, repo.sources)), {
                say: (line) => ctx.ui.info(line),
                why: login/* failureText */.kY,
                budgetMs: push/* PUSH_BUDGET_MS */.K,
            });
        }
        catch (e) {
            const why = (0,login/* failureText */.kY)(e);
            const fix = (0,retry/* classifyFailure */.XE)(why) === 'auth'
                ? `check that user ${session.username} may push to ${repo.repository}`
                : /not found|unknown/i.test(why)
                    ? 'a source digest is not in the registry: re-run the platform jobs'
                    : 'the full output is in build.log';
            throw new publish_published/* PublishError */.S1(new errors/* UserError */.y(`merging into ${repo.tags.join(', ')} failed: ${why}; ${fix}`), out);
        }
        out = await (0,publish_published/* readBack */.e7)(ctx, session, repo.tags, repo.expected, out);
    }
    return out;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/report/platforms.ts
var platforms = __webpack_require__(12906);
;// CONCATENATED MODULE: ./src/report/legs.ts
/**
 * The merge step's input: the reports of `push: by-digest` runs (one per platform, a fan-out's legs), read from
 * the files or folders given (a downloaded artifact is a folder holding dockerflow-report.json), and the one
 * report they make together: a row per rule with each platform's outcome, as a multi-platform run writes it.
 */




const REPORT = 'dockerflow-report.json';
/** Every dockerflow-report.json a source names: the file itself, or those in a folder (up to three levels down). */
function reportFiles(source) {
    let st;
    try {
        st = (0,external_node_fs_.statSync)(source);
    }
    catch {
        throw new errors/* UserError */.y(`merge: ${source} does not exist: give the dockerflow-report.json of each by-digest run, or a folder holding them`, 'config');
    }
    if (st.isFile())
        return [source];
    const found = [];
    const walk = (dir, depth) => {
        for (const e of (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const p = external_node_path_default().join(dir, e.name);
            if (e.isFile() && e.name === REPORT)
                found.push(p);
            else if (e.isDirectory() && depth < 3)
                walk(p, depth + 1);
        }
    };
    walk(source, 0);
    if (found.length === 0)
        throw new errors/* UserError */.y(`merge: no ${REPORT} in ${source} (searched three levels down)`, 'config');
    return found;
}
/** A report of a by-digest run, checked for what the merge reads. */
function readLeg(file) {
    let report;
    try {
        report = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch (e) {
        throw new errors/* UserError */.y(`merge: ${file} is not a dockerflow report (${e.message})`, 'config');
    }
    if (report?.schemaVersion !== 1 || !Array.isArray(report.checks) || typeof report.image !== 'object') {
        throw new errors/* UserError */.y(`merge: ${file} is not a dockerflow report of schema version 1`, 'config');
    }
    const platforms = report.image.platforms ?? [];
    if (platforms.length === 0 && report.verdict === 'pass') {
        throw new errors/* UserError */.y(`merge: ${file} names no platform: it is not the report of a push: by-digest run (set push: by-digest on each platform's run)`, 'config');
    }
    return { file, report, platforms };
}
/**
 * Why the legs cannot be merged, or null: one that failed (nothing of it was pushed), one that pushed nothing
 * (the policy said no, or the run stopped), a platform given twice, legs of different commits.
 */
function mergeBlocker(legs) {
    const failed = legs.filter((l) => l.report.verdict !== 'pass');
    if (failed.length > 0) {
        return `${failed.map((l) => `${legName(l)} failed (${l.file})`).join('; ')}: nothing is merged unless every platform passed`;
    }
    const unpushed = legs.filter((l) => l.platforms.some((p) => !p.manifestDigest));
    if (unpushed.length > 0) {
        const l = unpushed[0];
        return `${legName(l)} pushed nothing (${l.report.push?.reason ?? 'no push reason in its report'}): nothing to merge`;
    }
    const seen = new Map();
    for (const l of legs) {
        for (const p of l.platforms) {
            if (seen.has(p.platform))
                return `${p.platform} is in two reports (${seen.get(p.platform)} and ${l.file}): give each platform once`;
            seen.set(p.platform, l.file);
        }
    }
    const commits = new Set(legs.map((l) => l.report.version?.commit ?? ''));
    if (commits.size > 1)
        return `the reports are of different commits (${[...commits].join(', ')}): merge the legs of one run`;
    return null;
}
/** Each leg's rows under its platform, merged: one row per rule, its status the worst, every platform's outcome in it. */
function legRows(legs) {
    return (0,platforms/* mergePlatformRows */.l)(legs.flatMap((l) => l.platforms.length <= 1
        ? [{ platform: l.platforms[0]?.platform ?? legName(l), checks: l.report.checks }]
        : // A leg of several platforms already holds each one's outcome in its rows.
            l.platforms.map((p) => ({
                platform: p.platform,
                checks: l.report.checks.map((c) => {
                    const o = c.platforms?.[p.platform];
                    if (!o)
                        return c;
                    const row = { ...c, status: o.status, message: o.message };
                    delete row.platforms;
                    delete row.skip;
                    if (o.skip)
                        row.skip = o.skip;
                    return row;
                }),
            }))));
}
const legName = (l) => l.platforms.map((p) => p.platform).join('+') || external_node_path_default().basename(external_node_path_default().dirname(l.file));

// EXTERNAL MODULE: ./src/report/out-files.ts
var out_files = __webpack_require__(48832);
// EXTERNAL MODULE: ./src/report/report.ts
var report = __webpack_require__(88850);
// EXTERNAL MODULE: ./src/rules/catalogue.ts
var catalogue = __webpack_require__(91062);
// EXTERNAL MODULE: ./src/run/describe-error.ts
var describe_error = __webpack_require__(72423);
// EXTERNAL MODULE: ./src/stages/login.ts
var stages_login = __webpack_require__(18250);
// EXTERNAL MODULE: ./src/stages/prepare.ts + 6 modules
var prepare = __webpack_require__(84987);
;// CONCATENATED MODULE: ./src/pipeline/merge.ts
/**
 * The merge step of a fan-out (`dockerflow merge`, the action's `merge` input, the reusable workflow's merge job):
 * read the reports of the by-digest runs (one per platform), then, when every one passed and pushed and the push
 * policy says push, tag one index of their images and verify it; one combined report either way. Nothing is built.
 */












async function runMerge(run) {
    // The legs pushed by digest; the merge tags, as `auto` decides (the reusable workflow may pass by-digest on).
    const ctx = run.config.push === 'by-digest' ? { ...run, config: { ...run.config, push: 'auto' } } : run;
    const files = (0,out_files/* outFiles */.yp)(ctx.config.outDir);
    (0,out_files/* clearPlatformShasums */.Td)(files);
    const timings = {};
    const t0 = performance.now();
    let legs = [];
    let prepared;
    let session = null;
    let published = (0,publish_published/* newPublished */.XH)();
    let blocked = null;
    let error;
    let configError = false;
    try {
        ctx.log.section('merge');
        legs = ctx.config.merge.flatMap(reportFiles).map(readLeg);
        ctx.ui.info(`Merging the runs of ${legs.map(legName).join(', ')} (${legs.map((l) => l.file).join(', ')})`);
        prepared = await (0,prepare/* prepare */.i)(ctx);
        blocked = mergeBlocker(legs);
        if (blocked)
            ctx.ui.info(`Not merging: ${blocked}`);
        else if (prepared.plan.push) {
            session = await (0,stages_login/* login */.i)(ctx, prepared);
            const pushed = legs.flatMap((l) => l.platforms.map((p) => ({
                platform: p.platform,
                configDigest: p.configDigest,
                manifestDigest: p.manifestDigest,
                pushed: l.report.image.pushed,
            })));
            // Each registry with its own login, as a run pushes (registry-auth adds registries beside `registry`).
            for (const [registry, refs] of (0,login/* refsByRegistry */.Fu)(prepared.plan.refs)) {
                const account = (session && (0,login/* sessionFor */.w)(session, registry)) ?? (await (0,login/* existingSession */.kf)(ctx, session, registry));
                if (!account)
                    throw new errors/* UserError */.y(`the merge is not logged in to ${registry}, so ${refs.join(', ')} cannot be pushed`);
                published = await mergeIndex({ ...ctx, runner: account.runner }, account, refs, pushed, published).catch((0,publish_published/* keepPublished */.w4)((p) => (published = p)));
            }
            ctx.ui.info(`Pushed and verified ${published.pushed.join(', ')} (${published.digest})`);
            // The legs leave the Docker Hub description to the merge: it is the step that tags.
            if (ctx.config.hubDescription || ctx.config.hubShortDescription)
                await (0,hub_description/* describeOnHub */.Ml)(ctx, prepared, session, published.pushed);
        }
        else
            ctx.ui.info(`Not merging: ${prepared.plan.reason}`);
    }
    catch (e) {
        configError = e instanceof errors/* UserError */.y && e.kind === 'config';
        error = ctx.redactor.redact((0,describe_error/* describeError */.U)(e));
        ctx.ui.error(error);
        ctx.log.line(`error: ${error}`);
    }
    finally {
        await session?.close().catch(() => undefined);
        timings.merge = Math.round(performance.now() - t0);
    }
    const report = combinedReport(ctx, legs, prepared, published, blocked, error, timings);
    const first = report.image.platforms?.[0];
    if (first)
        (0,out_files/* writeShasum */.bL)(ctx.redactor, files, first.configDigest);
    for (const p of report.image.platforms ?? [])
        (0,out_files/* writeShasum */.bL)(ctx.redactor, files, p.configDigest, p.platform);
    const version = legs[0]?.report.version;
    if (version)
        (0,out_files/* writeRedacted */.YL)(ctx.redactor, files.versionJson, `${JSON.stringify(version)}\n`);
    (0,out_files/* writeReport */.u5)(ctx.redactor, files, report);
    await ctx.log.close();
    return { report, files, configError };
}
/** The legs' report as one: their rows per platform, the index pushed (or why not), each platform's manifest in it. */
function combinedReport(ctx, legs, prepared, published, blocked, error, timings) {
    const rows = legs.length > 0
        ? legRows(legs)
        : (0,catalogue/* reportRows */._f)([], ctx.config.checksIgnore, { skip: 'not-run', message: 'not run: no report to merge (see the error)' });
    const platforms = legs
        .flatMap((l) => l.platforms)
        .map((p) => ({ ...p, manifestDigest: published.platformDigests[p.platform] ?? p.manifestDigest }));
    const first = platforms[0];
    return {
        schemaVersion: 1,
        verdict: (0,report/* verdictOf */.V)(rows, ctx.config.failOn, error),
        image: {
            id: first?.configDigest ?? null,
            configDigest: first?.configDigest ?? null,
            manifestDigest: published.manifestDigest ?? first?.manifestDigest ?? null,
            tags: prepared?.plan.refs ?? [],
            digest: published.digest,
            pushed: published.pushed,
            ...(platforms.length > 0 ? { platforms } : {}),
        },
        version: legs[0]?.report.version ?? null,
        checks: rows,
        // The merge's own, then each leg's stages under its platform.
        timings: Object.assign({}, timings, ...legs.map((l) => Object.fromEntries(Object.entries(l.report.timings).map(([k, v]) => [`${legName(l)} ${k}`, v])))),
        ...(prepared ? { push: { planned: prepared.plan.push, reason: blocked ?? mergeReason(prepared, published, error) } } : {}),
        ...(error !== undefined ? { error } : {}),
    };
}
function mergeReason(prepared, published, error) {
    if (prepared.plan.push && published.pushed.length === 0 && error !== undefined)
        return `${prepared.plan.reason}, but the merge failed before anything was pushed and verified`;
    return prepared.plan.push ? `${prepared.plan.reason}: one index of every platform` : prepared.plan.reason;
}


/***/ })

};
