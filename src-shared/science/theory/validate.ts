/**
 * Parameter validation shared by the theory layer (theory/ and rg/). Every check throws a
 * RangeError whose message starts with the calling function and names the parameter, so that a
 * bad spectrum or ridge never turns into a silent NaN downstream.
 */
import type { Spectrum } from '../spectra/types';

/** ridge σ² is a variance: finite and ≥ 0. */
export function assertRidge(where: string, ridge: number, name = 'ridge'): void {
  if (typeof ridge !== 'number' || !Number.isFinite(ridge) || ridge < 0) {
    throw new RangeError(`${where}: ${name} (a variance σ²) must be a finite number ≥ 0 (got ${ridge})`);
  }
}

/** sampleCount η = n: finite and > 0 (η may be a non-integer Poisson mean). */
export function assertSampleCount(where: string, sampleCount: number, name = 'sampleCount'): void {
  if (typeof sampleCount !== 'number' || !Number.isFinite(sampleCount) || !(sampleCount > 0)) {
    throw new RangeError(`${where}: ${name} (η = n) must be a finite number > 0 (got ${sampleCount})`);
  }
}

/** learnabilityThreshold T ∈ (0, 1). */
export function assertLearnabilityThreshold(where: string, threshold: number): void {
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold < 1)) {
    throw new RangeError(`${where}: learnabilityThreshold T must lie in (0, 1) (got ${threshold})`);
  }
}

/** A finite number > 0. */
export function assertPositive(where: string, value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new RangeError(`${where}: ${name} must be a finite number > 0 (got ${value})`);
  }
}

/** A finite number ≥ 0. */
export function assertNonNegative(where: string, value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: ${name} must be a finite number ≥ 0 (got ${value})`);
  }
}

/** All entries finite. */
export function assertFiniteArray(where: string, values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${where}: ${name}[${i}] must be finite (got ${values[i]})`);
    }
  }
}

/** Eigenvalues λ_k: finite, ≥ 0, descending (λ_{k+1} ≤ λ_k). */
export function assertEigenvalues(where: string, eigenvalues: ArrayLike<number>, name = 'eigenvalues'): void {
  for (let i = 0; i < eigenvalues.length; i++) {
    const v = eigenvalues[i];
    if (!Number.isFinite(v) || v < 0) {
      throw new RangeError(
        `${where}: ${name}[${i}] must be finite and ≥ 0 (got ${v}); clamp tiny negative ` +
          `round-off eigenvalues to 0 before calling`,
      );
    }
    if (i > 0 && v > eigenvalues[i - 1]) {
      throw new RangeError(
        `${where}: ${name} must be sorted descending, but ${name}[${i}] = ${v} > ${name}[${i - 1}] = ${eigenvalues[i - 1]}`,
      );
    }
  }
}

export function assertSameLength(
  where: string,
  nameA: string,
  a: ArrayLike<number>,
  nameB: string,
  b: ArrayLike<number>,
): void {
  if (a.length !== b.length) {
    throw new RangeError(`${where}: ${nameA} and ${nameB} must have the same length (got ${a.length} and ${b.length})`);
  }
}

/** A Spectrum: valid eigenvalues, finite targetCoefficients of the same length, residualTargetPower ≥ 0. */
export function assertSpectrum(where: string, spectrum: Spectrum): void {
  if (spectrum === null || typeof spectrum !== 'object') {
    throw new RangeError(`${where}: spectrum must be a Spectrum object (got ${String(spectrum)})`);
  }
  assertEigenvalues(where, spectrum.eigenvalues, 'spectrum.eigenvalues');
  assertSameLength(
    where,
    'spectrum.eigenvalues',
    spectrum.eigenvalues,
    'spectrum.targetCoefficients',
    spectrum.targetCoefficients,
  );
  assertFiniteArray(where, spectrum.targetCoefficients, 'spectrum.targetCoefficients');
  assertNonNegative(where, spectrum.residualTargetPower, 'spectrum.residualTargetPower');
}

/** cutoff κ: integer in 0..modeCount. */
export function assertCutoff(where: string, cutoff: number, modeCount: number): void {
  if (!Number.isInteger(cutoff) || cutoff < 0 || cutoff > modeCount) {
    throw new RangeError(`${where}: cutoff κ must be an integer in 0..${modeCount} (got ${cutoff})`);
  }
}
