/**
 * The per-trial normal generator of the toy Monte Carlo (science/random/trial-normals):
 * Philox-seeded xoshiro128** + 256-layer ziggurat. Known answers, reproducibility, and moments of
 * 2·10⁶ normals against N(0,1) with tolerances of 5 standard errors of each estimator.
 */
import { describe, expect, it } from 'vitest';
import { createStream, TrialNormalGenerator, ZIGGURAT_AREA, ZIGGURAT_R } from '../../src-shared/science/random';
import { erf } from '../../src-shared/science/kernels/activations';

const normalCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

describe('TrialNormalGenerator: construction', () => {
  it('xoshiro128** known answer: state (1, 2, 3, 4) → 11520, 0, 5927040, 70819200, … (reference C code)', () => {
    // Values from the reference algorithm (Blackman & Vigna xoshiro128starstar.c), recomputed in
    // Python with explicit uint32 masks.
    const g = new TrialNormalGenerator(0).setStateWords([1, 2, 3, 4]);
    const words = Array.from({ length: 8 }, () => g.nextUint32());
    expect(words).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849]);
  });

  it("trial t's state is block 0 of the Philox stream (seed, t)", () => {
    for (const [seed, trial] of [
      [1, 0],
      [1, 12345],
      [2 ** 40 + 3, 2 ** 33 + 9],
    ]) {
      const stream = createStream(seed, trial);
      const block = [stream.nextUint32(), stream.nextUint32(), stream.nextUint32(), stream.nextUint32()];
      expect(Array.from(new TrialNormalGenerator(seed).reset(trial).stateWords())).toEqual(block);
    }
  });

  it('ziggurat constants: layer area v = r·φ(r) + tail, and the top layer closes at x = 0', () => {
    // v = r e^{−r²/2} + ∫_r^∞ e^{−x²/2} dx
    const tail = Math.sqrt(Math.PI / 2) * (1 - erf(ZIGGURAT_R / Math.SQRT2));
    expect(ZIGGURAT_AREA).toBeCloseTo(ZIGGURAT_R * Math.exp(-0.5 * ZIGGURAT_R ** 2) + tail, 12);
  });

  it('is reproducible: same (seed, trial) → same normals; fillNormal = repeated nextNormal', () => {
    const a = new TrialNormalGenerator(7).reset(42).fillNormal(new Float64Array(1000));
    const b = new TrialNormalGenerator(7).reset(42).fillNormal(new Float64Array(1000));
    expect(b).toEqual(a);
    const c = new TrialNormalGenerator(7).reset(42);
    const one = Float64Array.from({ length: 1000 }, () => c.nextNormal());
    expect(one).toEqual(a);
    // Reuse: resetting the same instance gives the same values again.
    const g = new TrialNormalGenerator(7);
    g.reset(1).fillNormal(new Float64Array(333));
    expect(g.reset(42).fillNormal(new Float64Array(1000))).toEqual(a);
  });

  it('different trials and different seeds give different draws', () => {
    const a = new TrialNormalGenerator(7).reset(42).fillNormal(new Float64Array(16));
    const b = new TrialNormalGenerator(7).reset(43).fillNormal(new Float64Array(16));
    const c = new TrialNormalGenerator(8).reset(42).fillNormal(new Float64Array(16));
    expect(b).not.toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('nextUniform is strictly inside (0, 1)', () => {
    const g = new TrialNormalGenerator(3).reset(0);
    for (let i = 0; i < 10_000; i++) {
      const u = g.nextUniform();
      expect(u > 0 && u < 1).toBe(true);
    }
  });
});

describe('TrialNormalGenerator: distribution of 2·10⁶ normals (1000 trials × 2000)', () => {
  const trials = 1000;
  const perTrial = 2000;
  const N = trials * perTrial;
  const g = new TrialNormalGenerator(20250101);
  const buf = new Float64Array(perTrial);
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let beyondR = 0;
  const edges = [-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3];
  const counts = new Float64Array(edges.length + 1);
  for (let t = 0; t < trials; t++) {
    g.reset(t).fillNormal(buf);
    for (let i = 0; i < perTrial; i++) {
      const x = buf[i];
      const x2 = x * x;
      s1 += x;
      s2 += x2;
      s3 += x2 * x;
      s4 += x2 * x2;
      if (Math.abs(x) > ZIGGURAT_R) beyondR++;
      let bin = 0;
      while (bin < edges.length && x >= edges[bin]) bin++;
      counts[bin]++;
    }
  }
  const mean = s1 / N;
  const m2 = s2 / N - mean * mean;
  const m3 = s3 / N - 3 * mean * (s2 / N) + 2 * mean ** 3;
  const m4 = s4 / N - 4 * mean * (s3 / N) + 6 * mean ** 2 * (s2 / N) - 3 * mean ** 4;

  // Standard errors of the estimators under N(0,1): mean 1/√N, variance √(2/N),
  // skewness √(6/N), excess kurtosis √(24/N). Tolerance: 5 s.e.
  it('mean 0 ± 5/√N', () => expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N)));
  it('variance 1 ± 5√(2/N)', () => expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / N)));
  it('skewness 0 ± 5√(6/N)', () => expect(Math.abs(m3 / m2 ** 1.5)).toBeLessThan(5 * Math.sqrt(6 / N)));
  it('excess kurtosis 0 ± 5√(24/N)', () => expect(Math.abs(m4 / (m2 * m2) - 3)).toBeLessThan(5 * Math.sqrt(24 / N)));

  it('tail beyond the base layer r = 3.654 (the Marsaglia tail path): count within 5σ of N·erfc(r/√2)', () => {
    const p = 2 * (1 - normalCdf(ZIGGURAT_R));
    const expected = N * p;
    expect(Math.abs(beyondR - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });

  it('bin frequencies on (−∞, −3, −2, −1, −½, 0, ½, 1, 2, 3, ∞): χ² with 9 d.o.f. below 33.7 (p = 10⁻⁴)', () => {
    let chi2 = 0;
    for (let b = 0; b < counts.length; b++) {
      const lo = b === 0 ? -Infinity : edges[b - 1];
      const hi = b === edges.length ? Infinity : edges[b];
      const p = (hi === Infinity ? 1 : normalCdf(hi)) - (lo === -Infinity ? 0 : normalCdf(lo));
      chi2 += (counts[b] - N * p) ** 2 / (N * p);
    }
    expect(chi2).toBeLessThan(33.7);
  });
});
