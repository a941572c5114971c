/**
 * The merge step's reading of the legs' reports and its plan, table-driven: which reports it takes, why it refuses
 * to merge, how the rows of each platform become one, and which `repo@digest` each tag's index is made of.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { mergePlan } from '../../src/publish/merge.js';
import { legRows, mergeBlocker, readLeg, reportFiles, type Leg } from '../../src/report/legs.js';
import type { Report } from '../../src/report/report.js';
import type { CheckResult } from '../../src/rules/catalogue.js';

const D = (c: string): string => `sha256:${c.repeat(64)}`;
const REG = '127.0.0.1:5000';

function report(
  platform: string,
  o: { verdict?: 'pass' | 'fail'; manifest?: string | null; commit?: string; rows?: Partial<CheckResult>[] } = {},
): Report {
  const manifest = o.manifest === undefined ? D(platform.endsWith('arm64') ? 'b' : 'a') : o.manifest;
  const config = D(platform.endsWith('arm64') ? 'd' : 'c');
  return {
    schemaVersion: 1,
    verdict: o.verdict ?? 'pass',
    image: {
      id: config,
      configDigest: config,
      manifestDigest: manifest,
      tags: [`${REG}/o/app:latest`],
      digest: manifest,
      pushed: manifest ? [`${REG}/o/app@${manifest}`] : [],
      platforms: [{ platform, id: D('e'), configDigest: config, manifestDigest: manifest, emulated: false }],
    },
    version: { source: 'https://github.com/o/app', version: '1.0', commit: o.commit ?? 'abc', build: '' },
    checks: (o.rows ?? [{ id: 'DF101', status: 'pass', message: 'ok' }]).map((r) => ({ title: 't', level: 'error', ...r }) as CheckResult),
    timings: { build: 1000 },
    push: {
      planned: manifest !== null,
      reason: manifest ? 'default branch main → :latest, by digest' : 'branch x is not the default branch',
    },
  };
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The legs' reports as download-artifact leaves them: a folder per artifact. */
function downloaded(reports: Record<string, Report>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'df-merge-unit-'));
  dirs.push(root);
  for (const [name, r] of Object.entries(reports)) {
    mkdirSync(path.join(root, name));
    writeFileSync(path.join(root, name, 'dockerflow-report.json'), JSON.stringify(r));
  }
  return root;
}

const legsOf = (...reports: Report[]): Leg[] =>
  reports.map((r, i) => {
    const dir = downloaded({ [`leg${i}`]: r });
    return readLeg(path.join(dir, `leg${i}`, 'dockerflow-report.json'));
  });

describe('merge: the legs and the plan', () => {
  it('finds every report in a downloaded folder, in name order', () => {
    const root = downloaded({ 'dockerflow-linux-arm64': report('linux/arm64'), 'dockerflow-linux-amd64': report('linux/amd64') });
    assert.deepEqual(
      reportFiles(root).map((f) => path.relative(root, f)),
      ['dockerflow-linux-amd64/dockerflow-report.json', 'dockerflow-linux-arm64/dockerflow-report.json'],
    );
    assert.throws(() => reportFiles(path.join(root, 'nope')), /does not exist: give the dockerflow-report.json of each by-digest run/);
    const empty = mkdtempSync(path.join(os.tmpdir(), 'df-merge-empty-'));
    dirs.push(empty);
    assert.throws(() => reportFiles(empty), /no dockerflow-report.json in .* \(searched three levels down\)/);
  });

  it('refuses what is not the report of a by-digest run', () => {
    const root = downloaded({ x: report('linux/amd64') });
    const file = path.join(root, 'x', 'dockerflow-report.json');
    writeFileSync(file, '{"schemaVersion": 2}');
    assert.throws(() => readLeg(file), /is not a dockerflow report of schema version 1/);
    writeFileSync(file, 'not json');
    assert.throws(() => readLeg(file), /is not a dockerflow report \(/);
    const r = report('linux/amd64');
    delete r.image.platforms;
    writeFileSync(file, JSON.stringify(r));
    assert.throws(() => readLeg(file), /names no platform: it is not the report of a push: by-digest run/);
  });

  const blockers: { name: string; reports: Report[]; want: RegExp | null }[] = [
    { name: 'two passing legs merge', reports: [report('linux/amd64'), report('linux/arm64')], want: null },
    {
      name: 'a failed leg blocks the merge, named with its report',
      reports: [report('linux/amd64'), report('linux/arm64', { verdict: 'fail', manifest: null })],
      want: /^linux\/arm64 failed \(.*dockerflow-report\.json\): nothing is merged unless every platform passed$/,
    },
    {
      name: 'a leg that pushed nothing: its policy reason',
      reports: [report('linux/amd64', { manifest: null }), report('linux/arm64')],
      want: /^linux\/amd64 pushed nothing \(branch x is not the default branch\): nothing to merge$/,
    },
    {
      name: 'a platform given twice',
      reports: [report('linux/amd64'), report('linux/amd64')],
      want: /^linux\/amd64 is in two reports .*: give each platform once$/,
    },
    {
      name: 'legs of two commits',
      reports: [report('linux/amd64'), report('linux/arm64', { commit: 'def' })],
      want: /^the reports are of different commits \(abc, def\): merge the legs of one run$/,
    },
  ];
  for (const c of blockers) {
    it(`blocker: ${c.name}`, () => {
      const got = mergeBlocker(legsOf(...c.reports));
      if (c.want === null) assert.equal(got, null);
      else assert.match(got ?? '', c.want);
    });
  }

  it("one row per rule, its status the worst, each platform's outcome in it", () => {
    const rows = legRows(
      legsOf(
        report('linux/amd64', { rows: [{ id: 'DF101', status: 'pass', message: 'ok' }] }),
        report('linux/arm64', { verdict: 'fail', rows: [{ id: 'DF101', status: 'fail', message: 'USER is root' }] }),
      ),
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'fail');
    assert.equal(rows[0]!.message, 'linux/arm64: USER is root');
    assert.deepEqual(rows[0]!.platforms, {
      'linux/amd64': { status: 'pass', message: 'ok' },
      'linux/arm64': { status: 'fail', message: 'USER is root' },
    });
  });

  it('each tag is made of the repo@digest its repository got from every platform', () => {
    const platforms = legsOf(report('linux/amd64'), report('linux/arm64')).flatMap((l) =>
      l.platforms.map((p) => ({
        platform: p.platform,
        configDigest: p.configDigest,
        manifestDigest: p.manifestDigest!,
        pushed: l.report.image.pushed,
      })),
    );
    const plan = mergePlan([`${REG}/o/app:latest`, `${REG}/o/app:v1`], platforms, REG, 'o/app');
    assert.deepEqual(
      plan.map((p) => [p.repository, p.tags, p.sources, p.expected.map((e) => [e.name, e.manifestDigest])]),
      [
        [
          `${REG}/o/app`,
          [`${REG}/o/app:latest`, `${REG}/o/app:v1`],
          [`${REG}/o/app@${D('a')}`, `${REG}/o/app@${D('b')}`],
          [
            ['linux/amd64', D('a')],
            ['linux/arm64', D('b')],
          ],
        ],
      ],
    );
    assert.throws(
      () => mergePlan([`${REG}/o/other:latest`], platforms, REG, 'o/app'),
      /is on 127\.0\.0\.1:5000\/o\/other, and the linux\/amd64 run pushed no image there \(it pushed 127\.0\.0\.1:5000\/o\/app@sha256:a+\)/,
    );
  });
});
