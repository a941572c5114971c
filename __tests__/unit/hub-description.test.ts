/**
 * Docker Hub's repository description, against a local HTTP server speaking Hub's two endpoints: the login
 * (POST /v2/users/login/ → token) and the repository PATCH (/v2/repositories/NS/NAME/), including Hub's 403 for an
 * access token without the Read, Write, Delete scope.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { hubApiUrl, hubTargets, updateHubDescription, HUB_FULL_DESCRIPTION_MAX } from '../../src/publish/hub-description.js';

const USER = 'hubuser';
const PASSWORD = 'dckr_pat_unit-Secret-2';
const SCOPED = 'dckr_pat_readwrite-only';
const seen: { method: string; url: string; auth: string; body: Record<string, unknown> }[] = [];
let server: http.Server;
let api = '';

before(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization ?? '', body });
      const json = (status: number, value: unknown): void =>
        void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.method === 'POST' && req.url === '/v2/users/login/') {
        if (body.username !== USER || (body.password !== PASSWORD && body.password !== SCOPED))
          return json(401, { detail: 'Incorrect authentication credentials' });
        return json(200, { token: body.password === PASSWORD ? 'jwt-full-access' : 'jwt-read-write' });
      }
      const m = /^\/v2\/repositories\/([^/]+\/[^/]+)\/$/.exec(req.url ?? '');
      if (req.method === 'PATCH' && m) {
        if (req.headers.authorization === 'Bearer jwt-read-write')
          return json(403, { message: 'access to the resource is forbidden with this token' });
        if (req.headers.authorization !== 'Bearer jwt-full-access') return json(401, { detail: 'authentication required' });
        if (m[1] !== 'example/app') return json(404, { message: 'object not found' });
        return json(200, { namespace: 'example', name: 'app', ...body });
      }
      json(404, { message: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (over: Partial<Parameters<typeof updateHubDescription>[0]> = {}): Parameters<typeof updateHubDescription>[0] => ({
  apiUrl: api,
  username: USER,
  password: PASSWORD,
  repository: 'example/app',
  fullDescription: '# App\n\nThe README, as Hub shows it.\n',
  shortDescription: 'An app',
  ...over,
});

test('hub description: logs in, then PATCHes both descriptions with the token, which is handed over to be masked', async () => {
  seen.length = 0;
  const secrets: string[] = [];
  const result = await updateHubDescription(request({ onSecret: (s) => secrets.push(s) }));
  assert.deepEqual(result, { ok: true });
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    ['POST /v2/users/login/', 'PATCH /v2/repositories/example/app/'],
  );
  assert.deepEqual(seen[0]!.body, { username: USER, password: PASSWORD });
  assert.equal(seen[1]!.auth, 'Bearer jwt-full-access');
  assert.deepEqual(seen[1]!.body, { full_description: '# App\n\nThe README, as Hub shows it.\n', description: 'An app' });
  assert.deepEqual(secrets, ['jwt-full-access']);
});

test('hub description: only what is given is sent (the short one alone)', async () => {
  seen.length = 0;
  assert.deepEqual(await updateHubDescription(request({ fullDescription: undefined })), { ok: true });
  assert.deepEqual(seen[1]!.body, { description: 'An app' });
});

test('hub description: a 403 says the access token needs the Read, Write, Delete scope', async () => {
  const result = await updateHubDescription(request({ password: SCOPED }));
  assert.equal(result.ok, false);
  assert.match(
    (result as { error: string }).error,
    /^Docker Hub refused to update the description of example\/app for user hubuser \(403: access to the resource is forbidden with this token\): an access token needs the Read, Write, Delete scope/,
  );
});

test('hub description: a refused login, a missing repository, an unreachable API and an oversized README each say so', async () => {
  const wrong = await updateHubDescription(request({ password: 'wrong-password' }));
  assert.match(
    (wrong as { error: string }).error,
    /refused the login of user hubuser \(401: Incorrect authentication credentials\): check the username/,
  );
  assert.ok(!(wrong as { error: string }).error.includes('wrong-password'));
  const missing = await updateHubDescription(request({ repository: 'example/nope' }));
  assert.match((missing as { error: string }).error, /Docker Hub has no repository example\/nope \(404\)/);
  const down = await updateHubDescription(request({ apiUrl: 'http://127.0.0.1:1' }));
  assert.match((down as { error: string }).error, /^cannot reach Docker Hub's API at 127\.0\.0\.1:1: .*ECONNREFUSED/);
  seen.length = 0;
  const big = await updateHubDescription(request({ fullDescription: 'x'.repeat(HUB_FULL_DESCRIPTION_MAX + 1) }));
  assert.match((big as { error: string }).error, /Docker Hub takes at most 25000: shorten the hub-description file/);
  assert.equal(seen.length, 0, 'nothing sent');
});

test('hub description: which repositories, never on a pull request; the API base is only overridden for tests', () => {
  const pushed = ['docker.io/example/app:latest', 'docker.io/example/app:v1', 'ghcr.io/example/app:latest', 'docker.io/solo:latest'];
  assert.deepEqual(hubTargets(pushed, 'example/app', false), { repositories: ['example/app', 'library/solo'], skip: null });
  assert.match(hubTargets(pushed, 'example/app', true).skip!, /a pull request never updates/);
  assert.match(hubTargets(['ghcr.io/example/app:latest'], 'example/app', false).skip!, /nothing was pushed to docker\.io/);
  // Docker Hub by any of its names is Docker Hub (one normalisation, config/image-ref.ts).
  assert.deepEqual(hubTargets(['index.docker.io/example/other:1', 'registry-1.docker.io/solo:1'], 'example/app', false), {
    repositories: ['example/other', 'library/solo'],
    skip: null,
  });
  assert.equal(hubApiUrl({}), 'https://hub.docker.com');
  assert.equal(hubApiUrl({ DOCKERFLOW_HUB_API_URL: 'http://127.0.0.1:9/' }), 'http://127.0.0.1:9');
});
