/**
 * `flow-check`: on the same datasets, the GP posterior mean of the full kernel at ridge σ² against
 * that of the truncated kernel K_κ = Σ_{k≤κ} λ_k φ_k φ_k' at the renormalised ridge
 * σ²(κ) = σ² + Σ_{k>κ} λ_k, for a list of cutoffs κ (rg-theory.md §3, §7 "Flow check").
 *
 * relativeDistance(κ) = ‖f̄_full − f̄_κ‖ / ‖f̄_full‖, f̄ = the predictor averaged over the datasets:
 * - `gaussian-features`: in feature space (the φ_k are orthonormal under the test measure, so the
 *   L2 norm is the Euclidean norm of the coefficient vectors c_k);
 * - `kernel-data`: over the held-out test points; the pool's empirical eigen-features
 *   φ_k(x_μ) = √N V_μk give K_κ on pool points, and at a test point
 *   λ̂_k φ_k(x) = (1/N) Σ_μ K(x, x_μ) φ_k(x_μ) (Nyström), so κ = N reproduces the full kernel.
 * relativeDistanceStdErr: delete-one-chunk jackknife over the chunks (blocks of datasets).
 * mseFull / mseTruncated: per-dataset test MSE averaged over datasets (mseFull repeated per κ).
 * The flow should hold (small distance) while the removed modes are unlearnable and Gaussian.
 * Dataset t draws all its randomness from createStream(seed, t).
 */
import { z } from 'zod';
import type { LinearAlgebra } from '../science/linalg/types';
import { NotPositiveDefiniteError } from '../science/linalg/types';
import { createStream } from '../science/random/stream';
import { integratedSpectralMass, learnabilityCutoff, SpectrumTooShortError } from '../science/rg/flow';
import { powerLawSpectrum } from '../science/spectra/power-law';
import type { Spectrum } from '../science/spectra/types';
import { MeanAccumulator, type MeanAccumulatorState } from '../science/stats/accumulator';
import { sampleWithoutReplacement } from './datasets';
import { prepareKernelData, type KernelDataShared } from './kernel-data';
import { ridgeField, sampleCountField, seedField, thresholdField } from './fields';
import {
  blockGram,
  drawGaussianFeatures,
  f64,
  featureCoefficients,
  gpWeights,
  isIncreasing,
  MAX_FEATURE_ENTRIES,
  MAX_RUN_WORK,
  meanSquaredError,
  monteCarloSettingSchema,
  predictTest,
  settingFields,
  subGram,
  summarize,
  trialCountField,
  trialsPerChunk,
  trialWork,
} from './learning-curve';
import { runMonteCarloInProcess } from './monte-carlo';
import { ridgeSchema, seedSchema, thresholdSchema } from './schemas';
import { ExperimentInputError, type ExperimentKind, type MonteCarloPlan } from './types';

export const flowCheckSchema = z
  .strictObject({
    seed: seedSchema,
    setting: monteCarloSettingSchema.prefault({ type: 'gaussian-features' }),
    ridge: ridgeSchema.default(1e-4),
    sampleCount: z.number().int().min(1, 'sampleCount must be ≥ 1').max(4000, 'sampleCount above 4000 needs too much memory for the dense Cholesky').default(100),
    trialCount: z.number().int().min(2, 'trialCount must be ≥ 2').max(1_000_000).default(40),
    cutoffs: z
      .array(z.number().int('cutoffs are mode counts (integers)').min(0, 'cutoffs must be ≥ 0'))
      .min(1)
      .max(100, 'at most 100 cutoffs')
      .default([5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560])
      .refine(isIncreasing, 'cutoffs must be strictly increasing'),
    learnabilityThreshold: thresholdSchema.default(0.5),
  })
  .superRefine((spec, ctx) => {
    const kMax = spec.cutoffs[spec.cutoffs.length - 1];
    if (spec.setting.type === 'gaussian-features') {
      if (kMax > spec.setting.modeCount) ctx.addIssue({ code: 'custom', path: ['cutoffs'], message: `cutoff ${kMax} exceeds the number of modes P = ${spec.setting.modeCount}` });
      if (spec.sampleCount * spec.setting.modeCount > MAX_FEATURE_ENTRIES) {
        ctx.addIssue({ code: 'custom', path: ['setting', 'modeCount'], message: `n·P = ${spec.sampleCount}·${spec.setting.modeCount} features per dataset is too large (at most ${MAX_FEATURE_ENTRIES.toExponential(0)})` });
      }
    }
    const work = spec.trialCount * trialWork(spec.setting, spec.sampleCount, spec.cutoffs.length);
    if (work > MAX_RUN_WORK) {
      ctx.addIssue({ code: 'custom', path: ['trialCount'], message: `this run needs ~${work.toExponential(1)} multiply-adds (limit ${MAX_RUN_WORK.toExponential(0)}); lower trialCount, sampleCount, the cutoffs or P` });
    }
  });

export type FlowCheckSpec = z.output<typeof flowCheckSchema>;

interface FlowCheckShared {
  readonly spectrum: Spectrum;
  readonly sqrtEigenvalues: Float64Array;
  /** Σ_{k>κ} λ_k for κ = 0..P. */
  readonly tailMass: Float64Array;
  readonly data: (Omit<KernelDataShared, 'spectrum' | 'features'> & { readonly features: Float64Array; readonly testFeatures: Float64Array }) | null;
  readonly diagnostics: string[];
}

interface FlowCheckPartial {
  readonly trials: number;
  /** Σ over the chunk's datasets of the full predictor (V values: P coefficients or T test points). */
  readonly sumFull: Float64Array;
  /** Same for each cutoff, K×V row-major. */
  readonly sumTruncated: Float64Array;
  readonly mseFull: MeanAccumulatorState;
  readonly mseTruncated: MeanAccumulatorState[];
  readonly failures: number;
  readonly failure: string | null;
}

function chunkSize(spec: FlowCheckSpec): number {
  // At least ~10 chunks when trials allow, so the jackknife has groups to work with.
  return Math.min(trialsPerChunk(trialWork(spec.setting, spec.sampleCount, spec.cutoffs.length), spec.trialCount), Math.max(1, Math.ceil(spec.trialCount / 10)));
}

/** Predictors of one dataset: full, then one per cutoff; and their MSEs. */
function flowTrial(spec: FlowCheckSpec, shared: FlowCheckShared, t: number, linalg: LinearAlgebra) {
  const n = spec.sampleCount;
  const stream = createStream(spec.seed, t);
  const P = shared.spectrum.eigenvalues.length;
  const { tailMass, sqrtEigenvalues } = shared;
  const truncated: Float64Array[] = [];
  const mseTruncated: number[] = [];
  if (shared.data === null) {
    const y = shared.spectrum.targetCoefficients;
    const draw = drawGaussianFeatures(stream, n, sqrtEigenvalues, y);
    const K = new Float64Array(n * n);
    let built = 0;
    const mse = (c: Float64Array) => {
      let s = shared.spectrum.residualTargetPower;
      for (let k = 0; k < P; k++) s += (c[k] - y[k]) ** 2;
      return s;
    };
    for (const kappa of [...spec.cutoffs, P]) {
      if (kappa > built) {
        const block = blockGram(linalg, draw.psi, n, P, built, kappa);
        for (let i = 0; i < K.length; i++) K[i] += block[i];
        built = kappa;
      }
      const alpha = gpWeights(linalg, K, n, spec.ridge + tailMass[kappa], draw.y);
      const c = featureCoefficients(draw.psi, n, P, sqrtEigenvalues, alpha, kappa);
      truncated.push(c);
      mseTruncated.push(mse(c));
    }
    const full = truncated.pop()!;
    return { full, mseFull: mseTruncated.pop()!, truncated, mseTruncated };
  }
  const d = shared.data;
  const N = d.poolSize;
  const T = d.testSize;
  const idx = sampleWithoutReplacement(N, n, stream);
  const y = Float64Array.from(idx, (i) => d.targetPool[i]);
  const alphaFull = gpWeights(linalg, subGram(d.gramPool, N, idx), n, spec.ridge, y);
  const full = predictTest(d.crossTest, T, N, idx, alphaFull);
  // Ψ_μk = √λ̂_k φ_k(x_idx_μ) for the training points (n×N).
  const psi = new Float64Array(n * N);
  for (let mu = 0; mu < n; mu++) {
    const row = idx[mu] * N;
    for (let k = 0; k < N; k++) psi[mu * N + k] = sqrtEigenvalues[k] * d.features[row + k];
  }
  const K = new Float64Array(n * n);
  let built = 0;
  for (const kappa of spec.cutoffs) {
    if (kappa > built) {
      const block = blockGram(linalg, psi, n, N, built, kappa);
      for (let i = 0; i < K.length; i++) K[i] += block[i];
      built = kappa;
    }
    const alpha = gpWeights(linalg, K, n, spec.ridge + tailMass[kappa], y);
    // g_k = Σ_μ φ_k(x_μ) α_μ, then f(x_t) = Σ_{k<κ} [λ̂_k φ_k(x_t)] g_k.
    const g = new Float64Array(kappa);
    for (let mu = 0; mu < n; mu++) {
      const row = idx[mu] * N;
      for (let k = 0; k < kappa; k++) g[k] += d.features[row + k] * alpha[mu];
    }
    const f = new Float64Array(T);
    for (let t2 = 0; t2 < T; t2++) {
      let s = 0;
      const row = t2 * N;
      for (let k = 0; k < kappa; k++) s += d.testFeatures[row + k] * g[k];
      f[t2] = s;
    }
    truncated.push(f);
    mseTruncated.push(meanSquaredError(f, d.targetTest));
  }
  return { full, mseFull: meanSquaredError(full, d.targetTest), truncated, mseTruncated };
}

function distance(full: Float64Array, trunc: Float64Array, offset: number, V: number, count: number): number {
  let num = 0;
  let den = 0;
  for (let v = 0; v < V; v++) {
    const a = full[v] / count;
    const b = trunc[offset + v] / count;
    num += (a - b) ** 2;
    den += a * a;
  }
  return den > 0 ? Math.sqrt(num / den) : NaN;
}

export const flowCheckPlan: MonteCarloPlan<FlowCheckSpec, FlowCheckShared, FlowCheckPartial> = {
  heavyPrepare: (spec) => spec.setting.type === 'kernel-data',
  async prepare(spec, ctx) {
    if (spec.setting.type === 'gaussian-features') {
      const spectrum = powerLawSpectrum(spec.setting);
      return { spectrum, sqrtEigenvalues: spectrum.eigenvalues.map(Math.sqrt), tailMass: integratedSpectralMass(spectrum.eigenvalues), data: null, diagnostics: [] };
    }
    const { spectrum, features, ...rest } = await prepareKernelData(spec.setting, spec.seed, ctx, { largestSampleCount: spec.sampleCount, withFeatures: true });
    const N = rest.poolSize;
    const kMax = spec.cutoffs[spec.cutoffs.length - 1];
    if (kMax > N) throw new ExperimentInputError('cutoffs', `cutoff ${kMax} exceeds the ${N} eigen-features of the training pool`);
    // λ̂_k φ_k(x_t) = (1/N) Σ_μ K(x_t, x_μ) φ_k(x_μ): T×N.
    const testFeatures = ctx.linalg.matmul({ rows: rest.testSize, cols: N, data: rest.crossTest }, { rows: N, cols: N, data: features! }).data;
    for (let i = 0; i < testFeatures.length; i++) testFeatures[i] /= N;
    return {
      spectrum,
      sqrtEigenvalues: spectrum.eigenvalues.map(Math.sqrt),
      tailMass: integratedSpectralMass(spectrum.eigenvalues),
      data: { ...rest, features: features!, testFeatures },
      diagnostics: rest.diagnostics,
    };
  },
  chunkCount: (spec) => Math.ceil(spec.trialCount / chunkSize(spec)),
  chunkUnits: (spec, _shared, chunk) => Math.min(chunkSize(spec), spec.trialCount - chunk * chunkSize(spec)),
  runChunk(spec, shared, chunk, ctx) {
    const size = chunkSize(spec);
    const first = chunk * size;
    const last = Math.min(spec.trialCount, first + size);
    const K = spec.cutoffs.length;
    const V = shared.data === null ? shared.spectrum.eigenvalues.length : shared.data.testSize;
    const sumFull = new Float64Array(V);
    const sumTruncated = new Float64Array(K * V);
    const mseFull = new MeanAccumulator();
    const mseTruncated = Array.from({ length: K }, () => new MeanAccumulator());
    let trials = 0;
    let failures = 0;
    let failure: string | null = null;
    for (let t = first; t < last; t++) {
      let result;
      try {
        result = flowTrial(spec, shared, t, ctx.linalg);
      } catch (error) {
        if (!(error instanceof NotPositiveDefiniteError)) throw error;
        failures++;
        failure ??= error.message;
        continue;
      }
      trials++;
      for (let v = 0; v < V; v++) sumFull[v] += result.full[v];
      for (let j = 0; j < K; j++) {
        const row = result.truncated[j];
        for (let v = 0; v < V; v++) sumTruncated[j * V + v] += row[v];
        mseTruncated[j].add(result.mseTruncated[j]);
      }
      mseFull.add(result.mseFull);
    }
    return { trials, sumFull, sumTruncated, mseFull: mseFull.state(), mseTruncated: mseTruncated.map((a) => a.state()), failures, failure };
  },
  partialMetrics(_spec, _shared, partials) {
    const done = partials.filter((p): p is FlowCheckPartial => p !== undefined);
    const mse = summarize(done.map((p) => p.mseFull));
    return { completedTrials: mse.count, mseFull: mse.count > 0 ? mse.mean : null };
  },
  reduce(spec, shared, partials) {
    const K = spec.cutoffs.length;
    const V = shared.data === null ? shared.spectrum.eigenvalues.length : shared.data.testSize;
    const done = partials.filter((p): p is FlowCheckPartial => p !== undefined && p.trials > 0);
    const diagnostics = [...shared.diagnostics];
    const total = done.reduce((s, p) => s + p.trials, 0);
    const ran = partials.filter((p) => p !== undefined).length;
    if (ran < partials.length) diagnostics.push(`Cancelled: ${ran} of ${partials.length} chunks ran; results cover ${total} of ${spec.trialCount} datasets.`);
    const failures = partials.reduce((s, p) => s + (p?.failures ?? 0), 0);
    if (ran === partials.length && total === 0 && failures > 0) {
      throw new ExperimentInputError('ridge', `all ${failures} datasets failed: a kernel matrix plus ridge was not positive definite (${partials.find((p) => p?.failure)?.failure}); use a ridge σ² > 0, or a sample count below the number of modes`);
    }
    if (failures > 0) diagnostics.push(`${failures} dataset(s) skipped: a kernel matrix plus ridge was not positive definite (${partials.find((p) => p?.failure)?.failure}).`);
    const sumFull = new Float64Array(V);
    const sumTruncated = new Float64Array(K * V);
    for (const p of done) {
      for (let v = 0; v < V; v++) sumFull[v] += p.sumFull[v];
      for (let i = 0; i < K * V; i++) sumTruncated[i] += p.sumTruncated[i];
    }
    const relativeDistance = new Float64Array(K).fill(NaN);
    const relativeDistanceStdErr = new Float64Array(K).fill(NaN);
    if (total > 0) for (let j = 0; j < K; j++) relativeDistance[j] = distance(sumFull, sumTruncated, j * V, V, total);
    // Delete-one-chunk jackknife: se² = (G−1)/G Σ_g (D_(g) − D̄)².
    const G = done.length;
    if (G >= 2) {
      const leaveFull = new Float64Array(V);
      const leaveTrunc = new Float64Array(V);
      const replicates = Array.from({ length: K }, () => new Float64Array(G));
      done.forEach((p, g) => {
        for (let v = 0; v < V; v++) leaveFull[v] = sumFull[v] - p.sumFull[v];
        for (let j = 0; j < K; j++) {
          for (let v = 0; v < V; v++) leaveTrunc[v] = sumTruncated[j * V + v] - p.sumTruncated[j * V + v];
          replicates[j][g] = distance(leaveFull, leaveTrunc, 0, V, total - p.trials);
        }
      });
      for (let j = 0; j < K; j++) {
        const r = replicates[j];
        const mean = r.reduce((s, x) => s + x, 0) / G;
        relativeDistanceStdErr[j] = Math.sqrt(((G - 1) / G) * r.reduce((s, x) => s + (x - mean) ** 2, 0));
      }
    } else if (total > 0) {
      diagnostics.push('relativeDistanceStdErr: needs datasets from at least 2 chunks for the jackknife (NaN).');
    }
    const full = summarize(done.map((p) => p.mseFull));
    const trunc = Array.from({ length: K }, (_, j) => summarize(done.map((p) => p.mseTruncated[j])));

    let kappaStar: number | null = null;
    try {
      kappaStar = learnabilityCutoff({ eigenvalues: shared.spectrum.eigenvalues, ridge: spec.ridge, sampleCount: spec.sampleCount, learnabilityThreshold: spec.learnabilityThreshold }).cutoff;
    } catch (error) {
      if (!(error instanceof SpectrumTooShortError)) throw error;
      diagnostics.push(`κ*: ${error.message}`);
    }
    let maxAbove: number | null = null;
    if (kappaStar !== null) {
      spec.cutoffs.forEach((kappa, j) => {
        if (kappa >= 2 * kappaStar! && Number.isFinite(relativeDistance[j])) maxAbove = Math.max(maxAbove ?? 0, relativeDistance[j]);
      });
      if (maxAbove === null) diagnostics.push(`No cutoff κ ≥ 2κ* = ${2 * kappaStar}: add larger cutoffs to see where the flow holds.`);
    }
    if (total > 0 && total < 10) diagnostics.push(`Only ${total} datasets: the averaged predictors are noisy and the distance is biased upward by Monte-Carlo noise.`);
    return {
      metrics: {
        cutoff: kappaStar,
        mseFull: full.count > 0 ? full.mean : null,
        mseFullStdErr: full.count > 1 ? full.stdErr : null,
        maxRelativeDistanceAboveCutoff: maxAbove,
        completedTrials: total,
        modeCount: shared.spectrum.eigenvalues.length,
      },
      arrays: {
        cutoffs: f64(Float64Array.from(spec.cutoffs), 'κ: modes kept by the truncated kernel'),
        relativeDistance: f64(relativeDistance, '‖f̄_full − f̄_κ‖/‖f̄_full‖ of the dataset-averaged predictors'),
        relativeDistanceStdErr: f64(relativeDistanceStdErr, 'delete-one-chunk jackknife standard error of relativeDistance'),
        mseFull: f64(new Float64Array(K).fill(full.mean), 'test MSE of the full kernel at σ² (same for every κ)'),
        mseTruncated: f64(Float64Array.from(trunc, (s) => s.mean), 'test MSE of K_κ at σ² + Σ_{k>κ} λ_k'),
        mseFullStdErr: f64(new Float64Array(K).fill(full.stdErr), 'standard error of mseFull'),
        mseTruncatedStdErr: f64(Float64Array.from(trunc, (s) => s.stdErr), 'standard error of mseTruncated'),
        renormalizedRidge: f64(Float64Array.from(spec.cutoffs, (kappa) => spec.ridge + shared.tailMass[kappa]), 'σ² + Σ_{k>κ} λ_k per cutoff'),
      },
      diagnostics,
    };
  },
};

export const flowCheckExperiment: ExperimentKind<FlowCheckSpec> = {
  kind: 'flow-check',
  title: 'Flow check: full kernel vs truncated kernel at the renormalised ridge',
  description:
    'On the same datasets, compares the GP predictor of the full kernel at σ² with that of the kernel truncated to κ modes at σ² + Σ_{k>κ} λ_k: relative L2 distance of the dataset-averaged predictors and both test MSEs, as a function of κ.',
  schema: flowCheckSchema,
  fields: {
    seed: seedField,
    ...settingFields,
    ridge: ridgeField,
    sampleCount: sampleCountField,
    trialCount: trialCountField,
    cutoffs: { label: 'Cutoffs', symbol: 'κ', help: 'Strictly increasing numbers of kept modes (≤ P, or ≤ the pool size N for kernel-data).' },
    learnabilityThreshold: { ...thresholdField, help: `${thresholdField.help} Used only for the κ* marker.` },
  },
  presets: [
    {
      name: 'flow-check-gaussian',
      title: 'Flow check on Gaussian features (power law, σ² = 1e-4, n = 100)',
      description:
        'Gaussian features, P = 4000, λ_k ∝ k^-1.5, y_k² ∝ k^-1.5, σ² = 1e-4, n = 100, 40 datasets. The universal flow (rg-theory.md §3) should hold: small distance for κ well above κ* (≈ 60 here), growing as κ enters the learnable modes.',
      spec: {
        seed: 1,
        setting: { type: 'gaussian-features', modeCount: 4000, decayExponent: 1.5, targetDecayExponent: 1.5 },
        ridge: 1e-4,
        sampleCount: 100,
        trialCount: 40,
        cutoffs: [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 4000],
        learnabilityThreshold: 0.5,
      },
    },
    {
      name: 'flow-check-mnist',
      title: 'Flow check of a ReLU NNGP on MNIST parity (empirical eigen-features)',
      description:
        'Depth-2 ReLU NNGP on 1500 MNIST digits 0–9, ±1 parity target, 500 held-out test points, pool N = 1000 whose eigen-features define K_κ (Nyström at test points), σ² = 1e-3, n = 100, 40 datasets. Non-Gaussian features show where the universal flow fails (rg-theory.md §4, §7).',
      spec: {
        seed: 1,
        setting: {
          type: 'kernel-data',
          kernel: { type: 'nngp', activation: 'relu', depth: 2, weightVariance: 2, biasVariance: 0 },
          data: { type: 'mnist', digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], count: 1500, target: 'parity' },
          testCount: 500,
        },
        ridge: 1e-3,
        sampleCount: 100,
        trialCount: 40,
        cutoffs: [5, 10, 20, 50, 100, 200, 400, 700, 1000],
        learnabilityThreshold: 0.5,
      },
    },
  ],
  metrics: {
    cutoff: 'κ* of the flow at n (threshold T), for reference',
    mseFull: 'test MSE of the full kernel at σ², mean over datasets',
    mseFullStdErr: 'its standard error',
    maxRelativeDistanceAboveCutoff: 'largest relative distance over the cutoffs κ ≥ 2κ* (small when the flow holds)',
    completedTrials: 'datasets completed',
    modeCount: 'P (gaussian-features) or N (pool eigen-features)',
  },
  monteCarlo: flowCheckPlan,
  run: (spec, ctx) => runMonteCarloInProcess(flowCheckPlan, spec, ctx),
};
