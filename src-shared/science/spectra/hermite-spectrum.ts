/**
 * Exact spectrum of the finite-rank Hermite kernel under x₁ ~ N(0,1) (rg-theory.md §5).
 *
 * K(x,x') = Σ_i λ_{d_i} He_{d_i}(x₁) He_{d_i}(x'₁) with E[He_n He_m] = n! δ_nm, so the orthonormal
 * modes are φ = He_d/√(d!) with eigenvalue d!·λ_d. A target y = Σ_d c_d He_d has
 * y_k = c_d √(d!) on the mode of degree d; the power c_d²·d! of every target degree that is not a
 * kernel degree goes to ‖y_⊥‖² (residualTargetPower). Modes whose eigenvalue is 0 are kept (they
 * are still modes of the spec; their learnability is 0).
 */
import type { HermiteKernelSpec, TargetSpec } from '../kernels/types';
import { factorial, MAX_HERMITE_DEGREE } from '../kernels/hermite';
import { validateKernel } from '../kernels/validate';
import type { Spectrum } from './types';

/** A Spectrum whose modes are labelled by their Hermite degree. */
export interface HermiteSpectrum extends Spectrum {
  /** Degree d of mode k (φ_k = He_d/√(d!)), same indexing as eigenvalues. */
  readonly degrees: Int32Array;
}

/** Target as Hermite coefficients: degree → c_d, meaning y = Σ_d c_d He_d(x₁). */
export type HermiteCoefficients = ReadonlyMap<number, number> | Readonly<Record<number, number>>;

function targetCoefficientMap(target: Extract<TargetSpec, { type: 'hermite' }> | HermiteCoefficients): Map<number, number> {
  const map = new Map<number, number>();
  if (target instanceof Map) {
    for (const [degree, c] of target) map.set(degree, c);
  } else if ((target as { type?: unknown }).type === 'hermite') {
    const spec = target as Extract<TargetSpec, { type: 'hermite' }>;
    map.set(spec.degree, spec.coefficient ?? 1);
  } else if ('type' in (target as object)) {
    throw new Error(`hermiteSpectrum: target.type must be 'hermite' (or give a degree → coefficient map)`);
  } else {
    for (const [key, c] of Object.entries(target as Record<string, number>)) map.set(Number(key), c);
  }
  for (const [degree, c] of map) {
    if (!Number.isInteger(degree) || degree < 0 || degree > MAX_HERMITE_DEGREE) {
      throw new Error(`target degree must be an integer in [0, ${MAX_HERMITE_DEGREE}], got ${degree}`);
    }
    if (!Number.isFinite(c)) throw new Error(`target coefficient of degree ${degree} must be finite, got ${c}`);
  }
  return map;
}

/** Exact λ_k (descending; ties by ascending degree), y_k and ‖y_⊥‖² of the Hermite kernel and target. */
export function hermiteSpectrum(
  kernel: HermiteKernelSpec,
  target: Extract<TargetSpec, { type: 'hermite' }> | HermiteCoefficients,
): HermiteSpectrum {
  validateKernel(kernel, 1);
  const coefficients = targetCoefficientMap(target);
  const order = kernel.degrees
    .map((degree, i) => ({ degree, eigenvalue: factorial(degree) * kernel.eigenvalues[i] }))
    .sort((a, b) => b.eigenvalue - a.eigenvalue || a.degree - b.degree);
  const P = order.length;
  const eigenvalues = new Float64Array(P);
  const targetCoefficients = new Float64Array(P);
  const degrees = new Int32Array(P);
  const kernelDegrees = new Set(kernel.degrees);
  order.forEach(({ degree, eigenvalue }, k) => {
    eigenvalues[k] = eigenvalue;
    degrees[k] = degree;
    targetCoefficients[k] = (coefficients.get(degree) ?? 0) * Math.sqrt(factorial(degree));
  });
  let residualTargetPower = 0;
  for (const [degree, c] of coefficients) {
    if (!kernelDegrees.has(degree)) residualTargetPower += c * c * factorial(degree);
  }
  return { eigenvalues, targetCoefficients, residualTargetPower, degrees };
}
