/**
 * Issue #9 in unit form: the forms a secret is redacted in, redaction after escaping and truncation, the sinks,
 * secret build args by name, the two environments, the CLI's secret flag forms and DF106/DF109's messages.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { argvWarning, parseCliArgs, parseEnvFile, resolveCliSecrets } from '../../src/cli/args.js';
import { namedSecrets, parseConfig, type ConfigSources } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/errors.js';
import { buildArgv, buildEnv, buildSettings } from '../../src/docker/build-argv.js';
import { Runner } from '../../src/exec/runner.js';
import { STATIC_RULES, type StaticFacts } from '../../src/inspect/static-rules.js';
import { BuildLog } from '../../src/log/build-log.js';
import { summaryMarkdown } from '../../src/report/summary.js';
import type { Report } from '../../src/report/report.js';
import { check } from '../../src/rules/catalogue.js';
import { secretForms } from '../../src/secrets/forms.js';
import { isDockerCliVariable, isSecretEntry, secretParts } from '../../src/secrets/names.js';
import { Redactor } from '../../src/secrets/redactor.js';
import { MozlogTally } from '../../src/smoke/mozlog-schema.js';
import { fileCommandRedacted, workflowCommand, writeStreamRedacted } from '../../src/secrets/sink.js';
import { mozlogRule } from '../../src/smoke/log-rules.js';
import { ActionUi } from '../../src/ui/action-ui.js';
import { FIXTURES, parseFileCommand } from '../helpers/run.js';
import { silentUi, tempDir } from './helpers.js';
import { PassThrough } from 'node:stream';
import { writeFileSync } from 'node:fs';

const APP = path.join(FIXTURES, 'apps/compliant');
const cfg = (raw: Record<string, string>, extra: Partial<ConfigSources> = {}) =>
  parseConfig({ raw: new Map(Object.entries(raw)), env: {}, cwd: APP, defaultOutDir: tempDir('out-'), ...extra });

/** Every hostile character at once: `|`, `"`, `\`, a space and a `$`. */
const CANARY = 'cAn|a"r\\y $9-xyzzy';
const PEM = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC|"\\ $x1\nA0BAQEFAAS2Ckp7Q+/z\n-----END PRIVATE KEY-----`;

describe('secretForms: every encoding that is redacted', () => {
  const forms = secretForms(CANARY);
  const encodings: [string, string][] = [
    ['raw', CANARY],
    ['JSON-escaped once', JSON.stringify(CANARY).slice(1, -1)],
    ['JSON-escaped twice', JSON.stringify(JSON.stringify(CANARY).slice(1, -1)).slice(1, -1)],
    ['encodeURIComponent', encodeURIComponent(CANARY)],
    ['form encoding', new URLSearchParams({ v: CANARY }).toString().slice(2)],
    ['shell-quoted', `'${CANARY}'`],
    ['Markdown table cell', CANARY.replace(/\|/g, '\\|')],
  ];
  for (const [what, form] of encodings) it(`holds the ${what} form`, () => assert.ok(forms.includes(form), form));

  it('holds base64 at each of its three alignments: a form is inside base64(prefix + value) for prefixes of 0, 1, 2 bytes', () => {
    for (const prefix of ['', 'u', 'us', 'user:', 'user:x']) {
      const b64 = Buffer.from(`${prefix}${CANARY}`).toString('base64');
      assert.ok(
        forms.some((f) => f.length > 8 && b64.includes(f)),
        `no form inside base64(${JSON.stringify(prefix)} + canary) = ${b64}`,
      );
    }
  });

  it('holds each line of a multi-line value', () => {
    const pem = secretForms(PEM);
    for (const line of PEM.split('\n')) assert.ok(pem.includes(line), line);
  });

  it('leaves out forms shorter than 3 characters', () => assert.deepEqual(secretForms('ab'), []));
});

describe('Redactor: last, on the final bytes', () => {
  const r = new Redactor([CANARY, PEM]);

  it('redacts a secret escaped once and twice by JSON (an app that echoes it, then the report)', () => {
    const body = JSON.stringify({ echo: CANARY });
    const report = JSON.stringify({ message: `heartbeat said ${body}` }, null, 2);
    assert.ok(!r.redact(report).includes('xyzzy'), r.redact(report));
  });

  it('redacts base64, URL and form encodings as the runner masks them', () => {
    for (const text of [
      Buffer.from(`user:${CANARY}`).toString('base64'),
      Buffer.from(`ab${CANARY}cd`).toString('base64'),
      `https://x/?q=${encodeURIComponent(CANARY)}`,
      new URLSearchParams({ q: CANARY }).toString(),
    ])
      assert.ok(!r.leaks(r.redact(text)) && r.redact(text).includes('***'), `${text} -> ${r.redact(text)}`);
  });

  it('redacts a PEM key whole, in JSON and line by line', () => {
    assert.equal(r.redact(`key=${PEM}`), 'key=***');
    assert.equal(r.redact(JSON.stringify(PEM)), '"***"');
    assert.equal(r.redact(PEM.split('\n')[1]!), '***');
  });

  it('cut: never cuts inside a secret, and leaves no prefix of 3+ characters at the cut', () => {
    const text = `${'x'.repeat(390)} ${CANARY} and a long tail after it`;
    for (const max of [393, 395, 398, 400, 405]) {
      const out = r.cut(text, max);
      assert.ok(out.length <= max, `${out.length} > ${max}`);
      assert.ok(!out.includes(CANARY.slice(0, 3)), `a prefix of the secret is left at ${max}: ${out.slice(-20)}`);
      assert.ok(out.endsWith('…'));
    }
    assert.equal(r.cut('short and safe', 400), 'short and safe');
    // A partial secret at the cut (the text held only its start) is dropped too.
    const partial = r.cut(`${'y'.repeat(20)}${CANARY.slice(0, 8)}${'z'.repeat(50)}`, 29);
    assert.equal(partial, `${'y'.repeat(20)}…`);
    // The cut never splits a mask.
    assert.ok(!/[^*]\*{1,2}…$/.test(r.cut(`${'w'.repeat(10)}${CANARY}${'w'.repeat(30)}`, 13)));
  });

  it('the summary redacts before escaping `|`, so a secret with `|` never becomes `\\|` unredacted', () => {
    const report: Report = {
      schemaVersion: 1,
      verdict: 'fail',
      image: { id: null, configDigest: null, manifestDigest: null, tags: [], digest: null, pushed: [] },
      version: null,
      checks: [check('DF203', 'fail', `answered 500 with body ${CANARY}`)],
      timings: {},
      error: `boom ${CANARY}`,
    };
    const md = summaryMarkdown(report, { redact: (t) => r.redact(t) });
    assert.ok(!md.includes('xyzzy'), md);
    // The sink alone catches a secret that Markdown set whole, escaped (a code span in a table cell, `|` as `\|`).
    const word = 'tok|en_with*stars';
    const one = new Redactor([word]);
    const plain = summaryMarkdown(
      { ...report, error: 'boom', checks: [check('DF203', 'fail', `answered 500 with body ${word}`)] },
      { redact: (t) => t },
    );
    assert.ok(plain.includes('tok\\|en_with*stars'), plain);
    assert.ok(!one.redact(plain).includes('en_with'));
  });
});

describe('sinks', () => {
  const r = new Redactor([CANARY]);

  it('GITHUB_OUTPUT / GITHUB_STATE entries are written in the runner format and redacted', () => {
    const file = path.join(tempDir('cmd-'), 'output');
    writeFileSync(file, '');
    assert.equal(fileCommandRedacted(r, file, 'verdict', 'pass'), true);
    fileCommandRedacted(r, file, 'note', `multi\nline ${CANARY}`);
    assert.equal(fileCommandRedacted(r, undefined, 'x', 'y'), false);
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes('xyzzy'));
    assert.deepEqual(parseFileCommand(text), { verdict: 'pass', note: 'multi\nline ***' });
  });

  it('annotations are redacted after the workflow-command escaping', () => {
    const out = new PassThrough();
    writeStreamRedacted(r, out, workflowCommand('error', { title: 'DF203', file: 'Dockerfile', line: 3 }, `a\n${CANARY}`));
    assert.equal(out.read().toString(), '::error title=DF203,file=Dockerfile,line=3::a%0A***\n');
  });

  it('the action console redacts every line itself and registers every form with the runner', () => {
    const out = new PassThrough();
    const ui = new ActionUi(out);
    const stdout = process.stdout.write;
    const masks: string[] = [];
    process.stdout.write = ((s: string) => (masks.push(s), true)) as typeof process.stdout.write;
    try {
      ui.setSecret(CANARY);
    } finally {
      process.stdout.write = stdout;
    }
    assert.ok(masks.length >= secretForms(CANARY).length, masks.join(''));
    ui.info(`value ${Buffer.from(`u:${CANARY}`).toString('base64')}`);
    ui.warning(`warn ${CANARY}`);
    assert.ok(!String(out.read()).includes('xyzzy'));
  });

  it('build.log is redacted as written', async () => {
    const dir = tempDir('log-');
    const log = new BuildLog(dir, r);
    log.line(`$ echo ${JSON.stringify(JSON.stringify(CANARY))}`);
    await log.close();
    assert.ok(!readFileSync(path.join(dir, 'build.log'), 'utf8').includes('xyzzy'));
  });
});

describe('the one rule for secret names and values', () => {
  it('a URL password, a private key, a *_DSN with userinfo are secret whatever the name', () => {
    assert.deepEqual(secretParts('PIP_INDEX_URL', 'https://u:p%40ss@pypi.example/simple'), [
      { whole: false, value: 'p%40ss' },
      { whole: false, value: 'p@ss' },
    ]);
    assert.equal(isSecretEntry('TLS', PEM), true);
    assert.equal(isSecretEntry('SENTRY_DSN', 'https://abc123@o1.ingest.sentry.io/1'), true);
    assert.equal(isSecretEntry('SENTRY_DSN', 'https://o1.ingest.sentry.io/1'), false);
    assert.equal(isSecretEntry('HOMEPAGE', 'https://example.com/a:b'), false);
  });

  it('names the docker CLI reads itself', () => {
    for (const n of ['DOCKER_HOST', 'DOCKER_CONFIG', 'DOCKER_CONTEXT', 'PATH', 'HOME', 'HTTPS_PROXY', 'BUILDX_BUILDER'])
      assert.equal(isDockerCliVariable(n), true, n);
    for (const n of ['NPM_TOKEN', 'DATABASE_URL', 'DOCKERISH']) assert.equal(isDockerCliVariable(n), false, n);
  });

  it('namedSecrets: build args by name and URL password, PEM values, *_KEY names', () => {
    const c = cfg({
      'build-args': `NPM_TOKEN=${CANARY}\nPIP_INDEX_URL=https://u:url-pw-77@pypi.example/simple\nNODE_ENV=production`,
      env: `STRIPE_KEY=sk-live-123\nTLS="${PEM}"\nLOG_LEVEL=info`,
    });
    assert.deepEqual(
      namedSecrets(c).map((n) => n.name),
      ['build-arg NPM_TOKEN', 'the password in build-arg PIP_INDEX_URL', 'env STRIPE_KEY', 'env TLS'],
    );
  });
});

describe('secret build args', () => {
  const c = cfg({ 'build-args': `NPM_TOKEN=${CANARY}\nPIP_INDEX_URL=https://u:url-pw-77@pypi.example/simple\nNODE_ENV=production` });
  const req = { config: c, builder: 'buildx' as const, refs: ['x/y:z'], labels: [], iidFile: '/tmp/iid' };

  it('go to buildx by name, with the value in its environment, never in argv', () => {
    const argv = buildArgv(req);
    const i = argv.indexOf('--build-arg');
    assert.deepEqual(argv.slice(i, i + 6), [
      '--build-arg',
      'NPM_TOKEN',
      '--build-arg',
      'PIP_INDEX_URL',
      '--build-arg',
      'NODE_ENV=production',
    ]);
    assert.ok(!argv.join(' ').includes('xyzzy') && !argv.join(' ').includes('url-pw-77'));
    assert.deepEqual(buildEnv(req), { NPM_TOKEN: CANARY, PIP_INDEX_URL: 'https://u:url-pw-77@pypi.example/simple' });
    assert.deepEqual(buildSettings(req), {});
  });

  it('one named like a docker CLI variable is refused with the fix', () => {
    assert.throws(
      () => cfg({ 'build-args': 'DOCKER_AUTH_CONFIG={"auths":{}}' }),
      (e: unknown) => e instanceof ConfigError && /pass it as a build secret instead/.test(e.message),
    );
  });

  it('DF109 warns, naming the build arg and the ARG line, and DF106 names the build arg, not the value', () => {
    const base: StaticFacts = {
      image: { user: 'app', env: [], entrypoint: ['node'], cmd: ['serve'], workingDir: '/app', labels: {} },
      dockerfile: {
        file: 'Dockerfile',
        finalStage: [
          { keyword: 'ARG', line: 4, jsonForm: false, args: 'NPM_TOKEN', properties: [{ name: 'NPM_TOKEN', value: '', line: 4 }] },
        ],
        fromLine: 1,
      },
      passwd: null,
      group: null,
      versionFile: null,
      expectedVersion: { source: '', version: '', commit: '', build: '' },
      secretNames: ['build-arg NPM_TOKEN'],
      secretHits: [{ needle: 0, where: 'image config abc.json' }],
      secretBuildArgs: ['NPM_TOKEN'],
    };
    const df108 = STATIC_RULES.find(([id]) => id === 'DF109')![1](base);
    assert.equal(df108.level, 'warning');
    assert.equal(df108.status, 'fail');
    assert.equal(df108.line, 4);
    assert.match(df108.message, /build arg NPM_TOKEN holds a secret.*RUN --mount=type=secret,id=npm_token/);
    const df106 = STATIC_RULES.find(([id]) => id === 'DF106')![1](base);
    assert.match(df106.message, /build-arg NPM_TOKEN in image config abc\.json/);
    assert.equal(STATIC_RULES.find(([id]) => id === 'DF109')![1]({ ...base, secretBuildArgs: [] }).status, 'pass');
  });
});

describe('two environments', () => {
  it('a single-line env-secret named DOCKER_HOST is accepted (it goes in the env file), a multi-line one refused', () => {
    assert.equal(cfg({ 'env-secrets': 'DOCKER_HOST=unix:///nowhere.sock' }).envSecrets[0]!.key, 'DOCKER_HOST');
    assert.throws(() => cfg({ 'env-secrets': 'DOCKER_HOST="a\nb"' }), /docker can only take by name from its own environment/);
  });

  it('the runner never puts a docker CLI variable in the docker CLI environment, and writes env files 0600 it removes', async () => {
    const dir = tempDir('runner-');
    const redactor = new Redactor();
    const log = new BuildLog(dir, redactor);
    const runner = new Runner(log, silentUi(), redactor);
    await assert.rejects(
      () => runner.run(['true'], { byName: { DOCKER_HOST: 'unix:///dead.sock' } }),
      /would change what the docker CLI itself does/,
    );
    const file = runner.envFile([
      { key: 'A', value: CANARY },
      { key: 'DOCKER_HOST', value: 'unix:///dead.sock' },
    ]);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.equal(readFileSync(file, 'utf8'), `A=${CANARY}\nDOCKER_HOST=unix:///dead.sock\n`);
    runner.removeEnvFiles();
    assert.equal(existsSync(file), false);
    await log.close();
  });
});

describe('CLI secret flags', () => {
  const dir = tempDir('cli-');
  const keyFile = path.join(dir, 'key.pem');
  writeFileSync(keyFile, `${PEM}\n`);
  const envFile = path.join(dir, 'app.env');
  writeFileSync(envFile, `# comment\nSTRIPE=sk "live" $x\n\n  FROM_CALLER\nMISSING_ONE\n`);
  const callerEnv = { NPM_TOKEN: CANARY, FROM_CALLER: 'from-caller-1', DB_PASSWORD: 'db-pw-1', BUILD_TOKEN: 'bt-1' };

  it('read values from the environment and from files, leaving nothing in raw', () => {
    const inv = parseCliArgs([
      'run',
      '--secret',
      'id=npm,env=NPM_TOKEN',
      '--secret',
      `id=key,src=${keyFile}`,
      '--env-secret',
      'NPM_TOKEN',
      '--env',
      'DB_PASSWORD',
      '--build-arg',
      'BUILD_TOKEN',
      '--env-file',
      envFile,
    ]);
    const { resolved, inArgv } = resolveCliSecrets(inv, callerEnv, dir);
    assert.deepEqual(inArgv, []);
    assert.deepEqual([...inv.raw.keys()], []);
    assert.deepEqual(resolved.secrets, [
      { key: 'npm', value: CANARY },
      { key: 'key', value: PEM },
    ]);
    assert.deepEqual(resolved['env-secrets'], [
      { key: 'NPM_TOKEN', value: CANARY },
      { key: 'STRIPE', value: 'sk "live" $x' },
      { key: 'FROM_CALLER', value: 'from-caller-1' },
    ]);
    assert.deepEqual(resolved.env, [{ key: 'DB_PASSWORD', value: 'db-pw-1' }]);
    assert.deepEqual(resolved['build-args'], [{ key: 'BUILD_TOKEN', value: 'bt-1' }]);
    const c = cfg(Object.fromEntries(inv.raw), { resolved });
    assert.equal(c.secrets[1]!.value, PEM);
  });

  it('value forms stay, and are reported as in argv when they hold a secret', () => {
    const inv = parseCliArgs(['run', '--secret', 'npm=abc-123', '--env-secret', 'K=v-1', '--env', 'API_TOKEN=t-1', '--env', 'LOG=info']);
    const { inArgv } = resolveCliSecrets(inv, {}, dir);
    assert.deepEqual(inArgv, ['--secret npm=…', '--env-secret K=…', '--env API_TOKEN=…']);
    assert.equal(inv.raw.get('env'), 'API_TOKEN=t-1\nLOG=info');
    assert.match(argvWarning(inArgv[0]!), /other users of the machine can read it \(ps/);
  });

  it('a missing variable or file is one clear error', () => {
    assert.throws(
      () => resolveCliSecrets(parseCliArgs(['run', '--env-secret', 'NOPE']), {}, dir),
      /NOPE is not set in this environment; export NOPE/,
    );
    assert.throws(
      () => resolveCliSecrets(parseCliArgs(['run', '--secret', 'id=x,src=/no/such']), {}, dir),
      /cannot read \/no\/such: ENOENT/,
    );
    assert.throws(() => parseEnvFile('1BAD=x', {}, 'f.env'), /f\.env:1 is not KEY=VALUE/);
  });
});

describe('shortened messages', () => {
  it('DF302 quotes a bad log line redacted before its whitespace is collapsed, and cut without a secret prefix', () => {
    const twoSpaces = 'two  spaces-Secret-9';
    const r = new Redactor([twoSpaces, CANARY]);
    // After redaction the line starts `plain *** ` (10 characters): the canary's head straddles the 160 cut.
    const line = `plain ${twoSpaces} ${'x'.repeat(145)}${CANARY.slice(0, 10)} tail`;
    const tally = new MozlogTally();
    tally.add(line);
    const row = mozlogRule(tally, 'warn', r);
    assert.ok(!row.message.includes('spaces-Secret') && !row.message.includes(CANARY.slice(0, 3)), row.message);
    assert.match(row.message, /"plain \*\*\* x+/);
  });
});
