import path from 'node:path';
import { check, type CheckResult, type RuleId } from '../rules/catalogue.js';
import { isSecretEntry } from '../secrets/names.js';
import { lastInstruction, type DockerfileFacts } from './dockerfile.js';
import type { ImageConfig } from './image.js';
import type { VersionObject } from '../git/version.js';
import { versionDifferences } from '../git/version-diff.js';
import type { ScanStats, SecretHit } from './layer-scan.js';
import type { IgnoredBy } from './dockerignore.js';

/** Everything the static rules judge, gathered once by the inspect stage. */
export interface StaticFacts {
  image: ImageConfig;
  dockerfile: DockerfileFacts;
  /** Contents of files read from the image (null: absent). */
  passwd: string | null;
  group: string | null;
  versionFile: string | null;
  expectedVersion: VersionObject;
  /** Names of the provided secrets, by needle index, for messages (never the values). */
  secretNames: string[];
  /** null: no secret values were given, so no layer scan ran. */
  secretHits: SecretHit[] | null;
  /** What the layer scan read and skipped, and how (absent: no scan ran). */
  secretScan?: ScanStats | null;
  /** Names of the build args that hold secrets (DF109); never their values. */
  secretBuildArgs?: string[];
  /** Where version.json is instead, when not at /app (the image's WORKDIR, /usr/src/app say). */
  versionElsewhere?: string | null;
  /** The .dockerignore line that keeps version.json out of the build context (null: none does). */
  versionIgnoredBy?: IgnoredBy | null;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** `scanned 2 of 7 layers (12.3 MB) via overlay2; skipped the 5 layers (318.0 MB) of node:24-slim`. */
export function scanSummary(s: ScanStats): string {
  const total = s.layers.scanned + s.layers.skipped;
  const via = `via ${s.path}${s.fallback ? ` (${s.fallback})` : ''}`;
  const skipped =
    s.layers.skipped > 0
      ? `skipped the ${s.layers.skipped} layer(s) (${mb(s.bytes.skipped)}) of the base image ${s.base}${s.path === 'docker save' ? ', streamed by docker save but not judged' : ''}`
      : `skipped none (${s.base})`;
  return `scanned ${s.layers.scanned} of ${total} layer(s) (${mb(s.bytes.scanned)}) ${via}; ${skipped}`;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

function parsePasswd(text: string | null): PasswdEntry[] {
  return (text ?? '')
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 4)
    .map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]) }));
}

function parseGroup(text: string | null): { name: string; gid: number; members: string[] }[] {
  return (text ?? '')
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 3)
    .map((f) => ({ name: f[0]!, gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
}

/** Where an image-level finding points in the Dockerfile: the instruction, else the final FROM. */
function at(f: StaticFacts, keyword?: string): { file: string; line: number } {
  const i = keyword ? lastInstruction(f.dockerfile, keyword) : undefined;
  return { file: f.dockerfile.file, line: i?.line ?? f.dockerfile.fromLine };
}

/** The user the image runs as: its passwd entry, resolved from `USER name`, `USER uid` or `USER a:b`. */
function imageUser(f: StaticFacts): { spec: string; entry: PasswdEntry | undefined } {
  const spec = f.image.user.split(':')[0] ?? '';
  const users = parsePasswd(f.passwd);
  const entry = /^\d+$/.test(spec) ? users.find((u) => u.uid === Number(spec)) : users.find((u) => u.name === spec);
  return { spec, entry };
}

const DF101 = (f: StaticFacts): CheckResult => {
  const { spec, entry } = imageUser(f);
  const where = at(f, 'USER');
  if (!spec || spec === 'root' || spec === '0') {
    return check(
      'DF101',
      'fail',
      `the image runs as root (${spec ? `USER ${f.image.user}` : 'no USER'}); add "USER app" after creating the app user with UID 10001`,
      where,
    );
  }
  if (f.passwd === null)
    return check(
      'DF101',
      'fail',
      `USER ${f.image.user}, but the image has no /etc/passwd to define it; add an app user with UID 10001`,
      where,
    );
  if (!entry)
    return check('DF101', 'fail', `USER ${f.image.user} is not in /etc/passwd; create it with "useradd --uid 10001 --gid app app"`, where);
  if (entry.name !== 'app' || entry.uid !== 10001) {
    return check('DF101', 'fail', `the default user is ${entry.name} with UID ${entry.uid}; it must be app with UID 10001`, where);
  }
  return check('DF101', 'pass', 'runs as app (UID 10001)');
};

const DF102 = (f: StaticFacts): CheckResult => {
  const where = at(f, 'USER');
  const groups = parseGroup(f.group);
  const app = groups.find((g) => g.name === 'app');
  if (!app) return check('DF102', 'fail', 'there is no group app in /etc/group; create it with "groupadd --gid 10001 app"', where);
  if (app.gid !== 10001) return check('DF102', 'fail', `group app has GID ${app.gid}; it must be 10001`, where);
  const user = parsePasswd(f.passwd).find((u) => u.name === 'app');
  if (!user)
    return check('DF102', 'fail', 'there is no app user to belong to group app; create it with "useradd --uid 10001 --gid app app"', where);
  const groupSpec = f.image.user.split(':')[1];
  if (groupSpec && groupSpec !== 'app' && groupSpec !== '10001') {
    return check('DF102', 'fail', `USER ${f.image.user} runs with group ${groupSpec}; use "USER app" or "USER app:app"`, where);
  }
  // The process runs with the user's primary group unless USER names one: a supplementary membership of app is
  // not enough (the files it writes get the primary group).
  const runsWithApp = groupSpec === 'app' || groupSpec === '10001';
  if (user.gid !== 10001 && !runsWithApp) {
    const member = app.members.includes('app') ? ' (it is only a supplementary member of app)' : '';
    return check(
      'DF102',
      'fail',
      `the app user's primary group has GID ${user.gid}, not app (10001)${member}; create the user with "useradd --gid app", or use "USER app:app"`,
      where,
    );
  }
  return check('DF102', 'pass', "group app (GID 10001) is the app user's group");
};

const DF103 = (f: StaticFacts): CheckResult => {
  const missing = [f.image.entrypoint ? null : 'ENTRYPOINT', f.image.cmd ? null : 'CMD'].filter(Boolean);
  if (missing.length === 0)
    return check('DF103', 'pass', `ENTRYPOINT ${JSON.stringify(f.image.entrypoint)} CMD ${JSON.stringify(f.image.cmd)}`);
  return check(
    'DF103',
    'fail',
    `the image has no ${missing.join(' and no ')}; the spec wants both (ENTRYPOINT starts the service, CMD gives its default arguments)`,
    at(f, missing[0] === 'CMD' ? 'ENTRYPOINT' : 'CMD'),
  );
};

const DF104 = (f: StaticFacts): CheckResult => {
  if (f.image.workingDir === '/app') return check('DF104', 'pass', 'WORKDIR is /app');
  const copies = f.dockerfile.finalStage.filter(
    (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && /\s\/app(\/|\s|$)|\s\/app$/.test(` ${i.args} `),
  );
  if (copies.length > 0) return check('DF104', 'pass', `sources are copied to /app (line ${copies[0]!.line})`);
  return check(
    'DF104',
    'fail',
    `WORKDIR is ${f.image.workingDir || 'not set'} and nothing is copied to /app; put the sources in /app ("WORKDIR /app" then "COPY . /app")`,
    at(f, 'WORKDIR'),
  );
};

const DF105 = (f: StaticFacts): CheckResult => {
  const where = at(f, 'COPY');
  if (f.versionFile === null && f.versionIgnoredBy) {
    const by = f.versionIgnoredBy;
    return check(
      'DF105',
      'fail',
      `/app/version.json is missing: ${by.file} line ${by.line} ("${by.pattern}") keeps version.json out of the build context, so no COPY can bring it in; add the line "!version.json" after it`,
      { file: by.path, line: by.line },
    );
  }
  if (f.versionFile === null && f.versionElsewhere) {
    return check(
      'DF105',
      'fail',
      `/app/version.json is missing: the build put version.json at ${f.versionElsewhere} (WORKDIR ${path.posix.dirname(f.versionElsewhere)}), and the spec serves it from /app; use "WORKDIR /app" before "COPY . ." (DF104)`,
      at(f, 'WORKDIR'),
    );
  }
  if (f.versionFile === null) {
    return check(
      'DF105',
      'fail',
      '/app/version.json is missing; copy it into the image ("COPY version.json /app/version.json" or "COPY . /app")',
      where,
    );
  }
  let found: unknown;
  try {
    found = JSON.parse(f.versionFile);
  } catch {
    return check('DF105', 'fail', '/app/version.json is not valid JSON; copy the generated version.json unchanged', where);
  }
  const diff = versionDifferences(f.expectedVersion, found);
  if (diff.length > 0) {
    return check(
      'DF105',
      'fail',
      `/app/version.json differs from the generated one: ${diff.join('; ')}; copy version.json after it is generated, and do not cache it in an earlier layer`,
      where,
    );
  }
  return check('DF105', 'pass', '/app/version.json matches the generated version object');
};

const DF106 = (f: StaticFacts): CheckResult => {
  const envKeys = f.image.env
    .map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)] as const)
    .filter(([k, v]) => isSecretEntry(k, v) && !isEmptyEnv(f, k))
    .map(([k]) => k);
  if (envKeys.length > 0) {
    const line = f.dockerfile.finalStage
      .flatMap((i) => i.properties.filter((p) => i.keyword === 'ENV' && envKeys.includes(p.name)))
      .at(0)?.line;
    return check(
      'DF106',
      'fail',
      `ENV ${envKeys.join(', ')} looks like a secret baked into the image; pass it at run time instead (env input / orchestrator secrets)`,
      { file: f.dockerfile.file, line: line ?? f.dockerfile.fromLine },
    );
  }
  if (f.secretHits && f.secretHits.length > 0) {
    const hits = f.secretHits.slice(0, 3).map((h) => `${f.secretNames[h.needle] ?? `secret #${h.needle}`} in ${h.where}`);
    const stats = f.secretScan ? ` (${scanSummary(f.secretScan)})` : '';
    return check(
      'DF106',
      'fail',
      `a provided secret value is in the image: ${hits.join(', ')}${f.secretHits.length > 3 ? ` and ${f.secretHits.length - 3} more` : ''}; use RUN --mount=type=secret instead of COPY, ARG or ENV${stats}`,
      { file: f.dockerfile.file, line: f.dockerfile.fromLine },
    );
  }
  return check(
    'DF106',
    'pass',
    f.secretHits === null
      ? 'no secret-like ENV keys (no secret values were given to scan for)'
      : `no secret-like ENV keys; ${new Set(f.secretNames).size} secret value(s) found in no layer, config or history${f.secretScan ? ` (${scanSummary(f.secretScan)})` : ''}`,
  );
};

const DF107 = (f: StaticFacts): CheckResult => {
  const shellForm = ['ENTRYPOINT', 'CMD'].map((k) => lastInstruction(f.dockerfile, k)).filter((i) => i && !i.jsonForm);
  if (shellForm.length > 0) {
    const i = shellForm[0]!;
    return check(
      'DF107',
      'fail',
      `${i.keyword} ${i.args} is in shell form: the shell becomes PID 1 and SIGTERM never reaches the app; write ${i.keyword} ["executable", "arg"]`,
      { file: f.dockerfile.file, line: i.line },
    );
  }
  const sh = [f.image.entrypoint, f.image.cmd].find((a) => a && a.length >= 2 && /^\/bin\/(ba)?sh$/.test(a[0]!) && a[1] === '-c');
  if (sh && !lastInstruction(f.dockerfile, 'ENTRYPOINT') && !lastInstruction(f.dockerfile, 'CMD')) {
    return check('DF107', 'fail', `the base image's ${JSON.stringify(sh)} is in shell form; set ENTRYPOINT and CMD in exec form`, at(f));
  }
  return check('DF107', 'pass', 'ENTRYPOINT and CMD are in exec form');
};

/**
 * DF109 (warning): a build arg that holds a secret is recorded in the image history (`RUN |1 NPM_TOKEN=…`) for
 * anyone who pulls the image, even when no layer keeps it.
 */
const DF109 = (f: StaticFacts): CheckResult => {
  const names = f.secretBuildArgs ?? [];
  if (names.length === 0) return check('DF109', 'pass', 'no build arg holds a secret');
  const argLine = f.dockerfile.finalStage.find((i) => i.keyword === 'ARG' && i.properties.some((p) => names.includes(p.name)))?.line;
  const id = names[0]!.toLowerCase();
  return check(
    'DF109',
    'fail',
    `build arg${names.length > 1 ? 's' : ''} ${names.join(', ')} hold${names.length > 1 ? '' : 's'} a secret, which stays in the image history for anyone who pulls the image; pass it with the secrets input (${id}=…) and read it with RUN --mount=type=secret,id=${id} instead of ARG`,
    { file: f.dockerfile.file, line: argLine ?? f.dockerfile.fromLine },
  );
};

/** `ENV KEY=` with an empty value holds no secret. */
function isEmptyEnv(f: StaticFacts, key: string): boolean {
  return f.image.env.some((e) => e === `${key}=`);
}

/** The registry of static checks, in report order. */
export const STATIC_RULES: ReadonlyArray<[RuleId, (f: StaticFacts) => CheckResult]> = [
  ['DF101', DF101],
  ['DF102', DF102],
  ['DF103', DF103],
  ['DF104', DF104],
  ['DF105', DF105],
  ['DF106', DF106],
  ['DF107', DF107],
  ['DF109', DF109],
];
