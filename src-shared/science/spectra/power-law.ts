/**
 * Synthetic power-law spectrum (rg-theory.md §3 "Scaling laws", §7 learning-curve reference):
 *   λ_k = k^{−a} / Σ_{q≤P} q^{−a},   y_k = √( k^{−b} / Σ_{q≤P} q^{−b} ),   k = 1..P,
 * so Σ_k λ_k = 1, Σ_k y_k² = 1, y_k ≥ 0 and ‖y_⊥‖² = 0. In the theory's notation
 * a = 1 + α and b = 1 + β (λ_k ∝ k^{−(1+α)}, y_k² ∝ k^{−(1+β)}).
 */
import type { Spectrum } from './types';

export interface PowerLawSpectrumSpec {
  /** P: number of modes. */
  readonly modeCount: number;
  /** a in λ_k ∝ k^{−a}. */
  readonly decayExponent: number;
  /** b in y_k² ∝ k^{−b}. */
  readonly targetDecayExponent: number;
}

export function powerLawSpectrum(spec: PowerLawSpectrumSpec): Spectrum {
  const { modeCount, decayExponent, targetDecayExponent } = spec;
  if (!Number.isInteger(modeCount) || modeCount < 1) {
    throw new Error(`modeCount must be an integer ≥ 1, got ${modeCount}`);
  }
  if (!(Number.isFinite(decayExponent) && decayExponent > 0)) {
    throw new Error(`decayExponent must be finite and > 0, got ${decayExponent}`);
  }
  if (!(Number.isFinite(targetDecayExponent) && targetDecayExponent > 0)) {
    throw new Error(`targetDecayExponent must be finite and > 0, got ${targetDecayExponent}`);
  }
  const eigenvalues = new Float64Array(modeCount);
  const targetPowers = new Float64Array(modeCount);
  let eigenvalueSum = 0;
  let targetSum = 0;
  // Sum from the smallest terms up for accuracy.
  for (let k = modeCount; k >= 1; k--) {
    eigenvalues[k - 1] = Math.pow(k, -decayExponent);
    targetPowers[k - 1] = Math.pow(k, -targetDecayExponent);
    eigenvalueSum += eigenvalues[k - 1];
    targetSum += targetPowers[k - 1];
  }
  const targetCoefficients = new Float64Array(modeCount);
  for (let k = 0; k < modeCount; k++) {
    eigenvalues[k] /= eigenvalueSum;
    targetCoefficients[k] = Math.sqrt(targetPowers[k] / targetSum);
  }
  return { eigenvalues, targetCoefficients, residualTargetPower: 0 };
}
