/**
 * The toy-hermite Monte Carlo (rg-theory.md §5): the closed-form 2×2 solve against generic float64
 * solves, then the Monte Carlo against the reference table with tolerances from its own standard
 * error, determinism, and the cancelled (partial) reduction.
 */
import { describe, expect, it } from 'vitest';
import { pureLinearAlgebra as la } from '../../src-shared/science/linalg';
import { TrialNormalGenerator } from '../../src-shared/science/random';
import { runMonteCarloInProcess } from '../../src-shared/experiments/monte-carlo';
import {
  toyHermiteChunkCount,
  toyHermiteExperiment,
  toyHermitePlan,
  toyHermiteSchema,
  toyHermiteTrial,
  toyHermiteTrials,
  toyPowerSums,
  type ToyHermitePartial,
  type ToyHermiteSpec,
} from '../../src-shared/experiments/toy-hermite';
import { findKind, findPreset } from '../../src-shared/experiments/registry';
import type { ExperimentContext, ExperimentResult } from '../../src-shared/experiments/types';

const he1 = (x: number) => x;
const he2 = (x: number) => x * x - 1;
const he5 = (x: number) => x ** 5 - 10 * x ** 3 + 15 * x;

function context(signal: AbortSignal = new AbortController().signal): ExperimentContext {
  return { linalg: la, onProgress: () => {}, signal };
}

function spec(overrides: Partial<ToyHermiteSpec> = {}): ToyHermiteSpec {
  return toyHermiteSchema.parse({ ...overrides });
}

/** c from (ΦᵀΦ + σ² diag(1/λ₁, 1/λ₂)) c = Φᵀy by Cholesky (λ₂ > 0). */
function weightSpaceSolve(x: Float64Array, ridge: number, lambda1: number, lambda2: number): number[] {
  let a11 = 0;
  let a12 = 0;
  let a22 = 0;
  let b1 = 0;
  let b2 = 0;
  for (const xi of x) {
    a11 += he1(xi) ** 2;
    a12 += he1(xi) * he2(xi);
    a22 += he2(xi) ** 2;
    b1 += he1(xi) * he5(xi);
    b2 += he2(xi) * he5(xi);
  }
  const m = { rows: 2, cols: 2, data: Float64Array.of(a11 + ridge / lambda1, a12, a12, a22 + ridge / lambda2) };
  const c = la.choleskySolve(la.cholesky(m), { rows: 2, cols: 1, data: Float64Array.of(b1, b2) });
  return Array.from(c.data);
}

/** Function-space posterior mean: c_k = λ_k Φ_kᵀ (K_D + σ²I)⁻¹ y, K_D = Σ_k λ_k Φ_k Φ_kᵀ (rg-theory.md §1). */
function functionSpaceSolve(x: Float64Array, ridge: number, lambda1: number, lambda2: number): number[] {
  const n = x.length;
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) k[i * n + j] = lambda1 * he1(x[i]) * he1(x[j]) + lambda2 * he2(x[i]) * he2(x[j]) + (i === j ? ridge : 0);
  }
  const y = Float64Array.from(x, he5);
  const alpha = la.choleskySolve(la.cholesky({ rows: n, cols: n, data: k }), { rows: n, cols: 1, data: y }).data;
  let c1 = 0;
  let c2 = 0;
  for (let i = 0; i < n; i++) {
    c1 += lambda1 * he1(x[i]) * alpha[i];
    c2 += lambda2 * he2(x[i]) * alpha[i];
  }
  return [c1, c2];
}

describe('toy-hermite: one dataset (closed-form 2×2 solve from power sums)', () => {
  const cases: { n: number; ridge: number; lambda1: number; lambda2: number }[] = [
    { n: 100, ridge: 400, lambda1: 1, lambda2: 0.1 },
    { n: 100, ridge: 400, lambda1: 4, lambda2: 0.1 },
    { n: 7, ridge: 0.5, lambda1: 2, lambda2: 3 },
    { n: 30, ridge: 1e-3, lambda1: 1, lambda2: 1 },
    { n: 3, ridge: 10, lambda1: 0.2, lambda2: 1e-6 },
  ];
  it.each(cases)('matches Cholesky in weight space and the kernel (function-space) posterior mean: %j', ({ n, ridge, lambda1, lambda2 }) => {
    const g = new TrialNormalGenerator(5);
    for (let t = 0; t < 25; t++) {
      const x = g.reset(t).fillNormal(new Float64Array(n));
      const c = toyHermiteTrial(x, { ridge, lambda1, lambda2 });
      const weight = weightSpaceSolve(x, ridge, lambda1, lambda2);
      const fn = functionSpaceSolve(x, ridge, lambda1, lambda2);
      const scale = 1 + Math.abs(weight[0]) + Math.abs(weight[1]);
      for (let i = 0; i < 2; i++) {
        expect(Math.abs(c[i] - weight[i])).toBeLessThan(1e-9 * scale);
        expect(Math.abs(c[i] - fn[i])).toBeLessThan(1e-8 * scale);
      }
    }
  });

  it('λ₂ = 0 drops mode 2: c₂ = 0 and c₁ = λ₁ΣHe₁He₅/(λ₁ΣHe₁² + σ²), the λ₂ → 0 limit', () => {
    const x = new TrialNormalGenerator(9).reset(3).fillNormal(new Float64Array(100));
    const c = toyHermiteTrial(x, { ridge: 400, lambda1: 1, lambda2: 0 });
    let s11 = 0;
    let s15 = 0;
    for (const xi of x) {
      s11 += xi * xi;
      s15 += xi * he5(xi);
    }
    expect(c[1]).toBe(0);
    expect(c[0]).toBeCloseTo(s15 / (s11 + 400), 12);
    const limit = toyHermiteTrial(x, { ridge: 400, lambda1: 1, lambda2: 1e-12 });
    expect(Math.abs(limit[0] - c[0])).toBeLessThan(1e-9);
  });

  it('accepts power sums instead of points', () => {
    const x = new TrialNormalGenerator(9).reset(4).fillNormal(new Float64Array(50));
    const params = { ridge: 400, lambda1: 1, lambda2: 0.1 };
    const powerSums = toyPowerSums(x, x.length, new Float64Array(8));
    expect(powerSums[0]).toBe(50);
    expect(toyHermiteTrial({ powerSums }, params)).toEqual(toyHermiteTrial(x, params));
  });

  it('the fused generator sums (sumNormalPowers) are bit-identical to power sums of fillNormal', () => {
    for (const n of [1, 2, 100, 1000]) {
      for (let t = 0; t < 200; t++) {
        const x = new TrialNormalGenerator(13).reset(t).fillNormal(new Float64Array(n));
        const fused = new TrialNormalGenerator(13).reset(t).sumNormalPowers(n, new Float64Array(8));
        expect(fused).toEqual(toyPowerSums(x, n, new Float64Array(8)));
      }
    }
  });

  it('a chunk of trials equals its trials one by one (the kernel draws trial t from stream (seed, t))', () => {
    const s = spec({ seed: 11, trialCount: 40 });
    const partial = toyHermiteTrials(s, 10, 30);
    const g = new TrialNormalGenerator(11);
    let sum1 = 0;
    let sum11 = 0;
    for (let t = 10; t < 40; t++) {
      const c = toyHermiteTrial(g.reset(t).fillNormal(new Float64Array(100)), s);
      sum1 += c[0];
      sum11 += c[0] * c[0];
    }
    expect(partial.trials).toBe(30);
    expect(partial.sum[0]).toBeCloseTo(sum1, 12);
    expect(partial.sumSquares[0]).toBeCloseTo(sum11, 10);
  });
});

describe('toy-hermite: kind, presets and chunking', () => {
  it('is registered, with the Figure 3 presets', () => {
    expect(findKind('toy-hermite')).toBe(toyHermiteExperiment);
    expect(findPreset('fig3-toy-model')?.preset.spec).toMatchObject({ trialCount: 5_000_000, sampleCount: 100, ridge: 400, lambda1: 1, lambda2: 0.1 });
    expect(findPreset('fig3-toy-model-null')?.preset.spec).toMatchObject({ lambda2: 0, lambda1: 1 });
    expect(findPreset('fig3-toy-model-lambda1-4')?.preset.spec).toMatchObject({ lambda1: 4, lambda2: 0.1 });
    for (const p of toyHermiteExperiment.presets) expect(toyHermiteSchema.safeParse(p.spec).success).toBe(true);
  });

  it('chunk count depends on the spec only: 20 000 trials per chunk at n = 100', () => {
    expect(toyHermiteChunkCount(spec({ trialCount: 5_000_000 }))).toBe(250);
    expect(toyHermiteChunkCount(spec({ trialCount: 20_001 }))).toBe(2);
    expect(toyHermiteChunkCount(spec({ trialCount: 1000, sampleCount: 10_000 }))).toBe(5);
  });
});

describe('toy-hermite Monte Carlo against rg-theory.md §5 (tolerances from the standard error)', () => {
  // m = 10⁶ datasets: s.e.(a) ≈ 0.66/√m ≈ 6.6e−4. The reference is itself a Monte Carlo,
  // −5.07e−3 ± 0.30e−3, so the check is |a − a_ref| < 4·√(s.e.² + 0.30e−3²) (≈ 2.9e−3: weak but honest).
  const m = 1_000_000;
  let main: ExperimentResult;
  let nullRun: ExperimentResult;

  it('λ₁ = 1, λ₂ = 0.1: a agrees with the reference Monte Carlo; b is consistent with 0', async () => {
    main = await toyHermiteExperiment.run(spec({ trialCount: m, seed: 101 }), context());
    const { a, aStdErr, b, bStdErr, trialsCompleted } = main.metrics as Record<string, number>;
    expect(trialsCompleted).toBe(m);
    // Per-dataset spread of c₁ ≈ 0.66 (§5).
    expect(aStdErr * Math.sqrt(m)).toBeGreaterThan(0.6);
    expect(aStdErr * Math.sqrt(m)).toBeLessThan(0.72);
    expect(Math.abs(a - -5.07e-3)).toBeLessThan(4 * Math.hypot(aStdErr, 0.3e-3));
    expect(a).toBeLessThan(0); // a ≈ −7.6 s.e. from the EK prediction 0
    expect(Math.abs(b)).toBeLessThan(4 * bStdErr);
    expect(main.metrics.zScoreReweighted).toBeCloseTo((a - (main.metrics.theoryReweighted as number)) / aStdErr, 12);
    expect(main.metrics.theoryReweighted).toBeCloseTo(-5.59e-3, 5);
    expect(main.diagnostics).toEqual([]);
  });

  it('arrays: the average predictor a·x + b·He₂(x) with its standard error, and the theory lines', () => {
    const x = main.arrays.x.data;
    const { a, b, aStdErr } = main.metrics as Record<string, number>;
    expect(x.length).toBe(121);
    expect(x[0]).toBe(-3);
    expect(x[120]).toBe(3);
    const i = 100;
    expect(main.arrays.predictorMean.data[i]).toBeCloseTo(a * x[i] + b * he2(x[i]), 15);
    expect(main.arrays.predictorReweighted.data[i]).toBeCloseTo((main.metrics.theoryReweighted as number) * x[i], 15);
    // At x = ±1, He₂ = 0: the predictor's s.e. is |x|·s.e.(a).
    const atOne = Array.from(x).findIndex((v) => Math.abs(v - 1) < 1e-12);
    expect(main.arrays.predictorStdErr.data[atOne]).toBeCloseTo(aStdErr, 12);
  });

  it('λ₂ = 0: a is consistent with 0 and b is not reported', async () => {
    nullRun = await toyHermiteExperiment.run(spec({ trialCount: m, seed: 102, lambda2: 0 }), context());
    const { a, aStdErr } = nullRun.metrics as Record<string, number>;
    expect(Math.abs(a)).toBeLessThan(4 * aStdErr);
    expect(nullRun.metrics.b).toBeNull();
    expect(nullRun.metrics.bStdErr).toBeNull();
    expect(nullRun.metrics.theoryReweighted).toBe(0);
    expect(nullRun.diagnostics.join(' ')).toMatch(/mode 2 is dropped/);
  });

  it('flags L₁ > 0.3 (λ₁ = 4)', async () => {
    const r = await toyHermiteExperiment.run(spec({ trialCount: 2000, lambda1: 4 }), context());
    expect(r.metrics.learnability1).toBeCloseTo(0.5, 12);
    expect(r.diagnostics.join(' ')).toMatch(/L₁ = 0\.500 > 0\.3/);
  });
});

describe('toy-hermite: determinism and partial results', () => {
  it('same seed → bit-identical metrics and arrays; another seed differs', async () => {
    const s = spec({ trialCount: 50_000, seed: 7 });
    const r1 = await toyHermiteExperiment.run(s, context());
    const r2 = await toyHermiteExperiment.run(s, context());
    expect(r2.metrics).toEqual(r1.metrics);
    expect(r2.arrays.predictorMean.data).toEqual(r1.arrays.predictorMean.data);
    const r3 = await toyHermiteExperiment.run({ ...s, seed: 8 }, context());
    expect(r3.metrics.a).not.toBe(r1.metrics.a);
  });

  it('chunks run in any order reduce to the same bits (reduction is in chunk order)', () => {
    const s = spec({ trialCount: 70_000, seed: 3 });
    const count = toyHermitePlan.chunkCount(s, null);
    const forward: ToyHermitePartial[] = [];
    for (let c = 0; c < count; c++) forward.push(toyHermitePlan.runChunk(s, null, c, { linalg: la }));
    const backward: ToyHermitePartial[] = new Array(count);
    for (let c = count - 1; c >= 0; c--) backward[c] = toyHermitePlan.runChunk(s, null, c, { linalg: la });
    const ctx = context();
    expect(toyHermitePlan.reduce(s, null, backward, ctx).metrics).toEqual(toyHermitePlan.reduce(s, null, forward, ctx).metrics);
  });

  it('a cancelled run reduces the completed chunks and says so', async () => {
    const controller = new AbortController();
    const s = spec({ trialCount: 200_000, seed: 4 });
    let progressCalls = 0;
    const result = await runMonteCarloInProcess(toyHermitePlan, s, {
      linalg: la,
      signal: controller.signal,
      onProgress: (p) => {
        progressCalls++;
        expect(p.partialMetrics?.a).toEqual(expect.any(Number));
        if (p.done >= 60_000) controller.abort();
      },
    });
    expect(progressCalls).toBe(3);
    expect(result.metrics.trialsCompleted).toBe(60_000);
    expect(result.diagnostics).toContain('cancelled after 60000 of 200000 trials');
    expect(result.arrays.predictorMean.data.every(Number.isFinite)).toBe(true);
  });

  it('no completed chunk: metrics are null, not NaN', () => {
    const s = spec({ trialCount: 100 });
    const r = toyHermitePlan.reduce(s, null, [undefined], context());
    expect(r.metrics.a).toBeNull();
    expect(r.metrics.aStdErr).toBeNull();
    expect(r.metrics.trialsCompleted).toBe(0);
    expect(r.diagnostics).toContain('cancelled after 0 of 100 trials');
  });
});
