/**
 * Cholesky factorisation A + jitter·I = L Lᵀ and the solve (L Lᵀ) X = B, row-major float64.
 *
 * Algorithm: the row-oriented (Cholesky–Crout, "dot product") form; Golub & Van Loan,
 * Matrix Computations, 4th ed., §4.2:
 *   l_ij = (a_ij − Σ_{k<j} l_ik l_jk) / l_jj     (j < i)
 *   l_ii = sqrt(a_ii + jitter − Σ_{k<i} l_ik²)
 * In row-major storage both l_i· and l_j· are contiguous, so every sum is a unit-stride dot
 * product. Rows are processed four at a time: the four rows share each load of l_j·, which cuts
 * memory traffic fourfold and keeps four independent accumulators in flight. Columns are
 * processed two at a time on top of that (a 4×2 register block): l_{i,j} is finished before its
 * term l_{i,j} l_{j+1,j} is added to column j+1. Cost n³/3 flops.
 *
 * Only the lower triangle of A (j ≤ i) is read; the strict upper triangle is ignored, not
 * checked. (The native implementation reads the same entries: dpotrf with uplo 'U' on the
 * column-major view of the row-major buffer.)
 *
 * A pivot fails when its value a_ii + jitter − Σ l_ik² is not > 0 (this catches NaN too, exactly
 * the test LAPACK dpotf2 applies); the error names the 0-based pivot and that value.
 */
import { assertMatrix, assertSquare, shapeOf } from './dense';
import {
  assertNonSingularDiagonal,
  backSubstituteTransposedLower,
  forwardSubstitute,
  fromRhsMajor,
  toRhsMajor,
} from './triangular';
import {
  NotPositiveDefiniteError,
  type CholeskyFactor,
  type CholeskyOptions,
  type Matrix,
} from './types';

/** Throws unless the jitter is a finite number ≥ 0; returns it (0 when absent). */
export function checkJitter(op: string, options?: CholeskyOptions): number {
  const jitter = options?.jitter ?? 0;
  if (typeof jitter !== 'number' || !Number.isFinite(jitter) || jitter < 0) {
    throw new Error(`${op}: jitter must be a finite number ≥ 0, got ${String(jitter)}`);
  }
  return jitter;
}

/** sqrt of a pivot value, or NotPositiveDefiniteError when it is not > 0 (NaN included). */
function pivotRoot(i: number, s: number): number {
  if (!(s > 0)) throw new NotPositiveDefiniteError(i, s);
  return Math.sqrt(s);
}

/**
 * Rows i of L for i in [i0, i1) that lie inside the current diagonal block: columns j in
 * [jStart, i], one unit-stride dot product each. Also used for leftover rows (jStart = 0).
 */
function finishRows(
  a: Float64Array,
  l: Float64Array,
  invDiag: Float64Array,
  n: number,
  jitter: number,
  i0: number,
  i1: number,
  jStart: number,
): void {
  for (let i = i0; i < i1; i++) {
    const ri = i * n;
    for (let j = jStart; j <= i; j++) {
      const rj = j * n;
      let sa = 0;
      let sb = 0;
      let k = 0;
      for (; k + 1 < j; k += 2) {
        sa += l[ri + k] * l[rj + k];
        sb += l[ri + k + 1] * l[rj + k + 1];
      }
      if (k < j) sa += l[ri + k] * l[rj + k];
      const s = a[ri + j] - (sa + sb);
      if (j < i) {
        l[ri + j] = s * invDiag[j];
      } else {
        const d = pivotRoot(i, s + jitter);
        l[ri + i] = d;
        invDiag[i] = 1 / d;
      }
    }
  }
}

/**
 * Columns j in [0, i0) of the four rows i0…i0+3: every l_j· needed is already final.
 * 4×2 register block over (rows, columns).
 */
function panelOfFour(
  a: Float64Array,
  l: Float64Array,
  invDiag: Float64Array,
  n: number,
  i0: number,
): void {
  const r0 = i0 * n;
  const r1 = r0 + n;
  const r2 = r1 + n;
  const r3 = r2 + n;
  let j = 0;
  for (; j + 1 < i0; j += 2) {
    const rj = j * n;
    const rk = rj + n; // row j+1
    let s0 = a[r0 + j];
    let s1 = a[r1 + j];
    let s2 = a[r2 + j];
    let s3 = a[r3 + j];
    let t0 = a[r0 + j + 1];
    let t1 = a[r1 + j + 1];
    let t2 = a[r2 + j + 1];
    let t3 = a[r3 + j + 1];
    for (let k = 0; k < j; k++) {
      const u = l[rj + k];
      const v = l[rk + k];
      const x0 = l[r0 + k];
      const x1 = l[r1 + k];
      const x2 = l[r2 + k];
      const x3 = l[r3 + k];
      s0 -= x0 * u;
      s1 -= x1 * u;
      s2 -= x2 * u;
      s3 -= x3 * u;
      t0 -= x0 * v;
      t1 -= x1 * v;
      t2 -= x2 * v;
      t3 -= x3 * v;
    }
    const inv = invDiag[j];
    const y0 = s0 * inv;
    const y1 = s1 * inv;
    const y2 = s2 * inv;
    const y3 = s3 * inv;
    l[r0 + j] = y0;
    l[r1 + j] = y1;
    l[r2 + j] = y2;
    l[r3 + j] = y3;
    // Column j+1 also needs the k = j term, now that l_{·,j} is known.
    const v = l[rk + j];
    const inv1 = invDiag[j + 1];
    l[r0 + j + 1] = (t0 - y0 * v) * inv1;
    l[r1 + j + 1] = (t1 - y1 * v) * inv1;
    l[r2 + j + 1] = (t2 - y2 * v) * inv1;
    l[r3 + j + 1] = (t3 - y3 * v) * inv1;
  }
  if (j < i0) {
    const rj = j * n;
    let s0 = a[r0 + j];
    let s1 = a[r1 + j];
    let s2 = a[r2 + j];
    let s3 = a[r3 + j];
    for (let k = 0; k < j; k++) {
      const u = l[rj + k];
      s0 -= l[r0 + k] * u;
      s1 -= l[r1 + k] * u;
      s2 -= l[r2 + k] * u;
      s3 -= l[r3 + k] * u;
    }
    const inv = invDiag[j];
    l[r0 + j] = s0 * inv;
    l[r1 + j] = s1 * inv;
    l[r2 + j] = s2 * inv;
    l[r3 + j] = s3 * inv;
  }
}

/**
 * Lower Cholesky factor of A + jitter·I. Throws NotPositiveDefiniteError(pivot, value) at the
 * first pivot whose value is not > 0 (NaN included).
 */
export function cholesky(a: Matrix, options?: CholeskyOptions): CholeskyFactor {
  const n = assertSquare('cholesky', a);
  const jitter = checkJitter('cholesky', options);
  const A = a.data;
  const L = new Float64Array(n * n);
  const invDiag = new Float64Array(n);
  let i0 = 0;
  for (; i0 + 3 < n; i0 += 4) {
    panelOfFour(A, L, invDiag, n, i0);
    finishRows(A, L, invDiag, n, jitter, i0, i0 + 4, i0);
  }
  finishRows(A, L, invDiag, n, jitter, i0, n, 0);
  return { n, lower: L, jitter };
}

/** Throws unless `factor` is a well-formed CholeskyFactor with a positive diagonal. */
export function assertFactor(op: string, factor: CholeskyFactor): number {
  const n = factor?.n;
  if (!Number.isInteger(n) || n < 0 || !(factor.lower instanceof Float64Array)) {
    throw new Error(`${op}: factor must be a CholeskyFactor {n, lower: Float64Array, jitter}`);
  }
  if (factor.lower.length !== n * n) {
    throw new Error(`${op}: factor.n is ${n} but factor.lower has length ${factor.lower.length}`);
  }
  assertNonSingularDiagonal(op, factor.lower, n);
  return n;
}

/**
 * X = (L Lᵀ)⁻¹ B for B n×m: forward substitution L Y = B, then back substitution Lᵀ X = Y (the
 * transposed solve runs along rows of L, see ./triangular). This solves with A + jitter·I, the
 * matrix that was factorised.
 */
export function choleskySolve(factor: CholeskyFactor, b: Matrix): Matrix {
  const op = 'choleskySolve';
  const n = assertFactor(op, factor);
  assertMatrix(op, b, 'right-hand side B');
  if (b.rows !== n) {
    throw new Error(`${op}: factor is ${n}×${n} but right-hand side B is ${shapeOf(b)} (needs ${n} rows)`);
  }
  const m = b.cols;
  const x = toRhsMajor(b);
  forwardSubstitute(factor.lower, n, x, m);
  backSubstituteTransposedLower(factor.lower, n, x, m);
  return fromRhsMajor(x, n, m);
}
