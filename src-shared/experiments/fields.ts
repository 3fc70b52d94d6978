/**
 * Field documentation shared by the experiment kinds (labels, symbols, units, one-line help),
 * shown by `rgwb kinds` and next to each field of the UI's Design form.
 */
import type { FieldDoc } from './types';

export const seedField: FieldDoc = { label: 'Seed', help: 'Seed of the counter-based random streams; the same spec and seed give the same numbers.' };

export const ridgeField: FieldDoc = {
  label: 'Ridge',
  symbol: 'σ²',
  unit: 'variance',
  help: 'Bare ridge: the variance of the Gaussian likelihood (observation noise). ≥ 0; 0 is the ridgeless limit.',
};

export const sampleCountField: FieldDoc = {
  label: 'Sample count',
  symbol: 'n = η',
  help: 'Training-set size (the mean η of the replica theory).',
};

export const thresholdField: FieldDoc = {
  label: 'Learnability threshold',
  symbol: 'T',
  help: 'The flow stops before the first mode whose learnability ηλ/(σ²(κ)+ηλ) is at least T. In (0, 1); default 0.5 (a convention, recorded with the run).',
};

export const sourceFields: Record<string, FieldDoc> = {
  'source.type': {
    label: 'Spectrum source',
    help: '"power-law" (synthetic λ_k ∝ k^-a, y_k² ∝ k^-b), "hermite" (exact spectrum of a Hermite feature kernel under N(0,1)) or "kernel" (numerical spectrum of a kernel on a pool of points).',
  },
  'source.modeCount': { label: 'Mode count', symbol: 'P', help: 'Number of modes k = 1..P of the power law. Must extend well past the cutoff κ*.' },
  'source.decayExponent': { label: 'Eigenvalue decay', symbol: 'a = 1+α', help: 'λ_k ∝ k^-a, normalised so Σλ_k = 1.' },
  'source.targetDecayExponent': { label: 'Target decay', symbol: 'b = 1+β', help: 'y_k² ∝ k^-b, normalised so Σy_k² = 1.' },
  'source.degrees': { label: 'Hermite degrees', help: 'Degrees d of the kernel K = Σ λ_d He_d(x)He_d(x′) on x ~ N(0,1).' },
  'source.eigenvalues': { label: 'Hermite coefficients', symbol: 'λ_d', help: 'Coefficient of He_d(x)He_d(x′); the orthonormal mode He_d/√d! has eigenvalue d!·λ_d.' },
  'source.target.degree': { label: 'Target degree', help: 'The target is coefficient · He_degree(x).' },
  'source.target.coefficient': { label: 'Target coefficient', help: 'Multiplies He_degree(x).' },
  'source.kernel': { label: 'Kernel', help: 'NNGP (relu or erf, depth L, σ_w², σ_b²), RBF, or a Hermite feature kernel.' },
  'source.measure': { label: 'Data measure', help: 'Standard Gaussian in d dimensions, uniform on the sphere of radius √d, or a given pool of points.' },
  'source.poolSize': { label: 'Pool size', symbol: 'N', help: 'Points drawn from the measure for the Gram eigendecomposition K_N/N = V diag(λ̂) Vᵀ (float64).' },
  'source.target': { label: 'Target', help: 'sign(x₁), a Hermite polynomial of x₁, a linear function, or given values on a pool.' },
};
