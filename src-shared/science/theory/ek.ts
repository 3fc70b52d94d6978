/**
 * Equivalent-kernel (EK) limit of GP regression: modes decouple (rg-theory.md §2; Sollich &
 * Williams 2005, Rasmussen & Williams §7.1). With η = sampleCount, σ² = ridge:
 *
 *   learnability        L_k = η λ_k / (σ² + η λ_k)
 *   unlearnability      1 − L_k = σ² / (σ² + η λ_k)   (the talk's slide writes THIS under the letter L)
 *   average predictor   f̄_k = L_k y_k = λ_k y_k / (λ_k + σ²/η)
 *   posterior variance  Var f_k = (1/λ_k + η/σ²)⁻¹ = λ_k σ² / (σ² + η λ_k)
 *   test error          E = Σ_k (1 − L_k)² y_k² + ‖y_⊥‖²
 *
 * Limits, handled explicitly: σ² = 0 ⇒ L_k = 1 for λ_k > 0 (interpolation); λ_k = 0 ⇒ L_k = 0
 * (a mode with zero prior variance is never learned), also when σ² = 0 (0/0 defined as 0);
 * Var f_k = 0 whenever λ_k = 0 or σ² = 0.
 */
import type { Spectrum } from '../spectra/types';
import { NeumaierSum } from '../stats/summation';
import {
  assertEigenvalues,
  assertFiniteArray,
  assertRidge,
  assertSameLength,
  assertSampleCount,
  assertSpectrum,
} from './validate';

/** L = ηλ/(σ² + ηλ) for one mode (no validation; see module doc for the limits). */
export function modeLearnability(eigenvalue: number, ridge: number, sampleCount: number): number {
  const signal = sampleCount * eigenvalue;
  if (signal === 0) return 0;
  return signal / (ridge + signal);
}

/** 1 − L = σ²/(σ² + ηλ) for one mode, computed directly (no cancellation when L ≈ 1). */
export function modeUnlearnability(eigenvalue: number, ridge: number, sampleCount: number): number {
  const signal = sampleCount * eigenvalue;
  if (signal === 0) return 1;
  return ridge / (ridge + signal);
}

/** Learnabilities L_k = ηλ_k/(σ² + ηλ_k) (rg-theory.md §2). */
export function learnability(eigenvalues: Float64Array, ridge: number, sampleCount: number): Float64Array {
  assertEigenvalues('learnability', eigenvalues);
  assertRidge('learnability', ridge);
  assertSampleCount('learnability', sampleCount);
  const out = new Float64Array(eigenvalues.length);
  for (let k = 0; k < out.length; k++) out[k] = modeLearnability(eigenvalues[k], ridge, sampleCount);
  return out;
}

/**
 * Unlearnabilities 1 − L_k = σ²/(σ² + ηλ_k) (rg-theory.md §2; the quantity the talk's slide
 * labels "L"). Computed directly, not as 1 − L_k.
 */
export function unlearnability(eigenvalues: Float64Array, ridge: number, sampleCount: number): Float64Array {
  assertEigenvalues('unlearnability', eigenvalues);
  assertRidge('unlearnability', ridge);
  assertSampleCount('unlearnability', sampleCount);
  const out = new Float64Array(eigenvalues.length);
  for (let k = 0; k < out.length; k++) out[k] = modeUnlearnability(eigenvalues[k], ridge, sampleCount);
  return out;
}

/** EK average predictor f̄_k = L_k y_k (rg-theory.md §2). */
export function ekPredictor(
  eigenvalues: Float64Array,
  targetCoefficients: Float64Array,
  ridge: number,
  sampleCount: number,
): Float64Array {
  assertSameLength('ekPredictor', 'eigenvalues', eigenvalues, 'targetCoefficients', targetCoefficients);
  assertFiniteArray('ekPredictor', targetCoefficients, 'targetCoefficients');
  const l = learnability(eigenvalues, ridge, sampleCount);
  for (let k = 0; k < l.length; k++) l[k] *= targetCoefficients[k];
  return l;
}

/**
 * EK posterior variance per mode, Var f_k = (1/λ_k + η/σ²)⁻¹ = λ_k σ²/(σ² + ηλ_k)
 * (rg-theory.md §2); 0 when λ_k = 0 or σ² = 0.
 */
export function ekVariance(eigenvalues: Float64Array, ridge: number, sampleCount: number): Float64Array {
  assertEigenvalues('ekVariance', eigenvalues);
  assertRidge('ekVariance', ridge);
  assertSampleCount('ekVariance', sampleCount);
  const out = new Float64Array(eigenvalues.length);
  for (let k = 0; k < out.length; k++) {
    const lambda = eigenvalues[k];
    out[k] = lambda === 0 || ridge === 0 ? 0 : (lambda * ridge) / (ridge + sampleCount * lambda);
  }
  return out;
}

/** Σ_k (1 − L_k)² y_k² with 1 − L_k = σ²/(σ² + ηλ_k), compensated sum (no validation). */
export function unlearnedTargetPower(
  eigenvalues: Float64Array,
  targetCoefficients: Float64Array,
  ridge: number,
  sampleCount: number,
  modeCount = eigenvalues.length,
): number {
  const sum = new NeumaierSum();
  for (let k = 0; k < modeCount; k++) {
    const u = modeUnlearnability(eigenvalues[k], ridge, sampleCount) * targetCoefficients[k];
    sum.add(u * u);
  }
  return sum.value;
}

/** EK test error of the averaged predictor E = Σ_k (1 − L_k)² y_k² + ‖y_⊥‖² (rg-theory.md §2). */
export function ekMse(spectrum: Spectrum, ridge: number, sampleCount: number): number {
  assertSpectrum('ekMse', spectrum);
  assertRidge('ekMse', ridge);
  assertSampleCount('ekMse', sampleCount);
  return (
    unlearnedTargetPower(spectrum.eigenvalues, spectrum.targetCoefficients, ridge, sampleCount) +
    spectrum.residualTargetPower
  );
}
