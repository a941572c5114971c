/**
 * The whole flow on sample-app, as a user gets it: a branch push to the default branch, run by `node
 * dist/index.js` with the runner's environment, pushes to the local registry with htpasswd auth. sample-app
 * builds, every rule passes (DF205 included, with a real PostgreSQL sidecar), :latest is pushed and verified, the
 * job summary holds the rule table; and through @github/local-action the out dir lands as an artifact.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { RULES } from '../../src/rules/catalogue.js';
import { docker, leftovers, testRegistry } from '../helpers/docker.js';
import { readZip, runLocalAction } from '../helpers/local-action.js';
import { assertReportSchema } from '../helpers/report-schema.js';
import { catalog, manifestOf, tagsOf, uniquePrefix } from '../helpers/registry.js';
import { FIXTURES, ROOT, cleanEnv, readJson, runAction, spawnProc } from '../helpers/run.js';

const reg = testRegistry();
const APP = path.join(ROOT, 'sample-app');
const DB_PASSWORD = `pg-${Date.now().toString(36)}`;
const inputs = {
  context: APP,
  services: `db=postgres:15 POSTGRES_PASSWORD=${DB_PASSWORD}`,
  env: `DATABASE_URL=postgres://postgres:${DB_PASSWORD}@db:5432/postgres`,
  'test-command': 'test',
  'static-paths': '/\n/static/app.js\n/static/style.css',
  mozlog: 'require',
};

describe('sample-app end to end', { concurrency: 1 }, () => {
  it('branch push through node dist/index.js: every rule passes, :latest is pushed and verified', { timeout: 300_000 }, async () => {
    const prefix = uniquePrefix('e2e');
    const r = await runAction({
      inputs: {
        ...inputs,
        image: `${prefix}/sample-app`,
        registry: reg.addr,
        username: reg.username,
        password: reg.password,
        'upload-artifacts': 'false',
      },
      eventName: 'push',
      ref: 'refs/heads/main',
      event: JSON.parse(readFileSync(path.join(FIXTURES, 'events/push-branch.json'), 'utf8')),
    });
    const report = readJson<Report>(r.outputs.report!);
    assertReportSchema(report);
    const notPassing = report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id} ${c.status}: ${c.message}`);
    assert.deepEqual(notPassing, [], r.stdout.slice(-3000));
    assert.equal(report.checks.length, RULES.length);
    assert.equal(r.code, 0);
    assert.equal(r.outputs.verdict, 'pass');

    // Exactly :latest landed, and it is the image that was tested.
    const ref = `${reg.addr}/${prefix}/sample-app:latest`;
    assert.deepEqual(await catalog(prefix), [`${prefix}/sample-app`]);
    assert.deepEqual(await tagsOf(`${prefix}/sample-app`), ['latest']);
    assert.equal(r.outputs.pushed, ref);
    const manifest = await manifestOf(`${prefix}/sample-app`, 'latest');
    assert.equal(manifest.config, readFileSync(r.outputs['shasum-file']!, 'utf8').trim());
    assert.equal(r.outputs.digest, manifest.digest);
    assert.equal(report.image.digest, manifest.digest);

    // The job summary: verdict, push, and one row per rule.
    assert.match(r.summary, /## Dockerflow: ✅ pass/);
    assert.match(r.summary, new RegExp(`pushed \`${ref.replace(/[.]/g, '\\.')}\``));
    for (const rule of RULES) assert.match(r.summary, new RegExp(`\\| ${rule.id} .*\\| ✅ pass \\|`));
    // The database password never reaches a file or the console.
    for (const text of [r.summary, readFileSync(r.outputs['build-log']!, 'utf8'), readFileSync(r.outputs.report!, 'utf8')])
      assert.ok(!text.includes(DB_PASSWORD));
    // Nothing of this run is left (other runs may be going on on the same engine).
    const runId = /--label dockerflow\.run=(df-[a-z0-9-]+)/.exec(readFileSync(r.outputs['build-log']!, 'utf8'))![1]!;
    const left = leftovers();
    assert.deepEqual(
      [...left.containers, ...left.networks].filter((n) => n.startsWith(runId)),
      [],
    );
    // The user's tree is left as it was found.
    assert.equal(existsSync(path.join(APP, 'version.json')), false);
    docker('image', 'rm', ref);
  });

  it('through @github/local-action: the artifact holds the out dir of a passing run', { timeout: 300_000 }, async () => {
    const r = await runLocalAction({ ...inputs, image: 'e2e/sample-app', 'artifact-name': 'dockerflow-sample-app' });
    const zip = path.join(r.artifactDir, 'dockerflow-sample-app.zip');
    assert.ok(existsSync(zip), r.stdout.slice(-3000));
    const files = await readZip(zip);
    const report = JSON.parse(files.get('dockerflow-report.json')!) as Report;
    assert.equal(report.verdict, 'pass', JSON.stringify(report.checks.filter((c) => c.status !== 'pass')));
    assert.deepEqual(JSON.parse(files.get('version.json')!), report.version);
    assert.equal(files.get('docker-image-shasum256.txt'), `${report.image.id}\n`);
    assert.match(files.get('build.log')!, /===== smoke/);
    assert.ok(!files.get('build.log')!.includes(DB_PASSWORD));
  });

  it("the README's main command (scripts/demo.sh) passes every rule and leaves the four files", { timeout: 300_000 }, async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'demo-'));
    const r = await spawnProc(['bash', path.join(ROOT, 'scripts/demo.sh'), '--out', out, '-q'], { env: cleanEnv() });
    assert.equal(r.code, 0, r.stdout + r.stderr.slice(-3000));
    assert.match(r.stdout, /verdict: PASS/);
    for (const rule of RULES) assert.match(r.stdout, new RegExp(`^PASS ${rule.id} `, 'm'));
    assert.deepEqual(readdirSync(out).sort(), ['build.log', 'docker-image-shasum256.txt', 'dockerflow-report.json', 'version.json']);
    assert.equal(readJson<Report>(path.join(out, 'dockerflow-report.json')).verdict, 'pass');
    rmSync(out, { recursive: true, force: true });
  });
});
