import { describe, expect, it } from 'vitest';
import { createStream, mulHi32, philox4x32 } from '../../src-shared/science/random';

const hex = (words: Uint32Array) => Array.from(words, (w) => w.toString(16).padStart(8, '0'));

describe('Philox4x32-10 known-answer vectors (Random123 kat_vectors)', () => {
  // Format: counter[4], key[2] → output[4] (uint32, hex).
  const vectors: [number[], number[], string[]][] = [
    [[0, 0, 0, 0], [0, 0], ['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      ['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd'],
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
      ['d16cfe09', '94fdcceb', '5001e420', '24126ea1'],
    ],
  ];
  it.each(vectors)('counter %j key %j', (counter, key, expected) => {
    expect(hex(philox4x32(counter, key))).toEqual(expected);
  });

  it('mulHi32 is the exact high word of the 64-bit product', () => {
    const cases: [number, number][] = [
      [0xffffffff, 0xffffffff],
      [0xd2511f53, 0x12345678],
      [0xcd9e8d57, 0xffffffff],
      [1, 0xffffffff],
      [0x10000, 0x10000],
      [0, 0xdeadbeef],
    ];
    for (const [a, b] of cases) {
      expect(mulHi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
    }
  });
});

describe('createStream', () => {
  it('reads Philox blocks: key = seed words, counter = (block, streamIndex words)', () => {
    const seed = 2 ** 40 + 12345;
    const streamIndex = 2 ** 35 + 7;
    const stream = createStream(seed, streamIndex);
    const key = [seed % 2 ** 32, Math.floor(seed / 2 ** 32)];
    const words: number[] = [];
    for (let i = 0; i < 8; i++) words.push(stream.nextUint32());
    const block0 = philox4x32([0, 0, streamIndex % 2 ** 32, Math.floor(streamIndex / 2 ** 32)], key);
    const block1 = philox4x32([1, 0, streamIndex % 2 ** 32, Math.floor(streamIndex / 2 ** 32)], key);
    expect(words).toEqual([...block0, ...block1]);
  });

  it('nextUniform = ((a>>>5)·2^26 + (b>>>6) + 1/2)/2^53: 53-bit, strictly inside (0, 1)', () => {
    const a = createStream(3, 1);
    const b = createStream(3, 1);
    for (let i = 0; i < 1000; i++) {
      const w0 = b.nextUint32() >>> 5;
      const w1 = b.nextUint32() >>> 6;
      const u = a.nextUniform();
      expect(u).toBe((w0 * 2 ** 26 + w1 + 0.5) / 2 ** 53);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
      expect(Number.isInteger(u * 2 ** 53 - 0.5)).toBe(true);
    }
  });

  it('is reproducible, and fillNormal / fillUniform equal repeated calls', () => {
    const x = createStream(42, 3).fillNormal(new Float64Array(1001));
    const y = createStream(42, 3).fillNormal(new Float64Array(1001));
    expect(y).toEqual(x);
    const s = createStream(42, 3);
    const z = Float64Array.from({ length: 1001 }, () => s.nextNormal());
    expect(z).toEqual(x);
    const u1 = createStream(9, 0).fillUniform(new Float64Array(17));
    const s2 = createStream(9, 0);
    expect(Float64Array.from({ length: 17 }, () => s2.nextUniform())).toEqual(u1);
  });

  it('different streams, seeds and seed high words give different, uncorrelated sequences', () => {
    const n = 100_000;
    const base = createStream(7, 0).fillNormal(new Float64Array(n));
    const others = [
      createStream(7, 1),
      createStream(8, 0),
      createStream(7 + 2 ** 32, 0), // differs only in the seed's high key word
      createStream(7, 2 ** 32), // differs only in the stream's high counter word
    ].map((s) => s.fillNormal(new Float64Array(n)));
    for (const other of others) {
      expect(other).not.toEqual(base);
      let dot = 0;
      for (let i = 0; i < n; i++) dot += base[i] * other[i];
      // Correlation of independent N(0,1) sequences: s.e. 1/√n ≈ 0.0032; allow 5 s.e.
      expect(Math.abs(dot / n)).toBeLessThan(5 / Math.sqrt(n));
    }
  });

  it('rejects bad seeds and stream indices with a clear message', () => {
    expect(() => createStream(-1, 0)).toThrow(/seed/);
    expect(() => createStream(1.5, 0)).toThrow(/seed/);
    expect(() => createStream(2 ** 53 + 2, 0)).toThrow(/seed/);
    expect(() => createStream(0, -3)).toThrow(/streamIndex/);
    expect(() => createStream(Number.NaN, 0)).toThrow(/seed/);
    expect(() => createStream(2 ** 53, 2 ** 53)).not.toThrow();
  });

  it('nextInt covers {0..n-1} uniformly', () => {
    const s = createStream(5, 0);
    const n = 7;
    const samples = 70_000;
    const counts = new Array(n).fill(0);
    for (let i = 0; i < samples; i++) counts[s.nextInt(n)]++;
    // Each count ~ Binomial(samples, 1/7): s.e. ≈ 91; allow 5 s.e.
    const sd = Math.sqrt((samples * (1 / n) * (1 - 1 / n)));
    for (const c of counts) expect(Math.abs(c - samples / n)).toBeLessThan(5 * sd);
    expect(() => s.nextInt(0)).toThrow(/nextInt/);
  });
});

/** Sample moments: mean, variance, standardised fourth moment (kurtosis). */
function moments(x: Float64Array) {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, variance: m2, skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

describe('moments over 10^6 samples (tolerance: 5 standard errors)', () => {
  const n = 1_000_000;

  it('uniform: mean 1/2, variance 1/12, kurtosis 9/5', () => {
    const u = createStream(2024, 11).fillUniform(new Float64Array(n));
    const m = moments(u);
    // s.e.(mean) = √(1/12/n); s.e.(var) = √((1/80 − 1/144)/n) (μ₄ = 1/80);
    // kurtosis s.e. by the delta method: √(1.3166/n) ≈ 0.00115 at n = 10^6; 5 s.e. used.
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
    expect(Math.abs(m.kurtosis - 1.8)).toBeLessThan(5 * Math.sqrt(1.3166 / n));
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      min = Math.min(min, u[i]);
      max = Math.max(max, u[i]);
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
  });

  it('normal: mean 0, variance 1, skewness 0, kurtosis 3', () => {
    const z = createStream(2024, 12).fillNormal(new Float64Array(n));
    const m = moments(z);
    // s.e.: mean 1/√n, variance √(2/n), skewness √(6/n), kurtosis √(24/n).
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m.skewness)).toBeLessThan(5 * Math.sqrt(6 / n));
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / n));
    // Tail: P(|z| > 3) = 0.0026998; binomial s.e. ≈ 5.2e-5.
    let tail = 0;
    for (let i = 0; i < n; i++) if (Math.abs(z[i]) > 3) tail++;
    expect(Math.abs(tail / n - 0.0026998)).toBeLessThan(5 * Math.sqrt((0.0027 * 0.9973) / n));
  });
});
