/**
 * Kernels, data measures and targets as serialisable specs (plain JSON), in the manner of
 * google/neural-tangents. The experiment schemas (zod) validate these shapes.
 */

/**
 * Finite-rank Hermite feature kernel on the first input coordinate:
 * K(x,x') = Σ_i eigenvalues[i] · He_{degrees[i]}(x₁) He_{degrees[i]}(x'₁) (probabilists' Hermite).
 * Under x₁ ~ N(0,1) its orthonormal modes are He_d/√(d!) with eigenvalue d!·eigenvalues[i].
 */
export interface HermiteKernelSpec {
  readonly type: 'hermite';
  readonly degrees: readonly number[];
  readonly eigenvalues: readonly number[];
}

/** NNGP of a fully connected network of depth L (rg-theory.md §6). */
export interface NngpKernelSpec {
  readonly type: 'nngp';
  readonly activation: 'relu' | 'erf';
  /** Number of hidden layers L ≥ 1. */
  readonly depth: number;
  /** σ_w² */
  readonly weightVariance: number;
  /** σ_b² */
  readonly biasVariance: number;
}

/** K(x,x') = variance · exp(−‖x−x'‖² / (2 lengthScale²)). */
export interface RbfKernelSpec {
  readonly type: 'rbf';
  readonly lengthScale: number;
  readonly variance: number;
}

export type KernelSpec = HermiteKernelSpec | NngpKernelSpec | RbfKernelSpec;

/** Data measures μ. */
export type MeasureSpec =
  | { readonly type: 'gaussian'; readonly dimension: number }
  | { readonly type: 'sphere'; readonly dimension: number }
  /** A given pool of points (rows); the empirical measure on them. */
  | { readonly type: 'pool'; readonly points: readonly (readonly number[])[] };

/** Regression targets y(x). */
export type TargetSpec =
  /** coefficient · He_degree(x₁) */
  | { readonly type: 'hermite'; readonly degree: number; readonly coefficient?: number }
  /** sign(x₁) */
  | { readonly type: 'sign' }
  /** Σ_j w_j x_j (w given; its length must equal the input dimension). */
  | { readonly type: 'linear'; readonly weights: readonly number[] }
  /** Given values on the points of a pool measure (same order). */
  | { readonly type: 'values'; readonly values: readonly number[] };
