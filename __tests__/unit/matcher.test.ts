import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { MultiMatcher, StreamMatcher } from '../../src/inspect/matcher.js';

/** A small deterministic PRNG, so a failing case can be run again. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const naive = (hay: Buffer, needles: Buffer[]): number[] =>
  needles.map((n, i) => (n.length > 0 && hay.includes(n) ? i : -1)).filter((i) => i >= 0);

describe('MultiMatcher and StreamMatcher', () => {
  it('find exactly the needles Buffer.includes finds, on random data over a small alphabet, in random chunks', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const alphabet = 2 + Math.floor(r() * 6); // few letters: many partial matches and shared blocks
      const byte = (): number => 97 + Math.floor(r() * alphabet);
      const hay = Buffer.from(Array.from({ length: Math.floor(r() * 3000) }, byte));
      const needles = Array.from({ length: 1 + Math.floor(r() * 12) }, () => {
        const len = 1 + Math.floor(r() * 9);
        // Half are cut from the haystack, so hits are common.
        if (r() < 0.5 && hay.length > len) {
          const at = Math.floor(r() * (hay.length - len));
          return Buffer.from(hay.subarray(at, at + len));
        }
        return Buffer.from(Array.from({ length: len }, byte));
      });
      const want = naive(hay, needles);
      const whole = new Set<number>();
      new MultiMatcher(needles).scan(hay, whole);
      assert.deepEqual(
        [...whole].sort((a, b) => a - b),
        want,
        `seed ${seed}: one buffer`,
      );
      const stream = new StreamMatcher(new MultiMatcher(needles));
      for (let at = 0; at < hay.length;) {
        const len = r() < 0.3 ? Math.floor(r() * 4) : Math.floor(r() * 400);
        stream.push(hay.subarray(at, at + len));
        at += len;
      }
      assert.deepEqual(
        [...stream.found].sort((a, b) => a - b),
        want,
        `seed ${seed}: chunked`,
      );
      assert.equal(stream.bytes, hay.length);
    }
  });

  it('finds long needles (longer than the 255-byte window) and needles split one byte per chunk', () => {
    const secret = randomBytes(700);
    const hay = Buffer.concat([randomBytes(100_000), secret, randomBytes(5)]);
    const m = new MultiMatcher([secret, Buffer.from('absent-value')]);
    const found = new Set<number>();
    m.scan(hay, found);
    assert.deepEqual([...found], [0]);
    const stream = new StreamMatcher(m);
    const token = Buffer.from('tok-1234567890');
    const s2 = new StreamMatcher(new MultiMatcher([token]));
    for (const b of Buffer.concat([Buffer.from('xx'), token, Buffer.from('yy')])) s2.push(Buffer.from([b]));
    assert.deepEqual([...s2.found], [0]);
    for (let i = 0; i < hay.length; i += 65536) stream.push(hay.subarray(i, i + 65536));
    assert.deepEqual([...stream.found], [0]);
  });

  it('ignores empty needles and finds nothing in nothing', () => {
    const m = new MultiMatcher(['', 'abc']);
    const found = new Set<number>();
    m.scan(Buffer.from('xxabcxx'), found);
    assert.deepEqual([...found], [1]);
    const none = new Set<number>();
    new MultiMatcher([]).scan(Buffer.from('abc'), none);
    assert.equal(none.size, 0);
  });
});
