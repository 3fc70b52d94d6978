/**
 * Dense float64 linear algebra: the one interface every caller uses, so that a faster native
 * implementation (LAPACK through an N-API addon) can be plugged in without touching callers.
 *
 * Storage convention: row-major `Float64Array`, element (i, j) of an r×c matrix at `data[i*c + j]`.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Lower Cholesky factor L with A + jitter·I = L Lᵀ. `jitter` is exactly what was added (0 when none). */
export interface CholeskyFactor {
  readonly n: number;
  /** n×n row-major, upper triangle zero. */
  readonly lower: Float64Array;
  /** Diagonal jitter that was added before factorising (explicit and recorded; 0 = none). */
  readonly jitter: number;
}

/** Eigen-pairs of a symmetric matrix: A = V diag(values) Vᵀ, values descending. */
export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  readonly values: Float64Array;
  /** n×n row-major; column k is the unit eigenvector of values[k]. */
  readonly vectors: Matrix;
}

export interface CholeskyOptions {
  /** Diagonal jitter added before factorising. Default 0: no silent regularisation. */
  readonly jitter?: number;
}

export interface LinearAlgebra {
  /** Implementation name recorded with every run, e.g. "pure-ts" or "lapack (OpenBLAS)". */
  readonly name: string;
  /** Throws NotPositiveDefiniteError naming the failing pivot when A (+ jitter) is not SPD. */
  cholesky(a: Matrix, options?: CholeskyOptions): CholeskyFactor;
  /** Solves (L Lᵀ) X = B for X, B n×m. */
  choleskySolve(factor: CholeskyFactor, b: Matrix): Matrix;
  /** Solves L X = B with L lower triangular (n×n row-major). */
  solveLowerTriangular(lower: Matrix, b: Matrix): Matrix;
  /** Solves U X = B with U upper triangular (n×n row-major). */
  solveUpperTriangular(upper: Matrix, b: Matrix): Matrix;
  /** All eigen-pairs of a symmetric matrix, eigenvalues descending. */
  symmetricEigen(a: Matrix): SymmetricEigen;
  /** C = A B. */
  matmul(a: Matrix, b: Matrix): Matrix;
}

export class NotPositiveDefiniteError extends Error {
  constructor(
    /** 0-based index of the pivot that failed. */
    readonly pivot: number,
    /** The value under the square root at that pivot. */
    readonly value: number,
  ) {
    super(
      `matrix is not positive definite: pivot ${pivot} is ${value.toPrecision(6)} ` +
        `(add explicit jitter or increase the ridge)`,
    );
    this.name = 'NotPositiveDefiniteError';
  }
}
