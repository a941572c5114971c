/** Edge cases of issue 11's diagnoses, on real docker and /proc output captured on this machine. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { errorLine } from '../../src/exec/runner.js';
import { excludedBy, ignoreFile } from '../../src/inspect/dockerignore.js';
import { withRetry } from '../../src/publish/retry.js';
import { Redactor } from '../../src/secrets/redactor.js';
import { Http } from '../../src/smoke/http.js';
import { misbinding, parseProcNetTcp } from '../../src/smoke/listeners.js';
import { mozlogRule } from '../../src/smoke/log-rules.js';
import { MozlogTally } from '../../src/smoke/mozlog-schema.js';
import { waitReady } from '../../src/smoke/readiness.js';
import { parseTop, shutdownRow, signalSwallower } from '../../src/smoke/shutdown.js';
import { runFailureHint } from '../../src/smoke/start.js';
import { lbheartbeatRule, portRule, rejectsHost } from '../../src/smoke/startup-rules.js';
import { testFailureHint } from '../../src/smoke/test-command.js';
import { configFor, tempDir } from './helpers.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 30017 1 000000006c4b3de5 100 0 0 10 0
   1: 00000000:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000 10001        0 30018 1 000000006c4b3de6 100 0 0 10 0
   2: 0200110A:1F40 0300110A:D2F0 01 00000000:00000000 00:00000000 00000000 10001        0 30019 1 000000006c4b3de7 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 10001 0 1 1 0 100 0 0 10 0
   1: 00000000000000000000000000000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 10001 0 2 1 0 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 10001 0 3 1 0 100 0 0 10 0
`;

describe('listening sockets (/proc/net/tcp, tcp6)', () => {
  it('reads LISTEN rows only, IPv4 and IPv6 written as people write them', () => {
    assert.deepEqual(parseProcNetTcp(TCP), [
      { address: '127.0.0.1', port: 3000 },
      { address: '0.0.0.0', port: 8000 },
    ]);
    assert.deepEqual(parseProcNetTcp(TCP6), [
      { address: '::1', port: 80 },
      { address: '::', port: 3000 },
      { address: '::ffff:127.0.0.1', port: 8080 },
    ]);
  });
  it('judges them against $PORT', () => {
    assert.equal(misbinding([{ address: '0.0.0.0', port: 8000 }], 8000), null);
    assert.equal(misbinding([{ address: '::', port: 8000 }], 8000), null);
    assert.equal(misbinding([], 8000), null, 'nothing listens yet: still starting');
    assert.equal(misbinding([{ address: '127.0.0.11', port: 42113 }], 8000), null, "Docker's embedded DNS is not the app");
    assert.deepEqual(misbinding([{ address: '127.0.0.1', port: 8000 }], 8000), {
      kind: 'loopback',
      listeners: [{ address: '127.0.0.1', port: 8000 }],
    });
    assert.equal(misbinding([{ address: '::1', port: 8000 }], 8000)?.kind, 'loopback');
    assert.equal(misbinding([{ address: '::ffff:127.0.0.1', port: 8000 }], 8000)?.kind, 'loopback');
    assert.deepEqual(misbinding([{ address: '0.0.0.0', port: 3000 }], 8000), {
      kind: 'other-port',
      listeners: [{ address: '0.0.0.0', port: 3000 }],
    });
    // A loopback admin port beside a public $PORT listener is fine.
    assert.equal(
      misbinding(
        [
          { address: '127.0.0.1', port: 9000 },
          { address: '0.0.0.0', port: 8000 },
        ],
        8000,
      ),
      null,
    );
  });
  it('DF201 names address, port and the fix', () => {
    const loop = portRule(
      { kind: 'misbound', why: 'loopback', listeners: [{ address: '::1', port: 8000 }], ms: 900, sinceListenMs: 300 },
      8000,
      8000,
      60000,
    );
    assert.equal(loop?.status, 'fail');
    assert.match(
      loop!.message,
      /^the app listens on \[::1\]:8000, a loopback address .*\(0\.3 s after it began listening, 0\.9 s after the container started\): bind "::"/,
    );
    const other = portRule(
      { kind: 'misbound', why: 'other-port', listeners: [{ address: '0.0.0.0', port: 3000 }], ms: 1500, sinceListenMs: 1000 },
      24000,
      8000,
      60000,
    );
    assert.match(other!.message, /^the app listens on 0\.0\.0\.0:3000, not on \$PORT=24000/);
  });
});

describe('readiness, fast verdicts', () => {
  const servers: http.Server[] = [];
  const client = new Http(undefined, '127.0.0.1:4242');
  after(async () => {
    await client.close();
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  });
  const never = { exited: new Promise<never>(() => undefined), current: null };
  const serve = async (handler: http.RequestListener): Promise<string> => {
    const s = http.createServer(handler);
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  };

  it('a redirect ends the wait at once, with its Location; every request carries the given Host header', async () => {
    const hosts: string[] = [];
    const base = await serve((req, res) => {
      hosts.push(req.headers.host ?? '');
      res.writeHead(301, { location: '/__lbheartbeat__/' }).end();
    });
    const r = await waitReady({
      http: client,
      app: { portBases: [base], defaultBases: [], startedAt: performance.now(), exit: never },
      timeoutMs: 30000,
    });
    assert.equal(r.kind, 'not-200');
    assert.ok(r.ms < 2000, `${r.ms} ms`);
    assert.equal(r.kind === 'not-200' && r.location, '/__lbheartbeat__/');
    assert.deepEqual([...new Set(hosts)], ['127.0.0.1:4242']);
    assert.match(
      lbheartbeatRule(r)!.message,
      /^answered 301, a redirect to "\/__lbheartbeat__\/" .*load balancers do not follow redirects/,
    );
  });

  it('a loopback listener on $PORT ends the wait within a second, while nothing answers', async () => {
    const closed = await serve(() => undefined);
    servers.at(-1)!.close();
    const t0 = performance.now();
    const r = await waitReady({
      http: client,
      app: { portBases: [closed], defaultBases: [], startedAt: t0, exit: never },
      timeoutMs: 30000,
      port: 8000,
      defaultPort: 8000,
      listeners: async () => (performance.now() - t0 > 300 ? [{ address: '127.0.0.1', port: 8000 }] : []),
    });
    assert.equal(r.kind, 'misbound');
    assert.ok(r.ms < 2500, `${r.ms} ms`);
  });

  it('a 400 is the Host check when the body or the logs say so', () => {
    assert.equal(
      rejectsHost(400, '<h1>Bad Request (400)</h1>', [
        "Invalid HTTP_HOST header: '127.0.0.1:2'. You may need to add '127.0.0.1' to ALLOWED_HOSTS.",
      ]),
      true,
    );
    assert.equal(rejectsHost(403, 'Blocked hosts: 127.0.0.1', []), true);
    assert.equal(rejectsHost(400, '{"error": "bad json"}', ['request.summary']), false);
    assert.equal(rejectsHost(404, 'Invalid host', []), false);
    const row = lbheartbeatRule(
      { kind: 'not-200', base: 'http://x', viaDefault: false, status: 400, body: 'Bad Request (400)', timedOut: false, ms: 2000 },
      '127.0.0.1:30000',
      ['Invalid HTTP_HOST header'],
    );
    assert.match(row!.message, /the app rejected the Host header "127\.0\.0\.1:30000" .*ALLOWED_HOSTS=127\.0\.0\.1/);
  });
});

describe("docker's error line", () => {
  it('picks the daemon line over the --help hint and a container ID on stdout', () => {
    const conflict =
      'docker: Error response from daemon: Conflict. The container name "/df-1-app" is already in use by container "ad28". You have to remove (or rename) that container to be able to reuse that name.\n\nRun \'docker run --help\' for more information\n';
    assert.match(errorLine(conflict), /^Error response from daemon: Conflict\. The container name/);
    const missing = `docker: Error response from daemon: failed to create shim task: OCI runtime create failed: exec: "/nope": stat /nope: no such file or directory: unknown\n\nRun 'docker run --help' for more information\n\n${'a'.repeat(64)}\n`;
    assert.match(errorLine(missing), /^Error response from daemon: .*no such file or directory/);
    const down =
      "docker: Cannot connect to the Docker daemon at unix:///nonexistent. Is the docker daemon running?\n\nRun 'docker run --help' for more information\n";
    assert.equal(errorLine(down), 'docker: Cannot connect to the Docker daemon at unix:///nonexistent. Is the docker daemon running?');
    assert.equal(
      errorLine('#5 DONE\nERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1\n'),
      'ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
    );
    assert.equal(errorLine('one\ntwo\n'), 'two');
    assert.equal(errorLine(''), '');
  });
  it('the hint follows the cause', () => {
    assert.match(runFailureHint('Error response from daemon: Conflict. The container name "/x" is already in use'), /already exists/);
    assert.match(
      runFailureHint('docker: Cannot connect to the Docker daemon at unix:///x. Is the docker daemon running?'),
      /dockerd is running/,
    );
    assert.match(
      runFailureHint('Error response from daemon: ... exec: "x": executable file not found in $PATH: unknown'),
      /ENTRYPOINT\/CMD/,
    );
  });
});

describe('DF207: PID 1', () => {
  const top = (rows: string): string => `PID                 PPID                COMMAND\n${rows}`;
  it('npm start as PID 1, with the app two levels down (docker top output)', () => {
    const procs = parseTop(
      top(
        '20459               20434               npm start\n20554               20459               sh -c node server.js\n20555               20554               node server.js\n',
      ),
    );
    const s = signalSwallower(procs);
    assert.equal(s?.what, 'npm');
    assert.equal(s?.app.args, 'node server.js');
    const row = shutdownRow(0, 80, 'SIGTERM', 10, s);
    assert.equal(row.status, 'fail');
    assert.match(
      row.message,
      /^PID 1 is "npm start" \(npm\), which runs the app \("node server\.js"\) as a child: .*CMD \["node","server\.js"\]/,
    );
  });
  it('a shell entrypoint that does not exec, and yarn', () => {
    assert.equal(signalSwallower(parseTop(top('10 1 /bin/sh /docker-entrypoint.sh\n11 10 node app.js\n')))?.what, 'sh');
    assert.equal(signalSwallower(parseTop(top('10 1 /usr/local/bin/node /opt/yarn/bin/yarn.js start\n11 10 node app.js\n')))?.what, 'yarn');
  });
  it('the app as PID 1, or under an init, is fine', () => {
    assert.equal(signalSwallower(parseTop(top('10 1 node server.js\n'))), null);
    assert.equal(signalSwallower(parseTop(top('10 1 /sbin/docker-init -- node server.js\n11 10 node server.js\n'))), null);
    assert.equal(signalSwallower(parseTop(top('10 1 npm start\n'))), null, 'no child: nothing to judge');
    assert.equal(signalSwallower([]), null);
  });
});

describe('DF401: exit 127', () => {
  it('a tool missing inside the command is named from its output', () => {
    const out = '\n> app@1.0.0 test\n> c8 --check-coverage node --test\n\nsh: 1: c8: not found\n';
    assert.match(
      testFailureHint(127, 'npm', out),
      /^the command ran, but `c8`, which it calls, is not in the image \("sh: 1: c8: not found"\)/,
    );
    assert.match(testFailureHint(127, 'make', 'bash: coverage: command not found'), /`coverage`/);
  });
  it('only docker failing to run the command blames the image or ENTRYPOINT', () => {
    const out =
      'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "pytest": executable file not found in $PATH: unknown\n';
    assert.match(testFailureHint(127, 'pytest', out), /^docker could not run "pytest" in the image .*ENTRYPOINT passes it on/);
    assert.match(testFailureHint(127, 'x', 'something else\n'), /see the command's last lines/);
    assert.match(testFailureHint(1, 'x', 'not ok 1'), /fix the failing tests/);
  });
});

describe('DF105: .dockerignore', () => {
  const ctx = (files: Record<string, string>): string => {
    const dir = tempDir('ctx-');
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  };
  it('names the deciding line, as Docker matches (last match wins, ! re-includes)', () => {
    const a = ctx({ '.dockerignore': 'node_modules\n*.json\n', Dockerfile: '' });
    assert.deepEqual(excludedBy(path.join(a, '.dockerignore'), a, 'version.json'), {
      file: '.dockerignore',
      path: path.join(a, '.dockerignore'),
      line: 2,
      pattern: '*.json',
    });
    const b = ctx({ '.dockerignore': '*\n!src/\n' });
    assert.equal(excludedBy(path.join(b, '.dockerignore'), b, 'version.json')?.pattern, '*');
    const c = ctx({ '.dockerignore': '*.json\n!version.json\n' });
    assert.equal(excludedBy(path.join(c, '.dockerignore'), c, 'version.json'), null);
    const d = ctx({ '.dockerignore': '# comment\n**/*.json\n' });
    assert.equal(excludedBy(path.join(d, '.dockerignore'), d, 'version.json')?.line, 2);
  });
  it('BuildKit prefers Dockerfile.dockerignore; the classic builder reads .dockerignore only', () => {
    const dir = ctx({ '.dockerignore': 'x\n', 'Dockerfile.dockerignore': '*\n', Dockerfile: '' });
    assert.equal(ignoreFile(dir, path.join(dir, 'Dockerfile'), true), path.join(dir, 'Dockerfile.dockerignore'));
    assert.equal(ignoreFile(dir, path.join(dir, 'Dockerfile'), false), path.join(dir, '.dockerignore'));
    assert.equal(ignoreFile(ctx({}), '/nowhere/Dockerfile', true), null);
  });
});

describe('DF302: banners', () => {
  const mozlog = (n: number): string => JSON.stringify({ Timestamp: 1e18 + n, Type: 't', Logger: 'app', Severity: 6, Fields: {} });
  it('a uvicorn banner before mozlog is one explanation', () => {
    const t = new MozlogTally();
    for (const l of [
      'INFO:     Started server process [1]',
      'INFO:     Waiting for application startup.',
      'INFO:     Application startup complete.',
      mozlog(1),
      mozlog(2),
    ])
      t.add(l);
    const row = mozlogRule(t, 'require', new Redactor());
    assert.equal(row.level, 'error');
    assert.match(
      row.message,
      /^the first 3 line\(s\), before the first mozlog line, are a startup banner \(3 from uvicorn: "INFO: Started server process \[1\]", .*all 2 line\(s\) after it are mozlog; silence the banner \(uvicorn: start uvicorn with --log-config/,
    );
  });
  it('a banner on stderr is a banner even when docker logs delivers it after stdout lines', () => {
    const t = new MozlogTally();
    t.add(mozlog(1), 'stdout');
    t.add('[2026-12-01 11:48:42 +0000] [1] [INFO] Starting gunicorn 23.0.0', 'stderr');
    t.add(mozlog(2), 'stdout');
    assert.match(
      mozlogRule(t, 'require', new Redactor()).message,
      /^the first 1 line\(s\), before the first mozlog line, are a startup banner \(1 from gunicorn/,
    );
  });
  it('stray lines after mozlog are counted by writer', () => {
    const t = new MozlogTally();
    for (const l of ['> app@1.0.0 start', '> node server.js', mozlog(1), 'plain text', 'npm error signal SIGTERM']) t.add(l);
    const m = mozlogRule(t, 'warn', new Redactor()).message;
    assert.match(m, /^1 of 5 line\(s\) are mozlog; the first that is not \(not a JSON object\): "> app@1\.0\.0 start"; log one mozlog/);
    assert.match(
      m,
      /4 line\(s\) are not mozlog \(3 from npm, 1 from the app or an unknown program; 2 before the first mozlog line, 2 after it\)/,
    );
    assert.match(m, /silence what other programs print \(npm: /);
  });
});

describe('config, before the build', () => {
  it('rejects an over-long name, an option as a service image, a duplicate service, a forced push without a password', () => {
    assert.throws(() => configFor({ image: `org/${'a'.repeat(250)}` }), /input "image": .*264 characters/);
    assert.throws(() => configFor({ services: 'db=--privileged' }), /input "services": .*docker run would read it as an option/);
    assert.throws(() => configFor({ services: 'db=postgres:15\ndb=redis:7' }), /input "services": service name "db" is given twice/);
    assert.throws(() => configFor({ push: 'true', username: 'u' }), /input "password": push is true but no password is given/);
    assert.equal(configFor({ push: 'true', username: 'u', password: 'pw-1' }).push, 'true');
    assert.equal(configFor({ services: 'db=127.0.0.1:5000/org/db:1 A=1\ncache=redis' }).services.length, 2);
  });
});

describe('retry budget', () => {
  it('an attempt that took long (docker retried inside) is not repeated past the budget', async () => {
    let clock = 0;
    let calls = 0;
    const p = withRetry(
      async () => {
        calls++;
        clock += 50_000;
        throw new Error('received unexpected HTTP status: 500 Internal Server Error');
      },
      {
        tries: 4,
        baseDelayMs: 1000,
        budgetMs: 60_000,
        kindOf: () => 'transient',
        onRetry: () => undefined,
        sleep: async (ms) => void (clock += ms),
        now: () => clock,
      },
    );
    await assert.rejects(p, (e: Error & { attempts?: number; elapsedMs?: number }) => e.attempts === 1 && e.elapsedMs === 50_000);
    assert.equal(calls, 1);
  });
  it('quick failures still get every try', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw new Error('connection refused');
        },
        { tries: 4, baseDelayMs: 1, budgetMs: 60_000, kindOf: () => 'transient', onRetry: () => undefined },
      ),
    );
    assert.equal(calls, 4);
  });
});
