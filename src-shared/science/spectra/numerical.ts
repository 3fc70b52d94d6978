/**
 * Empirical spectrum on a pool of N points (rg-theory.md §6):
 *
 *   K_N / N = V diag(λ̂) Vᵀ   (float64, eigenvalues descending),
 *   φ_k(x_μ) = √N V_μk        (so (1/N) Σ_μ φ_k(x_μ) φ_q(x_μ) = δ_kq),
 *   y_k = (Vᵀ y)_k / √N       (= ⟨φ_k y⟩ on the empirical measure),
 *   ‖y_⊥‖² = ⟨y²⟩ − Σ_{k≤P} y_k², clamped at 0 (it is ≥ 0 in exact arithmetic; with all N modes it
 *            is 0 up to round-off).
 *
 * Negative eigenvalues (round-off of a PSD kernel) are clamped to 0 and counted in the diagnostics.
 * Eigenvector signs are fixed so that the entry of largest magnitude of each column is positive
 * (first such entry on ties), making results independent of the linear-algebra backend's choice.
 *
 * Nyström extension to new points (the eigen-equation with the empirical measure):
 *   φ_k(x) = (1 / (N λ̂_k)) Σ_μ K(x, x_μ) φ_k(x_μ),
 * defined only for λ̂_k > 0; see `nystromFeatures` for the cutoff.
 */
import type { LinearAlgebra, Matrix } from '../linalg/types';
import type { KernelSpec } from '../kernels/types';
import { kernelGram } from '../kernels/gram';
import type { Spectrum } from './types';

export interface NumericalSpectrumInput {
  readonly kernel: KernelSpec;
  /** N×d pool points x_μ (rows). */
  readonly points: Matrix;
  /** y(x_μ), length N. */
  readonly targetValues: Float64Array;
  readonly linalg: LinearAlgebra;
  /** P ≤ N modes to keep (the largest); default N. Power outside them goes to residualTargetPower. */
  readonly modeCount?: number;
}

export interface NumericalSpectrumDiagnostics {
  /** Implementation that did the eigendecomposition. */
  readonly linalg: string;
  /** How many of the N eigenvalues of K_N/N were negative and clamped to 0. */
  readonly clampedEigenvalueCount: number;
  /** The most negative eigenvalue before clamping (0 when none was negative). */
  readonly mostNegativeEigenvalue: number;
  /** ⟨y²⟩ over the pool. */
  readonly targetPower: number;
  /** ⟨y²⟩ − Σ y_k² before clamping at 0 (can be slightly negative from round-off). */
  readonly unclampedResidualTargetPower: number;
}

export interface NumericalSpectrum {
  readonly spectrum: Spectrum;
  /** N×P, φ_k(x_μ) = √N V_μk. */
  readonly features: Matrix;
  /** N×P, unit eigenvectors V of K_N/N (columns), sign-fixed. */
  readonly eigenvectors: Matrix;
  readonly points: Matrix;
  /** y(x_μ) on the pool, as used for the projections. */
  readonly targetValues: Float64Array;
  readonly kernel: KernelSpec;
  readonly diagnostics: NumericalSpectrumDiagnostics;
}

export function numericalSpectrum(input: NumericalSpectrumInput): NumericalSpectrum {
  const { kernel, points, targetValues, linalg } = input;
  const N = points.rows;
  if (N < 1) throw new Error('points must have at least one row');
  if (targetValues.length !== N) {
    throw new Error(`targetValues has length ${targetValues.length}, expected one per point (${N})`);
  }
  for (let mu = 0; mu < N; mu++) {
    if (!Number.isFinite(targetValues[mu])) throw new Error(`targetValues[${mu}] is not finite`);
  }
  const P = input.modeCount ?? N;
  if (!Number.isInteger(P) || P < 1 || P > N) {
    throw new Error(`modeCount must be an integer in [1, ${N}] (the number of points), got ${P}`);
  }

  const gram = kernelGram(kernel, points);
  const scaled = gram.data;
  for (let i = 0; i < scaled.length; i++) scaled[i] /= N;
  const eigen = linalg.symmetricEigen(gram);

  // Defensive: order by descending eigenvalue whatever the backend returned.
  const order = Array.from({ length: N }, (_, i) => i).sort((a, b) => eigen.values[b] - eigen.values[a]);

  let clampedEigenvalueCount = 0;
  let mostNegativeEigenvalue = 0;
  for (let i = 0; i < N; i++) {
    const value = eigen.values[i];
    if (value < 0) {
      clampedEigenvalueCount++;
      mostNegativeEigenvalue = Math.min(mostNegativeEigenvalue, value);
    }
  }

  const sqrtN = Math.sqrt(N);
  const eigenvalues = new Float64Array(P);
  const targetCoefficients = new Float64Array(P);
  const vectors = new Float64Array(N * P);
  const features = new Float64Array(N * P);
  const V = eigen.vectors;
  for (let k = 0; k < P; k++) {
    const column = order[k];
    eigenvalues[k] = Math.max(0, eigen.values[column]);
    // Sign convention: largest-magnitude entry positive.
    let pivot = 0;
    let pivotMagnitude = -1;
    for (let mu = 0; mu < N; mu++) {
      const magnitude = Math.abs(V.data[mu * V.cols + column]);
      if (magnitude > pivotMagnitude) {
        pivotMagnitude = magnitude;
        pivot = mu;
      }
    }
    const sign = V.data[pivot * V.cols + column] < 0 ? -1 : 1;
    let projection = 0;
    for (let mu = 0; mu < N; mu++) {
      const v = sign * V.data[mu * V.cols + column];
      vectors[mu * P + k] = v;
      features[mu * P + k] = sqrtN * v;
      projection += v * targetValues[mu];
    }
    targetCoefficients[k] = projection / sqrtN;
  }

  let targetPower = 0;
  for (let mu = 0; mu < N; mu++) targetPower += targetValues[mu] * targetValues[mu];
  targetPower /= N;
  let explained = 0;
  for (let k = 0; k < P; k++) explained += targetCoefficients[k] * targetCoefficients[k];
  const unclampedResidualTargetPower = targetPower - explained;

  return {
    spectrum: { eigenvalues, targetCoefficients, residualTargetPower: Math.max(0, unclampedResidualTargetPower) },
    features: { rows: N, cols: P, data: features },
    eigenvectors: { rows: N, cols: P, data: vectors },
    points,
    targetValues,
    kernel,
    diagnostics: {
      linalg: linalg.name,
      clampedEigenvalueCount,
      mostNegativeEigenvalue,
      targetPower,
      unclampedResidualTargetPower,
    },
  };
}

/**
 * Default relative eigenvalue cutoff for the Nyström extension: √ε ≈ 1.5e-8. Round-off in λ̂_k is
 * ~ ε·N·λ̂_1 (backward-stable eigensolver), so the extended feature's relative error is
 * ~ ε·N·λ̂_1/λ̂_k ≤ N·√ε above the cutoff.
 */
export const NYSTROM_RELATIVE_CUTOFF = Math.sqrt(Number.EPSILON);

/**
 * φ_k(x) = (1/(N λ̂_k)) Σ_μ K(x, x_μ) φ_k(x_μ) at the rows of `newPoints` (M×d → M×P').
 * Only modes with λ̂_k > relativeCutoff·λ̂_1 can be extended; `modeCount` defaults to all of those
 * (and at most the P modes kept), and asking for more throws.
 */
export function nystromFeatures(
  numerical: NumericalSpectrum,
  newPoints: Matrix,
  modeCount?: number,
  options: { readonly relativeCutoff?: number } = {},
): Matrix {
  const relativeCutoff = options.relativeCutoff ?? NYSTROM_RELATIVE_CUTOFF;
  if (!(Number.isFinite(relativeCutoff) && relativeCutoff >= 0)) {
    throw new Error(`relativeCutoff must be finite and ≥ 0, got ${relativeCutoff}`);
  }
  const { eigenvalues } = numerical.spectrum;
  const N = numerical.points.rows;
  const keptModes = eigenvalues.length;
  const threshold = relativeCutoff * eigenvalues[0];
  let extendable = 0;
  while (extendable < keptModes && eigenvalues[extendable] > threshold && eigenvalues[extendable] > 0) extendable++;
  const P = modeCount ?? extendable;
  if (!Number.isInteger(P) || P < 0 || P > extendable) {
    throw new Error(
      `modeCount must be an integer in [0, ${extendable}]: only ${extendable} modes have ` +
        `λ̂_k > ${relativeCutoff.toExponential(2)}·λ̂_1 and can be Nyström-extended, got ${modeCount}`,
    );
  }
  const cross = kernelGram(numerical.kernel, newPoints, numerical.points); // M×N
  const M = newPoints.rows;
  const Pall = numerical.features.cols;
  const phi = numerical.features.data;
  const out = new Float64Array(M * P);
  for (let i = 0; i < M; i++) {
    const row = out.subarray(i * P, (i + 1) * P);
    for (let mu = 0; mu < N; mu++) {
      const k = cross.data[i * N + mu];
      const base = mu * Pall;
      for (let q = 0; q < P; q++) row[q] += k * phi[base + q];
    }
    for (let q = 0; q < P; q++) row[q] /= N * eigenvalues[q];
  }
  return { rows: M, cols: P, data: out };
}
