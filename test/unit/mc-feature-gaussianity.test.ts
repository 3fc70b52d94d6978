/**
 * `feature-gaussianity` (rg-theory.md §6–7): the moment estimator against closed forms, and the
 * empirical eigen-features of a Hermite kernel on N(0,1) (φ₁ = He₁ Gaussian, φ₂ = He₂/√2 skewed).
 */
import { describe, expect, it } from 'vitest';
import { pureLinearAlgebra } from '../../src-shared/science/linalg';
import { createStream } from '../../src-shared/science/random';
import {
  featureGaussianityExperiment,
  featureGaussianityPlan,
  featureGaussianitySchema,
  standardizedMoments,
} from '../../src-shared/experiments/feature-gaussianity';
import { validateSpec } from '../../src-shared/experiments/registry';
import type { ExperimentContext, ExperimentResult } from '../../src-shared/experiments/types';

function context(): ExperimentContext {
  return { linalg: pureLinearAlgebra, onProgress: () => {}, signal: new AbortController().signal };
}
const arr = (r: ExperimentResult, name: string) => Array.from(r.arrays[name].data);

describe('standardizedMoments', () => {
  it('closed forms with a large sample: N(0,1) → (0, 0); He₂/√2 → skewness 2√2, excess kurtosis 12', () => {
    const N = 2_000_000;
    const z = createStream(11, 0).fillNormal(new Float64Array(N));
    const gauss = standardizedMoments(z);
    // Standard errors √(6/N) ≈ 0.0017, √(24/N) ≈ 0.0035.
    expect(Math.abs(gauss.skewness)).toBeLessThan(0.01);
    expect(Math.abs(gauss.excessKurtosis)).toBeLessThan(0.02);
    expect(gauss.variance).toBeCloseTo(1, 2);
    const he2 = z.map((x) => (x * x - 1) / Math.SQRT2);
    const m = standardizedMoments(he2);
    // (χ²₁ − 1)/√2: skewness √8, excess kurtosis 12. The sample kurtosis of χ²₁ converges slowly
    // (its variance involves E[x¹⁶]); s.e. ≈ 0.25 at N = 2·10⁶, s.e. of skewness ≈ 0.02.
    expect(m.skewness).toBeCloseTo(2 * Math.SQRT2, 1);
    expect(Math.abs(m.excessKurtosis - 12)).toBeLessThan(1);
    expect(m.mean).toBeCloseTo(0, 2);
    expect(m.variance).toBeCloseTo(1, 1);
  });

  it('degenerate input gives NaN moments', () => {
    const m = standardizedMoments([2, 2, 2]);
    expect(m.variance).toBe(0);
    expect(Number.isNaN(m.skewness) && Number.isNaN(m.excessKurtosis)).toBe(true);
  });
});

describe('feature-gaussianity kind', () => {
  it('Hermite kernel on N(0,1): φ₁ ≈ He₁ Gaussian, φ₂ ≈ He₂/√2 strongly skewed and heavy-tailed', async () => {
    const N = 1000;
    const spec = featureGaussianitySchema.parse({
      kernel: { type: 'hermite', degrees: [1, 2], eigenvalues: [1, 0.1] },
      data: { type: 'synthetic-gaussian', dimension: 1, count: N },
      modes: [1, 2],
    });
    const r = await featureGaussianityExperiment.run(spec, context());
    expect(r.arrays.features.shape).toEqual([N, 2]);
    const kurt = arr(r, 'excessKurtosis');
    const skew = arr(r, 'skewness');
    expect(Math.abs(kurt[0])).toBeLessThan(5 * Math.sqrt(24 / N));
    expect(Math.abs(skew[0])).toBeLessThan(5 * Math.sqrt(6 / N));
    // Finite-N sample moments of (x² − 1)/√2 scatter widely below 12; the sign and size are unmistakable.
    expect(Math.abs(skew[1] - 2 * Math.SQRT2)).toBeLessThan(1);
    expect(kurt[1]).toBeGreaterThan(4);
    // Eigenvalues λ̂ ≈ 1 (He₁) and 2·0.1 (He₂/√2).
    const lambda = arr(r, 'eigenvalues');
    expect(lambda[0]).toBeGreaterThan(0.8);
    expect(lambda[1]).toBeGreaterThan(0.1);
    expect(lambda[1]).toBeLessThan(0.3);
    // Features are normalised on the pool: (1/N) Σ φ_k² = 1.
    const f = r.arrays.features.data;
    for (let j = 0; j < 2; j++) {
      let s = 0;
      for (let mu = 0; mu < N; mu++) s += f[mu * 2 + j] ** 2;
      expect(s / N).toBeCloseTo(1, 10);
    }
    expect(r.metrics.maxAbsExcessKurtosis).toBe(Math.max(...kurt.map(Math.abs)));
    expect(r.diagnostics.some((d) => d.includes('Non-Gaussian') && d.includes('modes 2'))).toBe(true);
  });

  it('is a single-chunk plan with a cancel-safe reduce', async () => {
    const spec = featureGaussianitySchema.parse({ data: { type: 'synthetic-gaussian', dimension: 3, count: 50 }, modes: [1, 2, 3] });
    const ctx = context();
    const shared = await featureGaussianityPlan.prepare(spec, ctx);
    expect(featureGaussianityPlan.chunkCount(spec, shared)).toBe(1);
    const r = featureGaussianityPlan.reduce(spec, shared, [undefined], ctx);
    expect(arr(r, 'excessKurtosis').every(Number.isNaN)).toBe(true);
    expect(r.arrays.features.shape).toEqual([0, 3]);
    expect(r.metrics.maxAbsExcessKurtosis).toBeNull();
    expect(r.diagnostics.some((d) => d.startsWith('Cancelled'))).toBe(true);
    const full = featureGaussianityPlan.reduce(spec, shared, [structuredClone(featureGaussianityPlan.runChunk(spec, shared, 0, { linalg: pureLinearAlgebra }))], ctx);
    expect(arr(full, 'modes')).toEqual([1, 2, 3]);
    expect(arr(full, 'skewness').every(Number.isFinite)).toBe(true);
  });

  it('rejects modes beyond the pool and oversized pools', () => {
    const a = validateSpec('feature-gaussianity', { data: { type: 'synthetic-gaussian', count: 10 }, modes: [1, 20] });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.issues[0].message).toMatch(/mode 20 exceeds the pool size N = 10/);
    const b = validateSpec('feature-gaussianity', { data: { type: 'mnist', count: 9000 } });
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.issues[0].message).toMatch(/too large for a dense eigendecomposition/);
  });
});
