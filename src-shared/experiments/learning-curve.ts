/**
 * `learning-curve`: empirical test MSE(n) of exact GP regression over `trialCount` datasets per n
 * (mean ± standard error), beside the RG-improved EK, bare EK and eigenlearning curves of the same
 * spectrum (rg-theory.md §7 "Learning curve").
 *
 * Settings:
 * - `gaussian-features`: features φ_k(x) ~ N(0,1) i.i.d. for k = 1..P, λ_k ∝ k^-a and
 *   y_k² ∝ k^-b trace-normalised (the power-law spectrum), y(x) = Σ_k y_k φ_k(x) (noiseless).
 *   Per dataset Φ (n×P), K = Φ Λ Φᵀ, posterior-mean coefficients c = Λ Φᵀ (K + σ²I)⁻¹ y, and
 *   the test MSE is exactly Σ_k (c_k − y_k)² (orthonormal features, §7).
 * - `kernel-data`: a kernel on a data set split into a training pool (N points) and T held-out
 *   points; each dataset is n pool points drawn without replacement; test MSE = mean over the
 *   held-out points of (f̄_D(x_t) − y_t)². Theory curves use the empirical spectrum of K_N/N.
 *
 * Solves go through the float64 Cholesky of ctx.linalg (never an inverse). Dataset i·m + t
 * (i = index of n, t = trial, m = trialCount) draws all its randomness from createStream(seed, i·m + t).
 */
import { z } from 'zod';
import type { LinearAlgebra } from '../science/linalg/types';
import { NotPositiveDefiniteError } from '../science/linalg/types';
import { createStream, type RandomStream } from '../science/random/stream';
import { powerLawSpectrum } from '../science/spectra/power-law';
import type { Spectrum } from '../science/spectra/types';
import { MeanAccumulator, type MeanAccumulatorState } from '../science/stats/accumulator';
import { fitPowerLaw, type PowerLawFit } from '../science/stats/power-law';
import { learningCurve, predictedScalingExponents } from '../science/theory/learning-curve';
import { sampleWithoutReplacement } from './datasets';
import { kernelDataFields, kernelDataSettingSchema, prepareKernelData, type KernelDataShared } from './kernel-data';
import { ridgeField, seedField, thresholdField } from './fields';
import { runMonteCarloInProcess } from './monte-carlo';
import { ridgeSchema, seedSchema, thresholdSchema } from './schemas';
import { ExperimentInputError, type ArrayResult, type ExperimentContext, type ExperimentKind, type ExperimentResult, type FieldDoc, type MonteCarloPlan } from './types';

// ---------------------------------------------------------------------------------------------
// Settings shared with flow-check

export const MAX_FEATURE_MODES = 50_000;
/** Largest n·P of one dataset's feature matrix Φ (8 bytes each, two copies). */
export const MAX_FEATURE_ENTRIES = 4e7;
/** Largest estimated work of a whole run (multiply-adds); beyond it a run takes hours. */
export const MAX_RUN_WORK = 5e12;
/** Target work per chunk (multiply-adds, ≈ 50 ms in plain TypeScript). */
export const CHUNK_WORK = 5e7;
export const MAX_TRIALS_PER_CHUNK = 64;

export const gaussianFeaturesSettingSchema = z.strictObject({
  type: z.literal('gaussian-features'),
  modeCount: z.number().int().min(1, 'modeCount must be ≥ 1').max(MAX_FEATURE_MODES, `modeCount must be ≤ ${MAX_FEATURE_MODES}`).default(4000),
  decayExponent: z.number().gt(0, 'decayExponent must be > 0').finite().default(1.5),
  targetDecayExponent: z.number().gt(0, 'targetDecayExponent must be > 0').finite().default(1.5),
});

export const monteCarloSettingSchema = z.discriminatedUnion('type', [gaussianFeaturesSettingSchema, kernelDataSettingSchema]);
export type MonteCarloSetting = z.output<typeof monteCarloSettingSchema>;

export const settingFields: Record<string, FieldDoc> = {
  'setting.type': {
    label: 'Setting',
    help: '"gaussian-features": φ_k ~ N(0,1) i.i.d. with a power-law spectrum (exact feature-space MSE); "kernel-data": a kernel on a data set, held-out test points, empirical spectrum of the pool.',
  },
  'setting.modeCount': { label: 'Modes', symbol: 'P', help: 'Number of Gaussian features k = 1..P per point.' },
  'setting.decayExponent': { label: 'Eigenvalue decay', symbol: 'a = 1+α', help: 'λ_k ∝ k^-a, normalised so Σλ_k = 1.' },
  'setting.targetDecayExponent': { label: 'Target decay', symbol: 'b = 1+β', help: 'y_k² ∝ k^-b, normalised so Σy_k² = 1.' },
  ...kernelDataFields,
};

export const trialCountField: FieldDoc = {
  label: 'Datasets per point',
  symbol: 'm',
  help: 'Independent training sets drawn (trialCount); standard errors are over them.',
};

// ---------------------------------------------------------------------------------------------
// GP regression helpers (also used by flow-check)

/** α = (K + ridge·I)⁻¹ y by float64 Cholesky; K (n×n row-major) is not modified. */
export function gpWeights(linalg: LinearAlgebra, K: Float64Array, n: number, ridge: number, y: Float64Array): Float64Array {
  const a = Float64Array.from(K);
  for (let i = 0; i < n; i++) a[i * n + i] += ridge;
  const factor = linalg.cholesky({ rows: n, cols: n, data: a });
  return linalg.choleskySolve(factor, { rows: n, cols: 1, data: y }).data;
}

/**
 * One dataset of Gaussian features: Ψ_μk = √λ_k φ_k(x_μ) (n×P row-major, φ_k(x_μ) ~ N(0,1) drawn
 * in row order from `stream`) and the noiseless targets y_μ = Σ_k y_k φ_k(x_μ).
 */
export function drawGaussianFeatures(stream: RandomStream, n: number, sqrtEigenvalues: Float64Array, targetCoefficients: Float64Array): { psi: Float64Array; y: Float64Array } {
  const P = sqrtEigenvalues.length;
  const psi = new Float64Array(n * P);
  const y = new Float64Array(n);
  for (let mu = 0; mu < n; mu++) {
    const row = stream.fillNormal(psi.subarray(mu * P, (mu + 1) * P));
    let s = 0;
    for (let k = 0; k < P; k++) {
      s += row[k] * targetCoefficients[k];
      row[k] *= sqrtEigenvalues[k];
    }
    y[mu] = s;
  }
  return { psi, y };
}

/** Σ_{a≤k<b} Ψ_μk Ψ_νk (n×n), through linalg.matmul of the column block and its transpose. */
export function blockGram(linalg: LinearAlgebra, psi: Float64Array, n: number, P: number, a: number, b: number): Float64Array {
  const w = b - a;
  const block = a === 0 && b === P ? psi : new Float64Array(n * w);
  const blockT = new Float64Array(w * n);
  for (let mu = 0; mu < n; mu++) {
    for (let k = a; k < b; k++) {
      const v = psi[mu * P + k];
      if (block !== psi) block[mu * w + k - a] = v;
      blockT[(k - a) * n + mu] = v;
    }
  }
  return linalg.matmul({ rows: n, cols: w, data: block }, { rows: w, cols: n, data: blockT }).data;
}

/** Posterior-mean coefficients c_k = √λ_k (Ψᵀα)_k = λ_k (Φᵀα)_k for k < modes (zero beyond). */
export function featureCoefficients(psi: Float64Array, n: number, P: number, sqrtEigenvalues: Float64Array, alpha: Float64Array, modes: number): Float64Array {
  const c = new Float64Array(P);
  for (let mu = 0; mu < n; mu++) {
    const a = alpha[mu];
    const base = mu * P;
    for (let k = 0; k < modes; k++) c[k] += psi[base + k] * a;
  }
  for (let k = 0; k < modes; k++) c[k] *= sqrtEigenvalues[k];
  return c;
}

/** K[idx, idx] of a row-major N×N matrix. */
export function subGram(gram: Float64Array, N: number, idx: Int32Array): Float64Array {
  const n = idx.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = idx[i] * N;
    for (let j = 0; j < n; j++) out[i * n + j] = gram[row + idx[j]];
  }
  return out;
}

/** f(x_t) = Σ_j K(x_t, x_idx_j) α_j for every test point (cross is T×N). */
export function predictTest(cross: Float64Array, T: number, N: number, idx: Int32Array, alpha: Float64Array): Float64Array {
  const f = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    let s = 0;
    for (let j = 0; j < idx.length; j++) s += cross[row + idx[j]] * alpha[j];
    f[t] = s;
  }
  return f;
}

export function meanSquaredError(f: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let t = 0; t < f.length; t++) s += (f[t] - y[t]) ** 2;
  return s / f.length;
}

export const f64 = (data: Float64Array, description: string, shape?: number[]): ArrayResult => ({ dtype: 'float64', shape: shape ?? [data.length], data, description });

export function isIncreasing(v: readonly number[]): boolean {
  return v.every((x, i) => i === 0 || x > v[i - 1]);
}

/** Mean and standard error of merged accumulator states (NaN where there are too few samples). */
export function summarize(states: readonly MeanAccumulatorState[]): { count: number; mean: number; stdErr: number } {
  const acc = new MeanAccumulator();
  for (const s of states) acc.merge(s);
  return { count: acc.count, mean: acc.count > 0 ? acc.mean : NaN, stdErr: acc.count > 1 ? acc.standardError() : NaN };
}

/** Power-law fit over the finite positive points (null with fewer than 2 distinct n). */
export function fitFinite(x: ArrayLike<number>, y: ArrayLike<number>): PowerLawFit | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(y[i]) && y[i] > 0) {
      xs.push(x[i]);
      ys.push(y[i]);
    }
  }
  return new Set(xs).size >= 2 ? fitPowerLaw(xs, ys) : null;
}

/** Work units of one trial (multiply-adds, roughly), for chunk sizing: a function of the spec only. */
export function trialWork(setting: MonteCarloSetting, n: number, extraSolves = 0): number {
  const solves = (1 + extraSolves) * (n ** 3 / 3 + 2 * n * n);
  if (setting.type === 'gaussian-features') return n * setting.modeCount * 30 + n * n * setting.modeCount + solves;
  return solves + n * n + 2 * n * setting.testCount * (1 + extraSolves);
}

export function trialsPerChunk(work: number, trialCount: number): number {
  return Math.max(1, Math.min(MAX_TRIALS_PER_CHUNK, trialCount, Math.floor(CHUNK_WORK / Math.max(work, 1))));
}

// ---------------------------------------------------------------------------------------------
// The kind

const sampleCountsSchema = z
  .array(z.number().int('every sample count must be an integer').min(1, 'every sample count must be ≥ 1').max(4000, 'sample counts above 4000 need too much memory for the dense Cholesky'))
  .min(1, 'sampleCounts needs at least one value')
  .max(64, 'at most 64 sample counts')
  .default([25, 50, 100, 200, 400])
  .refine(isIncreasing, 'sampleCounts must be strictly increasing');

export const learningCurveSchema = z
  .strictObject({
    seed: seedSchema,
    setting: monteCarloSettingSchema.prefault({ type: 'gaussian-features' }),
    ridge: ridgeSchema.default(1e-4),
    learnabilityThreshold: thresholdSchema.default(0.5),
    sampleCounts: sampleCountsSchema,
    trialCount: z.number().int().min(2, 'trialCount must be ≥ 2 (standard errors need two datasets)').max(1_000_000).default(40),
  })
  .superRefine((spec, ctx) => {
    const nMax = spec.sampleCounts[spec.sampleCounts.length - 1];
    if (spec.setting.type === 'gaussian-features' && nMax * spec.setting.modeCount > MAX_FEATURE_ENTRIES) {
      ctx.addIssue({ code: 'custom', path: ['setting', 'modeCount'], message: `n·P = ${nMax}·${spec.setting.modeCount} features per dataset is too large (at most ${MAX_FEATURE_ENTRIES.toExponential(0)})` });
    }
    const work = spec.sampleCounts.reduce((s, n) => s + spec.trialCount * trialWork(spec.setting, n), 0);
    if (work > MAX_RUN_WORK) {
      ctx.addIssue({ code: 'custom', path: ['trialCount'], message: `this run needs ~${work.toExponential(1)} multiply-adds (limit ${MAX_RUN_WORK.toExponential(0)}, hours of compute); lower trialCount, the sample counts or P` });
    }
  });

export type LearningCurveSpec = z.output<typeof learningCurveSchema>;

interface Slot {
  readonly nIndex: number;
  readonly firstTrial: number;
  readonly trials: number;
}

interface LearningCurveShared {
  readonly spectrum: Spectrum;
  readonly sqrtEigenvalues: Float64Array;
  readonly data: Omit<KernelDataShared, 'spectrum'> | null;
  readonly diagnostics: string[];
}

interface LearningCurvePartial {
  readonly nIndex: number;
  readonly attempted: number;
  readonly mse: MeanAccumulatorState;
  readonly failures: number;
  readonly failure: string | null;
}

const layouts = new WeakMap<object, Slot[]>();

/** Chunk c ↔ (index of n, block of trials): blocks of trialsPerChunk(n) trials, in n order. */
function layout(spec: LearningCurveSpec): Slot[] {
  let slots = layouts.get(spec);
  if (slots) return slots;
  slots = [];
  spec.sampleCounts.forEach((n, nIndex) => {
    const size = trialsPerChunk(trialWork(spec.setting, n), spec.trialCount);
    for (let first = 0; first < spec.trialCount; first += size) slots!.push({ nIndex, firstTrial: first, trials: Math.min(size, spec.trialCount - first) });
  });
  layouts.set(spec, slots);
  return slots;
}

function trialMse(spec: LearningCurveSpec, shared: LearningCurveShared, n: number, stream: RandomStream, linalg: LinearAlgebra): number {
  if (shared.data === null) {
    const { eigenvalues, targetCoefficients, residualTargetPower } = shared.spectrum;
    const P = eigenvalues.length;
    const { psi, y } = drawGaussianFeatures(stream, n, shared.sqrtEigenvalues, targetCoefficients);
    const K = blockGram(linalg, psi, n, P, 0, P);
    const alpha = gpWeights(linalg, K, n, spec.ridge, y);
    const c = featureCoefficients(psi, n, P, shared.sqrtEigenvalues, alpha, P);
    let mse = residualTargetPower;
    for (let k = 0; k < P; k++) mse += (c[k] - targetCoefficients[k]) ** 2;
    return mse;
  }
  const d = shared.data;
  const idx = sampleWithoutReplacement(d.poolSize, n, stream);
  const y = Float64Array.from(idx, (i) => d.targetPool[i]);
  const alpha = gpWeights(linalg, subGram(d.gramPool, d.poolSize, idx), n, spec.ridge, y);
  return meanSquaredError(predictTest(d.crossTest, d.testSize, d.poolSize, idx, alpha), d.targetTest);
}

function collect(spec: LearningCurveSpec, partials: readonly (LearningCurvePartial | undefined)[]) {
  const m = spec.sampleCounts.length;
  const states: MeanAccumulatorState[][] = Array.from({ length: m }, () => []);
  const failures = new Array<number>(m).fill(0);
  const failure: (string | null)[] = new Array(m).fill(null);
  for (const p of partials) {
    if (!p) continue;
    states[p.nIndex].push(p.mse);
    failures[p.nIndex] += p.failures;
    failure[p.nIndex] ??= p.failure;
  }
  const stats = states.map(summarize);
  return { stats, failures, failure };
}

export const learningCurvePlan: MonteCarloPlan<LearningCurveSpec, LearningCurveShared, LearningCurvePartial> = {
  heavyPrepare: (spec) => spec.setting.type === 'kernel-data',
  async prepare(spec, ctx) {
    if (spec.setting.type === 'gaussian-features') {
      const spectrum = powerLawSpectrum(spec.setting);
      return { spectrum, sqrtEigenvalues: spectrum.eigenvalues.map(Math.sqrt), data: null, diagnostics: [] };
    }
    const nMax = spec.sampleCounts[spec.sampleCounts.length - 1];
    const { spectrum, ...data } = await prepareKernelData(spec.setting, spec.seed, ctx, { largestSampleCount: nMax, withFeatures: false });
    return { spectrum, sqrtEigenvalues: new Float64Array(0), data, diagnostics: data.diagnostics };
  },
  chunkCount: (spec) => layout(spec).length,
  chunkUnits: (spec, _shared, chunk) => layout(spec)[chunk].trials,
  runChunk(spec, shared, chunk, ctx) {
    const slot = layout(spec)[chunk];
    const n = spec.sampleCounts[slot.nIndex];
    const acc = new MeanAccumulator();
    let failures = 0;
    let failure: string | null = null;
    for (let t = slot.firstTrial; t < slot.firstTrial + slot.trials; t++) {
      const stream = createStream(spec.seed, slot.nIndex * spec.trialCount + t);
      try {
        acc.add(trialMse(spec, shared, n, stream, ctx.linalg));
      } catch (error) {
        if (!(error instanceof NotPositiveDefiniteError)) throw error;
        failures++;
        failure ??= error.message;
      }
    }
    return { nIndex: slot.nIndex, attempted: slot.trials, mse: acc.state(), failures, failure };
  },
  partialMetrics(spec, _shared, partials) {
    const { stats } = collect(spec, partials);
    const fit = fitFinite(spec.sampleCounts, stats.map((s) => s.mean));
    return { completedTrials: stats.reduce((s, x) => s + x.count, 0), exponentExperiment: fit?.exponent ?? null };
  },
  reduce(spec, shared, partials) {
    const m = spec.sampleCounts.length;
    const { stats, failures, failure } = collect(spec, partials);
    const diagnostics = [...shared.diagnostics];
    const done = partials.filter((p) => p !== undefined).length;
    const completedTrials = stats.reduce((s, x) => s + x.count, 0);
    if (done < partials.length) {
      diagnostics.push(`Cancelled: ${done} of ${partials.length} chunks ran; results cover ${completedTrials} of ${m * spec.trialCount} datasets.`);
    }
    const totalFailures = failures.reduce((a, b) => a + b, 0);
    if (done === partials.length && completedTrials === 0 && totalFailures > 0) {
      // Nothing to report but failures: a failed run with the reason, not a "success" of NaNs.
      throw new ExperimentInputError('ridge', `all ${totalFailures} datasets failed: K + σ²I is not positive definite (${failure.find((f) => f)}); use a ridge σ² > 0, or sample counts below the number of modes`);
    }
    spec.sampleCounts.forEach((n, i) => {
      if (failures[i] > 0) diagnostics.push(`n = ${n}: ${failures[i]} dataset(s) skipped, K + σ²I not positive definite (${failure[i]}).`);
      if (stats[i].count === 0) diagnostics.push(`n = ${n}: no completed datasets (NaN).`);
      else if (stats[i].count === 1) diagnostics.push(`n = ${n}: one completed dataset, no standard error (NaN).`);
    });
    const sampleCounts = Float64Array.from(spec.sampleCounts);
    const mean = Float64Array.from(stats, (s) => s.mean);
    const stdErr = Float64Array.from(stats, (s) => s.stdErr);
    const theory = learningCurve({ spectrum: shared.spectrum, ridge: spec.ridge, sampleCounts, learnabilityThreshold: spec.learnabilityThreshold });
    diagnostics.push(...theory.diagnostics);
    const fit = fitFinite(sampleCounts, mean);
    if (!fit && m >= 2) diagnostics.push('experiment: no power-law fit (needs ≥ 2 sample counts with completed datasets).');
    const metrics: Record<string, number | null> = {
      exponentExperiment: fit?.exponent ?? null,
      exponentExperimentStdErr: fit?.exponentStandardError ?? null,
      exponentRg: theory.fits.rg?.exponent ?? null,
      exponentEk: theory.fits.ek?.exponent ?? null,
      exponentEigenlearning: theory.fits.eigenlearning?.exponent ?? null,
      completedTrials,
      modeCount: shared.spectrum.eigenvalues.length,
    };
    if (spec.setting.type === 'gaussian-features' && spec.setting.decayExponent > 1 && spec.setting.targetDecayExponent > 1) {
      const predicted = predictedScalingExponents(spec.setting.decayExponent - 1, spec.setting.targetDecayExponent - 1);
      metrics.predictedExponentRidgeless = predicted.ridgeless;
      metrics.predictedExponentRidgeDominated = predicted.ridgeDominated;
    }
    const nullable = (v: readonly (number | null)[]) => Float64Array.from(v, (x) => (x === null ? NaN : x));
    return {
      metrics,
      arrays: {
        sampleCounts: f64(sampleCounts, 'n'),
        mseMean: f64(mean, 'empirical test MSE, mean over datasets (NaN: no completed dataset)'),
        mseStdErr: f64(stdErr, 'standard error of the mean test MSE over datasets'),
        mseRg: f64(nullable(theory.mseRg), 'RG-improved EK MSE(n) (NaN where the spectrum is too short for κ*)'),
        mseEk: f64(theory.mseEk, 'bare EK MSE(n)'),
        mseEigenlearning: f64(theory.mseEigenlearning, 'eigenlearning MSE(n)'),
        cutoff: f64(nullable(theory.cutoff), 'κ*(n) (NaN where undefined)'),
        trialsCompleted: f64(Float64Array.from(stats, (s) => s.count), 'completed datasets per n'),
      },
      diagnostics,
    };
  },
};

const referenceSetting = { type: 'gaussian-features' as const, modeCount: 4000, decayExponent: 1.5, targetDecayExponent: 1.5 };

export const learningCurveExperiment: ExperimentKind<LearningCurveSpec> = {
  kind: 'learning-curve',
  title: 'Learning curve: exact GP regression (Monte Carlo) vs theory',
  description:
    'Empirical test MSE(n) of the exact GP posterior mean over many datasets per n (mean ± s.e.), beside the RG-improved EK, bare EK and eigenlearning predictions for the same spectrum, with fitted power-law exponents.',
  schema: learningCurveSchema,
  fields: {
    seed: seedField,
    ...settingFields,
    ridge: ridgeField,
    learnabilityThreshold: thresholdField,
    sampleCounts: { label: 'Sample counts', symbol: 'n', help: 'Strictly increasing training-set sizes (integers ≤ 4000; ≤ the training pool for kernel-data).' },
    trialCount: trialCountField,
  },
  presets: [
    {
      name: 'learning-curve-reference-mc',
      title: 'Learning curve at the rg-theory.md §7 reference settings (Monte Carlo)',
      description:
        'Gaussian features, P = 4000, λ_k ∝ k^-1.5, y_k² ∝ k^-1.5 (trace-normalised), σ² = 1e-4, 40 datasets per n, n ∈ {25, 50, 100, 200, 400}. Reproduces the §7 reference MSE(25) = 0.271 ± 0.008, MSE(100) = 0.127 ± 0.002, MSE(400) = 0.0536 ± 0.0004; eigenlearning should track it, bare EK is far below.',
      spec: { seed: 1, setting: referenceSetting, ridge: 1e-4, learnabilityThreshold: 0.5, sampleCounts: [25, 50, 100, 200, 400], trialCount: 40 },
    },
    {
      name: 'learning-curve-mnist',
      title: 'Learning curve of a ReLU NNGP on MNIST parity (Monte Carlo)',
      description:
        'Depth-2 ReLU NNGP (σ_w² = 2, σ_b² = 0) on 1500 MNIST digits 0–9 (pixels in [0,1]), target ±1 for even/odd, 500 held-out test points, pool N = 1000; σ² = 1e-3, 20 datasets per n. Theory curves use the empirical spectrum of the pool (rg-theory.md §6). Runs in well under a minute.',
      spec: {
        seed: 1,
        setting: {
          type: 'kernel-data',
          kernel: { type: 'nngp', activation: 'relu', depth: 2, weightVariance: 2, biasVariance: 0 },
          data: { type: 'mnist', digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], count: 1500, target: 'parity' },
          testCount: 500,
        },
        ridge: 1e-3,
        learnabilityThreshold: 0.5,
        sampleCounts: [10, 20, 40, 80, 160, 320],
        trialCount: 20,
      },
    },
  ],
  metrics: {
    exponentExperiment: 'fitted exponent p of the empirical MSE ∝ n^p',
    exponentExperimentStdErr: 'standard error of that exponent (least squares in log–log)',
    exponentRg: 'fitted exponent p of MSE_RG ∝ n^p',
    exponentEk: 'fitted exponent p of MSE_EK ∝ n^p',
    exponentEigenlearning: 'fitted exponent p of MSE_eigenlearning ∝ n^p',
    predictedExponentRidgeless: 'gaussian-features only: −β (ridgeless)',
    predictedExponentRidgeDominated: 'gaussian-features only: −β/(1+α) (ridge-dominated)',
    completedTrials: 'datasets completed over all n',
    modeCount: 'P (gaussian-features) or N (modes of the pool spectrum)',
  },
  monteCarlo: learningCurvePlan,
  run: (spec: LearningCurveSpec, ctx: ExperimentContext): Promise<ExperimentResult> => runMonteCarloInProcess(learningCurvePlan, spec, ctx),
};
