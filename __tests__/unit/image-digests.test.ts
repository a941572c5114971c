import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exportedDigests, resolveLayout } from '../../src/inspect/image.js';
import { FIXTURES } from '../helpers/run.js';

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

test("BuildKit's export lines: the manifest list, each image manifest with its config, attestations left out", () => {
  // Real `--progress plain` output of a `buildx build --load` on the containerd store (with its provenance).
  const real = readFileSync(path.join(FIXTURES, 'buildkit-export-containerd.txt'), 'utf8');
  assert.deepEqual(exportedDigests(real), {
    list: 'sha256:46d47c0a6173d091d7ac59f43b857f044d8da06f6bf63efdc00c6e37342ea15c',
    images: [
      {
        manifest: 'sha256:743cd787c59206220ea96f2e0bfe098eda81dc685623372590c21e8a17acf80c',
        config: 'sha256:867904e09cca22b1cc7b5772ff1343b1fdfeb682442415a5d3e6754bf7c14e9e',
      },
    ],
  });
  // Two platforms, each line printed twice (started, then done), interleaved with other steps' lines.
  const two = [
    `#12 exporting manifest ${d('b')}`,
    `#11 [linux/arm64 2/2] RUN true`,
    `#12 exporting manifest ${d('b')} 0.0s done`,
    `#12 exporting config ${d('1')} 0.0s done`,
    `#12 exporting attestation manifest ${d('c')} 0.1s done`,
    `#12 exporting manifest ${d('e')} 0.0s done`,
    `#12 exporting config ${d('2')}`,
    `#12 exporting config ${d('2')} 0.0s done`,
    `#12 exporting manifest list ${d('a')} 0.0s done`,
  ].join('\n');
  assert.deepEqual(exportedDigests(two), {
    list: d('a'),
    images: [
      { manifest: d('b'), config: d('1') },
      { manifest: d('e'), config: d('2') },
    ],
  });
  // The classic store's moby exporter, or no BuildKit at all: nothing to go on.
  assert.deepEqual(exportedDigests('#9 writing image sha256:0123 done\nSuccessfully built 0123'), { list: null, images: [] });
});
