/**
 * Triangular solves with multiple right-hand sides, row-major float64.
 *
 * Forward substitution (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 3.1.1):
 *   x_i = (b_i − Σ_{k<i} l_ik x_k) / l_ii,   i = 0…n−1
 * Back substitution (Alg. 3.1.2):
 *   x_i = (b_i − Σ_{k>i} u_ik x_k) / u_ii,   i = n−1…0
 *
 * Layout: the right-hand sides are first copied into an m×n "RHS-major" work array (each RHS
 * contiguous). Both sums above are then dot products of a contiguous row of the triangle with a
 * contiguous RHS, and four RHS are processed together so each triangle entry is loaded once per
 * four multiply-adds. Only the referenced triangle is read (like LAPACK dtrtrs): entries on the
 * other side of the diagonal are ignored, not checked.
 */
import { assertMatrix, assertSquare, shapeOf } from './dense';
import type { Matrix } from './types';

/** B (n×m row-major) → X (m×n, RHS-major). */
export function toRhsMajor(b: Matrix): Float64Array {
  const n = b.rows;
  const m = b.cols;
  const src = b.data;
  const x = new Float64Array(n * m);
  if (m === 1) {
    x.set(src);
    return x;
  }
  for (let i = 0; i < n; i++) {
    const o = i * m;
    for (let r = 0; r < m; r++) x[r * n + i] = src[o + r];
  }
  return x;
}

/** X (m×n, RHS-major) → n×m row-major Matrix. */
export function fromRhsMajor(x: Float64Array, n: number, m: number): Matrix {
  if (m === 1) return { rows: n, cols: 1, data: x };
  const out = new Float64Array(n * m);
  for (let r = 0; r < m; r++) {
    const o = r * n;
    for (let i = 0; i < n; i++) out[i * m + r] = x[o + i];
  }
  return { rows: n, cols: m, data: out };
}

/**
 * In place: each of the m RHS rows of `x` (m×n) becomes L⁻¹ x, L the lower triangle of the n×n
 * row-major `l` (strict upper part ignored). The diagonal must be non-zero (checked by callers).
 */
export function forwardSubstitute(l: Float64Array, n: number, x: Float64Array, m: number): void {
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const x0 = r * n;
    const x1 = x0 + n;
    const x2 = x1 + n;
    const x3 = x2 + n;
    for (let i = 0; i < n; i++) {
      const li = i * n;
      let s0 = x[x0 + i];
      let s1 = x[x1 + i];
      let s2 = x[x2 + i];
      let s3 = x[x3 + i];
      for (let k = 0; k < i; k++) {
        const lik = l[li + k];
        s0 -= lik * x[x0 + k];
        s1 -= lik * x[x1 + k];
        s2 -= lik * x[x2 + k];
        s3 -= lik * x[x3 + k];
      }
      const inv = 1 / l[li + i];
      x[x0 + i] = s0 * inv;
      x[x1 + i] = s1 * inv;
      x[x2 + i] = s2 * inv;
      x[x3 + i] = s3 * inv;
    }
  }
  for (; r < m; r++) {
    const x0 = r * n;
    for (let i = 0; i < n; i++) {
      const li = i * n;
      // Two partial sums for instruction-level parallelism.
      let sa = 0;
      let sb = 0;
      let k = 0;
      for (; k + 1 < i; k += 2) {
        sa += l[li + k] * x[x0 + k];
        sb += l[li + k + 1] * x[x0 + k + 1];
      }
      if (k < i) sa += l[li + k] * x[x0 + k];
      x[x0 + i] = (x[x0 + i] - (sa + sb)) / l[li + i];
    }
  }
}

/**
 * In place: each RHS row of `x` becomes U⁻¹ x, U the upper triangle of the n×n row-major `u`
 * (strict lower part ignored).
 */
export function backSubstitute(u: Float64Array, n: number, x: Float64Array, m: number): void {
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const x0 = r * n;
    const x1 = x0 + n;
    const x2 = x1 + n;
    const x3 = x2 + n;
    for (let i = n - 1; i >= 0; i--) {
      const ui = i * n;
      let s0 = x[x0 + i];
      let s1 = x[x1 + i];
      let s2 = x[x2 + i];
      let s3 = x[x3 + i];
      for (let k = i + 1; k < n; k++) {
        const uik = u[ui + k];
        s0 -= uik * x[x0 + k];
        s1 -= uik * x[x1 + k];
        s2 -= uik * x[x2 + k];
        s3 -= uik * x[x3 + k];
      }
      const inv = 1 / u[ui + i];
      x[x0 + i] = s0 * inv;
      x[x1 + i] = s1 * inv;
      x[x2 + i] = s2 * inv;
      x[x3 + i] = s3 * inv;
    }
  }
  for (; r < m; r++) {
    const x0 = r * n;
    for (let i = n - 1; i >= 0; i--) {
      const ui = i * n;
      let sa = 0;
      let sb = 0;
      let k = i + 1;
      for (; k + 1 < n; k += 2) {
        sa += u[ui + k] * x[x0 + k];
        sb += u[ui + k + 1] * x[x0 + k + 1];
      }
      if (k < n) sa += u[ui + k] * x[x0 + k];
      x[x0 + i] = (x[x0 + i] - (sa + sb)) / u[ui + i];
    }
  }
}

/**
 * In place: each RHS row of `x` becomes L⁻ᵀ x, L the lower triangle of row-major `l`.
 * Lᵀ is upper triangular with (Lᵀ)_ik = l_ki, a column of L; to stay on contiguous memory this is
 * the column-oriented ("axpy") form of back substitution: for i = n−1…0,
 *   x_i ← x_i / l_ii,  then  x_k ← x_k − l_ik x_i  for k < i   (row i of L, contiguous).
 */
export function backSubstituteTransposedLower(
  l: Float64Array,
  n: number,
  x: Float64Array,
  m: number,
): void {
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const x0 = r * n;
    const x1 = x0 + n;
    const x2 = x1 + n;
    const x3 = x2 + n;
    for (let i = n - 1; i >= 0; i--) {
      const li = i * n;
      const inv = 1 / l[li + i];
      const t0 = (x[x0 + i] *= inv);
      const t1 = (x[x1 + i] *= inv);
      const t2 = (x[x2 + i] *= inv);
      const t3 = (x[x3 + i] *= inv);
      for (let k = 0; k < i; k++) {
        const lik = l[li + k];
        x[x0 + k] -= lik * t0;
        x[x1 + k] -= lik * t1;
        x[x2 + k] -= lik * t2;
        x[x3 + k] -= lik * t3;
      }
    }
  }
  for (; r < m; r++) {
    const x0 = r * n;
    for (let i = n - 1; i >= 0; i--) {
      const li = i * n;
      const t = (x[x0 + i] /= l[li + i]);
      for (let k = 0; k < i; k++) x[x0 + k] -= l[li + k] * t;
    }
  }
}

/** Throws naming the first zero (or NaN) diagonal entry of the n×n row-major `t`. */
export function assertNonSingularDiagonal(op: string, t: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const d = t[i * n + i];
    if (d === 0 || Number.isNaN(d)) {
      throw new Error(
        `${op}: triangular matrix is singular: diagonal entry [${i}][${i}] is ${d}`,
      );
    }
  }
}

function checkSystem(op: string, t: Matrix, b: Matrix): number {
  const n = assertSquare(op, t, 'triangular matrix');
  assertMatrix(op, b, 'right-hand side B');
  if (b.rows !== n) {
    throw new Error(
      `${op}: triangular matrix is ${shapeOf(t)} but right-hand side B is ${shapeOf(b)} (needs ${n} rows)`,
    );
  }
  return n;
}

/** Solves L X = B, L the lower triangle of the n×n row-major `lower`; B is n×m. */
export function solveLowerTriangular(lower: Matrix, b: Matrix): Matrix {
  const op = 'solveLowerTriangular';
  const n = checkSystem(op, lower, b);
  assertNonSingularDiagonal(op, lower.data, n);
  const x = toRhsMajor(b);
  forwardSubstitute(lower.data, n, x, b.cols);
  return fromRhsMajor(x, n, b.cols);
}

/** Solves U X = B, U the upper triangle of the n×n row-major `upper`; B is n×m. */
export function solveUpperTriangular(upper: Matrix, b: Matrix): Matrix {
  const op = 'solveUpperTriangular';
  const n = checkSystem(op, upper, b);
  assertNonSingularDiagonal(op, upper.data, n);
  const x = toRhsMajor(b);
  backSubstitute(upper.data, n, x, b.cols);
  return fromRhsMajor(x, n, b.cols);
}
