/**
 * Gram matrices K(X, Y) of kernel specs. Rows of X and Y are points; the result is |X|×|Y|,
 * row-major float64. With Y omitted the Gram is built symmetric by construction (upper triangle
 * mirrored) and its diagonal is the kernel's exact diagonal.
 */
import type { Matrix } from '../linalg/types';
import type { HermiteKernelSpec, KernelSpec, RbfKernelSpec } from './types';
import { hermiteValues } from './hermite';
import { nngpDiagonal, nngpLayerDiagonals, nngpPair } from './nngp';
import { validateKernel } from './validate';

function checkPoints(points: Matrix, name: string): void {
  if (!Number.isInteger(points.rows) || !Number.isInteger(points.cols) || points.rows < 0 || points.cols < 1) {
    throw new Error(`${name} must have an integer number of rows ≥ 0 and columns ≥ 1`);
  }
  if (points.data.length !== points.rows * points.cols) {
    throw new Error(`${name}.data has length ${points.data.length}, expected rows·cols = ${points.rows * points.cols}`);
  }
  for (let i = 0; i < points.data.length; i++) {
    if (!Number.isFinite(points.data[i])) {
      throw new Error(`${name} has a non-finite value at row ${Math.floor(i / points.cols)}, column ${i % points.cols}`);
    }
  }
}

/**
 * Hermite feature matrix F (n×P), F[μ, i] = He_{degrees[i]}(x_μ,1): the features of
 * K(x,x') = Σ_i eigenvalues[i] He_{d_i}(x₁) He_{d_i}(x'₁) = (F Λ Fᵀ)(x,x').
 */
export function hermiteFeatureMatrix(kernel: HermiteKernelSpec, points: Matrix): Matrix {
  const P = kernel.degrees.length;
  const maxDegree = Math.max(...kernel.degrees);
  const values = new Float64Array(maxDegree + 1);
  const data = new Float64Array(points.rows * P);
  for (let mu = 0; mu < points.rows; mu++) {
    hermiteValues(maxDegree, points.data[mu * points.cols], values);
    for (let i = 0; i < P; i++) data[mu * P + i] = values[kernel.degrees[i]];
  }
  return { rows: points.rows, cols: P, data };
}

function hermiteGram(kernel: HermiteKernelSpec, X: Matrix, Y: Matrix | undefined): Matrix {
  const P = kernel.degrees.length;
  const FX = hermiteFeatureMatrix(kernel, X);
  const FY = Y === undefined ? FX : hermiteFeatureMatrix(kernel, Y);
  const n = X.rows;
  const m = FY.rows;
  const data = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const jStart = Y === undefined ? i : 0;
    for (let j = jStart; j < m; j++) {
      let k = 0;
      for (let p = 0; p < P; p++) k += kernel.eigenvalues[p] * FX.data[i * P + p] * FY.data[j * P + p];
      data[i * m + j] = k;
      if (Y === undefined) data[j * m + i] = k;
    }
  }
  return { rows: n, cols: m, data };
}

/** K(x,x') = variance · exp(−‖x − x'‖² / (2 lengthScale²)), differences taken directly. */
function rbfGram(kernel: RbfKernelSpec, X: Matrix, Y: Matrix | undefined): Matrix {
  const Z = Y ?? X;
  const d = X.cols;
  const n = X.rows;
  const m = Z.rows;
  const scale = 1 / (2 * kernel.lengthScale * kernel.lengthScale);
  const data = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const jStart = Y === undefined ? i : 0;
    for (let j = jStart; j < m; j++) {
      let dist2 = 0;
      for (let c = 0; c < d; c++) {
        const diff = X.data[i * d + c] - Z.data[j * d + c];
        dist2 += diff * diff;
      }
      const k = kernel.variance * Math.exp(-dist2 * scale);
      data[i * m + j] = k;
      if (Y === undefined) data[j * m + i] = k;
    }
  }
  return { rows: n, cols: m, data };
}

function nngpGram(kernel: Extract<KernelSpec, { type: 'nngp' }>, X: Matrix, Y: Matrix | undefined): Matrix {
  const d = X.cols;
  const n = X.rows;
  const Z = Y ?? X;
  const m = Z.rows;
  const diagX = nngpLayerDiagonals(kernel, X.data, n, d);
  const diagZ = Y === undefined ? diagX : nngpLayerDiagonals(kernel, Z.data, m, d);
  const data = new Float64Array(n * m);
  if (Y === undefined) {
    const exactDiagonal = nngpDiagonal(kernel, X.data, n, d);
    for (let i = 0; i < n; i++) data[i * n + i] = exactDiagonal[i];
  }
  for (let i = 0; i < n; i++) {
    const jStart = Y === undefined ? i + 1 : 0;
    for (let j = jStart; j < m; j++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += X.data[i * d + c] * Z.data[j * d + c];
      const k = nngpPair(kernel, dot, d, diagX, i, n, diagZ, j, m);
      data[i * m + j] = k;
      if (Y === undefined) data[j * m + i] = k;
    }
  }
  return { rows: n, cols: m, data };
}

/**
 * K(X, Y) (|X|×|Y|), or the symmetric K(X, X) when Y is omitted. Validates the spec against the
 * input dimension and the inputs (finite, consistent shapes).
 */
export function kernelGram(kernel: KernelSpec, X: Matrix, Y?: Matrix): Matrix {
  checkPoints(X, 'X');
  if (Y !== undefined) {
    checkPoints(Y, 'Y');
    if (Y.cols !== X.cols) throw new Error(`Y has ${Y.cols} columns but X has ${X.cols}`);
  }
  validateKernel(kernel, X.cols);
  switch (kernel.type) {
    case 'hermite':
      return hermiteGram(kernel, X, Y);
    case 'nngp':
      return nngpGram(kernel, X, Y);
    case 'rbf':
      return rbfGram(kernel, X, Y);
  }
}

/** K(x_μ, x_μ) for every row of X (exact diagonal recursions for the NNGP). */
export function kernelDiagonal(kernel: KernelSpec, X: Matrix): Float64Array {
  checkPoints(X, 'X');
  validateKernel(kernel, X.cols);
  const n = X.rows;
  switch (kernel.type) {
    case 'hermite': {
      const F = hermiteFeatureMatrix(kernel, X);
      const P = F.cols;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let k = 0;
        for (let p = 0; p < P; p++) k += kernel.eigenvalues[p] * F.data[i * P + p] * F.data[i * P + p];
        out[i] = k;
      }
      return out;
    }
    case 'nngp':
      return nngpDiagonal(kernel, X.data, n, X.cols);
    case 'rbf':
      return new Float64Array(n).fill(kernel.variance);
  }
}
