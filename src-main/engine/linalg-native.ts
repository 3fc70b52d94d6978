/**
 * The native LAPACK implementation of LinearAlgebra (OpenBLAS through the N-API addon in
 * native/), and the choice between it and the pure-TypeScript one.
 *
 * Same semantics as `pureLinearAlgebra`, checked by test/integration/native-linalg.test.ts:
 * the same shape/jitter/symmetry validation (shared helpers, same messages), Cholesky reads the
 * lower triangle and throws NotPositiveDefiniteError(pivot = info − 1, value), eigenvalues
 * descending with the same sign convention for eigenvectors, jitter recorded in the factor.
 *
 * LAPACK routines: dpotrf / dpotrs (Cholesky), dtrtrs (triangular), dsyevd (divide-and-conquer
 * symmetric eigensolver), cblas_dgemm. Calls are synchronous: run heavy work in a worker thread.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assembleDescending,
  assertFactor,
  assertMatrix,
  assertNonSingularDiagonal,
  assertSquare,
  assertSymmetric,
  checkJitter,
  NotPositiveDefiniteError,
  pureLinearAlgebra,
  shapeOf,
  symmetrize,
  type CholeskyFactor,
  type CholeskyOptions,
  type LinearAlgebra,
  type Matrix,
  type SymmetricEigen,
} from '../../src-shared/science/linalg';

/** The addon's functions (native/src/linalg.cc). Buffers are copied; inputs are never modified. */
interface NativeBinding {
  dpotrf(a: Float64Array, n: number, jitter: number): { lower: Float64Array; info: number; value: number };
  dpotrs(lower: Float64Array, n: number, b: Float64Array, m: number): { x: Float64Array; info: number };
  dtrtrs(
    t: Float64Array,
    n: number,
    b: Float64Array,
    m: number,
    lower: boolean,
  ): { x: Float64Array; info: number };
  dsyevd(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array; info: number };
  dgemm(a: Float64Array, rows: number, inner: number, b: Float64Array, cols: number): Float64Array;
  info(): { config: string; corename: string; threads: number };
  setThreads(threads: number): number;
}

/** Where native/build.mjs puts the addon, relative to the repository (or app) root. */
export const NATIVE_ADDON_PATH = join('native', 'build', 'Release', 'rgwb_linalg.node');

/**
 * The addon file: `RGWB_NATIVE_LINALG` if set, else the first `native/build/Release/…` found
 * walking up from this module (works from src-main/engine in tests and from dist/ when bundled).
 */
function findAddon(): string | undefined {
  const override = process.env.RGWB_NATIVE_LINALG;
  if (override) return override;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, NATIVE_ADDON_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

function triangularSolve(
  native: NativeBinding,
  op: string,
  t: Matrix,
  b: Matrix,
  lower: boolean,
): Matrix {
  const n = assertSquare(op, t, 'triangular matrix');
  assertMatrix(op, b, 'right-hand side B');
  if (b.rows !== n) {
    throw new Error(
      `${op}: triangular matrix is ${shapeOf(t)} but right-hand side B is ${shapeOf(b)} (needs ${n} rows)`,
    );
  }
  assertNonSingularDiagonal(op, t.data, n); // also rejects NaN, which dtrtrs would not
  const { x, info } = native.dtrtrs(t.data, n, b.data, b.cols, lower);
  if (info !== 0) throw new Error(`${op}: LAPACK dtrtrs failed with info = ${info}`);
  return { rows: n, cols: b.cols, data: x };
}

/** Wraps the raw binding into the LinearAlgebra interface. */
export function wrapNativeBinding(native: NativeBinding): LinearAlgebra {
  const version = /OpenBLAS\s+([\d.]+)/.exec(native.info().config)?.[1];

  return {
    /** Names the OpenBLAS thread count in force now (it is process-wide: see pinBlasThreads). */
    get name() {
      const threads = native.info().threads;
      return `lapack (OpenBLAS${version ? ` ${version}` : ''}, ${threads} thread${threads === 1 ? '' : 's'})`;
    },

    cholesky(a: Matrix, options?: CholeskyOptions): CholeskyFactor {
      const n = assertSquare('cholesky', a);
      const jitter = checkJitter('cholesky', options);
      const { lower, info, value } = native.dpotrf(a.data, n, jitter);
      if (info > 0) throw new NotPositiveDefiniteError(info - 1, value);
      if (info < 0) throw new Error(`cholesky: LAPACK dpotrf rejected argument ${-info}`);
      return { n, lower, jitter };
    },

    choleskySolve(factor: CholeskyFactor, b: Matrix): Matrix {
      const op = 'choleskySolve';
      const n = assertFactor(op, factor);
      assertMatrix(op, b, 'right-hand side B');
      if (b.rows !== n) {
        throw new Error(`${op}: factor is ${n}×${n} but right-hand side B is ${shapeOf(b)} (needs ${n} rows)`);
      }
      const { x, info } = native.dpotrs(factor.lower, n, b.data, b.cols);
      if (info !== 0) throw new Error(`${op}: LAPACK dpotrs failed with info = ${info}`);
      return { rows: n, cols: b.cols, data: x };
    },

    solveLowerTriangular: (lower: Matrix, b: Matrix) =>
      triangularSolve(native, 'solveLowerTriangular', lower, b, true),

    solveUpperTriangular: (upper: Matrix, b: Matrix) =>
      triangularSolve(native, 'solveUpperTriangular', upper, b, false),

    symmetricEigen(a: Matrix): SymmetricEigen {
      const n = assertSymmetric('symmetricEigen', a);
      // Decompose the symmetric part, exactly as the pure implementation does.
      const { values, vectors, info } = native.dsyevd(symmetrize(a).data, n);
      if (info !== 0) {
        throw new Error(
          info > 0
            ? `symmetricEigen: LAPACK dsyevd did not converge (info = ${info})`
            : `symmetricEigen: LAPACK dsyevd rejected argument ${-info}`,
        );
      }
      // dsyevd: ascending values, eigenvector k contiguous (column k, column-major).
      return assembleDescending(n, values, vectors);
    },

    matmul(a: Matrix, b: Matrix): Matrix {
      assertMatrix('matmul', a, 'A');
      assertMatrix('matmul', b, 'B');
      if (a.cols !== b.rows) {
        throw new Error(`matmul: inner dimensions differ: A is ${shapeOf(a)}, B is ${shapeOf(b)}`);
      }
      return { rows: a.rows, cols: b.cols, data: native.dgemm(a.data, a.rows, a.cols, b.data, b.cols) };
    },
  };
}

let cached: { linalg: LinearAlgebra } | { unavailable: string } | undefined;
let binding: NativeBinding | undefined;

/**
 * Sets OpenBLAS's thread count (process-wide: every thread of the process shares it) and returns
 * the count now in force; undefined without the native addon. The engine pins it to 1 (see
 * src-main/engine/index.ts): parallelism comes from the worker pool, and a LAPACK result then
 * does not depend on how many threads the machine or the pool has.
 */
export function pinBlasThreads(threads: number): number | undefined {
  loadNativeLinearAlgebra();
  return binding?.setThreads(threads);
}

/**
 * Loads the addon once. Returns `{ unavailable }` with a one-line reason (never throws) when it is
 * not built or cannot be loaded (missing shared libraries, wrong platform).
 */
export function loadNativeLinearAlgebra(): { linalg: LinearAlgebra } | { unavailable: string } {
  if (cached) return cached;
  const path = findAddon();
  if (!path) {
    cached = { unavailable: `native LAPACK addon not built (${NATIVE_ADDON_PATH} not found; run node native/build.mjs)` };
    return cached;
  }
  try {
    const require = createRequire(import.meta.url);
    const loaded = require(path) as NativeBinding;
    cached = { linalg: wrapNativeBinding(loaded) };
    binding = loaded;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    cached = { unavailable: `native LAPACK addon at ${path} failed to load: ${msg}` };
  }
  return cached;
}

/** The implementation to use, and why it is not the preferred one when it is not. */
export interface LinearAlgebraChoice {
  readonly linalg: LinearAlgebra;
  /** Set when falling back from native to pure: the reason the native one is unavailable. */
  readonly fallbackReason?: string;
}

/**
 * Native LAPACK when it loads (default), else pure TypeScript with the reason. `prefer: 'pure'`
 * always returns the pure implementation (for reproducing a run bit for bit, or for debugging).
 */
export function selectLinearAlgebra(prefer: 'native' | 'pure' = 'native'): LinearAlgebraChoice {
  if (prefer === 'pure') return { linalg: pureLinearAlgebra };
  const native = loadNativeLinearAlgebra();
  if ('linalg' in native) return { linalg: native.linalg };
  return { linalg: pureLinearAlgebra, fallbackReason: native.unavailable };
}
