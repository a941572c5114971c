import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, it } from 'node:test';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MultiMatcher, scanDir, scanSave, type OpenSave } from '../../src/inspect/layer-scan.js';

/** A tar of the given files, as bytes. */
async function tar(files: Record<string, string | Buffer>): Promise<Buffer> {
  const p = pack();
  for (const [name, content] of Object.entries(files)) p.entry({ name }, content);
  p.finalize();
  return buffer(p);
}

const open =
  (bytes: Buffer, done: Promise<void> = Promise.resolve()): OpenSave =>
  () => ({ stream: Readable.from([bytes]), done });

const TOKEN = 'tok-9f8e7d6c5b4a';
const PASSWORD = 'pw-1a2b3c4d5e6f';
const NOWHERE = 'never-in-the-image';
const config = JSON.stringify({ config: { Env: [`PATH=/usr/bin`, `DB_PASSWORD=${PASSWORD}`] }, history: [] });

describe('DF106 layer scan on image tars', () => {
  it('docker save of the classic store: plain layer tars and a config file', async () => {
    const layer = await tar({ 'app/server.js': 'console.log(1)', 'app/.npmrc': `//registry/:_authToken=${TOKEN}\n` });
    const image = await tar({ 'a1b2c3d4e5f6a7b8/layer.tar': layer, 'f00d.json': config, 'manifest.json': '[]' });
    const hits = await scanSave(open(image), [TOKEN, PASSWORD, NOWHERE]);
    assert.deepEqual(
      hits.sort((a, b) => a.needle - b.needle),
      [
        { needle: 0, where: 'layer a1b2c3d4e5f6: /app/.npmrc' },
        { needle: 1, where: 'image config f00d.json' },
      ],
    );
  });

  it('docker save of the containerd store: gzip and zstd layer blobs are read decompressed', async () => {
    const gz = gzipSync(await tar({ 'app/.npmrc': `token=${TOKEN}` }));
    const zst = zstdCompressSync(await tar({ 'etc/app/secret': `password: ${PASSWORD}` }));
    const image = await tar({
      'blobs/sha256/1111111111111111aaaa': gz,
      'blobs/sha256/2222222222222222bbbb': zst,
      'blobs/sha256/3333333333333333cccc': JSON.stringify({ config: { Env: [`T=${TOKEN}`] } }),
      'index.json': '{}',
    });
    // Compressed, neither value is in the blobs' bytes as stored: only decompression finds them.
    assert.ok(!gz.includes(TOKEN) && !zst.includes(PASSWORD));
    const hits = await scanSave(open(image), [TOKEN, PASSWORD, NOWHERE]);
    assert.deepEqual(hits.map((h) => `${h.needle} ${h.where}`).sort(), [
      '0 image config blobs/sha256/3333333333333333cccc',
      '0 layer 111111111111: /app/.npmrc',
      '1 layer 222222222222: /etc/app/secret',
    ]);
  });

  it('a value split across chunk boundaries is still found', async () => {
    const layer = await tar({ 'big.bin': Buffer.concat([Buffer.alloc(70_000, 0x61), Buffer.from(TOKEN), Buffer.alloc(70_000, 0x62)]) });
    const image = await tar({ 'abcdef012345/layer.tar': gzipSync(layer) });
    const hits = await scanSave(open(image), [TOKEN]);
    assert.deepEqual(hits, [{ needle: 0, where: 'layer abcdef012345: /big.bin' }]);
  });

  it('a failing docker save fails the scan with its own words', async () => {
    const image = await tar({ 'manifest.json': '[]' });
    await assert.rejects(
      scanSave(open(image, Promise.reject(new Error('docker save sha256:x exited 1: no such image'))), [TOKEN]),
      /exited 1: no such image/,
    );
  });

  it('a corrupt compressed layer fails the scan instead of passing it', async () => {
    const gz = gzipSync(await tar({ 'a.txt': 'x'.repeat(1000) }));
    const image = await tar({ 'blobs/sha256/4444': Buffer.concat([gz.subarray(0, 30), Buffer.alloc(200, 7)]) });
    await assert.rejects(scanSave(open(image), [TOKEN]));
  });
});

describe('DF106 skips the base image layers in a docker save', () => {
  it('hits in the first `skip` layers of manifest.json are dropped, those after kept, and the bytes of the new ones counted', async () => {
    const baseLayer = await tar({ 'opt/base-token': `${TOKEN}\n` });
    const newLayer = await tar({ 'app/.npmrc': `token=${TOKEN}\n` });
    const manifest = JSON.stringify([{ Config: 'cfg.json', Layers: ['aaaaaaaaaaaa0000/layer.tar', 'bbbbbbbbbbbb0000/layer.tar'] }]);
    const image = await tar({
      'aaaaaaaaaaaa0000/layer.tar': baseLayer,
      'bbbbbbbbbbbb0000/layer.tar': newLayer,
      'cfg.json': JSON.stringify({ history: [] }),
      'manifest.json': manifest,
    });
    const stats = {
      path: 'docker save' as const,
      mode: 'new' as const,
      base: 'x',
      layers: { scanned: 1, skipped: 1 },
      bytes: { scanned: 0, skipped: 0 },
      ms: 0,
    };
    assert.deepEqual(await scanSave(open(image), [TOKEN], { skip: 1, stats }), [{ needle: 0, where: 'layer bbbbbbbbbbbb: /app/.npmrc' }]);
    assert.equal(stats.bytes.scanned, newLayer.length);
    const all = await scanSave(open(image), [TOKEN], { skip: 0 });
    assert.deepEqual(all.map((h) => h.where).sort(), ['layer aaaaaaaaaaaa: /opt/base-token', 'layer bbbbbbbbbbbb: /app/.npmrc']);
  });

  it('a value in a file name or a link target is named as such', async () => {
    const p = pack();
    p.entry({ name: `etc/${TOKEN}.conf` }, 'x');
    p.entry({ name: 'etc/link', type: 'symlink', linkname: `/run/${PASSWORD}` });
    p.finalize();
    const layer = await buffer(p);
    const image = await tar({ 'cccccccccccc/layer.tar': layer });
    const hits = await scanSave(open(image), [TOKEN, PASSWORD]);
    assert.deepEqual(hits.map((h) => `${h.needle} ${h.where}`).sort(), [
      '0 layer cccccccccccc (in a file name or link target)',
      '1 layer cccccccccccc (in a file name or link target)',
    ]);
  });

  it('one pass for many needles: every one of 200 secrets in 3 encodings is told apart', async () => {
    const values = Array.from({ length: 200 }, (_, i) => `secret-value-${i}-${i * 7919}`);
    const needles = values.flatMap((v) => [v, Buffer.from(v).toString('base64'), encodeURIComponent(`${v}/x`)]);
    const files = Object.fromEntries([5, 77, 199].map((i) => [`f${i}`, `..${Buffer.from(values[i]!).toString('base64')}..`]));
    const image = await tar({ 'dddddddddddd/layer.tar': await tar(files) });
    const hits = await scanSave(open(image), needles);
    assert.deepEqual(
      hits.map((h) => `${h.needle} ${h.where}`).sort(),
      [`${199 * 3 + 1} layer dddddddddddd: /f199`, `${5 * 3 + 1} layer dddddddddddd: /f5`, `${77 * 3 + 1} layer dddddddddddd: /f77`].sort(),
    );
  });
});

describe('DF106 reads an overlay2 layer directory in place', () => {
  it('names the file by content (across the 1 MiB read size), by file name and by link target; special files by name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scan-dir-'));
    try {
      mkdirSync(path.join(dir, 'app/deep/er'), { recursive: true });
      writeFileSync(
        path.join(dir, 'app/deep/er/big.bin'),
        Buffer.concat([Buffer.alloc((1 << 20) - 5, 1), Buffer.from(TOKEN), Buffer.alloc(10, 2)]),
      );
      writeFileSync(path.join(dir, 'app/clean.txt'), 'nothing here');
      writeFileSync(path.join(dir, `app/${PASSWORD}.txt`), 'x');
      symlinkSync(`/run/${NOWHERE}`, path.join(dir, 'app/link'));
      const hits: string[] = [];
      const bytes = await scanDir(dir, new MultiMatcher([TOKEN, PASSWORD, NOWHERE, 'absent-value-xyz']), (i, where) =>
        hits.push(`${i} ${where}`),
      );
      assert.deepEqual(hits.sort(), [
        '0 /app/deep/er/big.bin',
        `1 /app/${PASSWORD}.txt (in a file name or link target)`,
        '2 /app/link (in a file name or link target)',
      ]);
      assert.equal(bytes, (1 << 20) - 5 + TOKEN.length + 10 + 'nothing here'.length + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
