/**
 * Small dense-matrix helpers on the row-major float64 `Matrix` of ./types.
 *
 * Element (i, j) of an r×c matrix lives at `data[i*c + j]`. Every helper validates shapes and
 * throws an `Error` that names the operation and both shapes; none of them mutates its inputs.
 */
import type { Matrix } from './types';

/** Throws unless `rows`, `cols` are non-negative integers (0 allowed: empty matrices are legal). */
function checkDims(op: string, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new Error(`${op}: dimensions must be non-negative integers, got ${rows}×${cols}`);
  }
}

/** Shape as text, for error messages: "3×4". */
export function shapeOf(a: Matrix): string {
  return `${a.rows}×${a.cols}`;
}

/** Throws unless `a` is a well-formed Matrix (integer dims, data.length = rows·cols). */
export function assertMatrix(op: string, a: Matrix, what = 'matrix'): void {
  if (a === null || typeof a !== 'object' || !(a.data instanceof Float64Array)) {
    throw new Error(`${op}: ${what} must be a Matrix with a Float64Array 'data'`);
  }
  checkDims(op, a.rows, a.cols);
  if (a.data.length !== a.rows * a.cols) {
    throw new Error(
      `${op}: ${what} is ${shapeOf(a)} but data has length ${a.data.length} (expected ${a.rows * a.cols})`,
    );
  }
}

/** Throws unless `a` is a well-formed square Matrix; returns n. */
export function assertSquare(op: string, a: Matrix, what = 'matrix'): number {
  assertMatrix(op, a, what);
  if (a.rows !== a.cols) throw new Error(`${op}: ${what} must be square, got ${shapeOf(a)}`);
  return a.rows;
}

/**
 * A rows×cols matrix. Without `data` it is zero-filled; with `data` (copied, never aliased) its
 * length must be rows·cols.
 */
export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  checkDims('matrix', rows, cols);
  if (data === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (data.length !== rows * cols) {
    throw new Error(`matrix: ${rows}×${cols} needs ${rows * cols} values, got ${data.length}`);
  }
  return { rows, cols, data: Float64Array.from(data) };
}

/** Matrix from an array of equal-length rows; `fromRows([])` is the 0×0 matrix. */
export function fromRows(rowsIn: readonly (readonly number[])[]): Matrix {
  const rows = rowsIn.length;
  const cols = rows === 0 ? 0 : rowsIn[0].length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = rowsIn[i];
    if (r.length !== cols) {
      throw new Error(`fromRows: row ${i} has ${r.length} entries, row 0 has ${cols}`);
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = r[j];
  }
  return { rows, cols, data };
}

/** Nested arrays (for display and tests). */
export function toRows(a: Matrix): number[][] {
  assertMatrix('toRows', a);
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}

/** The n×n identity. */
export function identity(n: number): Matrix {
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** n×n matrix with `d` on the diagonal. */
export function diagonal(d: ArrayLike<number>): Matrix {
  const n = d.length;
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = d[i];
  return m;
}

/** Aᵀ. Blocked 32×32 so that both reads and writes stay in cache for large matrices. */
export function transpose(a: Matrix): Matrix {
  assertMatrix('transpose', a);
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  const B = 32;
  for (let i0 = 0; i0 < rows; i0 += B) {
    const i1 = Math.min(i0 + B, rows);
    for (let j0 = 0; j0 < cols; j0 += B) {
      const j1 = Math.min(j0 + B, cols);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) out[j * rows + i] = data[i * cols + j];
      }
    }
  }
  return { rows: cols, cols: rows, data: out };
}

/**
 * C = A B, (r×k)(k×c). Cache-friendly i-k-j order: the inner loop runs along a row of B and a row
 * of C (both contiguous), four rows of B at a time so each C element is loaded/stored once per
 * four multiply-adds; k is blocked so that the active panel of B stays in cache.
 */
export function matmul(a: Matrix, b: Matrix): Matrix {
  assertMatrix('matmul', a, 'A');
  assertMatrix('matmul', b, 'B');
  if (a.cols !== b.rows) {
    throw new Error(`matmul: inner dimensions differ: A is ${shapeOf(a)}, B is ${shapeOf(b)}`);
  }
  const r = a.rows;
  const K = a.cols;
  const c = b.cols;
  const A = a.data;
  const Bd = b.data;
  const C = new Float64Array(r * c);
  // Panel of KB rows of B: KB·c·8 bytes, aim for ≲ 512 KiB (L2).
  const KB = Math.max(4, Math.min(K, (65536 / Math.max(c, 1)) | 0) & ~3);
  for (let k0 = 0; k0 < K; k0 += KB) {
    const k1 = Math.min(k0 + KB, K);
    for (let i = 0; i < r; i++) {
      const ai = i * K;
      const ci = i * c;
      let k = k0;
      for (; k + 3 < k1; k += 4) {
        const a0 = A[ai + k];
        const a1 = A[ai + k + 1];
        const a2 = A[ai + k + 2];
        const a3 = A[ai + k + 3];
        const b0 = k * c;
        const b1 = b0 + c;
        const b2 = b1 + c;
        const b3 = b2 + c;
        for (let j = 0; j < c; j++) {
          C[ci + j] += a0 * Bd[b0 + j] + a1 * Bd[b1 + j] + a2 * Bd[b2 + j] + a3 * Bd[b3 + j];
        }
      }
      for (; k < k1; k++) {
        const a0 = A[ai + k];
        const b0 = k * c;
        for (let j = 0; j < c; j++) C[ci + j] += a0 * Bd[b0 + j];
      }
    }
  }
  return { rows: r, cols: c, data: C };
}

/** y = A x. */
export function matvec(a: Matrix, x: ArrayLike<number>): Float64Array {
  assertMatrix('matvec', a, 'A');
  if (x.length !== a.cols) {
    throw new Error(`matvec: A is ${shapeOf(a)} but x has length ${x.length}`);
  }
  const { rows, cols, data } = a;
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[o + j] * x[j];
    y[i] = s;
  }
  return y;
}

/** Column j of A as a new array. */
export function column(a: Matrix, j: number): Float64Array {
  assertMatrix('column', a);
  if (!Number.isInteger(j) || j < 0 || j >= a.cols) {
    throw new Error(`column: index ${j} out of range for ${shapeOf(a)}`);
  }
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = a.data[i * a.cols + j];
  return out;
}

/** Row i of A as a new array. */
export function row(a: Matrix, i: number): Float64Array {
  assertMatrix('row', a);
  if (!Number.isInteger(i) || i < 0 || i >= a.rows) {
    throw new Error(`row: index ${i} out of range for ${shapeOf(a)}`);
  }
  return a.data.slice(i * a.cols, (i + 1) * a.cols);
}

/** A − B (same shape). */
export function subtract(a: Matrix, b: Matrix): Matrix {
  assertMatrix('subtract', a, 'A');
  assertMatrix('subtract', b, 'B');
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new Error(`subtract: shapes differ: A is ${shapeOf(a)}, B is ${shapeOf(b)}`);
  }
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i] - b.data[i];
  return { rows: a.rows, cols: a.cols, data: out };
}

/** ‖A‖_F = sqrt(Σ a_ij²), scaled to avoid overflow/underflow (LAPACK dlassq idea). */
export function frobeniusNorm(a: Matrix): number {
  assertMatrix('frobeniusNorm', a);
  const d = a.data;
  let scale = 0;
  for (let i = 0; i < d.length; i++) {
    const v = Math.abs(d[i]);
    if (v > scale || Number.isNaN(v)) scale = v;
  }
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/** max_ij |a_ij| (NaN if any entry is NaN). */
export function maxAbs(a: Matrix): number {
  assertMatrix('maxAbs', a);
  let m = 0;
  for (let i = 0; i < a.data.length; i++) {
    const v = Math.abs(a.data[i]);
    if (v > m || Number.isNaN(v)) m = v;
  }
  return m;
}

/** The worst asymmetric pair of a square matrix: |a_ij − a_ji| is largest at (i, j), i > j. */
export interface SymmetryDefect {
  readonly i: number;
  readonly j: number;
  /** |a_ij − a_ji| */
  readonly difference: number;
  /** max_kl |a_kl|, the scale the difference is measured against. */
  readonly scale: number;
}

/** Finds the worst asymmetric entry; `difference` is 0 for a symmetric matrix. */
export function symmetryDefect(a: Matrix): SymmetryDefect {
  const n = assertSquare('symmetryDefect', a);
  const d = a.data;
  let worst = 0;
  let wi = 0;
  let wj = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const diff = Math.abs(d[i * n + j] - d[j * n + i]);
      if (diff > worst) {
        worst = diff;
        wi = i;
        wj = j;
      }
    }
  }
  return { i: wi, j: wj, difference: worst, scale: maxAbs(a) };
}

/** Default relative tolerance of `assertSymmetric`: |a_ij − a_ji| ≤ tol · max|a|. */
export const SYMMETRY_TOLERANCE = 1e-10;

/**
 * Throws unless A is square, finite and symmetric to `relTol`: |a_ij − a_ji| ≤ relTol·max_kl|a_kl|
 * for all i, j. The error names the worst entry, e.g.
 * "symmetricEigen: matrix is not symmetric: a[3][1] = 0.5 but a[1][3] = 0.49 (…)".
 */
export function assertSymmetric(op: string, a: Matrix, relTol = SYMMETRY_TOLERANCE): number {
  const n = assertSquare(op, a);
  const d = a.data;
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k])) {
      const i = Math.floor(k / Math.max(n, 1));
      throw new Error(`${op}: matrix has a non-finite entry a[${i}][${k - i * n}] = ${d[k]}`);
    }
  }
  const defect = symmetryDefect(a);
  if (defect.difference > relTol * defect.scale) {
    const { i, j } = defect;
    throw new Error(
      `${op}: matrix is not symmetric: a[${i}][${j}] = ${d[i * n + j]} but a[${j}][${i}] = ${d[j * n + i]} ` +
        `(|difference| ${defect.difference.toPrecision(3)} > ${relTol} × max|a| = ` +
        `${(relTol * defect.scale).toPrecision(3)}; symmetrize the input explicitly if this is rounding)`,
    );
  }
  return n;
}

/** (A + Aᵀ)/2, for callers who know their asymmetry is rounding noise. */
export function symmetrize(a: Matrix): Matrix {
  const n = assertSquare('symmetrize', a);
  const d = a.data;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = d[i * n + i];
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (d[i * n + j] + d[j * n + i]);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return { rows: n, cols: n, data: out };
}
