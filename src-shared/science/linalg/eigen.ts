/**
 * Symmetric eigendecomposition A = V diag(λ) Vᵀ, all pairs, λ descending.
 *
 * Algorithm: Householder tridiagonalisation A = Q T Qᵀ (./householder, EISPACK tred2) followed by
 * the implicit QL algorithm with shifts on T (EISPACK tql2), both as in JAMA's
 * EigenvalueDecomposition (public domain; Bowdler, Martin, Reinsch & Wilkinson, Handbook for
 * Automatic Computation Vol. II, Linear Algebra, 1971). QL costs ≈ 3 n³ flops in its rotations
 * (typically 1.5–2 sweeps per eigenvalue) and dominates for large n.
 *
 * Row-major adaptation: the working array W holds Vᵀ (see ./householder), so QL's rotations
 * combine two contiguous rows of W, and eigenvector k ends up as row k of W before the final sort.
 *
 * Sign convention (so results are reproducible across implementations): each eigenvector is
 * scaled by ±1 so that its entry of largest magnitude (the first one on exact ties) is positive.
 */
import { assertSymmetric, SYMMETRY_TOLERANCE } from './dense';
import { tridiagonalize } from './householder';
import type { Matrix, SymmetricEigen } from './types';

/** sqrt(a² + b²) without destructive overflow/underflow (Math.hypot is slow in V8). */
function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/**
 * Applies the rotations of one QL sweep, i = m−1 down to l, each to rows (i, i+1) of W:
 *   w_{i+1} ← s_i w_i + c_i w_{i+1},   w_i ← c_i w_i − s_i w_{i+1}.
 * Consecutive rotations share a row, so four of them are fused into one pass over rows
 * i+1 … i−3: five loads and five stores per column instead of eight and eight. The row carried
 * from one rotation to the next stays in a register.
 */
function applyRotations(
  W: Float64Array,
  n: number,
  l: number,
  m: number,
  cs: Float64Array,
  sn: Float64Array,
): void {
  let i = m - 1;
  for (; i - 3 >= l; i -= 4) {
    const c1 = cs[i];
    const s1 = sn[i];
    const c2 = cs[i - 1];
    const s2 = sn[i - 1];
    const c3 = cs[i - 2];
    const s3 = sn[i - 2];
    const c4 = cs[i - 3];
    const s4 = sn[i - 3];
    const r0 = (i + 1) * n;
    const r1 = r0 - n;
    const r2 = r1 - n;
    const r3 = r2 - n;
    const r4 = r3 - n;
    for (let k = 0; k < n; k++) {
      const a = W[r0 + k];
      const b = W[r1 + k];
      W[r0 + k] = s1 * b + c1 * a;
      let t = c1 * b - s1 * a;
      let x = W[r2 + k];
      W[r1 + k] = s2 * x + c2 * t;
      t = c2 * x - s2 * t;
      x = W[r3 + k];
      W[r2 + k] = s3 * x + c3 * t;
      t = c3 * x - s3 * t;
      x = W[r4 + k];
      W[r3 + k] = s4 * x + c4 * t;
      W[r4 + k] = c4 * x - s4 * t;
    }
  }
  for (; i >= l; i--) {
    const c = cs[i];
    const s = sn[i];
    const ri = i * n;
    const rk = ri + n;
    for (let k = 0; k < n; k++) {
      const wk = W[rk + k];
      const wi = W[ri + k];
      W[rk + k] = s * wi + c * wk;
      W[ri + k] = c * wi - s * wk;
    }
  }
}

/** Maximum QL iterations per eigenvalue before giving up (LAPACK dsteqr allows 30 on average). */
export const MAX_QL_ITERATIONS = 60;

/**
 * Implicit QL with shifts on the tridiagonal (d, e), accumulating rotations into the rows of W.
 * On return d holds the eigenvalues (unsorted) and row k of W the eigenvector of d[k].
 * JAMA tql2; the only change is that the rotation acts on rows i, i+1 of W instead of columns.
 */
function tql2(W: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  const cs = new Float64Array(n);
  const sn = new Float64Array(n);
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    // Find a small subdiagonal element.
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    // If m == l, d[l] is already an eigenvalue; otherwise iterate.
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > MAX_QL_ITERATIONS) {
          throw new Error(
            `symmetricEigen: implicit QL did not converge for eigenvalue ${l} of ${n} ` +
              `after ${MAX_QL_ITERATIONS} iterations (input may contain extreme values)`,
          );
        }
        // Implicit shift.
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;

        // Implicit QL transformation: the scalar recurrence, recording each rotation.
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          cs[i] = c;
          sn[i] = s;
        }
        applyRotations(W, n, l, m, cs, sn);
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        // Check for convergence.
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

/**
 * Builds the result: values descending; column k of `vectors` = eigenvector of values[k]
 * (row perm[k] of W), sign-normalised (largest-magnitude entry positive).
 */
export function assembleDescending(
  n: number,
  values: Float64Array,
  rowsOfVectors: Float64Array,
): SymmetricEigen {
  const perm = Array.from({ length: n }, (_, k) => k);
  perm.sort((p, q) => values[q] - values[p] || p - q);
  const sorted = new Float64Array(n);
  const V = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const src = perm[k] * n;
    sorted[k] = values[perm[k]];
    let big = 0;
    let sign = 1;
    for (let r = 0; r < n; r++) {
      const v = rowsOfVectors[src + r];
      if (Math.abs(v) > big) {
        big = Math.abs(v);
        sign = v < 0 ? -1 : 1;
      }
    }
    for (let r = 0; r < n; r++) V[r * n + k] = sign * rowsOfVectors[src + r];
  }
  return { values: sorted, vectors: { rows: n, cols: n, data: V } };
}

/**
 * All eigen-pairs of the symmetric matrix A, eigenvalues descending. Throws when A is not square,
 * has non-finite entries, or is asymmetric beyond `relTol` (|a_ij − a_ji| ≤ relTol·max|a|; the
 * error names the worst entry). The symmetric part (A + Aᵀ)/2 is what gets decomposed.
 */
export function symmetricEigen(a: Matrix, relTol = SYMMETRY_TOLERANCE): SymmetricEigen {
  const n = assertSymmetric('symmetricEigen', a, relTol);
  if (n === 0) return { values: new Float64Array(0), vectors: { rows: 0, cols: 0, data: new Float64Array(0) } };
  const A = a.data;
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    W[i * n + i] = A[i * n + i];
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (A[i * n + j] + A[j * n + i]);
      W[i * n + j] = v;
      W[j * n + i] = v;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(W, n, d, e);
  tql2(W, n, d, e);
  return assembleDescending(n, d, W);
}
