/**
 * NNGP kernels of fully connected networks (rg-theory.md §6; reference: google/neural-tangents
 * `stax.Relu`, `stax.Erf`; Cho & Saul 2009 arc-cosine kernel; Williams 1997 erf kernel;
 * Lee et al. 2018 "Deep neural networks as Gaussian processes").
 *
 * Input layer:   K⁰(x,x') = σ_b² + σ_w² x·x'/d
 * ReLU layer:    K^{l+1} = σ_b² + (σ_w²/2π) √(K^l_xx K^l_x'x') [sin θ + (π − θ) cos θ],
 *                θ = arccos(K^l_xx' / √(K^l_xx K^l_x'x'))      (cosine clamped to [−1, 1])
 *                diagonal: K^{l+1}_xx = σ_b² + (σ_w²/2) K^l_xx
 * erf layer:     K^{l+1} = σ_b² + σ_w² (2/π) arcsin(2K^l_xx' / √((1 + 2K^l_xx)(1 + 2K^l_x'x')))
 *                (argument clamped to [−1, 1])
 * Depth L = number of hidden layers: the returned kernel is K^L, the covariance of the readout
 * f(x) = b + (σ_w/√n_L) w·φ(z^L(x)) … in the infinite-width limit (K¹ for one hidden layer).
 */
import type { NngpKernelSpec } from './types';

/** One ReLU layer on a covariance entry k = K^l_xx' with diagonals kxx = K^l_xx, kyy = K^l_x'x'. */
export function reluLayer(k: number, kxx: number, kyy: number, weightVariance: number, biasVariance: number): number {
  const norm = Math.sqrt(kxx * kyy);
  if (norm === 0) return biasVariance;
  const cosine = Math.min(1, Math.max(-1, k / norm));
  const theta = Math.acos(cosine);
  return biasVariance + (weightVariance / (2 * Math.PI)) * norm * (Math.sin(theta) + (Math.PI - theta) * cosine);
}

/** One erf layer on a covariance entry (see module doc). */
export function erfLayer(k: number, kxx: number, kyy: number, weightVariance: number, biasVariance: number): number {
  const argument = Math.min(1, Math.max(-1, (2 * k) / Math.sqrt((1 + 2 * kxx) * (1 + 2 * kyy))));
  return biasVariance + weightVariance * (2 / Math.PI) * Math.asin(argument);
}

/** Diagonal of one layer: K^{l+1}_xx from K^l_xx. */
function layerDiagonal(spec: NngpKernelSpec, kxx: number): number {
  const { weightVariance, biasVariance } = spec;
  if (spec.activation === 'relu') return biasVariance + 0.5 * weightVariance * kxx;
  return biasVariance + weightVariance * (2 / Math.PI) * Math.asin((2 * kxx) / (1 + 2 * kxx));
}

/** K⁰ input-layer entry from a dot product x·x'. */
export function inputLayer(dot: number, dimension: number, weightVariance: number, biasVariance: number): number {
  return biasVariance + (weightVariance * dot) / dimension;
}

/**
 * Per-layer diagonals K^l(x_i, x_i) for l = 0..L−1 of the rows of `points` (row-major n×d):
 * entry [l * n + i]. These are the only layer values a pair recursion needs besides its own.
 */
export function nngpLayerDiagonals(spec: NngpKernelSpec, points: Float64Array, n: number, d: number): Float64Array {
  const L = spec.depth;
  const out = new Float64Array(L * n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let j = 0; j < d; j++) dot += points[i * d + j] * points[i * d + j];
    let k = inputLayer(dot, d, spec.weightVariance, spec.biasVariance);
    for (let l = 0; l < L; l++) {
      out[l * n + i] = k;
      k = layerDiagonal(spec, k);
    }
  }
  return out;
}

/** K^L(x,x) for each row: the exact diagonal recursion. */
export function nngpDiagonal(spec: NngpKernelSpec, points: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let j = 0; j < d; j++) dot += points[i * d + j] * points[i * d + j];
    let k = inputLayer(dot, d, spec.weightVariance, spec.biasVariance);
    for (let l = 0; l < spec.depth; l++) k = layerDiagonal(spec, k);
    out[i] = k;
  }
  return out;
}

/**
 * K^L(x, x') for one pair, given the pair's dot product and the per-layer diagonals of x (at
 * `diagX[l*nx + i]`) and x' (at `diagY[l*ny + j]`).
 */
export function nngpPair(
  spec: NngpKernelSpec,
  dot: number,
  d: number,
  diagX: Float64Array,
  i: number,
  nx: number,
  diagY: Float64Array,
  j: number,
  ny: number,
): number {
  const { weightVariance, biasVariance } = spec;
  const layer = spec.activation === 'relu' ? reluLayer : erfLayer;
  let k = inputLayer(dot, d, weightVariance, biasVariance);
  for (let l = 0; l < spec.depth; l++) {
    k = layer(k, diagX[l * nx + i], diagY[l * ny + j], weightVariance, biasVariance);
  }
  return k;
}
