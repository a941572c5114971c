/**
 * The out dir is uploaded as one artifact, also when the run fails, through @github/local-action (its
 * @actions/artifact stub writes the zip to a folder), and linked from the job summary when the URL is known.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/config.js';
import { uploadOutDir } from '../../src/artifacts/upload.js';
import { RULES } from '../../src/rules/catalogue.js';
import { outFiles } from '../../src/report/out-files.js';
import { readZip, runLocalAction } from '../helpers/local-action.js';
import { FIXTURES } from '../helpers/run.js';

/** The static fixtures are Dockerfiles of their own, built from the compliant app's context. */
const CTX = path.join(FIXTURES, 'apps/compliant');
const DOCKERFILES = path.join(FIXTURES, 'static');

describe('artifacts through @github/local-action', { concurrency: 1 }, () => {
  for (const [fixture, verdict] of [
    ['compliant', 'pass'],
    ['df101-root', 'fail'],
  ] as const) {
    it(`${fixture}: uploads build.log, the shasum file, version.json and the report (verdict ${verdict})`, async () => {
      const r = await runLocalAction({
        context: CTX,
        file: path.join(DOCKERFILES, `${fixture}.Dockerfile`),
        image: `artifacts/${fixture}`,
        'artifact-name': `dockerflow-${fixture}`,
        // The static stage is enough here; e2e-sample-app uploads the out dir of a full run.
        'checks-ignore': RULES.filter((r) => r.stage !== 'inspect')
          .map((r) => r.id)
          .join(','),
      });
      const zip = path.join(r.artifactDir, `dockerflow-${fixture}.zip`);
      assert.ok(existsSync(zip), `no artifact zip at ${zip}\n${r.stdout.slice(-2000)}`);
      const files = await readZip(zip);
      assert.deepEqual([...files.keys()].sort(), ['build.log', 'docker-image-shasum256.txt', 'dockerflow-report.json', 'version.json']);
      const report = JSON.parse(files.get('dockerflow-report.json')!) as { verdict: string; image: { id: string } };
      assert.equal(report.verdict, verdict);
      assert.equal(files.get('docker-image-shasum256.txt'), `${report.image.id}\n`);
      assert.match(files.get('build.log')!, /\$ docker buildx build/);
      assert.match(r.stdout, /Uploaded artifact dockerflow-/);
    });
  }
});

describe('uploadOutDir', () => {
  const config = (raw: Record<string, string>) =>
    parseConfig({ raw: new Map(Object.entries(raw)), env: {}, cwd: CTX, defaultOutDir: '/tmp/none' });
  it('does nothing when upload-artifacts is false', async () => {
    assert.equal(
      await uploadOutDir(
        config({ file: path.join(DOCKERFILES, 'compliant.Dockerfile'), 'upload-artifacts': 'false' }),
        outFiles('/tmp/none'),
        {
          ACTIONS_RUNTIME_TOKEN: 'x',
        },
      ),
      null,
    );
  });
  it('skips outside GitHub Actions (no runtime token) instead of failing the run', async () => {
    assert.equal(await uploadOutDir(config({ file: path.join(DOCKERFILES, 'compliant.Dockerfile') }), outFiles('/tmp/none'), {}), null);
  });
});
