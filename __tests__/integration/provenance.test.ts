/**
 * provenance: mode=max on the real engine. Where the builder can attach attestations (the containerd image store,
 * run with DOCKER_HOST at the second engine of /work/wt/ENGINES.md), the pushed index carries the SLSA provenance
 * as an attestation manifest (unknown/unknown), and the read-back and DF106 still judge the image. Where it cannot
 * (the classic store under buildx's docker driver), the build goes on without `--provenance` and one warning says
 * what to change. SBOM needs BuildKit's scanner image, which cannot be pulled here: its argv is unit-tested.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { attestationSupport } from '../../src/docker/attest.js';
import { docker, testRegistry } from '../helpers/docker.js';
import { uniquePrefix } from '../helpers/registry.js';
import { FIXTURES, readJson, runCli } from '../helpers/run.js';

const reg = testRegistry();
const PREFIX = uniquePrefix('prov');
const support = attestationSupport(docker('buildx', 'inspect'), docker('info', '--format', '{{json .DriverStatus}}'));
const dirs: string[] = [];
const AUTH = `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}`;
const INDEX_TYPES = 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json';
const MANIFEST_TYPES = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';

interface Report {
  verdict: string;
  error?: string;
  image: { id: string; digest: string | null; pushed: string[] };
  checks: { id: string; status: string; message: string }[];
}

async function manifest(repo: string, ref: string, accept: string): Promise<Record<string, unknown>> {
  const res = await fetch(`http://${reg.addr}/v2/${repo}/manifests/${ref}`, { headers: { authorization: AUTH, accept } });
  assert.equal(res.status, 200, `${repo}@${ref}`);
  return (await res.json()) as Record<string, unknown>;
}

function run(extra: string[]) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'df-prov-'));
  dirs.push(out);
  return runCli(
    [
      'run',
      '--context',
      path.join(FIXTURES, 'apps/compliant'),
      '--file',
      path.join(FIXTURES, 'static/compliant.Dockerfile'),
      // The static rules (DF106's layer scan included) judge the image; the smoke stage has its own tests.
      '--checks-ignore',
      'DF201,DF202,DF203,DF204,DF205,DF206,DF207,DF208,DF301,DF302,DF401',
      '--provenance',
      'mode=max',
      '--out',
      out,
      ...extra,
    ],
    { input: reg.password },
  ).then((r) => ({
    ...r,
    out,
    report: readJson<Report>(path.join(out, 'dockerflow-report.json')),
    log: readFileSync(path.join(out, 'build.log'), 'utf8'),
  }));
}

after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe(`provenance on ${support.containerdStore ? 'the containerd image store' : `the ${support.driver} driver, classic store`}`, () => {
  it(
    'containerd store: the pushed index carries the provenance; read-back and DF106 still judge the image',
    { skip: !support.capable, timeout: 300_000 },
    async () => {
      const repo = `${PREFIX}/app`;
      const r = await run([
        '--registry',
        reg.addr,
        '--image',
        repo,
        '--tag',
        't1',
        '--push',
        'true',
        '--username',
        reg.username,
        '--password-stdin',
      ]);
      assert.equal(r.code, 0, `${r.stderr.slice(-3000)}\n${r.report.error ?? ''}`);
      assert.match(r.log, /docker buildx build .*--provenance mode=max/);
      assert.equal(r.report.checks.find((c) => c.id === 'DF106')?.status, 'pass', 'DF106 judges the image, not the attestation');
      assert.deepEqual(r.report.image.pushed, [`${reg.addr}/${repo}:t1`], 'pushed and read back');
      const index = (await manifest(repo, 't1', INDEX_TYPES)) as {
        manifests: { digest: string; platform: { os: string; architecture: string }; annotations?: Record<string, string> }[];
      };
      assert.equal(
        r.report.image.digest,
        (
          await fetch(`http://${reg.addr}/v2/${repo}/manifests/t1`, {
            method: 'HEAD',
            headers: { authorization: AUTH, accept: INDEX_TYPES },
          })
        ).headers.get('docker-content-digest'),
      );
      const image = index.manifests.find((m) => m.platform.os === 'linux')!;
      const att = index.manifests.find((m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest');
      assert.ok(att, `an attestation manifest in ${JSON.stringify(index)}`);
      assert.deepEqual(att.platform, { os: 'unknown', architecture: 'unknown' });
      assert.equal(att.annotations!['vnd.docker.reference.digest'], image.digest);
      const attManifest = (await manifest(repo, att.digest, MANIFEST_TYPES)) as { layers: { annotations?: Record<string, string> }[] };
      assert.ok(
        attManifest.layers.some((l) => /^https:\/\/slsa\.dev\/provenance\//.test(l.annotations?.['in-toto.io/predicate-type'] ?? '')),
        JSON.stringify(attManifest.layers),
      );
    },
  );

  it(
    'classic store: built without --provenance, and one warning says what to change',
    { skip: support.capable, timeout: 300_000 },
    async () => {
      const r = await run(['--image', `${PREFIX}/local`]);
      assert.equal(r.report.verdict, 'pass', r.stderr.slice(-3000));
      assert.doesNotMatch(r.log, /--provenance/);
      const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.includes('provenance not attached'));
      assert.equal(lines.length, 1, `one line:\n${r.stderr.slice(-2000)}`);
      assert.match(
        lines[0]!,
        /buildx's docker driver on the classic image store cannot hold attestations; turn on the containerd image store .* docker-container/,
      );
    },
  );
});
