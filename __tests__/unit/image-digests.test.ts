import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveLayout } from '../../src/inspect/image.js';

const d = (c: string): string => `sha256:${c.repeat(64)}`;
const amd64 = { os: 'linux', architecture: 'amd64' };
/** The blobs a containerd-store `docker save` holds for a buildx --load: index → image manifest + attestation. */
const layout = new Map<string, object>([
  [
    d('a'),
    {
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { digest: d('b'), platform: { os: 'linux', architecture: 'amd64' } },
        {
          digest: d('c'),
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': d('b') },
        },
      ],
    },
  ],
  [d('b'), { mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: d('1') } }],
  [d('c'), { mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: d('9') } }],
]);

test('config digest from an OCI layout: the index is followed to the platform image, never to the attestation', () => {
  assert.deepEqual(resolveLayout(layout, d('a'), amd64), { configDigest: d('1'), manifestDigest: d('b') });
  // The classic builder on the containerd store: the ID is the image manifest itself.
  assert.deepEqual(resolveLayout(layout, d('b'), amd64), { configDigest: d('1'), manifestDigest: d('b') });
  // Only an attestation for the platform asked for is no image.
  const onlyAttestation = new Map(layout);
  onlyAttestation.set(d('a'), {
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [(layout.get(d('a')) as { manifests: object[] }).manifests[1]!],
  });
  assert.throws(() => resolveLayout(onlyAttestation, d('a'), amd64), /has no linux\/amd64 image \(it has none\)/);
  assert.throws(
    () => resolveLayout(layout, d('a'), { os: 'linux', architecture: 'arm64' }),
    /has no linux\/arm64 image \(it has linux\/amd64\)/,
  );
  assert.throws(() => resolveLayout(layout, d('f'), amd64), /docker save holds no manifest sha256:f{64}/);
});
