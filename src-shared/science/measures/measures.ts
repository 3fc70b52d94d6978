/**
 * Data measures μ (rg-theory.md §1, §6): sampling points x ~ μ as rows of a matrix.
 *
 * Conventions (**choice**, recorded here once):
 * - `gaussian`: x ~ N(0, I_d), so E[x·x'/d] = 0 for independent points and x·x/d → 1.
 * - `sphere`:   x uniform on the sphere of **radius √d** in ℝ^d (not the unit sphere), so that
 *               x·x/d = 1 exactly and x·x'/d = O(1), the same scale as the NNGP input layer
 *               K⁰ = σ_b² + σ_w² x·x'/d (rg-theory.md §6). Sampled as √d · g/‖g‖, g ~ N(0, I_d).
 * - `pool`:     the empirical measure on the given rows. `poolPoints` returns every row, in order
 *               (the measure itself); `sampleMeasure` draws `count` rows uniformly **with
 *               replacement** (i.i.d. draws from the empirical measure).
 */
import type { Matrix } from '../linalg/types';
import type { MeasureSpec } from '../kernels/types';
import type { RandomStream } from '../random/stream';

/** Input dimension d of the measure (number of columns of its points). */
export function measureDimension(measure: MeasureSpec): number {
  validateMeasure(measure);
  return measure.type === 'pool' ? measure.points[0].length : measure.dimension;
}

/** Throws an Error naming the offending field when the measure spec is not usable. */
export function validateMeasure(measure: MeasureSpec): void {
  switch (measure.type) {
    case 'gaussian':
    case 'sphere': {
      const d = measure.dimension;
      if (!Number.isInteger(d) || d < 1) {
        throw new Error(`measure.dimension must be an integer ≥ 1, got ${d}`);
      }
      return;
    }
    case 'pool': {
      const points = measure.points;
      if (!Array.isArray(points) || points.length === 0) {
        throw new Error('measure.points must be a non-empty array of rows');
      }
      const d = points[0].length;
      if (d < 1) throw new Error('measure.points rows must have at least one coordinate');
      for (let i = 0; i < points.length; i++) {
        const row = points[i];
        if (row.length !== d) {
          throw new Error(`measure.points is ragged: row ${i} has ${row.length} coordinates, row 0 has ${d}`);
        }
        for (let j = 0; j < d; j++) {
          if (!Number.isFinite(row[j])) {
            throw new Error(`measure.points[${i}][${j}] is not a finite number (${row[j]})`);
          }
        }
      }
      return;
    }
    default:
      throw new Error(`measure.type must be 'gaussian', 'sphere' or 'pool', got ${(measure as { type: unknown }).type}`);
  }
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`count must be a non-negative integer, got ${count}`);
  }
}

/** All rows of a pool measure, in order, as an N×d matrix (a copy). */
export function poolPoints(measure: Extract<MeasureSpec, { type: 'pool' }>): Matrix {
  validateMeasure(measure);
  const rows = measure.points.length;
  const cols = measure.points[0].length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = measure.points[i];
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j];
  }
  return { rows, cols, data };
}

/** `count` indices drawn uniformly with replacement from {0, …, poolSize − 1}. */
export function samplePoolIndices(poolSize: number, count: number, stream: RandomStream): Int32Array {
  checkCount(count);
  if (!Number.isInteger(poolSize) || poolSize < 1) {
    throw new Error(`poolSize must be an integer ≥ 1, got ${poolSize}`);
  }
  const indices = new Int32Array(count);
  for (let i = 0; i < count; i++) indices[i] = stream.nextInt(poolSize);
  return indices;
}

/** Rows `indices` of `points`, in that order. */
export function selectRows(points: Matrix, indices: ArrayLike<number>): Matrix {
  const cols = points.cols;
  const data = new Float64Array(indices.length * cols);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= points.rows) {
      throw new Error(`row index ${r} out of range [0, ${points.rows})`);
    }
    data.set(points.data.subarray(r * cols, (r + 1) * cols), i * cols);
  }
  return { rows: indices.length, cols, data };
}

/**
 * `count` i.i.d. points x ~ μ as a count×d matrix (rows = points), drawn from `stream` in row order.
 * gaussian: N(0, I_d); sphere: radius √d (see module doc); pool: rows with replacement.
 */
export function sampleMeasure(measure: MeasureSpec, count: number, stream: RandomStream): Matrix {
  validateMeasure(measure);
  checkCount(count);
  if (measure.type === 'pool') {
    return selectRows(poolPoints(measure), samplePoolIndices(measure.points.length, count, stream));
  }
  const d = measure.dimension;
  const data = stream.fillNormal(new Float64Array(count * d));
  if (measure.type === 'sphere') {
    const radius = Math.sqrt(d);
    for (let i = 0; i < count; i++) {
      const row = data.subarray(i * d, (i + 1) * d);
      let norm2 = 0;
      for (let j = 0; j < d; j++) norm2 += row[j] * row[j];
      // ‖g‖ = 0 has probability zero; redraw rather than divide by it.
      while (norm2 === 0) {
        stream.fillNormal(row);
        norm2 = 0;
        for (let j = 0; j < d; j++) norm2 += row[j] * row[j];
      }
      const scale = radius / Math.sqrt(norm2);
      for (let j = 0; j < d; j++) row[j] *= scale;
    }
  }
  return { rows: count, cols: d, data };
}
