/**
 * Native LAPACK (native/ addon via src-main/engine/linalg-native.ts) against the pure-TypeScript
 * implementation: same results to stated tolerances, same errors. The comparison suite is
 * skipped, with the reason in its title, only when the addon is not built
 * (`node native/build.mjs`); the selection logic is tested either way.
 */
import { describe, expect, it } from 'vitest';
import {
  loadNativeLinearAlgebra,
  selectLinearAlgebra,
} from '../../src-main/engine/linalg-native';
import {
  column,
  diagonal,
  frobeniusNorm,
  fromRows,
  identity,
  matmul,
  matrix,
  NotPositiveDefiniteError,
  pureLinearAlgebra as pure,
  subtract,
  symmetrize,
  transpose,
  type LinearAlgebra,
  type Matrix,
} from '../../src-shared/science/linalg';

const loaded = loadNativeLinearAlgebra();
const native: LinearAlgebra | undefined = 'linalg' in loaded ? loaded.linalg : undefined;
const skipReason = 'unavailable' in loaded ? loaded.unavailable : '';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
}
function randomMatrix(rows: number, cols: number, rnd: () => number): Matrix {
  return matrix(rows, cols, Float64Array.from({ length: rows * cols }, rnd));
}
function randomSymmetric(n: number, rnd: () => number): Matrix {
  const a = randomMatrix(n, n, rnd);
  return symmetrize(a);
}
/** Random symmetric + √n·I: SPD, eigenvalues in about [0.4√n, 1.6√n]. */
function randomSpd(n: number, rnd: () => number): Matrix {
  const a = randomSymmetric(n, rnd);
  for (let i = 0; i < n; i++) a.data[i * n + i] += Math.sqrt(n) + 1;
  return a;
}
function rel(a: Matrix, b: Matrix): number {
  const s = frobeniusNorm(b);
  return frobeniusNorm(subtract(a, b)) / (s === 0 ? 1 : s);
}
function square(n: number, data: Float64Array): Matrix {
  return { rows: n, cols: n, data };
}
function absCosine(x: Float64Array, y: Float64Array): number {
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < x.length; i++) {
    xy += x[i] * y[i];
    xx += x[i] * x[i];
    yy += y[i] * y[i];
  }
  return Math.abs(xy) / Math.sqrt(xx * yy);
}
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('selectLinearAlgebra', () => {
  it('prefers native when it loads, falls back to pure with a reason otherwise', () => {
    const choice = selectLinearAlgebra();
    if (native) {
      expect(choice.linalg).toBe(native);
      expect(choice.fallbackReason).toBeUndefined();
    } else {
      expect(choice.linalg).toBe(pure);
      expect(choice.fallbackReason).toMatch(/native LAPACK addon/);
    }
    expect(selectLinearAlgebra('pure')).toEqual({ linalg: pure });
  });
});

describe.skipIf(!native)(`native LAPACK vs pure-ts${native ? '' : ` (skipped: ${skipReason})`}`, () => {
  const la = native as LinearAlgebra;

  it('names itself after LAPACK/OpenBLAS', () => {
    expect(la.name).toMatch(/^lapack \(OpenBLAS/);
  });

  it('Cholesky factors agree (relative 1e-12), read only the lower triangle, record jitter', () => {
    const rnd = lcg(1);
    for (const n of [1, 2, 5, 17, 64, 200, 513]) {
      const a = randomSpd(n, rnd);
      const fp = pure.cholesky(a);
      const fn = la.cholesky(a);
      expect(fn.n).toBe(n);
      expect(fn.jitter).toBe(0);
      expect(rel(square(n, fn.lower), square(n, fp.lower))).toBeLessThan(1e-12);
      let upperNonZero = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (fn.lower[i * n + j] !== 0) upperNonZero++;
      expect(upperNonZero).toBe(0);
    }
    const a = randomSpd(30, rnd);
    const garbled = matrix(30, 30, a.data);
    for (let i = 0; i < 30; i++) for (let j = i + 1; j < 30; j++) garbled.data[i * 30 + j] = 1e6;
    expect(rel(square(30, la.cholesky(garbled).lower), square(30, pure.cholesky(a).lower))).toBeLessThan(1e-12);

    const fj = la.cholesky(a, { jitter: 0.5 });
    expect(fj.jitter).toBe(0.5);
    expect(rel(square(30, fj.lower), square(30, pure.cholesky(a, { jitter: 0.5 }).lower))).toBeLessThan(1e-12);
    const input = a.data.slice();
    la.cholesky(a, { jitter: 0.5 });
    expect(a.data).toEqual(input); // input untouched
  });

  it('solves agree (relative 1e-12) for 1…8 right-hand sides', () => {
    const rnd = lcg(2);
    for (const n of [1, 7, 100, 300]) {
      const a = randomSpd(n, rnd);
      const fp = pure.cholesky(a);
      const fn = la.cholesky(a);
      const l = square(n, fp.lower);
      const u = transpose(l);
      for (const m of [1, 3, 8]) {
        const b = randomMatrix(n, m, rnd);
        expect(rel(la.choleskySolve(fn, b), pure.choleskySolve(fp, b))).toBeLessThan(1e-12);
        expect(rel(la.solveLowerTriangular(l, b), pure.solveLowerTriangular(l, b))).toBeLessThan(1e-12);
        expect(rel(la.solveUpperTriangular(u, b), pure.solveUpperTriangular(u, b))).toBeLessThan(1e-12);
        // the other triangle is ignored by both
        expect(rel(la.solveLowerTriangular(a, b), pure.solveLowerTriangular(a, b))).toBeLessThan(1e-12);
        expect(rel(la.solveUpperTriangular(a, b), pure.solveUpperTriangular(a, b))).toBeLessThan(1e-12);
      }
    }
  });

  it('eigenvalues agree to 1e-10 relative, eigenvectors up to sign, same sign convention', () => {
    const rnd = lcg(3);
    for (const n of [1, 2, 3, 10, 64, 200]) {
      for (const a of [randomSpd(n, rnd), randomSymmetric(n, rnd)]) {
        const ep = pure.symmetricEigen(a);
        const en = la.symmetricEigen(a);
        const scale = Math.max(Math.abs(ep.values[0]), Math.abs(ep.values[n - 1]));
        for (let k = 0; k < n; k++) {
          // relative per eigenvalue for the SPD case, relative to ‖A‖₂ for indefinite ones
          const ref = Math.max(Math.abs(ep.values[k]), 1e-3 * scale);
          expect(Math.abs(en.values[k] - ep.values[k]) / ref).toBeLessThan(1e-10);
        }
        for (let k = 0; k < n; k++) {
          const gap = Math.min(
            k > 0 ? ep.values[k - 1] - ep.values[k] : Infinity,
            k < n - 1 ? ep.values[k] - ep.values[k + 1] : Infinity,
          );
          if (gap < 1e-6 * scale) continue; // nearly degenerate: vectors are not unique
          const vp = column(ep.vectors, k);
          const vn = column(en.vectors, k);
          expect(absCosine(vp, vn)).toBeGreaterThan(1 - 1e-9);
          // largest-magnitude entry positive, like pure
          let big = 0;
          for (const x of vn) if (Math.abs(x) > Math.abs(big)) big = x;
          expect(big).toBeGreaterThan(0);
        }
        // A V = V Λ, VᵀV = I for the native result itself
        const v = en.vectors;
        const vl = matrix(n, n, v.data);
        for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) vl.data[i * n + k] *= en.values[k];
        expect(rel(matmul(a, v), vl) * frobeniusNorm(vl) / frobeniusNorm(a)).toBeLessThan(1e-12);
        expect(frobeniusNorm(subtract(matmul(transpose(v), v), identity(n)))).toBeLessThan(1e-12);
      }
    }
  });

  it('handles repeated eigenvalues and small cases like pure', () => {
    const d = diagonal([3, 1, 3, 2, 1, 3]);
    expect(Array.from(la.symmetricEigen(d).values)).toEqual([3, 3, 3, 2, 1, 1]);
    const two = la.symmetricEigen(fromRows([[2, 1], [1, 2]]));
    expect(two.values[0]).toBeCloseTo(3, 14);
    expect(two.values[1]).toBeCloseTo(1, 14);
    expect(la.symmetricEigen(matrix(0, 0)).values.length).toBe(0);
    expect(Array.from(la.symmetricEigen(fromRows([[-2.5]])).vectors.data)).toEqual([1]);
  });

  it('names the same failing pivot and value as pure (including NaN)', () => {
    const cases: [number, number][] = [
      [9, 3],
      [5, 0],
      [64, 40],
      [300, 257],
    ];
    for (const [n, pivot] of cases) {
      const a = randomSpd(n, lcg(10 + n));
      const l = pure.cholesky(a).lower;
      let sum = 0;
      for (let k = 0; k < pivot; k++) sum += l[pivot * n + k] ** 2;
      a.data[pivot * n + pivot] = sum - 0.25;
      const ep = errorOf(() => pure.cholesky(a)) as NotPositiveDefiniteError;
      const en = errorOf(() => la.cholesky(a)) as NotPositiveDefiniteError;
      expect(en).toBeInstanceOf(NotPositiveDefiniteError);
      expect(en.pivot).toBe(pivot);
      expect(en.pivot).toBe(ep.pivot);
      expect(en.value).toBeCloseTo(-0.25, 9);
    }
    for (const [i, j, pivot] of [
      [2, 2, 2],
      [4, 1, 4],
    ]) {
      const a = randomSpd(6, lcg(20));
      a.data[i * 6 + j] = NaN;
      const en = errorOf(() => la.cholesky(a)) as NotPositiveDefiniteError;
      expect(en).toBeInstanceOf(NotPositiveDefiniteError);
      expect(en.pivot).toBe(pivot);
      expect(Number.isNaN(en.value)).toBe(true);
    }
  });

  it('matmul agrees with pure, including empty shapes', () => {
    const rnd = lcg(4);
    for (const [r, k, c] of [
      [3, 5, 2],
      [64, 33, 17],
      [1, 200, 1],
      [0, 3, 2],
      [2, 0, 3],
    ]) {
      const a = randomMatrix(r, k, rnd);
      const b = randomMatrix(k, c, rnd);
      const got = la.matmul(a, b);
      expect([got.rows, got.cols]).toEqual([r, c]);
      expect(rel(got, pure.matmul(a, b))).toBeLessThan(1e-13);
    }
  });

  it('raises the same validation errors as pure', () => {
    const cases: [string, (impl: LinearAlgebra) => unknown][] = [
      ['non-square cholesky', (impl) => impl.cholesky(matrix(2, 3))],
      ['bad jitter', (impl) => impl.cholesky(identity(2), { jitter: -1 })],
      ['solve shape', (impl) => impl.choleskySolve(impl.cholesky(identity(3)), matrix(4, 1))],
      ['zero diagonal', (impl) => impl.solveLowerTriangular(diagonal([1, 0, 1]), matrix(3, 1))],
      ['upper shape', (impl) => impl.solveUpperTriangular(identity(3), matrix(2, 2))],
      ['asymmetric', (impl) => impl.symmetricEigen(fromRows([[1, 2], [3, 1]]))],
      ['matmul shape', (impl) => impl.matmul(matrix(2, 3), matrix(2, 3))],
    ];
    for (const [label, fn] of cases) {
      const ep = errorOf(() => fn(pure)) as Error;
      const en = errorOf(() => fn(la)) as Error;
      expect(ep, label).toBeInstanceOf(Error);
      expect(en?.message, label).toBe(ep.message);
    }
  });
});
