/**
 * The universal (Gaussian) Wilsonian flow of the ridge (rg-theory.md §3; Howard, Jefferson, Maiti,
 * Ringel, arXiv:2405.06008). Integrating out the modes k > κ adds their spectral mass to the ridge:
 *
 *   c(κ) = Σ_{k>κ} λ_k,   σ²(κ) = σ² + c(κ)          (shell by shell: σ'² = σ² + Σ_shell λ_k)
 *
 * and the kept modes k ≤ κ are then treated at EK level (§2) with σ²(κ). The flow stops at
 *
 *   κ* = min{κ : η λ_{κ+1} / (σ²(κ) + η λ_{κ+1}) < T}
 *
 * searched forward over κ = 0, 1, … with the running ridge σ²(κ) (NOT greedily from the last
 * mode of a truncated spectrum: with small σ² every tail mode looks learnable there).
 *
 * Indexing: modes k = 1..P are stored at array index k − 1; arrays indexed by the cutoff κ have
 * length P + 1 (κ = 0 keeps nothing, κ = P integrates nothing out).
 */
import type { Spectrum } from '../spectra/types';
import { modeLearnability, modeUnlearnability } from '../theory/ek';
import {
  assertCutoff,
  assertEigenvalues,
  assertLearnabilityThreshold,
  assertRidge,
  assertSampleCount,
  assertSpectrum,
} from '../theory/validate';

/**
 * Default minimumTailRatio: the spectrum must have P ≥ 2κ* modes, i.e. at least as many
 * integrated-out modes as kept ones, for the tail mass c(κ*) (and its self-averaging, §3–§4)
 * to be meaningful. For λ_k ∝ k^{-(1+α)} the tail beyond P carries a fraction ≈ (κ* / P)^α of the
 * true c(κ*): raise the ratio when the spectrum is a truncation of an infinite one.
 */
export const DEFAULT_MINIMUM_TAIL_RATIO = 2;

/** Default learnability threshold T = 0.5 (rg-theory.md §3, a choice). */
export const DEFAULT_LEARNABILITY_THRESHOLD = 0.5;

/** Thrown when a spectrum does not extend far enough past κ* for the flow to be trusted. */
export class SpectrumTooShortError extends Error {
  constructor(
    message: string,
    /** P, the number of modes supplied. */
    readonly modeCount: number,
    /** κ* when one was found (then P < minimumTailRatio·κ*), null when every mode is learnable. */
    readonly cutoff: number | null,
    /** The smallest P that would pass the criterion (a lower bound when cutoff is null). */
    readonly requiredModeCount: number,
  ) {
    super(message);
    this.name = 'SpectrumTooShortError';
  }
}

/**
 * c(κ) = Σ_{k>κ} λ_k for κ = 0..P (rg-theory.md §3), as suffix sums accumulated from the smallest
 * eigenvalue upwards with Kahan–Neumaier compensation. c(P) = 0, c(0) = Tr.
 */
export function integratedSpectralMass(eigenvalues: Float64Array): Float64Array {
  assertEigenvalues('integratedSpectralMass', eigenvalues);
  return suffixSums(eigenvalues);
}

function suffixSums(eigenvalues: Float64Array): Float64Array {
  const p = eigenvalues.length;
  const out = new Float64Array(p + 1);
  let sum = 0;
  let compensation = 0;
  for (let i = p - 1; i >= 0; i--) {
    const x = eigenvalues[i];
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
    else compensation += x - t + sum;
    sum = t;
    out[i] = sum + compensation;
  }
  return out;
}

/** σ²(κ) = σ² + c(κ) for κ = 0..P (rg-theory.md §3). */
export function renormalizedRidge(ridge: number, eigenvalues: Float64Array): Float64Array {
  assertRidge('renormalizedRidge', ridge);
  const c = integratedSpectralMass(eigenvalues);
  for (let i = 0; i < c.length; i++) c[i] += ridge;
  return c;
}

export interface LearnabilityCutoffParams {
  readonly eigenvalues: Float64Array;
  /** Bare ridge σ² (a variance). */
  readonly ridge: number;
  /** η = n. */
  readonly sampleCount: number;
  /** T ∈ (0, 1); default DEFAULT_LEARNABILITY_THRESHOLD = 0.5. */
  readonly learnabilityThreshold?: number;
  /** Require P ≥ minimumTailRatio·κ* (≥ 1); default DEFAULT_MINIMUM_TAIL_RATIO = 2. */
  readonly minimumTailRatio?: number;
}

export interface LearnabilityCutoff {
  /** κ*: number of kept modes. */
  readonly cutoff: number;
  /** σ²(κ*) = σ² + c(κ*). */
  readonly renormalizedRidge: number;
  /** c(κ*) = Σ_{k>κ*} λ_k. */
  readonly integratedSpectralMass: number;
  /** L_k = ηλ_k/(σ²(κ*) + ηλ_k) for the kept modes k = 1..κ* (length κ*). */
  readonly learnability: Float64Array;
  /** ηλ_{κ*+1}/(σ²(κ*) + ηλ_{κ*+1}) < T: the learnability of the first integrated-out mode. */
  readonly boundaryLearnability: number;
  /** P. */
  readonly modeCount: number;
  readonly learnabilityThreshold: number;
  readonly minimumTailRatio: number;
}

/**
 * κ* = min{κ ∈ 0..P−1 : ηλ_{κ+1}/(σ²(κ) + ηλ_{κ+1}) < T} with the running ridge
 * σ²(κ) = σ² + c(κ) (rg-theory.md §3). Throws SpectrumTooShortError when no κ < P qualifies
 * (every supplied mode is learnable) or when P < minimumTailRatio·κ*.
 * Ridgeless power law λ_k ∝ k^{-(1+α)}: κ* ≈ αη(1 − T)/T.
 */
export function learnabilityCutoff(params: LearnabilityCutoffParams): LearnabilityCutoff {
  const where = 'learnabilityCutoff';
  const { eigenvalues, ridge, sampleCount } = params;
  const threshold = params.learnabilityThreshold ?? DEFAULT_LEARNABILITY_THRESHOLD;
  const tailRatio = params.minimumTailRatio ?? DEFAULT_MINIMUM_TAIL_RATIO;
  assertEigenvalues(where, eigenvalues);
  assertRidge(where, ridge);
  assertSampleCount(where, sampleCount);
  assertLearnabilityThreshold(where, threshold);
  if (typeof tailRatio !== 'number' || !Number.isFinite(tailRatio) || tailRatio < 1) {
    throw new RangeError(`${where}: minimumTailRatio must be a finite number ≥ 1 (got ${tailRatio})`);
  }
  const p = eigenvalues.length;
  const c = suffixSums(eigenvalues);
  let cutoff = -1;
  for (let kappa = 0; kappa < p; kappa++) {
    if (modeLearnability(eigenvalues[kappa], ridge + c[kappa], sampleCount) < threshold) {
      cutoff = kappa;
      break;
    }
  }
  if (p === 0) {
    throw new SpectrumTooShortError(
      `${where}: spectrum too short: no modes supplied (P = 0). Increase modeCount.`,
      0,
      null,
      1,
    );
  }
  if (cutoff < 0) {
    const last = modeLearnability(eigenvalues[p - 1], ridge, sampleCount);
    throw new SpectrumTooShortError(
      `${where}: spectrum too short: all P = ${p} modes are learnable at threshold T = ${threshold} ` +
        `(η = ${sampleCount}, σ² = ${ridge}; the last mode has learnability ${last.toPrecision(4)} ≥ T ` +
        `even with nothing integrated out), so the flow has no stopping point inside the spectrum. ` +
        `Increase modeCount (need P ≥ ${tailRatio}·κ* with κ* > ${p - 1}).`,
      p,
      null,
      Math.ceil(tailRatio * p),
    );
  }
  const required = Math.ceil(tailRatio * cutoff);
  if (p < required) {
    throw new SpectrumTooShortError(
      `${where}: spectrum too short: the flow stops at κ* = ${cutoff} but only P = ${p} modes were ` +
        `supplied; the tail mass c(κ*) needs P ≥ ${tailRatio}·κ* = ${required} ` +
        `(η = ${sampleCount}, σ² = ${ridge}, T = ${threshold}). Increase modeCount to at least ${required}.`,
      p,
      cutoff,
      required,
    );
  }
  const sigma2 = ridge + c[cutoff];
  const kept = new Float64Array(cutoff);
  for (let k = 0; k < cutoff; k++) kept[k] = modeLearnability(eigenvalues[k], sigma2, sampleCount);
  return {
    cutoff,
    renormalizedRidge: sigma2,
    integratedSpectralMass: c[cutoff],
    learnability: kept,
    boundaryLearnability: modeLearnability(eigenvalues[cutoff], sigma2, sampleCount),
    modeCount: p,
    learnabilityThreshold: threshold,
    minimumTailRatio: tailRatio,
  };
}

export interface RgErrorBreakdown {
  /** E(η) ≈ keptModeError + discardedTargetPower + residualTargetPower. */
  readonly mse: number;
  readonly cutoff: number;
  /** σ²(κ). */
  readonly renormalizedRidge: number;
  /** Σ_{k≤κ} [σ²(κ)/(σ²(κ) + ηλ_k)]² y_k². */
  readonly keptModeError: number;
  /** Σ_{k>κ} y_k² (integrated-out modes are not learned: f̄_k ≈ 0). */
  readonly discardedTargetPower: number;
  /** ‖y_⊥‖². */
  readonly residualTargetPower: number;
}

/**
 * RG-improved EK error at a given cutoff κ (rg-theory.md §3):
 *   E(η) ≈ Σ_{k≤κ} [σ²(κ)/(σ²(κ) + ηλ_k)]² y_k² + Σ_{k>κ} y_k² + ‖y_⊥‖².
 */
export function rgMseAtCutoff(
  spectrum: Spectrum,
  ridge: number,
  sampleCount: number,
  cutoff: number,
): RgErrorBreakdown {
  const where = 'rgMseAtCutoff';
  assertSpectrum(where, spectrum);
  assertRidge(where, ridge);
  assertSampleCount(where, sampleCount);
  assertCutoff(where, cutoff, spectrum.eigenvalues.length);
  return rgBreakdown(spectrum, ridge, sampleCount, cutoff, suffixSums(spectrum.eigenvalues)[cutoff]);
}

function rgBreakdown(
  spectrum: Spectrum,
  ridge: number,
  sampleCount: number,
  cutoff: number,
  tailMass: number,
): RgErrorBreakdown {
  const { eigenvalues, targetCoefficients } = spectrum;
  const sigma2 = ridge + tailMass;
  // Both partial sums are small-to-large sensitive; compensated accumulation.
  let kept = 0;
  let keptC = 0;
  for (let k = 0; k < cutoff; k++) {
    const u = modeUnlearnability(eigenvalues[k], sigma2, sampleCount) * targetCoefficients[k];
    const x = u * u;
    const t = kept + x;
    keptC += Math.abs(kept) >= x ? kept - t + x : x - t + kept;
    kept = t;
  }
  let discarded = 0;
  let discardedC = 0;
  for (let k = targetCoefficients.length - 1; k >= cutoff; k--) {
    const x = targetCoefficients[k] * targetCoefficients[k];
    const t = discarded + x;
    discardedC += Math.abs(discarded) >= x ? discarded - t + x : x - t + discarded;
    discarded = t;
  }
  const keptModeError = kept + keptC;
  const discardedTargetPower = discarded + discardedC;
  return {
    mse: keptModeError + discardedTargetPower + spectrum.residualTargetPower,
    cutoff,
    renormalizedRidge: sigma2,
    keptModeError,
    discardedTargetPower,
    residualTargetPower: spectrum.residualTargetPower,
  };
}

export interface RgMseParams {
  readonly spectrum: Spectrum;
  readonly ridge: number;
  readonly sampleCount: number;
  /** T ∈ (0, 1); default 0.5. */
  readonly learnabilityThreshold?: number;
  /** See LearnabilityCutoffParams.minimumTailRatio; default 2. */
  readonly minimumTailRatio?: number;
}

export interface RgMseResult extends RgErrorBreakdown {
  /** The full stopping-point result (κ*, kept learnabilities, boundary learnability). */
  readonly flow: LearnabilityCutoff;
}

/**
 * RG-improved EK error with the flow stopped at κ* (rg-theory.md §3): `learnabilityCutoff` then
 * `rgMseAtCutoff`. Throws SpectrumTooShortError as learnabilityCutoff does.
 */
export function rgMse(params: RgMseParams): RgMseResult {
  assertSpectrum('rgMse', params.spectrum);
  const flow = learnabilityCutoff({
    eigenvalues: params.spectrum.eigenvalues,
    ridge: params.ridge,
    sampleCount: params.sampleCount,
    learnabilityThreshold: params.learnabilityThreshold,
    minimumTailRatio: params.minimumTailRatio,
  });
  const breakdown = rgBreakdown(params.spectrum, params.ridge, params.sampleCount, flow.cutoff, flow.integratedSpectralMass);
  return { ...breakdown, flow };
}

/**
 * RG average predictor at cutoff κ (rg-theory.md §3): f̄_k = L_k(σ²(κ)) y_k for k ≤ κ, 0 for
 * k > κ. Length P (integrated-out entries are 0).
 */
export function rgPredictor(spectrum: Spectrum, ridge: number, sampleCount: number, cutoff: number): Float64Array {
  const where = 'rgPredictor';
  assertSpectrum(where, spectrum);
  assertRidge(where, ridge);
  assertSampleCount(where, sampleCount);
  assertCutoff(where, cutoff, spectrum.eigenvalues.length);
  const sigma2 = ridge + suffixSums(spectrum.eigenvalues)[cutoff];
  const out = new Float64Array(spectrum.eigenvalues.length);
  for (let k = 0; k < cutoff; k++) {
    out[k] = modeLearnability(spectrum.eigenvalues[k], sigma2, sampleCount) * spectrum.targetCoefficients[k];
  }
  return out;
}
