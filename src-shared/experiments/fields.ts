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
  ...kernelFieldDocs('source.kernel'),
  ...measureFieldDocs('source.measure'),
  ...targetFieldDocs('source.target'),
  'source.poolSize': { label: 'Pool size', symbol: 'N', help: 'Points drawn from the measure for the Gram eigendecomposition K_N/N = V diag(λ̂) Vᵀ (float64).' },
};

/** Docs of every field of a kernel spec at `prefix` (e.g. "source.kernel"). */
export function kernelFieldDocs(prefix: string): Record<string, FieldDoc> {
  return {
    [prefix]: { label: 'Kernel', help: 'NNGP (relu or erf, depth L, σ_w², σ_b²), RBF, or a Hermite feature kernel.' },
    [`${prefix}.type`]: { label: 'Kernel', help: '"nngp": infinitely wide fully connected net; "rbf": squared exponential; "hermite": finite-rank Σ λ_d He_d(x₁)He_d(x′₁).' },
    [`${prefix}.activation`]: { label: 'Activation', help: 'relu (arc-cosine recursion) or erf (arcsin recursion), rg-theory.md §6.' },
    [`${prefix}.depth`]: { label: 'Depth', symbol: 'L', help: 'Number of hidden layers of the network whose NNGP this is.' },
    [`${prefix}.weightVariance`]: { label: 'Weight variance', symbol: 'σ_w²', help: 'Variance of each weight times fan-in; K⁰ = σ_b² + σ_w² x·x′/d.' },
    [`${prefix}.biasVariance`]: { label: 'Bias variance', symbol: 'σ_b²', help: 'Variance of each bias.' },
    [`${prefix}.lengthScale`]: { label: 'Length scale', symbol: 'ℓ', help: 'K = variance · exp(−‖x − x′‖² / (2ℓ²)).' },
    [`${prefix}.variance`]: { label: 'Variance', help: 'Prior variance K(x, x) of the RBF kernel.' },
    [`${prefix}.degrees`]: { label: 'Hermite degrees', help: 'Degrees d of the Hermite feature kernel on the first coordinate.' },
    [`${prefix}.eigenvalues`]: { label: 'Hermite coefficients', symbol: 'λ_d', help: 'Coefficient of He_d(x₁)He_d(x′₁); the orthonormal mode has eigenvalue d!·λ_d.' },
  };
}

/** Docs of a data measure at `prefix` (e.g. "source.measure"). */
export function measureFieldDocs(prefix: string): Record<string, FieldDoc> {
  return {
    [prefix]: { label: 'Data measure', help: 'Standard Gaussian in d dimensions, uniform on the sphere of radius √d, or a given pool of points.' },
    [`${prefix}.type`]: { label: 'Data measure', help: '"gaussian": x ~ N(0, I_d); "sphere": uniform on the sphere of radius √d; "pool": the given points.' },
    [`${prefix}.dimension`]: { label: 'Input dimension', symbol: 'd', help: 'Dimension of the inputs x.' },
    [`${prefix}.points`]: { label: 'Points', help: 'The pool: an array of points, each an array of d numbers.' },
  };
}

/** Docs of a target at `prefix` (e.g. "source.target"). */
export function targetFieldDocs(prefix: string): Record<string, FieldDoc> {
  return {
    [prefix]: { label: 'Target', help: 'sign(x₁), a Hermite polynomial of x₁, a linear function, or given values on a pool.' },
    [`${prefix}.type`]: { label: 'Target', help: '"sign": sign(x₁); "hermite": c·He_n(x₁); "linear": w·x; "values": given y on the pool points.' },
    [`${prefix}.degree`]: { label: 'Target degree', symbol: 'n', help: 'The target is coefficient · He_n(x₁).' },
    [`${prefix}.coefficient`]: { label: 'Target coefficient', symbol: 'c', help: 'Multiplies He_n(x₁).' },
    [`${prefix}.weights`]: { label: 'Weights', symbol: 'w', help: 'y = Σ_j w_j x_j; one weight per input dimension.' },
    [`${prefix}.values`]: { label: 'Values', help: 'y at each pool point, in the same order as the points.' },
  };
}
