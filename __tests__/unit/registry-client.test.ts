/**
 * The registry client against a small in-process registry that speaks the Bearer token flow (as Docker Hub and
 * ghcr.io do) and serves a manifest list: the local htpasswd registry only covers Basic.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { apiRepository, parseChallenge, RegistryClient, registryBaseUrl } from '../../src/publish/registry-client.js';
import { targetPlatform } from '../../src/docker/platform.js';
import { verifyTag } from '../../src/publish/verify.js';

const digestOf = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const CONFIG_AMD64 = `sha256:${'1'.repeat(64)}`;
const CONFIG_ARM64 = `sha256:${'2'.repeat(64)}`;
const manifest = (config: string): string =>
  JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: config }, layers: [] });
const AMD64 = manifest(CONFIG_AMD64);
const ARM64 = manifest(CONFIG_ARM64);
const INDEX = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    { digest: digestOf(ARM64), platform: { os: 'linux', architecture: 'arm64' } },
    { digest: digestOf(AMD64), platform: { os: 'linux', architecture: 'amd64' } },
  ],
});
/** What the containerd image store pushes for a buildx build: the image and BuildKit's provenance attestation. */
const ATTESTATION = manifest(`sha256:${'3'.repeat(64)}`);
const ATTESTED = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    {
      digest: digestOf(ATTESTATION),
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': digestOf(AMD64) },
    },
    { digest: digestOf(AMD64), platform: { os: 'linux', architecture: 'amd64' } },
  ],
});
const BLOBS: Record<string, [string, string]> = {
  multi: [INDEX, 'application/vnd.oci.image.index.v1+json'],
  attested: [ATTESTED, 'application/vnd.oci.image.index.v1+json'],
  [digestOf(ATTESTATION)]: [ATTESTATION, 'application/vnd.oci.image.manifest.v1+json'],
  single: [AMD64, 'application/vnd.oci.image.manifest.v1+json'],
  [digestOf(AMD64)]: [AMD64, 'application/vnd.oci.image.manifest.v1+json'],
  [digestOf(ARM64)]: [ARM64, 'application/vnd.oci.image.manifest.v1+json'],
};

let server: http.Server;
let host = '';
const tokensIssued: string[] = [];
let tokenRequests = 0;

before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, `http://${host}`);
    if (url.pathname === '/token') {
      tokenRequests++;
      const expected = `Basic ${Buffer.from('alice:right').toString('base64')}`;
      if (req.headers.authorization !== expected || url.searchParams.get('service') !== 'fake-registry') {
        res.writeHead(401).end('{"details":"incorrect username or password"}');
        return;
      }
      const token = `tok-${url.searchParams.get('scope')}`;
      tokensIssued.push(token);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: token }));
      return;
    }
    const m = /^\/v2\/(.+)\/manifests\/(.+)$/.exec(url.pathname);
    if (!m) return void res.writeHead(404).end();
    const scope = `repository:${m[1]}:pull`;
    if (req.headers.authorization !== `Bearer tok-${scope}`) {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="fake-registry",scope="${scope}"` }).end();
      return;
    }
    const blob = BLOBS[m[2]!];
    if (!blob) return void res.writeHead(404).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
    // No Docker-Content-Digest: the client must hash the body itself.
    res.writeHead(200, { 'content-type': blob[1] }).end(blob[0]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

test('client: registry hosts and API URLs', () => {
  assert.equal(registryBaseUrl('docker.io'), 'https://registry-1.docker.io');
  assert.equal(registryBaseUrl('index.docker.io'), 'https://registry-1.docker.io');
  assert.equal(registryBaseUrl('ghcr.io'), 'https://ghcr.io');
  assert.equal(registryBaseUrl('127.0.0.1:5000'), 'http://127.0.0.1:5000');
  assert.equal(registryBaseUrl('localhost:5000'), 'http://localhost:5000');
  assert.equal(registryBaseUrl('[::1]:5000'), 'http://[::1]:5000');
  assert.equal(registryBaseUrl('registry.example.com:5000'), 'https://registry.example.com:5000');
  assert.equal(apiRepository('docker.io', 'nginx'), 'library/nginx');
  assert.equal(apiRepository('ghcr.io', 'nginx'), 'nginx');
});

test('client: WWW-Authenticate challenges', () => {
  assert.deepEqual(
    parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/x:pull,push"'),
    {
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/x:pull,push' },
    },
  );
  assert.deepEqual(parseChallenge('Basic realm="dockerflow-test"'), { scheme: 'basic', params: { realm: 'dockerflow-test' } });
  assert.equal(parseChallenge(''), null);
});

test('verify: Bearer token flow, follows an OCI index to linux/amd64, digest from the body', async () => {
  const masked: string[] = [];
  const client = new RegistryClient(host, { username: 'alice', password: 'right' }, (t) => void masked.push(t));
  try {
    const v = await verifyTag(
      client,
      { repository: 'team/app', tag: 'multi', display: `${host}/team/app:multi` },
      CONFIG_AMD64,
      targetPlatform([], 'x64'),
    );
    assert.equal(v.digest, digestOf(INDEX));
    assert.equal(v.manifestDigest, digestOf(AMD64));
    assert.equal(v.configDigest, CONFIG_AMD64);
    const single = await verifyTag(
      client,
      { repository: 'team/app', tag: 'single', display: 'single' },
      CONFIG_AMD64,
      targetPlatform(['linux/amd64']),
    );
    assert.equal(single.digest, digestOf(AMD64));
    assert.equal(single.manifestDigest, digestOf(AMD64), 'a plain manifest is its own manifest digest');
    assert.deepEqual(masked, ['tok-repository:team/app:pull'], 'one token per scope, handed over for masking');
    assert.equal(tokenRequests, 1);
  } finally {
    await client.close();
  }
});

test('verify: the arm64 entry when the platform says so; a mismatch names both hashes', async () => {
  const client = new RegistryClient(host, { username: 'alice', password: 'right' });
  try {
    const v = await verifyTag(
      client,
      { repository: 'team/app', tag: 'multi', display: 'multi' },
      CONFIG_ARM64,
      targetPlatform(['linux/arm64']),
    );
    assert.equal(v.configDigest, CONFIG_ARM64);
    await assert.rejects(
      verifyTag(
        client,
        { repository: 'team/app', tag: 'single', display: `${host}/team/app:single` },
        CONFIG_ARM64,
        targetPlatform(['linux/amd64']),
      ),
      new RegExp(
        `team/app:single in the registry is not the image this run built: its config digest is ${CONFIG_AMD64}, docker-image-shasum256.txt says ${CONFIG_ARM64}`,
      ),
    );
    await assert.rejects(
      verifyTag(client, { repository: 'team/app', tag: 'multi', display: 'multi' }, CONFIG_AMD64, targetPlatform(['linux/s390x'])),
      /multi-platform index without linux\/s390x \(it has linux\/arm64, linux\/amd64\)/,
    );
    await assert.rejects(client.manifest('team/app', 'nope'), /team\/app:nope is not in the registry \(404\)/);
  } finally {
    await client.close();
  }
});

test('verify: an index with an attestation manifest (containerd store push) resolves to the image; only the config digest proves it', async () => {
  const client = new RegistryClient(host, { username: 'alice', password: 'right' });
  try {
    const v = await verifyTag(
      client,
      { repository: 'team/app', tag: 'attested', display: 'attested' },
      CONFIG_AMD64,
      targetPlatform([], 'x64'),
    );
    assert.deepEqual(v, { digest: digestOf(ATTESTED), manifestDigest: digestOf(AMD64), configDigest: CONFIG_AMD64 });
    // The containerd store's `docker inspect` ID is the index (or manifest) digest: it is not what the shasum file holds.
    for (const engineId of [digestOf(ATTESTED), digestOf(AMD64)]) {
      await assert.rejects(
        verifyTag(client, { repository: 'team/app', tag: 'attested', display: 'attested' }, engineId, targetPlatform([], 'x64')),
        new RegExp(
          `attested in the registry is not the image this run built: its config digest is ${CONFIG_AMD64}, docker-image-shasum256.txt says ${engineId}`,
        ),
      );
    }
    await assert.rejects(
      verifyTag(client, { repository: 'team/app', tag: 'attested', display: 'attested' }, CONFIG_AMD64, targetPlatform(['linux/arm64'])),
      /attested is a multi-platform index without linux\/arm64 \(it has linux\/amd64\)/,
    );
  } finally {
    await client.close();
  }
});

test('verify: a wrong password is refused by the token service, naming the user', async () => {
  const client = new RegistryClient(host, { username: 'alice', password: 'wrong' });
  try {
    await assert.rejects(
      client.manifest('team/app', 'single'),
      /token service 127\.0\.0\.1:\d+ refused user alice for repository:team\/app:pull \(401\)/,
    );
  } finally {
    await client.close();
  }
});

test('verify: an unreachable registry is a status-0 error (retried by the caller)', async () => {
  const client = new RegistryClient('127.0.0.1:1', null);
  try {
    await assert.rejects(
      client.manifest('x', 'y'),
      (e: Error & { status?: number }) => e.status === 0 && /cannot reach 127\.0\.0\.1:1: ECONNREFUSED/.test(e.message),
    );
  } finally {
    await client.close();
  }
});

test('verify: an index with attestation manifests (unknown/unknown) is read back to the image, never the attestation', async () => {
  const client = new RegistryClient(host, { username: 'alice', password: 'right' });
  try {
    const v = await verifyTag(
      client,
      { repository: 'team/app', tag: 'attested', display: 'attested' },
      CONFIG_AMD64,
      targetPlatform(['linux/amd64']),
    );
    assert.deepEqual(v, { digest: digestOf(ATTESTED), manifestDigest: digestOf(AMD64), configDigest: CONFIG_AMD64 });
    // Only the config digest proves the image: the index digest (the containerd store's image ID) is not one.
    await assert.rejects(
      verifyTag(
        client,
        { repository: 'team/app', tag: 'attested', display: 'attested' },
        digestOf(ATTESTED),
        targetPlatform(['linux/amd64']),
      ),
      /is not the image this run built/,
    );
    await assert.rejects(
      verifyTag(client, { repository: 'team/app', tag: 'attested', display: 'attested' }, CONFIG_ARM64, targetPlatform(['linux/arm64'])),
      /multi-platform index without linux\/arm64 \(it has linux\/amd64\)$/,
    );
  } finally {
    await client.close();
  }
});
