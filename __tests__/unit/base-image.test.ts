import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { finalBaseImage, substitute } from '../../src/inspect/base-image.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'base-image-'));
let n = 0;
const file = (text: string): string => {
  const f = path.join(dir, `Dockerfile.${n++}`);
  writeFileSync(f, text);
  return f;
};

describe('the final stage base image, as DF106 skips its layers', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a plain FROM, with tag or digest', () => {
    assert.deepEqual(finalBaseImage(file('FROM node:24-slim\nRUN true\n'), '', []), { kind: 'image', ref: 'node:24-slim' });
    assert.deepEqual(finalBaseImage(file(`FROM --platform=linux/amd64 debian@sha256:${'a'.repeat(64)}\n`), '', []), {
      kind: 'image',
      ref: `debian@sha256:${'a'.repeat(64)}`,
    });
  });

  it('ARGs before the first FROM: defaults, build args winning, ${VAR:-default}, and an ARG with no value', () => {
    const f = file('ARG REG=docker.io/library\nARG TAG\nFROM ${REG}/node:${TAG:-24-slim}\n');
    assert.deepEqual(finalBaseImage(f, '', []), { kind: 'image', ref: 'docker.io/library/node:24-slim' });
    assert.deepEqual(
      finalBaseImage(f, '', [
        { key: 'TAG', value: '22' },
        { key: 'REG', value: 'ghcr.io/x' },
      ]),
      {
        kind: 'image',
        ref: 'ghcr.io/x/node:22',
      },
    );
    // A build arg that no ARG declares does not reach FROM, as with docker build.
    assert.equal(finalBaseImage(file('FROM $BASE\n'), '', [{ key: 'BASE', value: 'x' }]).kind, 'unknown');
  });

  it('FROM an earlier stage is followed to its image, case-insensitively, through a chain; --target picks the stage', () => {
    const f = file(
      [
        'ARG BASE=node:24-slim',
        'FROM ${BASE} AS Deps',
        'RUN npm ci',
        'FROM deps AS build',
        'RUN build',
        'FROM debian:bookworm-slim AS other',
        'FROM build',
        'COPY x /app',
        '',
      ].join('\n'),
    );
    assert.deepEqual(finalBaseImage(f, '', []), { kind: 'image', ref: 'node:24-slim' });
    assert.deepEqual(finalBaseImage(f, 'other', []), { kind: 'image', ref: 'debian:bookworm-slim' });
    assert.deepEqual(finalBaseImage(f, 'build', [{ key: 'BASE', value: 'python:3' }]), { kind: 'image', ref: 'python:3' });
  });

  it('FROM scratch, directly or through a stage: every layer is new', () => {
    assert.deepEqual(finalBaseImage(file('FROM node:24 AS b\nRUN x\nFROM scratch\nCOPY --from=b /x /x\n'), '', []), { kind: 'scratch' });
    assert.deepEqual(finalBaseImage(file('FROM scratch AS s\nFROM s\n'), '', []), { kind: 'scratch' });
  });

  it('a later stage of the same name is not a base of an earlier FROM', () => {
    // `FROM app` on line 1 is an image named app; the stage app is defined later.
    assert.deepEqual(finalBaseImage(file('FROM app\nFROM node AS app\n'), '', [])?.kind, 'image');
    assert.deepEqual(finalBaseImage(file('FROM node AS app\nFROM app\n'), '', []), { kind: 'image', ref: 'node' });
  });

  it('substitute', () => {
    const v = new Map([
      ['A', 'x'],
      ['E', ''],
    ]);
    assert.equal(substitute('$A-${A}-${E:-d}-${A:+alt}-${E:+alt}', v), 'x-x-d-alt-');
    assert.equal(substitute('${NOPE}', v), null);
  });
});
