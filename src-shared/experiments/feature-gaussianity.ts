/**
 * `feature-gaussianity`: the talk's Gaussian-feature check (rg-theory.md §6–7). For a kernel on a
 * pool of N points (a data set, or x ~ N(0, I_d)), the empirical eigen-features
 * φ_k(x_μ) = √N V_μk of K_N/N = V diag(λ̂) Vᵀ for chosen modes k, with per-mode skewness and
 * excess kurtosis over the pool; the UI scatters pairs (φ_k, φ_q) against N(0, I).
 *
 * Moments are the usual (biased) sample moments about the sample mean, m_r = (1/N) Σ (φ − φ̄)^r:
 * skewness g₁ = m₃/m₂^{3/2}, excess kurtosis g₂ = m₄/m₂² − 3 (0 for a Gaussian; standard errors
 * under Gaussianity ≈ √(6/N) and √(24/N)).
 *
 * One chunk (Gram matrix and eigendecomposition on a worker thread); no Monte Carlo.
 */
import { z } from 'zod';
import { numericalSpectrum } from '../science/spectra/numerical';
import { datasetFields, datasetSpecSchema, materializeDataset } from './datasets';
import { MAX_POOL_SIZE } from './kernel-data';
import { kernelFieldDocs, seedField } from './fields';
import { f64, isIncreasing } from './learning-curve';
import { runMonteCarloInProcess } from './monte-carlo';
import { kernelSchema, seedSchema } from './schemas';
import { ExperimentInputError, type ExperimentKind, type MonteCarloPlan } from './types';

export interface StandardizedMoments {
  readonly mean: number;
  /** m₂ (biased). */
  readonly variance: number;
  readonly skewness: number;
  readonly excessKurtosis: number;
}

/** Sample mean, m₂, g₁ = m₃/m₂^{3/2}, g₂ = m₄/m₂² − 3 (two passes, float64). NaN moments when m₂ = 0. */
export function standardizedMoments(values: ArrayLike<number>): StandardizedMoments {
  const N = values.length;
  let s = 0;
  for (let i = 0; i < N; i++) s += values[i];
  const mean = s / N;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < N; i++) {
    const d = values[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= N;
  m3 /= N;
  m4 /= N;
  if (!(m2 > 0)) return { mean, variance: m2, skewness: NaN, excessKurtosis: NaN };
  return { mean, variance: m2, skewness: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

export const featureGaussianitySchema = z
  .strictObject({
    seed: seedSchema,
    kernel: kernelSchema.prefault({ type: 'nngp' }),
    data: datasetSpecSchema.prefault({ type: 'synthetic-gaussian' }),
    modes: z
      .array(z.number().int('modes are integers k ≥ 1').min(1, 'modes start at k = 1'))
      .min(1)
      .max(64, 'at most 64 modes')
      .default([1, 2, 3, 5, 10, 20, 50, 100, 200, 400])
      .refine(isIncreasing, 'modes must be strictly increasing'),
  })
  .superRefine((spec, ctx) => {
    const N = spec.data.count;
    if (N !== undefined && N > MAX_POOL_SIZE) {
      ctx.addIssue({ code: 'custom', path: ['data', 'count'], message: `the pool of ${N} points is too large for a dense eigendecomposition (at most ${MAX_POOL_SIZE})` });
    }
    const kMax = spec.modes[spec.modes.length - 1];
    if (N !== undefined && kMax > N) ctx.addIssue({ code: 'custom', path: ['modes'], message: `mode ${kMax} exceeds the pool size N = ${N}` });
  });

export type FeatureGaussianitySpec = z.output<typeof featureGaussianitySchema>;

interface GaussianityShared {
  readonly points: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly targetValues: Float64Array;
  readonly description: string;
}

interface GaussianityPartial {
  /** N×M: column j = φ_{modes[j]}(x_μ). */
  readonly features: Float64Array;
  readonly eigenvalues: Float64Array;
  readonly mean: Float64Array;
  readonly skewness: Float64Array;
  readonly excessKurtosis: Float64Array;
  readonly clamped: number;
}

export const featureGaussianityPlan: MonteCarloPlan<FeatureGaussianitySpec, GaussianityShared, GaussianityPartial> = {
  heavyPrepare: () => true,
  async prepare(spec, ctx) {
    const data = await materializeDataset(spec.data, spec.seed, ctx);
    const N = data.points.rows;
    if (N > MAX_POOL_SIZE) throw new ExperimentInputError('data.count', `the pool of ${N} points is too large for a dense eigendecomposition (at most ${MAX_POOL_SIZE}); set count`);
    const kMax = spec.modes[spec.modes.length - 1];
    if (kMax > N) throw new ExperimentInputError('modes', `mode ${kMax} exceeds the pool size N = ${N}`);
    return { points: data.points.data, rows: N, cols: data.points.cols, targetValues: data.targetValues, description: data.description };
  },
  chunkCount: () => 1,
  chunkUnits: () => 1,
  runChunk(spec, shared, _chunk, ctx) {
    const N = shared.rows;
    const P = spec.modes[spec.modes.length - 1];
    const numerical = numericalSpectrum({
      kernel: spec.kernel,
      points: { rows: N, cols: shared.cols, data: shared.points },
      targetValues: shared.targetValues,
      linalg: ctx.linalg,
      modeCount: P,
    });
    const M = spec.modes.length;
    const features = new Float64Array(N * M);
    const column = new Float64Array(N);
    const out = { eigenvalues: new Float64Array(M), mean: new Float64Array(M), skewness: new Float64Array(M), excessKurtosis: new Float64Array(M) };
    spec.modes.forEach((k, j) => {
      for (let mu = 0; mu < N; mu++) {
        column[mu] = numerical.features.data[mu * P + k - 1];
        features[mu * M + j] = column[mu];
      }
      const m = standardizedMoments(column);
      out.eigenvalues[j] = numerical.spectrum.eigenvalues[k - 1];
      out.mean[j] = m.mean;
      out.skewness[j] = m.skewness;
      out.excessKurtosis[j] = m.excessKurtosis;
    });
    return { features, ...out, clamped: numerical.diagnostics.clampedEigenvalueCount };
  },
  reduce(spec, shared, partials) {
    const N = shared.rows;
    const M = spec.modes.length;
    const p = partials[0];
    const diagnostics = [`data: ${shared.description}`];
    const nan = () => new Float64Array(M).fill(NaN);
    if (!p) diagnostics.push('Cancelled before the eigendecomposition finished: no features.');
    const kurtosisSe = Math.sqrt(24 / N);
    const skewnessSe = Math.sqrt(6 / N);
    let maxKurt: number | null = null;
    let maxSkew: number | null = null;
    if (p) {
      if (p.clamped > 0) diagnostics.push(`${p.clamped} eigenvalue(s) of K_N/N were negative from round-off and were set to 0.`);
      const flagged: string[] = [];
      spec.modes.forEach((k, j) => {
        if (!(p.eigenvalues[j] > 0)) diagnostics.push(`mode ${k}: λ̂ = 0, its eigen-feature is an arbitrary null-space direction.`);
        if (Number.isFinite(p.excessKurtosis[j])) maxKurt = Math.max(maxKurt ?? 0, Math.abs(p.excessKurtosis[j]));
        if (Number.isFinite(p.skewness[j])) maxSkew = Math.max(maxSkew ?? 0, Math.abs(p.skewness[j]));
        if (Math.abs(p.excessKurtosis[j]) > 4 * kurtosisSe || Math.abs(p.skewness[j]) > 4 * skewnessSe) flagged.push(String(k));
      });
      if (flagged.length) diagnostics.push(`Non-Gaussian at 4 standard errors (|g₂| > ${(4 * kurtosisSe).toFixed(2)} or |g₁| > ${(4 * skewnessSe).toFixed(2)}): modes ${flagged.join(', ')}.`);
    }
    return {
      metrics: {
        maxAbsExcessKurtosis: maxKurt,
        maxAbsSkewness: maxSkew,
        poolSize: N,
        gaussianKurtosisStdErr: kurtosisSe,
        gaussianSkewnessStdErr: skewnessSe,
      },
      arrays: {
        modes: f64(Float64Array.from(spec.modes), 'mode index k (1-based, by descending λ̂)'),
        features: f64(p ? p.features : new Float64Array(0), 'φ_k(x_μ) = √N V_μk; row μ = pool point, column j = mode modes[j]', p ? [N, M] : [0, M]),
        excessKurtosis: f64(p ? p.excessKurtosis : nan(), 'g₂ = m₄/m₂² − 3 of φ_k over the pool'),
        skewness: f64(p ? p.skewness : nan(), 'g₁ = m₃/m₂^{3/2} of φ_k over the pool'),
        featureMean: f64(p ? p.mean : nan(), 'mean of φ_k over the pool'),
        eigenvalues: f64(p ? p.eigenvalues : nan(), 'λ̂_k of K_N/N for the chosen modes'),
      },
      diagnostics,
    };
  },
};

const nngpRelu = { type: 'nngp' as const, activation: 'relu' as const, depth: 2, weightVariance: 2, biasVariance: 0 };

export const featureGaussianityExperiment: ExperimentKind<FeatureGaussianitySpec> = {
  kind: 'feature-gaussianity',
  title: 'Gaussianity of the kernel eigen-features',
  description:
    "The talk's Gaussian-feature check: empirical eigen-features φ_k(x_μ) = √N V_μk of a kernel on a pool of points, with per-mode skewness and excess kurtosis, for scatter plots of (φ_k, φ_q) against N(0, I).",
  schema: featureGaussianitySchema,
  fields: {
    seed: seedField,
    ...kernelFieldDocs('kernel'),
    ...datasetFields,
    'data.count': { label: 'Pool size', symbol: 'N', help: `Points whose Gram matrix K_N/N is eigendecomposed (≤ ${MAX_POOL_SIZE}).` },
    modes: { label: 'Modes', symbol: 'k', help: 'Strictly increasing 1-based mode indices (by descending eigenvalue) whose features are returned.' },
  },
  presets: [
    {
      name: 'gaussianity-nngp-gaussian-inputs',
      title: 'Eigen-features of a ReLU NNGP on Gaussian inputs',
      description:
        'Depth-2 ReLU NNGP (σ_w² = 2, σ_b² = 0), x ~ N(0, I₈), pool N = 1000, modes 1…400: the talk\'s scatter of (φ_k, φ_q) against N(0, I); low modes are close to Gaussian, high modes turn heavy-tailed.',
      spec: { seed: 1, kernel: nngpRelu, data: { type: 'synthetic-gaussian', dimension: 8, count: 1000, target: { type: 'sign' } }, modes: [1, 2, 3, 5, 10, 20, 50, 100, 200, 400] },
    },
    {
      name: 'gaussianity-mnist',
      title: 'Eigen-features of a ReLU NNGP on MNIST',
      description: 'Depth-2 ReLU NNGP on 1000 MNIST digits 0–9 (pixels in [0,1]), modes 1…400: real-data features are visibly non-Gaussian (rg-theory.md §4, §6).',
      spec: {
        seed: 1,
        kernel: nngpRelu,
        data: { type: 'mnist', digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], count: 1000, target: 'parity' },
        modes: [1, 2, 3, 5, 10, 20, 50, 100, 200, 400],
      },
    },
  ],
  metrics: {
    maxAbsExcessKurtosis: 'largest |excess kurtosis| over the chosen modes (0 for Gaussian features)',
    maxAbsSkewness: 'largest |skewness| over the chosen modes',
    poolSize: 'N: points in the pool',
    gaussianKurtosisStdErr: '√(24/N): standard error of the excess kurtosis of Gaussian features',
    gaussianSkewnessStdErr: '√(6/N): standard error of the skewness of Gaussian features',
  },
  monteCarlo: featureGaussianityPlan,
  run: (spec, ctx) => runMonteCarloInProcess(featureGaussianityPlan, spec, ctx),
};
