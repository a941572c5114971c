import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import os from 'node:os';
import { isInside, parseConfig, secretValues } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/errors.js';
import { splitCommand } from '../../src/config/parse-lines.js';
import { parseCliArgs } from '../../src/cli/args.js';
import { FIXTURES } from '../helpers/run.js';

const APP = path.join(FIXTURES, 'apps/compliant');
const parse = (raw: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  parseConfig({ raw: new Map(Object.entries(raw)), env, cwd: APP, defaultOutDir: 'out' });

describe('Config: defaults', () => {
  it('derives every default', () => {
    const c = parse({}, { GITHUB_REPOSITORY: 'Mozilla/My-App' });
    assert.equal(c.context, APP);
    assert.equal(c.file, path.join(APP, 'Dockerfile'));
    assert.equal(c.image, 'mozilla/my-app');
    assert.equal(c.registry, 'docker.io');
    assert.equal(c.port, 8000);
    assert.equal(c.startupTimeoutMs, 60_000);
    assert.equal(c.failOn, 'error');
    assert.equal(c.mozlog, 'warn');
    assert.equal(c.push, 'auto');
    assert.equal(c.uploadArtifacts, true);
    assert.equal(c.artifactName, 'dockerflow');
    assert.equal(c.version, null);
    assert.equal(c.minUptimeMs, 5000);
    // The default out dir lies inside the context (cwd is the app): it moves out, the same folder every run.
    assert.ok(!isInside(c.outDir, APP), c.outDir);
    assert.equal(c.outDir, path.join(os.tmpdir(), 'dockerflow-out', `compliant-${c.outDir.slice(-8)}`));
    assert.equal(parse({}).outDir, c.outDir);
  });

  it('keeps the default out dir where it is when it lies outside the context, and a given --out wherever it is', () => {
    const outside = parseConfig({ raw: new Map([['context', APP]]), env: {}, cwd: FIXTURES, defaultOutDir: 'out' });
    assert.equal(outside.outDir, path.join(FIXTURES, 'out'));
    assert.equal(parse({ out: 'given' }).outDir, path.join(APP, 'given'));
    assert.equal(parse({ 'min-uptime': '0' }).minUptimeMs, 0);
    assert.throws(() => parse({ 'min-uptime': '1.5' }), /input "min-uptime": "1.5" is not a whole number from 0 to 3600/);
  });

  it('uses the context folder name as the image outside GitHub', () => {
    assert.equal(parse({}).image, 'compliant');
  });

  it('parses lists, services with env, commands and rule IDs', () => {
    const c = parse({
      'build-args': 'A=1\nB=x=y',
      env: 'DATABASE_URL=postgres://u:pw123@db/app\nAPI_TOKEN=tok-abc\nPLAIN=ok',
      services: 'db=postgres:15 POSTGRES_PASSWORD=pg-secret\ncache=redis:7',
      'test-command': `test --grep "a b" 'c d'`,
      'checks-ignore': 'df104, DF302',
      'static-paths': '/,/static/app.css',
      tags: 'v1, ghcr.io/org/app:edge',
      registry: 'index.docker.io',
    });
    assert.deepEqual(c.buildArgs, [
      { key: 'A', value: '1' },
      { key: 'B', value: 'x=y' },
    ]);
    assert.deepEqual(c.services, [
      { name: 'db', image: 'postgres:15', env: [{ key: 'POSTGRES_PASSWORD', value: 'pg-secret' }] },
      { name: 'cache', image: 'redis:7', env: [] },
    ]);
    assert.deepEqual(c.testCommand, ['test', '--grep', 'a b', 'c d']);
    assert.deepEqual([...c.checksIgnore], ['DF104', 'DF302']);
    assert.deepEqual(c.staticPaths, ['/', '/static/app.css']);
    assert.deepEqual(c.tags, ['docker.io/library/compliant:v1', 'ghcr.io/org/app:edge']);
    assert.equal(c.registry, 'docker.io');
    // Secret-named env values, passwords inside URLs and sidecar secrets are all masked; plain values are not.
    assert.deepEqual(secretValues(c).sort(), ['pg-secret', 'pw123', 'tok-abc']);
  });
});

describe('Config: every bad input stops the run with one line naming the input, the value and the fix', () => {
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ['unknown option', { colour: 'blue' }, 'colour', /is not an option; remove it/],
    ['malformed KEY=VALUE line', { env: 'JUSTAWORD' }, 'env', /a line without "=" is not KEY=VALUE; write one KEY=VALUE per line/],
    ['bad key in build-args', { 'build-args': '1BAD=x' }, 'build-args', /"1BAD=…" is not KEY=VALUE/],
    ['bad secret line, value not shown', { secrets: 'bad key=hunter2' }, 'secrets', /"bad key=…" is not ID=VALUE/],
    ['invalid image name', { image: 'Mozilla/App' }, 'image', /"Mozilla\/App" is not a valid repository name; use lower-case/],
    ['invalid tag', { tags: 'bad tag!' }, 'tags', /"bad tag!" is neither a tag nor a full image reference/],
    ['ref without a tag', { tags: 'ghcr.io/org/app' }, 'tags', /neither a tag nor a full image reference/],
    ['missing context', { context: 'nope' }, 'context', /"nope" is not a directory .*; point it at the folder/],
    [
      'missing Dockerfile',
      { file: 'Nope.Dockerfile' },
      'file',
      /no Dockerfile at .*Nope.Dockerfile; create it, or set the Dockerfile path/,
    ],
    ['non-numeric port', { port: 'http' }, 'port', /"http" is not a whole number from 1 to 65535/],
    ['port out of range', { port: '70000' }, 'port', /"70000" is not a whole number from 1 to 65535/],
    ['non-numeric timeout', { 'startup-timeout': '10s' }, 'startup-timeout', /"10s" is not a whole number/],
    ['unknown rule ID', { 'checks-ignore': 'DF999' }, 'checks-ignore', /"DF999" is not a rule ID; use IDs from docs\/rules.md/],
    ['bad fail-on', { 'fail-on': 'info' }, 'fail-on', /"info" is not one of error, warning; use error or warning/],
    ['bad mozlog', { mozlog: 'strict' }, 'mozlog', /"strict" is not one of off, warn, require/],
    ['bad push', { push: 'yes' }, 'push', /"yes" is not one of auto, true, false/],
    ['bad boolean', { 'no-cache': 'maybe' }, 'no-cache', /"maybe" is not a boolean; use true or false/],
    ['bad service line', { services: 'postgres:15' }, 'services', /"postgres:15" is not NAME=IMAGE/],
    ['bad static path', { 'static-paths': 'static/app.css' }, 'static-paths', /is not a URL path; start each path with "\/"/],
    [
      'a platform without an architecture',
      { platforms: 'linux/amd64,linux' },
      'platforms',
      /"linux" is not a platform; write each as os\/arch/,
    ],
    ['a platform twice', { platforms: 'linux/arm64\nlinux/arm64' }, 'platforms', /"linux\/arm64" is given twice/],
    [
      'a test platform not built',
      { platforms: 'linux/amd64,linux/arm64', 'test-platforms': 'linux/riscv64' },
      'test-platforms',
      /"linux\/riscv64" is not one of the platforms built \(linux\/amd64, linux\/arm64\)/,
    ],
    ['unclosed quote', { 'test-command': 'test "oops' }, 'test-command', /unclosed " quote/],
    ['bad registry', { registry: 'not a host' }, 'registry', /"not a host" is not a registry host/],
    ['retention out of range', { 'retention-days': '400' }, 'retention-days', /from 1 to 90/],
  ];
  for (const [name, raw, input, message] of cases) {
    it(name, () => {
      assert.throws(
        () => parse(raw),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError, `not a ConfigError: ${e}`);
          assert.equal(e.input, input);
          assert.match(e.message, message);
          assert.ok(!e.message.includes('\n'), 'one line');
          assert.ok(!e.message.includes('hunter2'), 'never echoes a secret value');
          return true;
        },
      );
    });
  }
});

describe('platforms', () => {
  it('takes a comma or newline list, in order; test-platforms defaults to every one and may narrow it', () => {
    const c = parse({ platforms: 'linux/amd64,linux/arm64' });
    assert.deepEqual(c.platforms, ['linux/amd64', 'linux/arm64']);
    assert.deepEqual(c.testPlatforms, ['linux/amd64', 'linux/arm64']);
    assert.deepEqual(parse({ platforms: 'linux/arm64\nlinux/amd64' }).platforms, ['linux/arm64', 'linux/amd64']);
    assert.deepEqual(parse({ platforms: 'linux/amd64,linux/arm64', 'test-platforms': 'linux/amd64' }).testPlatforms, ['linux/amd64']);
    assert.deepEqual(parse({ platforms: 'linux/arm/v7,linux/amd64' }).platforms, ['linux/arm/v7', 'linux/amd64']);
  });

  it('takes the CLI flag repeated or as a comma list, and --test-platform', () => {
    for (const argv of [
      ['run', '--platform', 'linux/amd64', '--platform', 'linux/arm64', '--test-platform', 'linux/arm64'],
      ['run', '--platform', 'linux/amd64,linux/arm64', '--test-platform', 'linux/arm64'],
    ]) {
      const c = parseConfig({ raw: parseCliArgs(argv).raw, env: {}, cwd: APP, defaultOutDir: 'out' });
      assert.deepEqual(c.platforms, ['linux/amd64', 'linux/arm64'], argv.join(' '));
      assert.deepEqual(c.testPlatforms, ['linux/arm64']);
    }
  });

  it("keeps one platform, or none (the engine's own), as before", () => {
    assert.deepEqual(parse({}).platforms, []);
    assert.deepEqual(parse({}).testPlatforms, []);
    assert.deepEqual(parse({ platforms: 'linux/amd64' }).platforms, ['linux/amd64']);
  });
});

describe('multi-line values', () => {
  it('takes a double-quoted value across lines, and masks it line by line', () => {
    const key = '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC==\n-----END KEY-----';
    const c = parse({ secrets: `deploy_key="${key}"\nnpm_token=abc123` });
    assert.deepEqual(c.secrets, [
      { key: 'deploy_key', value: key },
      { key: 'npm_token', value: 'abc123' },
    ]);
  });
});

describe('splitCommand', () => {
  const cases: [string, string[]][] = [
    ['test', ['test']],
    ['  npm   test  ', ['npm', 'test']],
    [`pytest -k "not slow" 'a b'`, ['pytest', '-k', 'not slow', 'a b']],
    [String.raw`echo a\ b "c\"d"`, ['echo', 'a b', 'c"d']],
    ['sh -c "echo $HOME; ls"', ['sh', '-c', 'echo $HOME; ls']],
    ['', []],
  ];
  for (const [input, want] of cases) it(`splits ${JSON.stringify(input)}`, () => assert.deepEqual(splitCommand('x', input), want));
});
