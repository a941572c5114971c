/**
 * Domain helpers the stage files used to hold (issue #12 point 4: a stage file reads as its plan): the smoke
 * stage's rows, DF106's needles and hits, DF105's ignore line, the final base image or why it is unknown.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readGitContext } from '../../src/git/read.js';
import { baseImageOf } from '../../src/inspect/base-image.js';
import { versionIgnoredBy } from '../../src/inspect/dockerignore.js';
import { dedupeHits, secretNeedles } from '../../src/inspect/needles.js';
import { check, type RuleId } from '../../src/rules/catalogue.js';
import { Rows } from '../../src/smoke/rows.js';
import { fakeRunner, tempDir } from './helpers.js';

describe('smoke/rows.ts Rows', () => {
  it('catalogue order, ignored rules left out, unset ones skipped with the reason given (or "not run")', () => {
    const rules: RuleId[] = ['DF201', 'DF202', 'DF203', 'DF208'];
    const rows = new Rows(rules, new Set<RuleId>(['DF203']));
    assert.equal(rows.on('DF203'), false);
    assert.equal(rows.on('DF201'), true);
    rows.set(check('DF208', 'fail', 'exited 3'));
    rows.set(null);
    rows.skipUnset(['DF201'], 'not judged: the container exited (see DF208)');
    rows.skipUnset(['DF208'], 'never used: DF208 is set');
    assert.deepEqual(
      rows.list().map((r) => [r.id, r.status, r.message, r.skip]),
      [
        ['DF201', 'skip', 'not judged: the container exited (see DF208)', 'not-judged'],
        ['DF202', 'skip', 'not run', 'not-run'],
        ['DF208', 'fail', 'exited 3', undefined],
      ],
    );
    assert.equal(rows.get('DF208')?.status, 'fail');
  });
});

describe('inspect/needles.ts', () => {
  it('one needle per distinct form of each secret, named; one hit per secret and place, whichever form was found', () => {
    const needles = secretNeedles(
      [
        { name: 'token', value: 'a"b' },
        { name: 'plain', value: 'xyz' },
      ],
      (v) => [v, JSON.stringify(v).slice(1, -1)],
    );
    assert.deepEqual(needles, [
      { name: 'token', value: 'a"b' },
      { name: 'token', value: 'a\\"b' },
      { name: 'plain', value: 'xyz' },
    ]);
    const hits = dedupeHits(
      [
        { needle: 0, where: 'config' },
        { needle: 1, where: 'config' },
        { needle: 1, where: 'layer abc: /app/.env' },
        { needle: 2, where: 'config' },
      ],
      needles,
    );
    assert.deepEqual(hits, [
      { needle: 0, where: 'config' },
      { needle: 1, where: 'layer abc: /app/.env' },
      { needle: 2, where: 'config' },
    ]);
  });
});

describe('inspect helpers for the stage', () => {
  it('versionIgnoredBy names the ignore line; an unreadable ignore file is logged, not thrown', () => {
    const ctx = tempDir('ignore-');
    writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM scratch\n');
    const lines: string[] = [];
    assert.equal(
      versionIgnoredBy(ctx, path.join(ctx, 'Dockerfile'), true, (l) => lines.push(l)),
      null,
      'no ignore file',
    );
    writeFileSync(path.join(ctx, '.dockerignore'), 'node_modules\n*.json\n');
    assert.deepEqual(
      versionIgnoredBy(ctx, path.join(ctx, 'Dockerfile'), true, (l) => lines.push(l)),
      {
        file: '.dockerignore',
        path: path.join(ctx, '.dockerignore'),
        line: 2,
        pattern: '*.json',
      },
    );
    const broken = tempDir('ignore-dir-');
    writeFileSync(path.join(broken, 'Dockerfile'), 'FROM scratch\n');
    mkdirSync(path.join(broken, '.dockerignore'));
    assert.equal(
      versionIgnoredBy(broken, path.join(broken, 'Dockerfile'), true, (l) => lines.push(l)),
      null,
    );
    assert.match(lines.join('\n'), /^cannot read .*\.dockerignore: /m);
  });

  it('baseImageOf: a Dockerfile that cannot be read is an unknown base, with why', () => {
    const base = baseImageOf('/nonexistent/Dockerfile', '', []);
    assert.equal(base.kind, 'unknown');
    assert.match((base as { why: string }).why, /^the final stage's FROM could not be read \(/);
  });
});

describe('git/read.ts readGitContext (moved from stages/prepare.ts)', () => {
  it('a repository without commits says so; an unreadable event payload in Actions is a UserError naming the path', async () => {
    // rev-parse HEAD fails, rev-parse --git-dir answers: a repository with no commit yet.
    const { runner } = fakeRunner((argv) => (argv.includes('--git-dir') ? { stdout: '.git\n' } : { exitCode: 128 }));
    const local = await readGitContext(runner, '/work/app', { GITHUB_REPOSITORY: 'example/app' });
    assert.equal(local.noCommits, true);
    assert.equal(local.git.commit, '');
    await assert.rejects(
      readGitContext(runner, '/work/app', { GITHUB_ACTIONS: 'true', GITHUB_EVENT_PATH: '/nonexistent/event.json' }),
      /^UserError: cannot read the event payload at GITHUB_EVENT_PATH=\/nonexistent\/event\.json: ENOENT/,
    );
  });
});
