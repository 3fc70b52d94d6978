import { describe, expect, it } from 'vitest';
import {
  MeanAccumulator,
  NeumaierSum,
  VectorMeanAccumulator,
  fitPowerLaw,
  kahanNeumaierSum,
  pairwiseSum,
} from '../../src-shared/science/stats';

/** Deterministic LCG in [0,1) for test data (src-shared forbids Math.random; tests stay reproducible too). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('summation', () => {
  it('Kahan–Neumaier recovers terms lost to cancellation with large values (plain Kahan and naive fail)', () => {
    const values = [1, 1e100, 1, -1e100];
    let naive = 0;
    for (const v of values) naive += v;
    expect(naive).toBe(0);
    expect(kahanNeumaierSum(values)).toBe(2);
    const streaming = new NeumaierSum();
    for (const v of values) streaming.add(v);
    expect(streaming.value).toBe(2);
  });

  it('sums 10⁶ copies of 0.1 to within one ulp (compensated) / 1e-9 (pairwise); naive drifts by >1e-6', () => {
    const values = new Float64Array(1_000_000).fill(0.1);
    let naive = 0;
    for (let i = 0; i < values.length; i++) naive += values[i];
    expect(Math.abs(naive - 1e5)).toBeGreaterThan(1e-6);
    // exact sum of the double 0.1 (×1e6) is 100000.0000000000055…, whose nearest double is 1e5
    expect(kahanNeumaierSum(values)).toBe(1e5);
    expect(Math.abs(pairwiseSum(values) - 1e5)).toBeLessThan(1e-9);
  });

  it('empty sums are 0 and small inputs are exact', () => {
    expect(kahanNeumaierSum([])).toBe(0);
    expect(pairwiseSum(new Float64Array(0))).toBe(0);
    expect(pairwiseSum([1, 2, 3])).toBe(6);
    const ramp = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(pairwiseSum(ramp)).toBe(500500);
  });
});

describe('MeanAccumulator', () => {
  const rand = lcg(7);
  const data = Float64Array.from({ length: 10_001 }, () => 1e9 + rand());

  function twoPass(values: ArrayLike<number>) {
    let m = 0;
    for (let i = 0; i < values.length; i++) m += values[i] - 1e9;
    m = m / values.length + 1e9;
    let ss = 0;
    for (let i = 0; i < values.length; i++) ss += (values[i] - m) ** 2;
    return { mean: m, variance: ss / (values.length - 1) };
  }

  it('Welford add is accurate with a large offset (variance 1/12 of U(0,1) on top of 1e9)', () => {
    const acc = new MeanAccumulator();
    for (const v of data) acc.add(v);
    const ref = twoPass(data);
    expect(acc.count).toBe(data.length);
    expect(acc.mean).toBeCloseTo(ref.mean, 6);
    expect(acc.variance()).toBeCloseTo(ref.variance, 8);
    expect(Math.abs(acc.variance() - 1 / 12)).toBeLessThan(0.01);
    expect(acc.standardError()).toBeCloseTo(Math.sqrt(ref.variance / data.length), 10);
  });

  it('addBatch and merge of partials agree with one-by-one adds', () => {
    const one = new MeanAccumulator();
    for (const v of data) one.add(v);
    const batch = new MeanAccumulator().addBatch(data);
    // per-"thread" partials merged in a fixed order
    const parts = [0, 3000, 3001, 7777, data.length];
    const merged = new MeanAccumulator();
    for (let p = 0; p + 1 < parts.length; p++) {
      const part = new MeanAccumulator().addBatch(data.subarray(parts[p], parts[p + 1]));
      merged.merge(part.state());
    }
    // float64 values near 1e9 carry ~1e-7 absolute rounding, so Welford's one-by-one M2 is good
    // to ~1e-8 relative here; a wrong merge term (e.g. a missing Δ²·n_a·n_b/n) would be O(1) off.
    const ref = twoPass(data);
    for (const acc of [one, batch, merged]) {
      expect(acc.count).toBe(data.length);
      expect(Math.abs(acc.mean - ref.mean)).toBeLessThan(1e-6);
      expect(Math.abs(acc.variance() / ref.variance - 1)).toBeLessThan(1e-7);
    }
    // merging the same partials in the same order is bit-reproducible
    const again = new MeanAccumulator();
    for (let p = 0; p + 1 < parts.length; p++) {
      again.merge(new MeanAccumulator().addBatch(data.subarray(parts[p], parts[p + 1])));
    }
    expect(again.state()).toEqual(merged.state());
  });

  it('merging into / from empty accumulators and restoring state', () => {
    const a = new MeanAccumulator().addBatch([1, 2, 3, 4]);
    const empty = new MeanAccumulator();
    expect(new MeanAccumulator().merge(a).state()).toEqual(a.state());
    expect(MeanAccumulator.fromState(a.state()).merge(empty).state()).toEqual(a.state());
    expect(a.mean).toBe(2.5);
    expect(a.variance()).toBeCloseTo(5 / 3, 14);
    expect(a.variance(0)).toBeCloseTo(1.25, 14);
    expect(a.standardError()).toBeCloseTo(Math.sqrt(5 / 3 / 4), 14);
  });

  it('throws instead of producing NaN', () => {
    const acc = new MeanAccumulator();
    expect(() => acc.mean).toThrow(/no samples/);
    acc.add(1);
    expect(() => acc.variance()).toThrow(/more than 1 sample/);
    expect(() => acc.standardError()).toThrow();
    expect(() => acc.add(Number.NaN)).toThrow(/not finite/);
    expect(() => acc.addBatch([1, Infinity])).toThrow(/index 1/);
    expect(() => MeanAccumulator.fromState({ count: -1, mean: 0, m2: 0 })).toThrow(/count/);
  });
});

describe('VectorMeanAccumulator', () => {
  const rand = lcg(11);
  const m = 5000;
  const rows = new Float64Array(m * 3);
  for (let i = 0; i < m; i++) {
    const a = rand() - 0.5;
    const b = rand() - 0.5;
    rows[3 * i] = 10 + a;
    rows[3 * i + 1] = -3 + a + 0.5 * b;
    rows[3 * i + 2] = 2 * b;
  }

  function reference() {
    const mean = [0, 0, 0];
    for (let i = 0; i < m; i++) for (let j = 0; j < 3; j++) mean[j] += rows[3 * i + j] / m;
    const cov = new Float64Array(9);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < 3; j++) {
        for (let k = 0; k < 3; k++) cov[3 * j + k] += ((rows[3 * i + j] - mean[j]) * (rows[3 * i + k] - mean[k])) / (m - 1);
      }
    }
    return { mean, cov };
  }

  it('mean vector and covariance match a two-pass computation; merge and addBatch agree', () => {
    const ref = reference();
    const single = new VectorMeanAccumulator(3).addBatch(rows, m);
    const left = new VectorMeanAccumulator(3).addBatch(rows.subarray(0, 3 * 1234), 1234);
    const right = new VectorMeanAccumulator(3).addBatch(rows.subarray(3 * 1234), m - 1234);
    const merged = VectorMeanAccumulator.fromState(left.state()).merge(right);
    for (const acc of [single, merged]) {
      const mean = acc.mean();
      const cov = acc.covariance();
      for (let j = 0; j < 3; j++) expect(mean[j]).toBeCloseTo(ref.mean[j], 12);
      for (let j = 0; j < 9; j++) expect(cov[j]).toBeCloseTo(ref.cov[j], 12);
      // symmetric, and standard errors are √(C_ii / m)
      expect(cov[1]).toBe(cov[3]);
      const se = acc.standardErrors();
      for (let j = 0; j < 3; j++) expect(se[j]).toBeCloseTo(Math.sqrt(ref.cov[4 * j] / m), 12);
    }
    // analytic: var(a) = 1/12, cov(x0, x1) = var(a) = 1/12, cov(x0, x2) = 0
    const cov = single.covariance();
    expect(cov[0]).toBeCloseTo(1 / 12, 2);
    expect(cov[1]).toBeCloseTo(1 / 12, 2);
    expect(Math.abs(cov[2])).toBeLessThan(0.01);
  });

  it('validates dimensions and samples', () => {
    expect(() => new VectorMeanAccumulator(0)).toThrow(/dimension/);
    const acc = new VectorMeanAccumulator(2);
    expect(() => acc.add([1, 2, 3])).toThrow(/length 2/);
    expect(() => acc.add([1, Number.NaN])).toThrow(/not finite/);
    expect(() => acc.covariance()).toThrow(/more than 1/);
    expect(() => acc.merge(new VectorMeanAccumulator(3))).toThrow(/dimension mismatch/);
    expect(() => acc.addBatch([1, 2, 3], 2)).toThrow(/rowCount/);
  });
});

describe('fitPowerLaw', () => {
  it('recovers an exact power law', () => {
    const x = [10, 20, 50, 100, 400];
    const y = x.map((v) => 3.5 * v ** -0.75);
    const fit = fitPowerLaw(x, y);
    expect(fit.exponent).toBeCloseTo(-0.75, 12);
    expect(fit.amplitude).toBeCloseTo(3.5, 10);
    expect(fit.rSquared).toBeCloseTo(1, 12);
    expect(fit.exponentStandardError!).toBeLessThan(1e-12);
    expect(fit.pointCount).toBe(5);
  });

  it('matches numpy.polyfit (cov="unscaled") on noisy data', () => {
    // reference: np.polyfit(log x, log y, 1, cov='unscaled'), s² = RSS/(m−2)
    const fit = fitPowerLaw([1, 2, 3, 4, 5], [2.0, 1.1, 0.8, 0.55, 0.45]);
    expect(fit.exponent).toBeCloseTo(-0.9268402305411166, 12);
    expect(fit.amplitude).toBeCloseTo(2.056986016280286, 12);
    expect(fit.exponentStandardError!).toBeCloseTo(0.04181296103140512, 12);
    expect(fit.logAmplitudeStandardError!).toBeCloseTo(0.04655908198563544, 12);
    expect(fit.rSquared).toBeCloseTo(0.9939313826789802, 12);
  });

  it('two points: exact line, no standard error', () => {
    const fit = fitPowerLaw([1, 4], [1, 0.5]);
    expect(fit.exponent).toBeCloseTo(-0.5, 14);
    expect(fit.exponentStandardError).toBeNull();
    expect(fit.rSquared).toBe(1);
  });

  it('clear errors for bad input', () => {
    expect(() => fitPowerLaw([1], [1])).toThrow(/at least 2 points/);
    expect(() => fitPowerLaw([1, 2], [1])).toThrow(/same length/);
    expect(() => fitPowerLaw([1, 0], [1, 1])).toThrow(/x\[1\].*> 0/);
    expect(() => fitPowerLaw([1, 2], [1, -1])).toThrow(/y\[1\].*> 0/);
    expect(() => fitPowerLaw([2, 2], [1, 3])).toThrow(/all x values are equal/);
  });
});
