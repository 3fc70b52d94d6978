/**
 * A tiny dense Cholesky solve A x = b for the κ×κ symmetric positive-definite systems of the
 * re-weighted EK (ridge-field.ts). Kept local on purpose: κ is small (the kept modes), the matrix
 * is I + (SPD) so it is well conditioned, and the project-wide LinearAlgebra interface
 * (src-shared/science/linalg) is the place for anything bigger. Unblocked O(κ³/3).
 */

/**
 * Solves A x = b, A n×n row-major SPD (only the lower triangle is read). Throws an Error naming
 * the failing pivot when A is not positive definite. Does not modify its inputs.
 */
export function solveSmallSpd(a: Float64Array, n: number, b: Float64Array): Float64Array {
  if (a.length !== n * n || b.length !== n) {
    throw new RangeError(`solveSmallSpd: need an ${n}×${n} matrix and a length-${n} right-hand side (got ${a.length}, ${b.length})`);
  }
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0) || !Number.isFinite(d)) {
      throw new Error(`solveSmallSpd: matrix is not positive definite: pivot ${j} is ${d}`);
    }
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k];
    x[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}
