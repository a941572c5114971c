/**
 * DF106 scans the layers this build wrote and skips the final stage's base image, on a real engine: a base
 * image that holds the secret in a file (the one case `secret-scan: new` misses by design) and an app built
 * FROM it (through an ARG given as a build arg and a `FROM <stage>` chain) that copies the secret again.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { docker, engineUp } from '../helpers/docker.js';
import { FIXTURES, readJson, runCli } from '../helpers/run.js';

const CANARY = `canary-${randomBytes(8).toString('hex')}`;
const TAG = randomBytes(3).toString('hex');
const BASE = `dockerflow-test/scan-base:${TAG}`;
const RUNTIME = 'DF201,DF202,DF203,DF204,DF205,DF206,DF207,DF208,DF301,DF302,DF401';
const dirs: string[] = [];
const images: string[] = [BASE];

function tmp(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

describe('DF106 secret scan: the layers this build wrote', { concurrency: 1 }, () => {
  let app: string;

  before(() => {
    assert.ok(engineUp(), 'no Docker engine answers: run scripts/setup/all.sh (as .ci/run does)');
    // The base image keeps the secret in a file, not in a RUN line (a RUN line would be in the history, which
    // is always checked).
    const baseCtx = tmp('scan-base-');
    writeFileSync(path.join(baseCtx, 'base-token'), `${CANARY}\n`);
    writeFileSync(path.join(baseCtx, 'Dockerfile'), 'FROM node:24-slim\nCOPY base-token /opt/base-token\n');
    docker('build', '-q', '-t', BASE, baseCtx);
    app = tmp('scan-app-');
    copyFileSync(path.join(FIXTURES, 'apps/compliant/server.js'), path.join(app, 'server.js'));
    writeFileSync(path.join(app, 'token.txt'), `${CANARY}\n`);
    writeFileSync(
      path.join(app, 'Dockerfile'),
      [
        'ARG BASE=node:24-slim',
        'FROM ${BASE} AS runtime',
        'FROM runtime',
        'RUN groupadd --gid 10001 app && useradd --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app',
        'WORKDIR /app',
        'COPY . /app',
        'USER app',
        'ENTRYPOINT ["node", "/app/server.js"]',
        'CMD ["serve"]',
        '',
      ].join('\n'),
    );
  });

  after(() => {
    for (const ref of images) {
      try {
        docker('rmi', '-f', ref);
      } catch {
        // already gone
      }
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const run = async (name: string, extra: string[]): Promise<{ report: Report; log: string; stdout: string }> => {
    const out = tmp(`scan-${name}-`);
    const image = `dockerflow-test/scan-${name}-${TAG}`;
    const r = await runCli([
      'run',
      '--context',
      app,
      '--image',
      image,
      '--out',
      out,
      '--secret',
      `token=${CANARY}`,
      '--build-arg',
      `BASE=${BASE}`,
      '--checks-ignore',
      RUNTIME,
      '-q',
      ...extra,
    ]);
    const report = readJson<Report>(path.join(out, 'dockerflow-report.json'));
    if (report.image.id) images.push(report.image.id);
    images.push(...report.image.tags);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    return { report, log: readFileSync(path.join(out, 'build.log'), 'utf8'), stdout: r.stdout };
  };

  it('finds the secret in a new layer, skips the base layers, and with secret-scan: all finds the base copy too', async () => {
    const driver = docker('info', '--format', '{{.Driver}}');
    const via = driver === 'overlay2' ? 'via overlay2' : 'via containerd content store';
    const baseLayers = JSON.parse(docker('image', 'inspect', '-f', '{{json .RootFS.Layers}}', BASE)) as string[];
    const [fresh, all] = await Promise.all([run('new', []), run('all', ['--secret-scan', 'all'])]);

    const df106 = (r: Report): string => r.checks.find((c) => c.id === 'DF106')!.message;
    const msg = df106(fresh.report);
    assert.match(msg, /build secret token in layer [0-9a-f]{12}: \/app\/token\.txt/);
    assert.doesNotMatch(msg, /base-token/, 'the base image layer was not skipped');
    assert.match(
      msg,
      new RegExp(`skipped the ${baseLayers.length} layer\\(s\\) \\([\\d.]+ MB\\) of the base image ${BASE.replace(/[/.]/g, '\\$&')}`),
    );
    assert.match(msg, new RegExp(`scanned \\d+ of \\d+ layer\\(s\\) \\([\\d.]+ MB\\) ${via}`));
    assert.ok(!msg.includes(CANARY), 'the value itself is never in the message');
    assert.equal(typeof fresh.report.timings['secret-scan'], 'number');
    assert.match(fresh.log, /DF106 scan: scanned/, 'build.log says which path the scan took');
    if (process.getuid?.() === 0) {
      // The engine's files are readable here: read in place, in large reads, not piped through a `cat` per blob.
      assert.match(fresh.log, /DF106: reading the image config/);
      assert.doesNotMatch(fresh.log, /^\$ (sudo -n )?(cat|tar) /m);
    }

    const every = df106(all.report);
    assert.match(every, /in layer [0-9a-f]{12}: \/opt\/base-token/);
    assert.match(every, /\/app\/token\.txt/);
    assert.match(every, /skipped none \(secret-scan: all\)/);
  });
});
