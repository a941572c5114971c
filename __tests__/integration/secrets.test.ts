/**
 * Issue #9, the canary: secrets of every kind, each holding `|`, `"`, `\`, a space and a `$`, go through the CLI
 * and through `node dist/index.js` (the runner contract) at once, on the real engine, logged in to a real
 * registry (Distribution with htpasswd, started here so its password can be a canary too). The Dockerfile and the
 * app are careless on purpose: the build prints its secret and build args (raw and base64), the app prints its
 * whole environment in every encoding and echoes secrets in its heartbeat body, one placed across the
 * 400-character cut. Then every file, output, summary, saved state, console line, `ps -eo args` sample (every
 * 50 ms) and `docker save` of the images is searched for every encoding of every canary: zero hits.
 * An `env-secrets` entry named DOCKER_HOST points at a dead socket: the runs must still use the real daemon.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { docker, engineUp } from '../helpers/docker.js';
import { FIXTURES, readJson, runAction, runCli, type ActionRun, type ProcResult } from '../helpers/run.js';

const execFileP = promisify(execFile);
const FIXTURE = path.join(FIXTURES, 'apps/secrets-canary');
const DEAD_SOCKET = 'unix:///nonexistent/dockerflow-dead.sock';
const temps: string[] = [];
const temp = (prefix: string): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
};

/** Letters that are neither hex nor likely in a log, so a 4-character prefix is a real find. */
const rand = (n: number): string => [...randomBytes(n)].map((b) => 'ghjkmnpqrstvwxyzGHJKMNPQRSTVWXYZ'[b % 32]).join('');
/** A canary: a unique head, then every hostile character (`|`, `"`, `\`, space, `$`). */
const canary = (head: string): string => `${head}${rand(6)}|"b\\s $d${rand(4)}`;

interface Canaries {
  password: string;
  buildSecret: string;
  envSecret: string;
  stripeKey: string; // a *_KEY name; also the one placed across the heartbeat message's cut
  dbPassword: string; // inside DATABASE_URL (`env` by name, a URL password)
  pem: string; // a private key in an env value whose name says nothing
  npmToken: string; // a build arg named like a secret
  pipPassword: string; // a build arg holding a URL password
}

function canaries(): Canaries {
  return {
    password: canary('Rp'),
    buildSecret: canary('Bs'),
    envSecret: canary('Es'),
    stripeKey: canary('~Sq!'),
    dbPassword: canary('Db'),
    pem: `-----BEGIN PRIVATE KEY-----\nMIIEv${canary('Pk')}\nQIBADANBgkqhkiG9w0B${rand(12)}\n-----END PRIVATE KEY-----`,
    npmToken: canary('Nt'),
    pipPassword: canary('Pp'),
  };
}

/**
 * Every encoding of point 2, computed here independently of the code under test: raw, each line, JSON-escaped
 * once and twice, encodeURIComponent, form encoding, shell-quoted, and base64 at its three alignments (the part
 * of base64(prefix + value) that does not depend on the neighbouring bytes).
 */
function encodings(value: string): string[] {
  const out = new Set<string>();
  // The PEM armour lines (`-----BEGIN PRIVATE KEY-----`) are in any image's CA or test files: not the secret.
  const bases = [value, ...value.split('\n').filter((l) => l.length >= 8 && !l.startsWith('-----'))];
  for (const v of bases) {
    const json1 = JSON.stringify(v).slice(1, -1);
    out.add(v).add(json1).add(JSON.stringify(json1).slice(1, -1));
    out.add(encodeURIComponent(v)).add(new URLSearchParams({ x: v }).toString().slice(2));
    out.add(`'${v.replace(/'/g, `'\\''`)}'`);
    for (const shift of [0, 1, 2]) {
      const b64 = Buffer.from(`${'\0'.repeat(shift)}${v}`).toString('base64');
      out.add(b64.slice([0, 2, 3][shift], -4));
    }
  }
  return [...out].filter((e) => e.length >= 8);
}

/** A registry of our own (Debian's docker-registry, htpasswd auth) whose password is a canary. */
async function startRegistry(username: string, password: string): Promise<{ addr: string; proc: ChildProcess; dir: string }> {
  const dir = temp('df-secrets-registry-');
  // -i: the password on stdin, never in htpasswd's argv (the ps sampler would see it).
  execFileSync('htpasswd', ['-Bci', path.join(dir, 'htpasswd'), username], { input: password, stdio: ['pipe', 'ignore', 'pipe'] });
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const addr = `127.0.0.1:${port}`;
  writeFileSync(
    path.join(dir, 'config.yml'),
    `version: 0.1\nlog: { level: warn }\nstorage:\n  filesystem: { rootdirectory: ${dir}/data }\nhttp: { addr: "${addr}" }\nauth:\n  htpasswd: { realm: canary, path: ${dir}/htpasswd }\n`,
  );
  const proc = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
  const until = Date.now() + 20000;
  for (;;) {
    const code = await fetch(`http://${addr}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (code === 401) break;
    if (Date.now() > until || proc.exitCode !== null) throw new Error(`the canary registry did not come up on ${addr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { addr, proc, dir };
}

/** `ps -eo args` every 50 ms until stopped; each sample is searched at once (samples are not kept). */
function psSampler(needles: { name: string; needle: string }[]): { stop: () => Promise<{ samples: number; hits: string[] }> } {
  let running = true;
  let samples = 0;
  const hits = new Set<string>();
  const loop = (async () => {
    while (running) {
      const { stdout } = await execFileP('ps', ['-eo', 'args'], { maxBuffer: 64 * 1024 * 1024 });
      samples++;
      for (const n of needles) if (stdout.includes(n.needle)) hits.add(`${n.name} in ps -eo args`);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { samples, hits: [...hits] };
    },
  };
}

interface RunOutcome {
  label: string;
  proc: ProcResult;
  /** Every text to search, by where it was found. */
  texts: [string, string | Buffer][];
  report: {
    verdict: string;
    image: { id: string | null; tags: string[] };
    checks: { id: string; status: string; level: string; message: string }[];
  };
  buildLog: string;
}

function walk(dir: string, into: [string, string | Buffer][], label: string): void {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, into, label);
    else into.push([`${label} ${path.relative(dir, p) || name}`, readFileSync(p)]);
  }
}

const appEnvVars = { ECHO: 'ENV_SECRET,DATABASE_URL', STRADDLE: 'STRIPE_KEY' };

async function viaCli(c: Canaries, registry: string): Promise<RunOutcome> {
  const ctxDir = temp('df-secrets-cli-ctx-');
  cpSync(FIXTURE, ctxDir, { recursive: true });
  const out = temp('df-secrets-cli-out-');
  const files = temp('df-secrets-cli-files-');
  const buildSecretFile = path.join(files, 'canary.secret');
  writeFileSync(buildSecretFile, c.buildSecret, { mode: 0o600 });
  const envFile = path.join(files, 'app.env');
  writeFileSync(envFile, `ENV_SECRET=${c.envSecret}\nDOCKER_HOST=${DEAD_SOCKET}\n`, { mode: 0o600 });
  // Every value from the environment or a file: nothing secret in this argv.
  const proc = await runCli(
    [
      'run',
      '--context',
      ctxDir,
      '--image',
      'df-canary/cli',
      '--registry',
      registry,
      '--push',
      'false',
      '--out',
      out,
      '--username',
      'canary',
      '--password-stdin',
      '--secret',
      `id=canary,src=${buildSecretFile}`,
      '--env-file',
      envFile,
      '--env',
      'STRIPE_KEY',
      '--env',
      'DATABASE_URL',
      '--env',
      'TLS',
      '--env',
      `ECHO=${appEnvVars.ECHO}`,
      '--env',
      `STRADDLE=${appEnvVars.STRADDLE}`,
      '--build-arg',
      'NPM_TOKEN',
      '--build-arg',
      'PIP_INDEX_URL',
      '--startup-timeout',
      '90',
    ],
    {
      input: `${c.password}\n`,
      env: {
        STRIPE_KEY: c.stripeKey,
        DATABASE_URL: `postgres://app:${c.dbPassword}@db.internal/app`,
        TLS: c.pem,
        NPM_TOKEN: c.npmToken,
        PIP_INDEX_URL: `https://ci:${c.pipPassword}@pypi.internal.example/simple`,
      },
    },
  );
  const texts: [string, string | Buffer][] = [
    ['CLI stdout', proc.stdout],
    ['CLI stderr', proc.stderr],
  ];
  walk(out, texts, 'CLI out dir');
  const reportFile = path.join(out, 'dockerflow-report.json');
  assert.ok(existsSync(reportFile), `no report: ${proc.stderr.slice(-3000)}`);
  return { label: 'CLI', proc, texts, report: readJson(reportFile), buildLog: readFileSync(path.join(out, 'build.log'), 'utf8') };
}

async function viaAction(c: Canaries, registry: string): Promise<RunOutcome> {
  const ctxDir = temp('df-secrets-action-ctx-');
  cpSync(FIXTURE, ctxDir, { recursive: true });
  const r: ActionRun = await runAction({
    workspace: ctxDir,
    inputs: {
      context: '.',
      image: 'df-canary/action',
      registry,
      push: 'false',
      username: 'canary',
      password: c.password,
      secrets: `canary=${c.buildSecret}`,
      'env-secrets': `ENV_SECRET=${c.envSecret}\nDOCKER_HOST=${DEAD_SOCKET}`,
      env: [
        `STRIPE_KEY=${c.stripeKey}`,
        `DATABASE_URL=postgres://app:${c.dbPassword}@db.internal/app`,
        `TLS="${c.pem}"`,
        `ECHO=${appEnvVars.ECHO}`,
        `STRADDLE=${appEnvVars.STRADDLE}`,
      ].join('\n'),
      'build-args': `NPM_TOKEN=${c.npmToken}\nPIP_INDEX_URL=https://ci:${c.pipPassword}@pypi.internal.example/simple`,
      'startup-timeout': '90',
      'upload-artifacts': 'false',
    },
  });
  temps.push(r.runnerTemp);
  // The runner consumes ::add-mask:: commands: they are how a value gets masked, not a leak.
  const masks = r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
  const texts: [string, string | Buffer][] = [
    [
      'action stdout',
      r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ],
    ['action stderr', r.stderr],
  ];
  walk(r.runnerTemp, texts, 'RUNNER_TEMP'); // out dir, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE
  for (const value of [c.password, c.buildSecret, c.envSecret, c.stripeKey, c.npmToken, c.pipPassword])
    assert.ok(masks.includes(`::add-mask::${value}`), `a secret is not registered with the runner (${value.slice(0, 4)}…)`);
  assert.ok(r.outputs.report, `no report output: ${r.stdout.slice(-3000)}`);
  assert.equal(r.outputs.verdict, 'fail');
  assert.ok(r.state.runId && r.state.workDir, 'the saved state is written in the runner format');
  return { label: 'action', proc: r, texts, report: readJson(r.outputs.report!), buildLog: readFileSync(r.outputs['build-log']!, 'utf8') };
}

describe('secrets end to end (issue #9)', { skip: !engineUp() && 'needs the Docker engine' }, () => {
  const images: string[] = [];
  let registry: Awaited<ReturnType<typeof startRegistry>> | undefined;
  // One password for both runs (one registry); every other canary is per run.
  const registryPassword = canary('Rp');

  before(async () => {
    registry = await startRegistry('canary', registryPassword);
  });
  after(() => {
    registry?.proc.kill();
    // Whatever this run tagged on its own registry's address (a run that failed half-way included).
    if (registry) {
      const tagged = docker('images', '--filter', `reference=${registry.addr}/df-canary/*`, '--format', '{{.Repository}}:{{.Tag}}');
      images.push(...tagged.split('\n').filter(Boolean));
    }
    for (const id of images) {
      try {
        docker('rmi', '-f', id);
      } catch {
        // already gone
      }
    }
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  it('no canary, in any encoding, in any file, output, state, console line, argv or image: through the CLI and dist/index.js', async () => {
    const cli = canaries();
    const act = canaries();
    // Both runs log in with the registry's one password.
    cli.password = act.password = registryPassword;
    const all: [string, string][] = [];
    for (const [run, set] of [
      ['CLI', cli],
      ['action', act],
    ] as const)
      for (const [name, value] of Object.entries(set)) all.push([`${run} ${name}`, value]);
    const needles = all.flatMap(([name, value]) => encodings(value).map((needle) => ({ name, needle })));

    const sampler = psSampler(needles);
    const settled = await Promise.allSettled([viaCli(cli, registry!.addr), viaAction(act, registry!.addr)]);
    const ps = await sampler.stop();
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    const outcomes = settled.map((s) => (s as PromiseFulfilledResult<RunOutcome>).value);
    assert.ok(ps.samples >= 20, `ps was sampled only ${ps.samples} times`);

    const leaks = new Set<string>(ps.hits);
    const search = (where: string, text: string | Buffer, skip: (name: string) => boolean = () => false): void => {
      for (const n of needles) if (!skip(n.name) && text.includes(n.needle)) leaks.add(`${n.name} in ${where}`);
      // The straddler's head, left at a cut, is a leak too.
      for (const set of [cli, act]) if (text.includes(set.stripeKey.slice(0, 4))) leaks.add(`the straddling secret's prefix in ${where}`);
    };
    for (const o of outcomes) for (const [where, text] of o.texts) search(where, text);

    // The docker CLI's own config: no login left behind, no canary.
    const cfgFile = path.join(process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker'), 'config.json');
    if (existsSync(cfgFile)) {
      const text = readFileSync(cfgFile, 'utf8');
      search('the docker config', text);
      assert.ok(!text.includes(registry!.addr), 'the login was written to the user docker config');
    }
    // No env file is left with a canary in it (they live in each run's own folder, dockerflow-<runId>).
    for (const d of readdirSync(os.tmpdir()).filter((n) => n.startsWith('dockerflow-df-'))) {
      try {
        const found: [string, string | Buffer][] = [];
        walk(path.join(os.tmpdir(), d), found, d);
        for (const [where, text] of found) search(`a left-over env file ${where}`, text);
      } catch {
        // another run's folder, removed meanwhile
      }
    }

    for (const o of outcomes) images.push(...o.report.image.tags);
    for (const o of outcomes) {
      const { report, buildLog, label } = o;
      const row = (id: string) => report.checks.find((c) => c.id === id)!;
      assert.equal(report.verdict, 'fail', `${label}: the heartbeat answers 500`);
      // The run logged in to the canary registry (the password went on stdin) and out again.
      assert.match(buildLog, /\$ docker login --username canary --password-stdin 127\.0\.0\.1:\d+ {2}# exit 0/, `${label}: login`);
      assert.match(buildLog, /\$ docker logout 127\.0\.0\.1:\d+/, `${label}: logout`);
      // The env-secret DOCKER_HOST reached the container without steering docker: the app ran on the real daemon.
      assert.equal(row('DF202').status, 'pass', `${label}: ${row('DF202').message}\n${o.proc.stderr.slice(-2000)}`);
      assert.equal(row('DF201').status, 'pass', `${label}: ${row('DF201').message}`);
      assert.match(buildLog, /"names":"[^"]*\bDOCKER_HOST\b/, `${label}: the app saw DOCKER_HOST`);
      for (const name of ['TLS', 'STRIPE_KEY', 'ENV_SECRET', 'DATABASE_URL'])
        assert.match(buildLog, new RegExp(`"names":"[^"]*\\b${name}\\b`), `${label}: the app saw ${name}`);
      // The heartbeat body is in DF203's message, its secrets redacted, the straddler included.
      assert.equal(row('DF203').status, 'fail');
      assert.match(
        row('DF203').message,
        /answered 500 (?:for [\d.]+ s )?with body "config dump: \*\*\* ; postgres:\/\/app:\*\*\*@db\.internal\/app ; p+/,
      );
      // DF106 names the build args it found in the history, never their values; DF109 warns about them.
      assert.equal(row('DF106').status, 'fail');
      assert.match(row('DF106').message, /build-arg NPM_TOKEN in image config/);
      assert.match(row('DF106').message, /the password in build-arg PIP_INDEX_URL in image config/);
      assert.equal(row('DF109').status, 'fail');
      assert.equal(row('DF109').level, 'warning');
      assert.match(row('DF109').message, /build args NPM_TOKEN, PIP_INDEX_URL hold a secret.*RUN --mount=type=secret/);
      // The build really printed its secrets (so the redaction above had something to do).
      assert.match(buildLog, /build secret: \*\*\*/);
      assert.match(buildLog, /build args: \*\*\* https:\/\/ci:\*\*\*@pypi/);
      assert.ok(report.image.id, `${label} built an image`);
    }

    // The images: only the two build args DF106 is meant to find may be in them (their history, on purpose).
    const tar = path.join(temp('df-secrets-save-'), 'images.tar');
    // By tag: the report's image ID is the config digest, which names no image on the containerd store.
    execFileSync('docker', ['save', '-o', tar, ...outcomes.map((o) => o.report.image.tags[0]!)]);
    search('docker save of the images', readFileSync(tar), (name) => / (npmToken|pipPassword)$/.test(name));

    assert.deepEqual([...leaks], []);
  });
});
