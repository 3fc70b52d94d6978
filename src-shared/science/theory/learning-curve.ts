/**
 * Theory learning curves MSE(n) for one spectrum (rg-theory.md §3, §7 "Learning curve"): the
 * RG-improved EK error (flow stopped at κ*(n)), the bare EK error, and eigenlearning, each with a
 * least-squares power-law fit MSE ≈ A n^p; and the predicted scaling exponents of §3.
 */
import type { Spectrum } from '../spectra/types';
import { SpectrumTooShortError, rgMse, DEFAULT_LEARNABILITY_THRESHOLD } from '../rg/flow';
import { fitPowerLaw, type PowerLawFit } from '../stats/power-law';
import { eigenlearning } from './eigenlearning';
import { ekMse } from './ek';
import {
  assertLearnabilityThreshold,
  assertPositive,
  assertRidge,
  assertSampleCount,
  assertSpectrum,
} from './validate';

export interface LearningCurveParams {
  readonly spectrum: Spectrum;
  readonly ridge: number;
  /** η values (each finite > 0). */
  readonly sampleCounts: ArrayLike<number>;
  /** T for the RG cutoff; default 0.5. */
  readonly learnabilityThreshold?: number;
  /** See learnabilityCutoff; default 2. */
  readonly minimumTailRatio?: number;
}

export interface LearningCurve {
  readonly sampleCounts: Float64Array;
  /** RG-improved EK MSE per n; null where the spectrum is too short (see rgDiagnostics). */
  readonly mseRg: (number | null)[];
  /** Bare EK MSE per n. */
  readonly mseEk: Float64Array;
  /** Eigenlearning test MSE per n. */
  readonly mseEigenlearning: Float64Array;
  /** κ*(n); null where the spectrum is too short. */
  readonly cutoff: (number | null)[];
  /** σ²(κ*(n)); null where the spectrum is too short. */
  readonly renormalizedRidge: (number | null)[];
  /** κ_S per n (eigenlearning). */
  readonly effectiveRidge: Float64Array;
  /** Per n: null, or the SpectrumTooShortError message that made mseRg[i] null. */
  readonly rgDiagnostics: (string | null)[];
  /** Every non-null rgDiagnostics entry prefixed with its n, and every fit note. */
  readonly diagnostics: string[];
  /** Power-law fits MSE ≈ A n^p over the points with a finite MSE > 0; null with < 2 such points. */
  readonly fits: {
    readonly rg: PowerLawFit | null;
    readonly ek: PowerLawFit | null;
    readonly eigenlearning: PowerLawFit | null;
  };
  readonly learnabilityThreshold: number;
}

function fitCurve(
  label: string,
  sampleCounts: Float64Array,
  values: ArrayLike<number | null>,
  notes: string[],
): PowerLawFit | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < sampleCounts.length; i++) {
    const v = values[i];
    if (v !== null && Number.isFinite(v) && v > 0) {
      xs.push(sampleCounts[i]);
      ys.push(v);
    }
  }
  const distinct = new Set(xs).size;
  const skipped = sampleCounts.length - xs.length;
  if (distinct < 2) {
    notes.push(`${label}: no power-law fit: needs ≥ 2 distinct n with a finite MSE > 0 (have ${distinct})`);
    return null;
  }
  if (skipped > 0) notes.push(`${label}: ${skipped} point(s) without a finite MSE > 0 left out of the power-law fit`);
  return fitPowerLaw(xs, ys);
}

/**
 * MSE(n) for the RG-improved EK error, bare EK and eigenlearning (rg-theory.md §2–§3), plus
 * power-law fits of each. A SpectrumTooShortError at some n gives null (with the message in
 * rgDiagnostics) for that n only; any other error throws.
 */
export function learningCurve(params: LearningCurveParams): LearningCurve {
  const where = 'learningCurve';
  const { spectrum, ridge } = params;
  const threshold = params.learnabilityThreshold ?? DEFAULT_LEARNABILITY_THRESHOLD;
  assertSpectrum(where, spectrum);
  assertRidge(where, ridge);
  assertLearnabilityThreshold(where, threshold);
  const m = params.sampleCounts.length;
  if (m === 0) throw new RangeError(`${where}: sampleCounts must not be empty`);
  const sampleCounts = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    assertSampleCount(where, params.sampleCounts[i], `sampleCounts[${i}]`);
    sampleCounts[i] = params.sampleCounts[i];
  }
  const rg: (number | null)[] = [];
  const rgCutoff: (number | null)[] = [];
  const rgRidge: (number | null)[] = [];
  const rgDiagnostics: (string | null)[] = [];
  const ek = new Float64Array(m);
  const el = new Float64Array(m);
  const kappaS = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const n = sampleCounts[i];
    try {
      const r = rgMse({
        spectrum,
        ridge,
        sampleCount: n,
        learnabilityThreshold: threshold,
        minimumTailRatio: params.minimumTailRatio,
      });
      rg.push(r.mse);
      rgCutoff.push(r.cutoff);
      rgRidge.push(r.renormalizedRidge);
      rgDiagnostics.push(null);
    } catch (error) {
      if (!(error instanceof SpectrumTooShortError)) throw error;
      rg.push(null);
      rgCutoff.push(null);
      rgRidge.push(null);
      rgDiagnostics.push(error.message);
    }
    ek[i] = ekMse(spectrum, ridge, n);
    const e = eigenlearning(spectrum, ridge, n);
    el[i] = e.mse;
    kappaS[i] = e.effectiveRidge;
  }
  const diagnostics: string[] = [];
  for (let i = 0; i < m; i++) {
    if (rgDiagnostics[i] !== null) diagnostics.push(`n = ${sampleCounts[i]}: ${rgDiagnostics[i]}`);
  }
  const fits = {
    rg: fitCurve('RG-improved EK', sampleCounts, rg, diagnostics),
    ek: fitCurve('bare EK', sampleCounts, ek, diagnostics),
    eigenlearning: fitCurve('eigenlearning', sampleCounts, el, diagnostics),
  };
  return {
    sampleCounts,
    mseRg: rg,
    mseEk: ek,
    mseEigenlearning: el,
    cutoff: rgCutoff,
    renormalizedRidge: rgRidge,
    effectiveRidge: kappaS,
    rgDiagnostics,
    diagnostics,
    fits,
    learnabilityThreshold: threshold,
  };
}

export type ScalingRegime = 'ridge-dominated' | 'ridgeless';

export interface PredictedScaling {
  readonly regime: ScalingRegime;
  /** ν in MSE ∝ η^{−ν}. */
  readonly decayExponent: number;
  /** −ν: the slope a log–log fit (fitPowerLaw's `exponent`) should approach. */
  readonly logLogSlope: number;
}

/** Both regimes' log–log slopes (MSE ∝ n^slope, negative). */
export interface PredictedScalingSlopes {
  /** −β/(1+α). */
  readonly ridgeDominated: number;
  /** −β. */
  readonly ridgeless: number;
}

/**
 * Scaling laws for λ_k = A k^{-(1+α)}, y_k² = B k^{-(1+β)} (rg-theory.md §3):
 * ridge-dominated MSE ∝ η^{-β/(1+α)}; ridgeless (σ² → 0) MSE ∝ η^{-β}. Crossover where c(κ*) ≈ σ².
 * With a regime: that regime's exponent; without: both log–log slopes.
 */
export function predictedScalingExponents(alpha: number, beta: number, regime: ScalingRegime): PredictedScaling;
export function predictedScalingExponents(alpha: number, beta: number): PredictedScalingSlopes;
export function predictedScalingExponents(
  alpha: number,
  beta: number,
  regime?: ScalingRegime,
): PredictedScaling | PredictedScalingSlopes {
  assertPositive('predictedScalingExponents', alpha, 'alpha (λ_k ∝ k^{-(1+α)})');
  assertPositive('predictedScalingExponents', beta, 'beta (y_k² ∝ k^{-(1+β)})');
  if (regime === undefined) return { ridgeDominated: -beta / (1 + alpha), ridgeless: -beta };
  let nu: number;
  if (regime === 'ridge-dominated') nu = beta / (1 + alpha);
  else if (regime === 'ridgeless') nu = beta;
  else {
    throw new RangeError(
      `predictedScalingExponents: regime must be 'ridge-dominated' or 'ridgeless' (got ${String(regime)})`,
    );
  }
  return { regime, decayExponent: nu, logLogSlope: -nu };
}
