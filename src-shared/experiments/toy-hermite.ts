/**
 * `toy-hermite`: the Monte Carlo of the talk's Figure 3 (rg-theory.md §5, §7 "Toy model").
 *
 * Per dataset D = {x_μ}, μ = 1..n, x_μ ~ N(0,1) i.i.d., features Φ = [He₁, He₂](x_μ), target
 * y = He₅(x_μ) (He₁ = x, He₂ = x² − 1, He₅ = x⁵ − 10x³ + 15x), the exact posterior mean of the
 * rank-2 kernel K = λ₁He₁He₁' + λ₂He₂He₂' at ridge σ² is f̄_D = c₁He₁ + c₂He₂ with (Woodbury)
 *
 *     c = (ΦᵀΦ + σ² diag(1/λ₁, 1/λ₂))⁻¹ Φᵀy.
 *
 * Every entry is a power sum S_k = Σ_μ x_μᵏ (k ≤ 7), so no per-point arrays are kept:
 *     A₁₁ = S₂,  A₁₂ = S₃ − S₁,  A₂₂ = S₄ − 2S₂ + n,
 *     b₁ = S₆ − 10S₄ + 15S₂,  b₂ = S₇ − 11S₅ + 25S₃ − 15S₁.
 * The 2×2 solve is done in the scaled form c = (ΛA + σ²I)⁻¹Λb, Λ = diag(λ₁, λ₂):
 *     G₁₁ = λ₁A₁₁ + σ²,  G₂₂ = λ₂A₂₂ + σ²,  det = G₁₁G₂₂ − λ₁λ₂A₁₂²  (≥ σ⁴ > 0),
 *     c₁ = λ₁(G₂₂b₁ − λ₂A₁₂b₂)/det,  c₂ = λ₂(G₁₁b₂ − λ₁A₁₂b₁)/det,
 * which has no 1/λ₂ and is well conditioned for every λ₂ ≥ 0. λ₂ = 0 drops mode 2 entirely:
 * c₁ = λ₁b₁/(λ₁S₂ + σ²), c₂ ≡ 0 (S₃, S₅, S₇ unused).
 *
 * Averaged over m datasets, ā = E[c₁] is the slope of the average predictor a·x (EK theory: 0;
 * the input-dependent ridge of §4 makes it ≈ −5·10⁻³ at the defaults) and b = E[c₂] = 0 by parity.
 * Randomness: trial t draws its n normals from its own generator seeded by the Philox stream
 * (seed, t) (science/random/trial-normals), so the numbers do not depend on threads or chunking.
 * Chunks of TOY_HERMITE_CHUNK_TRIALS trials accumulate Σc, Σccᵀ in float64 with Kahan–Neumaier
 * compensation, and are reduced in chunk order.
 */
import { z } from 'zod';
import { TrialNormalGenerator } from '../science/random/trial-normals';
import { NeumaierSum } from '../science/stats/summation';
import { toyTheory } from '../science/theory';
import { ridgeField, sampleCountField, seedField } from './fields';
import { runMonteCarloInProcess } from './monte-carlo';
import { positiveRidgeSchema, seedSchema } from './schemas';
import { reportedReweighted, toyTheoryDiagnostics } from './toy-theory';
import type { ExperimentKind, ExperimentResult, MonteCarloPlan } from './types';

export const toyHermiteSchema = z.strictObject({
  seed: seedSchema,
  /** m: number of datasets. */
  trialCount: z.number().int('trialCount must be an integer').min(1, 'trialCount must be ≥ 1').max(1e9).default(100_000),
  sampleCount: z.number().int('sampleCount must be an integer').min(1, 'sampleCount must be ≥ 1').max(100_000).default(100),
  ridge: positiveRidgeSchema.default(400),
  lambda1: z.number().gt(0, 'lambda1 must be > 0').finite().default(1),
  lambda2: z.number().min(0, 'lambda2 must be ≥ 0').finite().default(0.1),
  xMax: z.number().gt(0).max(50).default(3),
  gridPoints: z.number().int().min(2).max(10_001).default(121),
});

export type ToyHermiteSpec = z.output<typeof toyHermiteSchema>;

/** The model parameters a single trial needs. */
export interface ToyHermiteParams {
  /** σ² > 0. */
  readonly ridge: number;
  /** λ₁ > 0. */
  readonly lambda1: number;
  /** λ₂ ≥ 0; 0 drops mode 2 (c₂ ≡ 0). */
  readonly lambda2: number;
}

/**
 * Per-chunk partial sums, float64 with Kahan–Neumaier compensation, in trial order:
 * sum = [Σc₁, Σc₂], sumSquares = [Σc₁², Σc₁c₂, Σc₂²]. Produced by every toy-hermite runner
 * (CPU workers, tensor backends), reduced in chunk order by `toyHermitePlan.reduce`.
 */
export interface ToyHermitePartial {
  trials: number;
  sum: Float64Array;
  sumSquares: Float64Array;
}

/** Trials per chunk at n ≤ 100 (≈ 15 ms on one core); fewer for larger n so a chunk stays short. */
export const TOY_HERMITE_CHUNK_TRIALS = 20_000;

/** Trials per chunk: a function of the spec only (trials × n ≤ 2·10⁶ normals). */
export function toyHermiteChunkTrials(spec: Pick<ToyHermiteSpec, 'sampleCount'>): number {
  return Math.max(1, Math.min(TOY_HERMITE_CHUNK_TRIALS, Math.floor((TOY_HERMITE_CHUNK_TRIALS * 100) / spec.sampleCount)));
}

/** Number of chunks of a spec. */
export function toyHermiteChunkCount(spec: Pick<ToyHermiteSpec, 'trialCount' | 'sampleCount'>): number {
  return Math.ceil(spec.trialCount / toyHermiteChunkTrials(spec));
}

/** Trials [first, first + count) of chunk `chunk`. */
export function toyHermiteChunkRange(spec: Pick<ToyHermiteSpec, 'trialCount' | 'sampleCount'>, chunk: number): { first: number; count: number } {
  const size = toyHermiteChunkTrials(spec);
  const first = chunk * size;
  return { first, count: Math.max(0, Math.min(size, spec.trialCount - first)) };
}

/**
 * Power sums out[k] = Σ_μ x_μᵏ for k = 0..7 of x[0..n) (out[0] = n). `out` needs length ≥ 8.
 * One pass, plain left-to-right sums (the order is part of the definition of a trial's result).
 */
export function toyPowerSums(x: Float64Array, n: number, out: Float64Array): Float64Array {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  for (let k = 0; k < n; k++) {
    const v = x[k];
    const v2 = v * v;
    const v3 = v2 * v;
    const v4 = v2 * v2;
    s1 += v;
    s2 += v2;
    s3 += v3;
    s4 += v4;
    s5 += v4 * v;
    s6 += v3 * v3;
    s7 += v4 * v3;
  }
  out[0] = n;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
  out[4] = s4;
  out[5] = s5;
  out[6] = s6;
  out[7] = s7;
  return out;
}

/**
 * c = (c₁, c₂) of one dataset from its power sums S₀..S₇ (S₀ = n), by the closed-form scaled 2×2
 * solve in the module doc. λ₂ = 0: c₁ = λ₁b₁/(λ₁S₂ + σ²), c₂ = 0 (odd sums unused).
 */
export function toyHermiteSolve(powerSums: ArrayLike<number>, params: ToyHermiteParams, out: Float64Array = new Float64Array(2)): Float64Array {
  const { ridge, lambda1, lambda2 } = params;
  const n = powerSums[0];
  const s2 = powerSums[2];
  const s4 = powerSums[4];
  const s6 = powerSums[6];
  const b1 = s6 - 10 * s4 + 15 * s2;
  const g11 = lambda1 * s2 + ridge;
  if (lambda2 === 0) {
    out[0] = (lambda1 * b1) / g11;
    out[1] = 0;
    return out;
  }
  const s1 = powerSums[1];
  const s3 = powerSums[3];
  const s5 = powerSums[5];
  const s7 = powerSums[7];
  const a12 = s3 - s1;
  const a22 = s4 - 2 * s2 + n;
  const b2 = s7 - 11 * s5 + 25 * s3 - 15 * s1;
  const g22 = lambda2 * a22 + ridge;
  const det = g11 * g22 - lambda1 * lambda2 * a12 * a12;
  out[0] = (lambda1 * (g22 * b1 - lambda2 * a12 * b2)) / det;
  out[1] = (lambda2 * (g11 * b2 - lambda1 * a12 * b1)) / det;
  return out;
}

/**
 * One dataset: x is either the n inputs x_μ (Float64Array) or their power sums
 * { powerSums: [S₀..S₇] }. Returns [c₁, c₂] (c₂ = 0 when λ₂ = 0).
 */
export function toyHermiteTrial(
  x: Float64Array | { readonly powerSums: ArrayLike<number> },
  params: ToyHermiteParams,
  out: Float64Array = new Float64Array(2),
): Float64Array {
  const sums = x instanceof Float64Array ? toyPowerSums(x, x.length, new Float64Array(8)) : x.powerSums;
  return toyHermiteSolve(sums, params, out);
}

/**
 * Runs trials [first, first + count) and returns their partial sums. The CPU chunk kernel:
 * no allocation per trial; trial t's inputs are the first n normals of
 * TrialNormalGenerator(seed).reset(t), reduced to power sums while they are drawn
 * (`sumNormalPowers`, bit-identical to `toyPowerSums` of the filled array).
 */
export function toyHermiteTrials(spec: ToyHermiteSpec, first: number, count: number): ToyHermitePartial {
  const n = spec.sampleCount;
  const generator = new TrialNormalGenerator(spec.seed);
  const sums = new Float64Array(8);
  const c = new Float64Array(2);
  const dropMode2 = spec.lambda2 === 0;
  const s1 = new NeumaierSum();
  const s2 = new NeumaierSum();
  const s11 = new NeumaierSum();
  const s12 = new NeumaierSum();
  const s22 = new NeumaierSum();
  for (let t = first; t < first + count; t++) {
    generator.reset(t).sumNormalPowers(n, sums);
    toyHermiteSolve(sums, spec, c);
    const c1 = c[0];
    const c2 = c[1];
    if (!Number.isFinite(c1) || !Number.isFinite(c2)) {
      throw new Error(`toy-hermite: trial ${t} gave a non-finite coefficient (c₁ = ${c1}, c₂ = ${c2})`);
    }
    s1.add(c1);
    s11.add(c1 * c1);
    if (!dropMode2) {
      s2.add(c2);
      s12.add(c1 * c2);
      s22.add(c2 * c2);
    }
  }
  return {
    trials: count,
    sum: Float64Array.of(s1.value, s2.value),
    sumSquares: Float64Array.of(s11.value, s12.value, s22.value),
  };
}

/** Mean and covariance of (c₁, c₂) from the completed partials (summed in chunk order). */
export interface ToyHermiteMoments {
  readonly trials: number;
  readonly a: number | null;
  readonly b: number | null;
  /** Sample variances / covariance of c₁, c₂ per trial (ddof = 1); null below 2 trials. */
  readonly varA: number | null;
  readonly varB: number | null;
  readonly covAB: number | null;
}

export function toyHermiteMoments(partials: readonly (ToyHermitePartial | undefined)[]): ToyHermiteMoments {
  let trials = 0;
  const sum1 = new NeumaierSum();
  const sum2 = new NeumaierSum();
  const sum11 = new NeumaierSum();
  const sum12 = new NeumaierSum();
  const sum22 = new NeumaierSum();
  for (const p of partials) {
    if (!p) continue;
    trials += p.trials;
    sum1.add(p.sum[0]);
    sum2.add(p.sum[1]);
    sum11.add(p.sumSquares[0]);
    sum12.add(p.sumSquares[1]);
    sum22.add(p.sumSquares[2]);
  }
  if (trials === 0) return { trials, a: null, b: null, varA: null, varB: null, covAB: null };
  const a = sum1.value / trials;
  const b = sum2.value / trials;
  if (trials < 2) return { trials, a, b, varA: null, varB: null, covAB: null };
  // Σ(c − c̄)(c − c̄)ᵀ = Σccᵀ − m c̄c̄ᵀ; no cancellation here (Var c₁ ≈ 0.4 ≫ ā² ≈ 3·10⁻⁵).
  const varA = Math.max(0, (sum11.value - trials * a * a) / (trials - 1));
  const varB = Math.max(0, (sum22.value - trials * b * b) / (trials - 1));
  const covAB = (sum12.value - trials * a * b) / (trials - 1);
  return { trials, a, b, varA, varB, covAB };
}

const stdErr = (variance: number | null, trials: number) => (variance === null ? null : Math.sqrt(variance / trials));

function hermite2(x: number): number {
  return x * x - 1;
}

/** The Monte-Carlo plan: no shared setup; chunks of trials; reduce in chunk order. */
export const toyHermitePlan: MonteCarloPlan<ToyHermiteSpec, null, ToyHermitePartial> = {
  prepare: () => null,
  chunkCount: (spec) => toyHermiteChunkCount(spec),
  chunkUnits: (spec, _shared, chunk) => toyHermiteChunkRange(spec, chunk).count,
  runChunk(spec, _shared, chunk) {
    const { first, count } = toyHermiteChunkRange(spec, chunk);
    return toyHermiteTrials(spec, first, count);
  },
  partialMetrics(spec, _shared, partials) {
    const m = toyHermiteMoments(partials);
    const mode2 = spec.lambda2 !== 0;
    return {
      a: m.a,
      aStdErr: stdErr(m.varA, m.trials),
      b: mode2 ? m.b : null,
      bStdErr: mode2 ? stdErr(m.varB, m.trials) : null,
      trialsCompleted: m.trials,
    };
  },
  reduce(spec, _shared, partials): ExperimentResult {
    const m = toyHermiteMoments(partials);
    const mode2 = spec.lambda2 !== 0;
    const theory = toyTheory({ sampleCount: spec.sampleCount, ridge: spec.ridge, lambda1: spec.lambda1, lambda2: spec.lambda2 });
    const aStdErr = stdErr(m.varA, m.trials);
    const bStdErr = mode2 ? stdErr(m.varB, m.trials) : null;
    const abCorrelation =
      mode2 && m.covAB !== null && m.varA !== null && m.varB !== null && m.varA > 0 && m.varB > 0 ? m.covAB / Math.sqrt(m.varA * m.varB) : null;
    const aW = reportedReweighted(theory);
    const zScoreReweighted = m.a !== null && aW !== null && aStdErr !== null && aStdErr > 0 ? (m.a - aW) / aStdErr : null;

    const g = spec.gridPoints;
    const x = new Float64Array(g);
    for (let i = 0; i < g; i++) x[i] = -spec.xMax + (2 * spec.xMax * i) / (g - 1);
    const a = m.a ?? Number.NaN;
    const b = mode2 ? (m.b ?? Number.NaN) : 0;
    const predictorMean = x.map((xi) => a * xi + b * hermite2(xi));
    const predictorStdErr = x.map((xi) => {
      if (m.varA === null) return Number.NaN;
      const h = hermite2(xi);
      const variance = mode2 ? xi * xi * m.varA + h * h * (m.varB ?? 0) + 2 * xi * h * (m.covAB ?? 0) : xi * xi * m.varA;
      return Math.sqrt(Math.max(0, variance) / m.trials);
    });
    const line = (slope: number) => x.map((xi) => slope * xi);

    const diagnostics = toyTheoryDiagnostics(theory);
    if (!mode2) diagnostics.push('λ₂ = 0: mode 2 is dropped (c₂ ≡ 0), so b and its standard error are not reported.');
    if (m.trials < spec.trialCount) diagnostics.push(`cancelled after ${m.trials} of ${spec.trialCount} trials`);
    if (m.trials === 1) diagnostics.push('one trial only: no standard errors.');

    const arr = (data: Float64Array, description: string) => ({ dtype: 'float64' as const, shape: [data.length], data, description });
    return {
      metrics: {
        a: m.a,
        aStdErr,
        b: mode2 ? m.b : null,
        bStdErr,
        abCorrelation,
        theoryLeading: theory.theoryLeading,
        theoryLeadingMode2: theory.theoryLeadingMode2,
        theoryReweighted: aW,
        theoryFiniteN: theory.theoryFiniteN,
        learnability1: theory.learnability1,
        zScoreReweighted,
        trialsCompleted: m.trials,
      },
      arrays: {
        x: arr(x, 'x grid'),
        predictorMean: arr(predictorMean, 'Monte-Carlo average predictor a·x + b·He₂(x)'),
        predictorStdErr: arr(predictorStdErr, 'standard error of the average predictor (from the sample covariance of c₁, c₂)'),
        predictorLeading: arr(line(theory.theoryLeading), 'a₁·x (leading order)'),
        ...(aW !== null ? { predictorReweighted: arr(line(aW), 'a_W·x (re-weighted EK)') } : {}),
        predictorFiniteN: arr(line(theory.theoryFiniteN), 'E[a]·x (finite-n series)'),
      },
      diagnostics,
    };
  },
};

const FIG3 = { seed: 1, trialCount: 5_000_000, sampleCount: 100, ridge: 400, lambda1: 1, lambda2: 0.1, xMax: 3, gridPoints: 121 };

export const toyHermiteExperiment: ExperimentKind<ToyHermiteSpec> = {
  kind: 'toy-hermite',
  title: 'Toy model Monte Carlo (Figure 3)',
  description:
    'Average over m datasets of the exact posterior mean of the rank-2 Hermite kernel learning He₅: the slope a of the average predictor a·x (EK theory: 0) against the leading-order, re-weighted EK and finite-n theories.',
  schema: toyHermiteSchema,
  fields: {
    seed: seedField,
    trialCount: { label: 'Datasets', symbol: 'm', help: 'Number of Monte-Carlo datasets. The talk uses m = 5·10⁶; the signal (|a| ≈ 5·10⁻³ against a per-dataset spread of ≈ 0.66) needs millions.' },
    sampleCount: { ...sampleCountField, help: 'Points per dataset n (fixed n = η). The talk uses n = 100.' },
    ridge: { ...ridgeField, help: 'Ridge σ² (variance, > 0). The talk uses σ² = 400.' },
    lambda1: { label: 'λ₁', symbol: 'λ₁', help: 'Eigenvalue of the He₁ mode. Not given in the talk; 1 is our default (a choice), 4 is the other reference.' },
    lambda2: { label: 'λ₂', symbol: 'λ₂ = λ_>', help: 'Coefficient of He₂(x)He₂(x′) (orthonormal eigenvalue 2λ₂). 0 drops mode 2 entirely: then a should vanish.' },
    xMax: { label: 'x range', help: 'The average predictor is tabulated on [−xMax, xMax].' },
    gridPoints: { label: 'Grid points', help: 'Number of x values in the tabulated predictor.' },
  },
  presets: [
    {
      name: 'fig3-toy-model',
      title: "Figure 3: toy model Monte Carlo (λ₁ = 1, λ₂ = 0.1, 5·10⁶ datasets)",
      description:
        "The talk's Figure 3: n = 100, σ² = 400, λ₁ = 1 (our default), λ₂ = 0.1, m = 5·10⁶. rg-theory.md §5 reference: a₁ = −6.00e−3, a_W = −5.59e−3, finite-n −4.80e−3, Monte Carlo a = −5.07e−3 ± 0.30e−3.",
      spec: FIG3,
    },
    {
      name: 'fig3-toy-model-null',
      title: 'Figure 3 null check: λ₂ = 0 (mode 2 dropped)',
      description: 'As fig3-toy-model with λ₂ = 0: no input-dependent ridge, so every theory gives a = 0 (the finite-n series ≈ 9e−5) and the Monte Carlo is consistent with 0 (rg-theory.md §5).',
      spec: { ...FIG3, lambda2: 0 },
    },
    {
      name: 'fig3-toy-model-lambda1-4',
      title: 'Figure 3 with λ₁ = 4',
      description:
        'As fig3-toy-model with λ₁ = 4 (L₁ = 0.5, beyond the EK regime). rg-theory.md §5 reference: a₁ = −1.50e−2, a_W = −1.40e−2, finite-n −9.40e−3, Monte Carlo a = −1.05e−2 ± 0.07e−2.',
      spec: { ...FIG3, lambda1: 4 },
    },
  ],
  metrics: {
    a: 'Monte-Carlo slope: mean c₁, the He₁ coefficient of the average predictor',
    aStdErr: 'standard error of a (sample variance of c₁ / m)',
    b: 'mean c₂, the He₂ coefficient (0 by parity)',
    bStdErr: 'standard error of b',
    abCorrelation: 'correlation of c₁ and c₂ across datasets',
    theoryLeading: 'leading order a₁ = −120 λ₂ L₁/σ²',
    theoryLeadingMode2: 'leading order with mode 2 kept at EK level, a₁(1 − L₂)',
    theoryReweighted: 're-weighted EK a_W (Gauss–Hermite quadrature)',
    theoryFiniteN: 'finite-n series E[a] at fixed n',
    learnability1: 'L₁ = ηλ₁/(σ² + ηλ₁)',
    zScoreReweighted: '(a − a_W)/s.e.(a)',
    trialsCompleted: 'datasets averaged (less than m when cancelled)',
  },
  run: (spec, ctx) => runMonteCarloInProcess(toyHermitePlan, spec, ctx),
  monteCarlo: toyHermitePlan,
};
