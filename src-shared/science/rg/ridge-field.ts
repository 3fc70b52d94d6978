/**
 * Non-Gaussian features: the input-dependent ridge of the functional RG (rg-theory.md §4).
 *
 * Integrating out the modes k > κ without assuming Gaussian features turns the data term into
 * (η/2) ∫dμ (f_< − y)² / (σ² + B_κ(x)), with the ridge field
 *
 *   B_κ(x) = Σ_{k>κ} λ_k φ_k(x)²,   ⟨B_κ⟩_μ = c(κ),   B_κ = c(κ) + δB_κ(x).
 *
 * Averages ⟨g⟩ over the data measure are taken as Σ_μ w_μ g(x_μ) with caller-supplied weights:
 * Gauss–Hermite weights for a quadrature, or 1/N for N sampled points. Weights must be ≥ 0 and
 * sum to 1 (checked to 1e-8).
 *
 * Features are a Matrix (points × modes, row-major): features.data[μ·P + (k−1)] = φ_k(x_μ), the
 * modes orthonormal on μ, in the order of `eigenvalues` (descending).
 */
import type { Matrix } from '../linalg/types';
import { modeLearnability } from '../theory/ek';
import {
  assertCutoff,
  assertEigenvalues,
  assertFiniteArray,
  assertRidge,
  assertSampleCount,
} from '../theory/validate';
import { solveSmallSpd } from './small-spd-solve';

function assertFeatures(where: string, features: Matrix, eigenvalues: Float64Array): void {
  if (
    !features ||
    !Number.isInteger(features.rows) ||
    !Number.isInteger(features.cols) ||
    features.rows < 1 ||
    features.data.length !== features.rows * features.cols
  ) {
    throw new RangeError(`${where}: features must be a points × modes Matrix with data.length = rows·cols and rows ≥ 1`);
  }
  if (features.cols !== eigenvalues.length) {
    throw new RangeError(
      `${where}: features has ${features.cols} columns (modes) but eigenvalues has length ${eigenvalues.length}`,
    );
  }
  assertEigenvalues(where, eigenvalues);
  assertFiniteArray(where, features.data, 'features.data');
}

function assertWeights(where: string, weights: Float64Array, rows: number): void {
  if (weights.length !== rows) {
    throw new RangeError(`${where}: weights must have one entry per point (${rows}), got ${weights.length}`);
  }
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`${where}: weights[${i}] must be finite and ≥ 0 (got ${w})`);
    s += w;
  }
  if (Math.abs(s - 1) > 1e-8) {
    throw new RangeError(`${where}: weights must sum to 1 (they define the average ⟨·⟩_μ); got ${s}`);
  }
}

/** c(κ) = Σ_{k>κ} λ_k, summed from the tail. */
function tailMass(eigenvalues: Float64Array, cutoff: number): number {
  let s = 0;
  for (let k = eigenvalues.length - 1; k >= cutoff; k--) s += eigenvalues[k];
  return s;
}

function fieldValues(features: Matrix, eigenvalues: Float64Array, cutoff: number): Float64Array {
  const { rows, cols, data } = features;
  const out = new Float64Array(rows);
  for (let mu = 0; mu < rows; mu++) {
    let s = 0;
    const base = mu * cols;
    for (let k = cols - 1; k >= cutoff; k--) {
      const phi = data[base + k];
      s += eigenvalues[k] * phi * phi;
    }
    out[mu] = s;
  }
  return out;
}

/** B_κ(x_μ) = Σ_{k>κ} λ_k φ_k(x_μ)² at every point (rg-theory.md §4). */
export function ridgeField(features: Matrix, eigenvalues: Float64Array, cutoff: number): Float64Array {
  assertFeatures('ridgeField', features, eigenvalues);
  assertCutoff('ridgeField', cutoff, eigenvalues.length);
  return fieldValues(features, eigenvalues, cutoff);
}

export interface RidgeFieldDecomposition {
  /** B_κ(x_μ). */
  readonly ridgeField: Float64Array;
  /** c(κ) = Σ_{k>κ} λ_k (the population mean of B_κ). */
  readonly integratedSpectralMass: number;
  /** ⟨B_κ⟩ with the given weights (≈ c(κ); equal for exactly orthonormal features). */
  readonly weightedMean: number;
  /** δB_κ(x_μ) = B_κ(x_μ) − c(κ): the non-Gaussian, spatial part (§4 split). */
  readonly fluctuation: Float64Array;
}

/** B_κ = c(κ) + δB_κ(x) (rg-theory.md §4); weights define ⟨·⟩ (see module doc). */
export function ridgeFieldDecomposition(
  features: Matrix,
  eigenvalues: Float64Array,
  cutoff: number,
  weights: Float64Array,
): RidgeFieldDecomposition {
  const where = 'ridgeFieldDecomposition';
  assertFeatures(where, features, eigenvalues);
  assertCutoff(where, cutoff, eigenvalues.length);
  assertWeights(where, weights, features.rows);
  const field = fieldValues(features, eigenvalues, cutoff);
  const c = tailMass(eigenvalues, cutoff);
  const fluctuation = new Float64Array(field.length);
  let mean = 0;
  for (let mu = 0; mu < field.length; mu++) {
    mean += weights[mu] * field[mu];
    fluctuation[mu] = field[mu] - c;
  }
  return { ridgeField: field, integratedSpectralMass: c, weightedMean: mean, fluctuation };
}

export interface ReweightedEkParams {
  /** points × modes, φ_k(x_μ). */
  readonly features: Matrix;
  /** ⟨g⟩ = Σ_μ w_μ g(x_μ); ≥ 0, Σ = 1. */
  readonly weights: Float64Array;
  /** λ_k, descending, one per feature column. */
  readonly eigenvalues: Float64Array;
  /** y(x_μ). */
  readonly targetValues: Float64Array;
  /** Bare ridge σ². */
  readonly ridge: number;
  /** η = n. */
  readonly sampleCount: number;
  /** κ: modes 1..κ are kept, κ+1..P form the ridge field. */
  readonly cutoff: number;
}

export interface ReweightedEkResult {
  /** f̄_k for the kept modes k = 1..κ (length κ). */
  readonly predictor: Float64Array;
  /** B_κ(x_μ). */
  readonly ridgeField: Float64Array;
  /** G_W,kq = ⟨φ_k φ_q/(σ² + B_κ)⟩, κ×κ row-major. */
  readonly weightedGram: Float64Array;
  /** b_W,k = ⟨φ_k y/(σ² + B_κ)⟩, length κ. */
  readonly weightedProjection: Float64Array;
}

function validateReweighted(where: string, params: ReweightedEkParams): void {
  const { features, weights, eigenvalues, targetValues, ridge, sampleCount, cutoff } = params;
  assertFeatures(where, features, eigenvalues);
  assertWeights(where, weights, features.rows);
  if (targetValues.length !== features.rows) {
    throw new RangeError(`${where}: targetValues must have one entry per point (${features.rows}), got ${targetValues.length}`);
  }
  assertFiniteArray(where, targetValues, 'targetValues');
  assertRidge(where, ridge);
  assertSampleCount(where, sampleCount);
  assertCutoff(where, cutoff, eigenvalues.length);
}

/**
 * Non-perturbative re-weighted EK (rg-theory.md §4). Minimising the renormalised action
 *   S[f_<] = ½ Σ_{k≤κ} f_k²/λ_k + (η/2) ⟨(Σ_{k≤κ} f_k φ_k − y)² / (σ² + B_κ)⟩
 * over the kept coefficients gives
 *   (Λ⁻¹ + η G_W) f̄ = η b_W,   G_W,kq = ⟨φ_k φ_q/(σ² + B_κ)⟩,  b_W,k = ⟨φ_k y/(σ² + B_κ)⟩.
 * Normalisation check: B ≡ 0 and orthonormal features give G_W = I/σ², b_W,k = y_k/σ², so
 * f̄_k = (η y_k/σ²)/(1/λ_k + η/σ²) = ηλ_k y_k/(σ² + ηλ_k) = L_k y_k (EK, §2): the 1/(σ² + B) in
 * G_W and b_W already carries the σ² (equivalently: weight W = σ²/(σ² + B) with η/σ² in front).
 * Solved in the symmetric form f̄ = Λ^{1/2} g, (I + η Λ^{1/2} G_W Λ^{1/2}) g = η Λ^{1/2} b_W, an SPD
 * system with eigenvalues ≥ 1 that also admits λ_k = 0 (then f̄_k = 0). Needs σ² + B_κ(x_μ) > 0
 * at every point with positive weight.
 */
export function reweightedEk(params: ReweightedEkParams): ReweightedEkResult {
  const where = 'reweightedEk';
  validateReweighted(where, params);
  const { features, weights, eigenvalues, targetValues, ridge, sampleCount, cutoff } = params;
  const { rows, cols, data } = features;
  const field = fieldValues(features, eigenvalues, cutoff);
  const kept = cutoff;
  const gram = new Float64Array(kept * kept);
  const projection = new Float64Array(kept);
  for (let mu = 0; mu < rows; mu++) {
    const w = weights[mu];
    if (w === 0) continue;
    const local = ridge + field[mu];
    if (!(local > 0)) {
      throw new RangeError(
        `${where}: local ridge σ² + B_κ(x_${mu}) = ${local} must be > 0 at every weighted point ` +
          `(use ridge > 0, or a cutoff that leaves modes with λ > 0 in the ridge field)`,
      );
    }
    const s = w / local;
    const base = mu * cols;
    for (let k = 0; k < kept; k++) {
      const sk = s * data[base + k];
      projection[k] += sk * targetValues[mu];
      for (let q = 0; q <= k; q++) gram[k * kept + q] += sk * data[base + q];
    }
  }
  for (let k = 0; k < kept; k++) for (let q = 0; q < k; q++) gram[q * kept + k] = gram[k * kept + q];
  const predictor = new Float64Array(kept);
  if (kept > 0) {
    const root = new Float64Array(kept);
    for (let k = 0; k < kept; k++) root[k] = Math.sqrt(eigenvalues[k]);
    const system = new Float64Array(kept * kept);
    const rhs = new Float64Array(kept);
    for (let k = 0; k < kept; k++) {
      rhs[k] = sampleCount * root[k] * projection[k];
      for (let q = 0; q < kept; q++) {
        system[k * kept + q] = sampleCount * root[k] * gram[k * kept + q] * root[q] + (k === q ? 1 : 0);
      }
    }
    const g = solveSmallSpd(system, kept, rhs);
    for (let k = 0; k < kept; k++) predictor[k] = root[k] * g[k];
  }
  return { predictor, ridgeField: field, weightedGram: gram, weightedProjection: projection };
}

export interface FirstOrderCorrectionResult {
  /** δf̄_k = −(L_k/σ_c²) ⟨δB_κ φ_k r⁽⁰⁾⟩ for k = 1..κ. */
  readonly correction: Float64Array;
  /** Zeroth order (universal flow, §3): f̄⁽⁰⁾_k = L_k y_k with L_k at σ_c². */
  readonly zerothOrder: Float64Array;
  /** f̄⁽⁰⁾ + δf̄. */
  readonly predictor: Float64Array;
  /** L_k = ηλ_k/(σ_c² + ηλ_k), k ≤ κ. */
  readonly learnability: Float64Array;
  /** σ_c² = σ² + c(κ). */
  readonly renormalizedRidge: number;
  /** y_k = ⟨φ_k y⟩ with the given weights, k ≤ κ. */
  readonly targetCoefficients: Float64Array;
}

/**
 * First-order (in δB/σ_c²) correction to the kept-mode predictor (rg-theory.md §4):
 *   δf̄_k = −(L_k/σ_c²) ⟨δB_κ(x) φ_k(x) r⁽⁰⁾(x)⟩,   σ_c² = σ² + c(κ),
 *   r⁽⁰⁾ = y − Σ_{q≤κ} L_q y_q φ_q,   δB_κ = B_κ − c(κ),
 * with every L computed at σ_c² (the universal-flow ridge) and y_q = ⟨φ_q y⟩ from the weights.
 * It is the O(δB) term of reweightedEk expanded around B = c(κ) (tested). Non-zero even when
 * y_k = 0: the unlearnable part of the target leaks into learnable modes.
 */
export function firstOrderCorrection(params: ReweightedEkParams): FirstOrderCorrectionResult {
  const where = 'firstOrderCorrection';
  validateReweighted(where, params);
  const { features, weights, eigenvalues, targetValues, ridge, sampleCount, cutoff } = params;
  const { rows, cols, data } = features;
  const c = tailMass(eigenvalues, cutoff);
  const sigmaC2 = ridge + c;
  if (!(sigmaC2 > 0)) {
    throw new RangeError(`${where}: σ_c² = σ² + c(κ) must be > 0 (got ${sigmaC2}); use ridge > 0 or a smaller cutoff`);
  }
  const kept = cutoff;
  const coefficients = new Float64Array(kept);
  for (let mu = 0; mu < rows; mu++) {
    const w = weights[mu];
    for (let k = 0; k < kept; k++) coefficients[k] += w * data[mu * cols + k] * targetValues[mu];
  }
  const learn = new Float64Array(kept);
  const zeroth = new Float64Array(kept);
  for (let k = 0; k < kept; k++) {
    learn[k] = modeLearnability(eigenvalues[k], sigmaC2, sampleCount);
    zeroth[k] = learn[k] * coefficients[k];
  }
  const field = fieldValues(features, eigenvalues, cutoff);
  const moment = new Float64Array(kept);
  for (let mu = 0; mu < rows; mu++) {
    const base = mu * cols;
    let residual = targetValues[mu];
    for (let q = 0; q < kept; q++) residual -= zeroth[q] * data[base + q];
    const s = weights[mu] * (field[mu] - c) * residual;
    for (let k = 0; k < kept; k++) moment[k] += s * data[base + k];
  }
  const correction = new Float64Array(kept);
  const predictor = new Float64Array(kept);
  for (let k = 0; k < kept; k++) {
    correction[k] = -(learn[k] / sigmaC2) * moment[k];
    predictor[k] = zeroth[k] + correction[k];
  }
  return {
    correction,
    zerothOrder: zeroth,
    predictor,
    learnability: learn,
    renormalizedRidge: sigmaC2,
    targetCoefficients: coefficients,
  };
}
