/**
 * What a run leaves of the user's checkout and of its own memory: git reads that never write .git, the build-context
 * view (the user's files, shared, with the run's own version.json), bounded output capture, the Node check.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Runner, OUTPUT_TAIL } from '../../src/exec/runner.js';
import { createContextView } from '../../src/git/context-view.js';
import { readLocalGit } from '../../src/git/local-git.js';
import { BuildLog } from '../../src/log/build-log.js';
import { LineRedactor, Redactor } from '../../src/secrets/redactor.js';
import { MIN_NODE, nodeTooOld } from '../../src/entry/node-version.js';
import { ROOT } from '../helpers/run.js';
import { silentUi, tempDir } from './helpers.js';

const realRunner = (): { runner: Runner; log: BuildLog } => {
  const log = new BuildLog(tempDir('log-'), new Redactor());
  return { runner: new Runner(log, silentUi(), new Redactor()), log };
};

describe('git reads never write the repository', () => {
  it('reads commit, branch and describe without rewriting .git/index, even when a file was touched', async () => {
    const repo = tempDir('repo-');
    const git = (...args: string[]): string =>
      execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { encoding: 'utf8' });
    writeFileSync(path.join(repo, 'app.js'), 'console.log(1)\n');
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'init');
    git('tag', 'v1.0.0');
    // An editor's save without a change: the index's stat data is stale, which `git status` or
    // `git describe --dirty` would refresh by rewriting .git/index.
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(repo, 'app.js'), later, later);
    const index = path.join(repo, '.git/index');
    const before = { bytes: readFileSync(index), mtimeMs: statSync(index).mtimeMs };
    const { runner, log } = realRunner();
    const local = await readLocalGit(runner, repo);
    await log.close();
    assert.equal(local.commit, git('rev-parse', 'HEAD').trim());
    assert.equal(local.branch, 'main');
    assert.equal(local.exactTag, 'v1.0.0');
    assert.equal(local.describe, 'v1.0.0');
    assert.ok(readFileSync(index).equals(before.bytes), '.git/index is byte for byte as it was');
    assert.equal(statSync(index).mtimeMs, before.mtimeMs);
    assert.ok(!existsSync(`${index}.lock`));
    assert.ok(!('dirty' in local), 'LocalGit.dirty is gone (it was never read)');
  });
});

describe('the build-context view', () => {
  it('shares the user files, leaves out the out dir and .dockerignore matches, and holds its own version.json', () => {
    const ctx = tempDir('ctx-');
    mkdirSync(path.join(ctx, 'src/deep'), { recursive: true });
    mkdirSync(path.join(ctx, 'node_modules/pkg'), { recursive: true });
    mkdirSync(path.join(ctx, 'dockerflow-out'));
    mkdirSync(path.join(ctx, 'logs'));
    writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY . /app\n');
    writeFileSync(path.join(ctx, '.dockerignore'), 'node_modules\n*.log\nlogs\n!logs/keep.txt\n');
    writeFileSync(path.join(ctx, 'src/deep/a.js'), 'a\n');
    writeFileSync(path.join(ctx, 'run.sh'), '#!/bin/sh\n');
    chmodSync(path.join(ctx, 'run.sh'), 0o755);
    chmodSync(path.join(ctx, 'src/deep'), 0o750);
    writeFileSync(path.join(ctx, 'node_modules/pkg/index.js'), 'x\n');
    writeFileSync(path.join(ctx, 'debug.log'), 'x\n');
    writeFileSync(path.join(ctx, 'logs/keep.txt'), 'kept by an exception\n');
    writeFileSync(path.join(ctx, 'logs/drop.txt'), 'ignored\n');
    writeFileSync(path.join(ctx, 'dockerflow-out/build.log'), 'the previous run\n');
    writeFileSync(path.join(ctx, 'version.json'), '{"the":"user\'s own"}\n');
    symlinkSync('src/deep/a.js', path.join(ctx, 'link.js'));

    const dir = path.join(tempDir('work-'), 'context');
    const view = createContextView({
      context: ctx,
      dockerfile: path.join(ctx, 'Dockerfile'),
      dir,
      versionJson: '{"version":"run-1"}\n',
      exclude: [path.join(ctx, 'dockerflow-out')],
    });
    const inView = (p: string): boolean => existsSync(path.join(dir, p));
    assert.equal(readFileSync(path.join(dir, 'version.json'), 'utf8'), '{"version":"run-1"}\n');
    assert.equal(readFileSync(path.join(ctx, 'version.json'), 'utf8'), '{"the":"user\'s own"}\n', "the user's own is untouched");
    for (const p of ['Dockerfile', '.dockerignore', 'src/deep/a.js', 'run.sh', 'logs/keep.txt']) assert.ok(inView(p), p);
    for (const p of ['dockerflow-out', 'node_modules', 'debug.log', 'logs/drop.txt']) assert.ok(!inView(p), p);
    // Shared, not copied: the same inode (the same filesystem here).
    assert.equal(statSync(path.join(dir, 'src/deep/a.js')).ino, statSync(path.join(ctx, 'src/deep/a.js')).ino);
    assert.equal(view.copied, 0);
    assert.equal(statSync(path.join(dir, 'run.sh')).mode & 0o777, 0o755);
    assert.equal(statSync(path.join(dir, 'src/deep')).mode & 0o777, 0o750, 'folders keep their mode whatever the umask');
    assert.equal(readlinkSync(path.join(dir, 'link.js')), 'src/deep/a.js');
    assert.equal(view.files, 6); // Dockerfile .dockerignore a.js run.sh keep.txt link.js
  });
});

describe('bounded output', () => {
  it('LineRedactor: a 20 MB line without a newline is emitted in pieces, never cut through a secret', () => {
    const secret = 'sk-live-0123456789abcdef';
    const redactor = new Redactor([secret]);
    let out = '';
    let biggest = 0;
    const lr = new LineRedactor(redactor, (t) => {
      out += t;
      biggest = Math.max(biggest, t.length);
    });
    // The secret lands across every chunk boundary position in turn.
    const chunk = 'x'.repeat(65_521);
    let sent = '';
    for (let i = 0; i < 320; i++) {
      const piece = `${chunk}${secret}`;
      lr.write(Buffer.from(piece));
      sent += piece;
    }
    lr.flush();
    assert.ok(biggest < 200 * 1024, `pieces stay small (${biggest})`);
    assert.ok(!out.includes(secret), 'no secret survives a cut');
    assert.equal(out, sent.split(secret).join('***'));
  });

  it('LineRedactor: UTF-8 split across chunks stays intact, invalid bytes become U+FFFD', () => {
    const lines: string[] = [];
    const lr = new LineRedactor(new Redactor(), (t) => lines.push(t));
    const euro = Buffer.from('€\n');
    lr.write(euro.subarray(0, 1));
    lr.write(euro.subarray(1));
    lr.write(Buffer.from([0xff, 0xfe, 0x0a]));
    lr.flush();
    assert.deepEqual(lines, ['€\n', '\ufffd\ufffd\n']);
  });

  it('Runner keeps a bounded tail of each stream, and build.log gets all of it', async () => {
    const { runner, log } = realRunner();
    const script = 'process.stdout.write("a".repeat(8 * 1024 * 1024) + "END"); process.stderr.write("oops\\n")';
    const r = await runner.run([process.execPath, '-e', script]);
    await log.close();
    assert.equal(r.exitCode, 0);
    assert.equal(r.stdout.length, OUTPUT_TAIL);
    assert.ok(r.stdout.endsWith('aEND'));
    assert.equal(r.stderr, 'oops\n');
    assert.ok(statSync(log.path).size > 8 * 1024 * 1024);
  });

  it('Runner: a missing command is an error that names it', async () => {
    const { runner, log } = realRunner();
    await assert.rejects(runner.run(['no-such-command-df']), /cannot run no-such-command-df: spawn no-such-command-df ENOENT/);
    await log.close();
  });
});

describe('Node version check', () => {
  it('MIN_NODE is the engines range of package.json', () => {
    const engines = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    assert.equal(engines, `>=${MIN_NODE.replace(/\.0$/, '')}`);
  });
  it('names the Node needed and the one found, in one line', () => {
    assert.equal(nodeTooOld('24.1.0'), null);
    assert.equal(nodeTooOld('22.19.0'), null);
    assert.equal(nodeTooOld('23.0.0'), null);
    const msg = nodeTooOld('20.18.1');
    assert.match(msg ?? '', /^dockerflow needs Node 22\.19\.0 or newer and found v20\.18\.1: run it with Node 24/);
    assert.match(nodeTooOld('22.18.9') ?? '', /found v22\.18\.9/);
    assert.ok(!msg?.includes('\n'));
  });
});

describe('Runner on interrupt', () => {
  it('stops what runs, lets a creating command finish, refuses new commands but cleanup ones, and idle waits for all', async () => {
    const { runner, log } = realRunner();
    const t0 = performance.now();
    // A long command (a build, a foreground run) and one that creates something (a `docker create`).
    const long = runner.run(['sleep', '30'], { allowFailure: true });
    const creating = runner.run(['sh', '-c', 'sleep 0.4; echo created'], { onAbort: 'finish' });
    await new Promise((r) => setTimeout(r, 100));
    const why = new Error('interrupted by SIGINT');
    runner.abort(why);
    await assert.rejects(runner.run(['true']), (e) => e === why, 'a new command after the interrupt is refused with its reason');
    const idle = runner.idle();
    const [l, c] = await Promise.all([long, creating]);
    await idle;
    assert.equal(l.exitCode, 143, 'the long command was stopped with SIGTERM');
    assert.equal(c.stdout.trim(), 'created', 'the creating command finished, so the cleanup can find what it made');
    assert.ok(performance.now() - t0 < 5000, 'nothing waited out the long command');
    assert.equal((await runner.run(['echo', 'swept'], { cleanup: true })).stdout.trim(), 'swept', 'cleanup commands still run');
    await log.close();
  });

  it('idle kills a process that ignores SIGTERM once its grace is over; a tracked follower is stopped like the others', async () => {
    const { runner, log } = realRunner();
    const stubborn = runner.run(['sh', '-c', "trap '' TERM; sleep 30 & wait; sleep 30"], { allowFailure: true });
    const { spawn } = await import('node:child_process');
    const follower = spawn('sleep', ['30']);
    runner.track(follower);
    const followerGone = new Promise((r) => follower.on('close', r));
    await new Promise((r) => setTimeout(r, 100));
    runner.abort(new Error('interrupted by SIGTERM'));
    await followerGone;
    const t0 = performance.now();
    await runner.idle(300);
    assert.ok(performance.now() - t0 < 3000, 'the grace bounds the wait');
    assert.equal((await stubborn).exitCode, 137, 'killed after the grace');
    await log.close();
  });
});
