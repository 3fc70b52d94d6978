/**
 * Dense float64 linear algebra (src-shared/science/linalg): closed forms, invariants and
 * residuals. Tolerances are stated per test; random matrices come from a seeded LCG (no
 * Math.random) so every failure is reproducible.
 */
import { describe, expect, it } from 'vitest';
import {
  assertSymmetric,
  cholesky,
  choleskySolve,
  column,
  diagonal,
  frobeniusNorm,
  fromRows,
  identity,
  matmul,
  matrix,
  matvec,
  maxAbs,
  NotPositiveDefiniteError,
  pureLinearAlgebra,
  row,
  solveLowerTriangular,
  solveUpperTriangular,
  subtract,
  symmetricEigen,
  symmetrize,
  symmetryDefect,
  toRows,
  transpose,
  type CholeskyFactor,
  type Matrix,
} from '../../src-shared/science/linalg';

// ---------------------------------------------------------------------------------------------
// Deterministic test data

/** Numerical Recipes LCG; uniform on [−0.5, 0.5). */
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
  const a = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rnd();
      a.data[i * n + j] = v;
      a.data[j * n + i] = v;
    }
  }
  return a;
}

/** A = X Xᵀ/n + ridge·I: SPD with condition number of order 1/ridge. */
function randomSpd(n: number, rnd: () => number, ridge = 0.1): Matrix {
  const x = randomMatrix(n, n, rnd);
  const a = matmul(x, transpose(x));
  for (let k = 0; k < n * n; k++) a.data[k] /= n;
  for (let i = 0; i < n; i++) a.data[i * n + i] += ridge;
  return symmetrize(a);
}

/** Householder matrix Q = I − 2wwᵀ/‖w‖² (orthogonal, symmetric). */
function householderQ(n: number, rnd: () => number): Matrix {
  const w = Float64Array.from({ length: n }, rnd);
  let ww = 0;
  for (const x of w) ww += x * x;
  const q = identity(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q.data[i * n + j] -= (2 * w[i] * w[j]) / ww;
  return q;
}

/** Q diag(λ) Qᵀ: a dense symmetric matrix with a known spectrum. */
function withSpectrum(lambda: readonly number[], rnd: () => number): Matrix {
  const n = lambda.length;
  const q = householderQ(n, rnd);
  return symmetrize(matmul(matmul(q, diagonal(lambda)), transpose(q)));
}

// ---------------------------------------------------------------------------------------------
// Independent references and residuals

function naiveMatmul(a: Matrix, b: Matrix): Matrix {
  const c = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[k * b.cols + j];
      c.data[i * b.cols + j] = s;
    }
  }
  return c;
}

function lowerOf(f: CholeskyFactor): Matrix {
  return { rows: f.n, cols: f.n, data: f.lower };
}

function relDiff(a: Matrix, b: Matrix): number {
  const scale = frobeniusNorm(b);
  return frobeniusNorm(subtract(a, b)) / (scale === 0 ? 1 : scale);
}

/** ‖LLᵀ − (A + jitter I)‖_F / ‖A + jitter I‖_F */
function choleskyResidual(a: Matrix, f: CholeskyFactor): number {
  const target = matrix(a.rows, a.cols, a.data);
  for (let i = 0; i < f.n; i++) target.data[i * f.n + i] += f.jitter;
  const l = lowerOf(f);
  return relDiff(naiveMatmul(l, transpose(l)), target);
}

/** ‖A X − B‖_F / (‖A‖_F ‖X‖_F): backward-error style residual of a solve. */
function solveResidual(a: Matrix, x: Matrix, b: Matrix): number {
  return frobeniusNorm(subtract(naiveMatmul(a, x), b)) / (frobeniusNorm(a) * frobeniusNorm(x));
}

/** Residuals of an eigendecomposition: ‖AV − VΛ‖_F/‖A‖_F and ‖VᵀV − I‖_F. */
function eigenResiduals(a: Matrix, values: Float64Array, v: Matrix): { av: number; orth: number } {
  const n = a.rows;
  const vl = matrix(n, n, v.data);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) vl.data[i * n + k] *= values[k];
  const an = frobeniusNorm(a);
  return {
    av: frobeniusNorm(subtract(naiveMatmul(a, v), vl)) / (an === 0 ? 1 : an),
    orth: frobeniusNorm(subtract(naiveMatmul(transpose(v), v), identity(n))),
  };
}

function expectDescending(values: Float64Array): void {
  for (let k = 1; k < values.length; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
}

/** |⟨x, y⟩| / (‖x‖‖y‖): 1 when x = ±c·y. */
function absCosine(x: ArrayLike<number>, y: ArrayLike<number>): number {
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

/** Textbook Cholesky (Golub & Van Loan Alg. 4.2.1, column form), as an independent reference. */
function referenceCholesky(a: Matrix): Float64Array {
  const n = a.rows;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = a.data[j * n + j];
    for (let k = 0; k < j; k++) s -= l[j * n + k] ** 2;
    l[j * n + j] = Math.sqrt(s);
    for (let i = j + 1; i < n; i++) {
      let t = a.data[i * n + j];
      for (let k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / l[j * n + j];
    }
  }
  return l;
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

// ---------------------------------------------------------------------------------------------

describe('dense helpers', () => {
  it('builds, copies and validates matrices', () => {
    const z = matrix(2, 3);
    expect(z.data).toEqual(new Float64Array(6));
    const src = [1, 2, 3, 4];
    const m = matrix(2, 2, src);
    src[0] = 99;
    expect(m.data[0]).toBe(1); // copied, not aliased
    expect(() => matrix(2, 2, [1, 2, 3])).toThrow(/2×2 needs 4 values, got 3/);
    expect(() => matrix(-1, 2)).toThrow(/non-negative integers/);
    expect(() => matrix(1.5, 2)).toThrow(/non-negative integers/);
    expect(fromRows([[1, 2, 3], [4, 5, 6]]).data).toEqual(Float64Array.from([1, 2, 3, 4, 5, 6]));
    expect(() => fromRows([[1, 2], [3]])).toThrow(/row 1 has 1 entries, row 0 has 2/);
    expect(fromRows([])).toMatchObject({ rows: 0, cols: 0 });
    expect(toRows(fromRows([[1, 2], [3, 4]]))).toEqual([[1, 2], [3, 4]]);
    expect(toRows(identity(3))).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(toRows(diagonal([2, 5]))).toEqual([[2, 0], [0, 5]]);
  });

  it('transposes non-square matrices larger than one block', () => {
    const rnd = lcg(1);
    const a = randomMatrix(37, 70, rnd);
    const t = transpose(a);
    expect(t.rows).toBe(70);
    expect(t.cols).toBe(37);
    for (let i = 0; i < 37; i++) for (let j = 0; j < 70; j++) expect(t.data[j * 37 + i]).toBe(a.data[i * 70 + j]);
  });

  it('matmul matches naive triple loops on awkward shapes', () => {
    const rnd = lcg(2);
    const shapes: [number, number, number][] = [
      [1, 1, 1],
      [3, 5, 2],
      [17, 33, 9],
      [64, 64, 64],
      [2, 7, 1],
      [7, 150, 700], // k-panel blocking: more than one panel of B
      [0, 3, 4],
      [3, 0, 4],
    ];
    for (const [r, k, c] of shapes) {
      const a = randomMatrix(r, k, rnd);
      const b = randomMatrix(k, c, rnd);
      const got = matmul(a, b);
      const want = naiveMatmul(a, b);
      expect([got.rows, got.cols]).toEqual([r, c]);
      for (let q = 0; q < want.data.length; q++) expect(got.data[q]).toBeCloseTo(want.data[q], 12);
    }
  });

  it('reports shape mismatches with both shapes', () => {
    expect(() => matmul(matrix(2, 3), matrix(2, 3))).toThrow(/A is 2×3, B is 2×3/);
    expect(() => matvec(matrix(2, 3), [1, 2])).toThrow(/A is 2×3 but x has length 2/);
    expect(() => subtract(matrix(2, 3), matrix(3, 2))).toThrow(/A is 2×3, B is 3×2/);
    expect(() => column(matrix(2, 3), 3)).toThrow(/index 3 out of range for 2×3/);
    expect(() => row(matrix(2, 3), -1)).toThrow(/out of range/);
    const broken = { rows: 2, cols: 2, data: new Float64Array(3) };
    expect(() => matmul(broken, identity(2))).toThrow(/A is 2×2 but data has length 3/);
  });

  it('matvec, column, row, norms', () => {
    const a = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(matvec(a, [1, 0, -1]))).toEqual([-2, -2]);
    expect(Array.from(column(a, 1))).toEqual([2, 5]);
    expect(Array.from(row(a, 1))).toEqual([4, 5, 6]);
    expect(frobeniusNorm(fromRows([[3, 4]]))).toBe(5);
    expect(frobeniusNorm(fromRows([[3e200, 4e200]]))).toBeCloseTo(5e200, -186); // no overflow
    expect(frobeniusNorm(fromRows([[3e-200, 4e-200]]))).toBeCloseTo(5e-200, 210); // no underflow
    expect(frobeniusNorm(matrix(0, 0))).toBe(0);
    expect(maxAbs(fromRows([[1, -7], [3, 2]]))).toBe(7);
  });

  it('symmetry checks name the worst entry', () => {
    const a = fromRows([
      [1, 2, 3],
      [2, 1, 5],
      [3, 5.5, 1],
    ]);
    const d = symmetryDefect(a);
    expect([d.i, d.j, d.difference, d.scale]).toEqual([2, 1, 0.5, 5.5]);
    expect(() => assertSymmetric('op', a)).toThrow(/op: matrix is not symmetric: a\[2\]\[1\] = 5.5 but a\[1\]\[2\] = 5/);
    expect(() => assertSymmetric('op', matrix(2, 3))).toThrow(/must be square, got 2×3/);
    expect(toRows(symmetrize(a))[1][2]).toBe(5.25);
    expect(assertSymmetric('op', symmetrize(a))).toBe(3);
  });
});

describe('cholesky', () => {
  const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 31, 64, 100, 257];

  it('‖LLᵀ − A‖/‖A‖ < 1e-12 on random SPD matrices, L lower with positive diagonal', () => {
    const rnd = lcg(10);
    for (const n of sizes) {
      const a = randomSpd(n, rnd);
      const f = cholesky(a);
      expect(f.n).toBe(n);
      expect(f.jitter).toBe(0);
      expect(choleskyResidual(a, f)).toBeLessThan(1e-12);
      let badDiagonal = 0;
      let upperNonZero = 0;
      for (let i = 0; i < n; i++) {
        if (!(f.lower[i * n + i] > 0)) badDiagonal++;
        for (let j = i + 1; j < n; j++) if (f.lower[i * n + j] !== 0) upperNonZero++;
      }
      expect([badDiagonal, upperNonZero]).toEqual([0, 0]);
    }
  });

  it('agrees with a textbook reference factorisation entry by entry', () => {
    const rnd = lcg(11);
    for (const n of [6, 13, 40]) {
      const a = randomSpd(n, rnd, 0.01);
      const got = cholesky(a).lower;
      const want = referenceCholesky(a);
      let worst = 0;
      for (let k = 0; k < n * n; k++) worst = Math.max(worst, Math.abs(got[k] - want[k]));
      expect(worst).toBeLessThan(1e-12);
    }
  });

  it('reads only the lower triangle', () => {
    const rnd = lcg(12);
    const a = randomSpd(11, rnd);
    const garbled = matrix(11, 11, a.data);
    for (let i = 0; i < 11; i++) for (let j = i + 1; j < 11; j++) garbled.data[i * 11 + j] = 1e6 * rnd();
    expect(cholesky(garbled).lower).toEqual(cholesky(a).lower);
  });

  /** SPD except that the Schur complement at `pivot` is `value` (< 0). */
  function failingAt(n: number, pivot: number, value: number, seed: number): Matrix {
    const a = randomSpd(n, lcg(seed));
    const l = cholesky(a).lower;
    let sum = 0;
    for (let k = 0; k < pivot; k++) sum += l[pivot * n + k] ** 2;
    a.data[pivot * n + pivot] = sum + value;
    return a;
  }

  it('names the failing pivot and its value (first block, later block, leftover rows)', () => {
    for (const [n, pivot] of [
      [9, 3],
      [12, 6],
      [11, 10],
      [5, 0],
      [40, 37],
    ]) {
      const err = catchError(() => cholesky(failingAt(n, pivot, -0.5, 100 + n)));
      expect(err).toBeInstanceOf(NotPositiveDefiniteError);
      const e = err as NotPositiveDefiniteError;
      expect(e.pivot).toBe(pivot);
      expect(e.value).toBeCloseTo(-0.5, 9);
      expect(e.message).toMatch(new RegExp(`pivot ${pivot} is -0\\.5`));
    }
  });

  it('treats a zero pivot and NaN as not positive definite', () => {
    const zero = catchError(() => cholesky(matrix(3, 3))) as NotPositiveDefiniteError;
    expect([zero.pivot, zero.value]).toEqual([0, 0]);
    const tiny = catchError(() => cholesky(failingAt(8, 5, -1e-3, 7))) as NotPositiveDefiniteError;
    expect(tiny.pivot).toBe(5);

    const a = randomSpd(6, lcg(13));
    const nanDiag = matrix(6, 6, a.data);
    nanDiag.data[2 * 6 + 2] = NaN;
    const e1 = catchError(() => cholesky(nanDiag)) as NotPositiveDefiniteError;
    expect(e1.pivot).toBe(2);
    expect(Number.isNaN(e1.value)).toBe(true);

    const nanOff = matrix(6, 6, a.data);
    nanOff.data[4 * 6 + 1] = NaN; // poisons row 4 from column 1 on
    const e2 = catchError(() => cholesky(nanOff)) as NotPositiveDefiniteError;
    expect(e2.pivot).toBe(4);
  });

  it('records jitter and factorises A + jitter·I', () => {
    // Rank-1 PSD matrix v vᵀ: singular, fails at pivot 1 without jitter.
    const n = 5;
    const v = [1, -2, 0.5, 3, 1.5];
    const a = matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.data[i * n + j] = v[i] * v[j];
    const err = catchError(() => cholesky(a)) as NotPositiveDefiniteError;
    expect(err.pivot).toBe(1);

    const f = cholesky(a, { jitter: 1e-6 });
    expect(f.jitter).toBe(1e-6);
    expect(choleskyResidual(a, f)).toBeLessThan(1e-12);
    // The solve is with A + jitter·I, the matrix that was factorised.
    const shifted = matrix(n, n, a.data);
    for (let i = 0; i < n; i++) shifted.data[i * n + i] += 1e-6;
    const b = randomMatrix(n, 2, lcg(14));
    const x = choleskySolve(f, b);
    expect(solveResidual(shifted, x, b)).toBeLessThan(1e-12);

    // Jitter changes the factor of a well-conditioned matrix by the expected amount.
    const spd = randomSpd(10, lcg(15));
    const f0 = cholesky(spd);
    const f1 = cholesky(spd, { jitter: 0.25 });
    expect(f1.lower[0]).toBeCloseTo(Math.sqrt(f0.lower[0] ** 2 + 0.25), 14);
    expect(choleskyResidual(spd, f1)).toBeLessThan(1e-12);
  });

  it('rejects bad jitter and non-square input', () => {
    const a = identity(3);
    for (const jitter of [-1, NaN, Infinity]) {
      expect(() => cholesky(a, { jitter })).toThrow(/jitter must be a finite number ≥ 0/);
    }
    expect(() => cholesky(matrix(2, 3))).toThrow(/cholesky: matrix must be square, got 2×3/);
    expect(cholesky(matrix(0, 0)).n).toBe(0);
  });
});

describe('choleskySolve', () => {
  it('solves with 1…9 right-hand sides: small residual, recovers the true solution', () => {
    const rnd = lcg(20);
    for (const n of [1, 3, 8, 33, 120]) {
      const a = randomSpd(n, rnd, 0.5);
      const f = cholesky(a);
      for (const m of [1, 2, 3, 4, 5, 8, 9]) {
        const x0 = randomMatrix(n, m, rnd);
        const b = naiveMatmul(a, x0);
        const x = choleskySolve(f, b);
        expect([x.rows, x.cols]).toEqual([n, m]);
        expect(solveResidual(a, x, b)).toBeLessThan(1e-14);
        expect(relDiff(x, x0)).toBeLessThan(1e-11);
      }
    }
  });

  it('does not modify its inputs', () => {
    const a = randomSpd(6, lcg(21));
    const f = cholesky(a);
    const lower = f.lower.slice();
    const b = randomMatrix(6, 3, lcg(22));
    const bData = b.data.slice();
    choleskySolve(f, b);
    expect(f.lower).toEqual(lower);
    expect(b.data).toEqual(bData);
  });

  it('reports shape errors and malformed factors', () => {
    const f = cholesky(identity(3));
    expect(() => choleskySolve(f, matrix(4, 1))).toThrow(/factor is 3×3 but right-hand side B is 4×1/);
    expect(() => choleskySolve({ n: 3, lower: new Float64Array(8), jitter: 0 }, matrix(3, 1))).toThrow(
      /factor.n is 3 but factor.lower has length 8/,
    );
    expect(() => choleskySolve({ n: 2, lower: new Float64Array(4), jitter: 0 }, matrix(2, 1))).toThrow(
      /diagonal entry \[0\]\[0\] is 0/,
    );
  });
});

describe('triangular solves', () => {
  /** Well-conditioned triangle (diagonal in [1, 2), small off-diagonal) with garbage on the other side. */
  function triangle(n: number, lower: boolean, rnd: () => number): { t: Matrix; clean: Matrix } {
    const t = matrix(n, n);
    const clean = matrix(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const inside = lower ? j < i : j > i;
        if (i === j) {
          const v = 1.5 + rnd();
          t.data[i * n + j] = v;
          clean.data[i * n + j] = v;
        } else if (inside) {
          const v = (2 * rnd()) / Math.sqrt(n);
          t.data[i * n + j] = v;
          clean.data[i * n + j] = v;
        } else {
          t.data[i * n + j] = 1e3 * rnd(); // must be ignored
        }
      }
    }
    return { t, clean };
  }

  for (const lower of [true, false]) {
    const solve = lower ? solveLowerTriangular : solveUpperTriangular;
    const label = lower ? 'lower' : 'upper';

    it(`${label}: T X = B for several sizes and 1…9 right-hand sides, other triangle ignored`, () => {
      const rnd = lcg(lower ? 30 : 31);
      for (const n of [1, 2, 5, 17, 64]) {
        const { t, clean } = triangle(n, lower, rnd);
        for (const m of [1, 2, 4, 5, 7, 9]) {
          const x0 = randomMatrix(n, m, rnd);
          const b = naiveMatmul(clean, x0);
          const x = solve(t, b);
          expect(solveResidual(clean, x, b)).toBeLessThan(1e-14);
          expect(relDiff(x, x0)).toBeLessThan(1e-12);
        }
      }
    });

    it(`${label}: exact small case`, () => {
      const t = lower ? fromRows([[2, 0], [1, 4]]) : fromRows([[4, 1], [0, 2]]);
      const b = fromRows([[2, 4], [9, 10]]);
      const x = solve(t, b);
      expect(toRows(x)).toEqual(lower ? [[1, 2], [2, 2]] : [[-0.625, -0.25], [4.5, 5]]);
    });

    it(`${label}: zero diagonal and shape errors`, () => {
      const t = identity(4);
      t.data[2 * 4 + 2] = 0;
      const name = lower ? 'solveLowerTriangular' : 'solveUpperTriangular';
      expect(() => solve(t, matrix(4, 1))).toThrow(
        new RegExp(`${name}: triangular matrix is singular: diagonal entry \\[2\\]\\[2\\] is 0`),
      );
      expect(() => solve(identity(3), matrix(4, 2))).toThrow(/is 3×3 but right-hand side B is 4×2 \(needs 3 rows\)/);
      expect(() => solve(matrix(3, 4), matrix(3, 1))).toThrow(/must be square, got 3×4/);
    });
  }

  it('L Lᵀ solve through the two triangular solves equals choleskySolve', () => {
    const rnd = lcg(32);
    const a = randomSpd(25, rnd);
    const f = cholesky(a);
    const l = lowerOf(f);
    const b = randomMatrix(25, 3, rnd);
    const viaTriangles = solveUpperTriangular(transpose(l), solveLowerTriangular(l, b));
    expect(relDiff(viaTriangles, choleskySolve(f, b))).toBeLessThan(1e-13);
  });
});

describe('symmetricEigen', () => {
  it('random symmetric matrices: ‖AV − VΛ‖/‖A‖ < 1e-12, VᵀV = I, descending, sign convention', () => {
    const rnd = lcg(40);
    for (const n of [1, 2, 3, 4, 5, 8, 9, 10, 16, 17, 50, 120]) {
      const a = randomSymmetric(n, rnd);
      const { values, vectors } = symmetricEigen(a);
      expect(values.length).toBe(n);
      expect([vectors.rows, vectors.cols]).toEqual([n, n]);
      const r = eigenResiduals(a, values, vectors);
      expect(r.av).toBeLessThan(1e-12);
      expect(r.orth).toBeLessThan(1e-12);
      expectDescending(values);
      // trace is preserved
      let trace = 0;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        trace += a.data[i * n + i];
        sum += values[i];
      }
      expect(Math.abs(trace - sum)).toBeLessThan(1e-12 * n);
      // the largest-magnitude entry of every eigenvector is positive
      for (let k = 0; k < n; k++) {
        const v = column(vectors, k);
        let big = 0;
        for (const x of v) if (Math.abs(x) > Math.abs(big)) big = x;
        expect(big).toBeGreaterThan(0);
      }
    }
  });

  it('the tridiagonal [−1, 2, −1] matrix: λ_k = 2 − 2cos(kπ/(n+1)), v_k(j) ∝ sin(jkπ/(n+1))', () => {
    const n = 60;
    const a = matrix(n, n);
    for (let i = 0; i < n; i++) {
      a.data[i * n + i] = 2;
      if (i > 0) a.data[i * n + i - 1] = -1;
      if (i < n - 1) a.data[i * n + i + 1] = -1;
    }
    const { values, vectors } = symmetricEigen(a);
    for (let idx = 0; idx < n; idx++) {
      const k = n - idx; // descending order: largest is k = n
      const lambda = 2 - 2 * Math.cos((k * Math.PI) / (n + 1));
      expect(Math.abs(values[idx] - lambda)).toBeLessThan(1e-13);
      const exact = Array.from({ length: n }, (_, j) => Math.sin(((j + 1) * k * Math.PI) / (n + 1)));
      expect(absCosine(column(vectors, idx), exact)).toBeGreaterThan(1 - 1e-12);
    }
  });

  it('dense matrices with a known spectrum, repeated values and a wide range', () => {
    const rnd = lcg(41);
    const spectra = [
      [5, 5, 5, 1, 1, -2, -2, -2, 0],
      [1, 1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 0, 0, 0, 0],
      Array.from({ length: 40 }, (_, k) => (k + 1) ** -1.5),
      Array.from({ length: 33 }, (_, k) => (k % 3) - 1),
    ];
    for (const lambda of spectra) {
      const a = withSpectrum(lambda, rnd);
      const { values, vectors } = symmetricEigen(a);
      const want = [...lambda].sort((x, y) => y - x);
      const scale = Math.max(...lambda.map(Math.abs));
      for (let k = 0; k < want.length; k++) expect(Math.abs(values[k] - want[k])).toBeLessThan(1e-13 * scale * 10);
      const r = eigenResiduals(a, values, vectors);
      expect(r.av).toBeLessThan(1e-13);
      expect(r.orth).toBeLessThan(1e-13);
    }
  });

  it('a rank-1 matrix v vᵀ: one eigenvalue ‖v‖², the rest 0, top eigenvector ±v/‖v‖', () => {
    const v = [0.5, -1, 2, 0.25, -3, 1, 0.75];
    const n = v.length;
    const a = matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.data[i * n + j] = v[i] * v[j];
    const norm2 = v.reduce((s, x) => s + x * x, 0);
    const { values, vectors } = symmetricEigen(a);
    expect(values[0]).toBeCloseTo(norm2, 12);
    for (let k = 1; k < n; k++) expect(Math.abs(values[k])).toBeLessThan(1e-14 * norm2);
    const top = column(vectors, 0);
    // sign convention: the largest-magnitude entry (−3 in v) becomes positive
    for (let i = 0; i < n; i++) expect(top[i]).toBeCloseTo(-v[i] / Math.sqrt(norm2), 14);
  });

  it('diagonal and block matrices (identity Householder steps): exact values, clean vectors', () => {
    const d = [3, 1, 3, 2, 1, 3];
    const { values, vectors } = symmetricEigen(diagonal(d));
    expect(Array.from(values)).toEqual([3, 3, 3, 2, 1, 1]);
    const r = eigenResiduals(diagonal(d), values, vectors);
    expect(r.av).toBe(0);
    expect(r.orth).toBe(0);

    // Zero couplings at the end, at the start and in the middle of the reduction.
    const rnd = lcg(42);
    for (const pattern of ['tail', 'head', 'middle']) {
      const n = 14;
      const a = randomSymmetric(n, rnd);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const cut =
            pattern === 'tail'
              ? (i >= 10 || j >= 10) && i !== j
              : pattern === 'head'
                ? (i < 5 || j < 5) && i !== j
                : (i === 7 || j === 7) && i !== j;
          if (cut) a.data[i * n + j] = 0;
        }
      }
      const e = symmetricEigen(a);
      const res = eigenResiduals(a, e.values, e.vectors);
      expect(res.av).toBeLessThan(1e-13);
      expect(res.orth).toBeLessThan(1e-13);
      expectDescending(e.values);
    }
  });

  it('1×1, 2×2 and 0×0', () => {
    const one = symmetricEigen(fromRows([[-2.5]]));
    expect(Array.from(one.values)).toEqual([-2.5]);
    expect(Array.from(one.vectors.data)).toEqual([1]);

    const two = symmetricEigen(fromRows([[2, 1], [1, 2]]));
    expect(two.values[0]).toBeCloseTo(3, 15);
    expect(two.values[1]).toBeCloseTo(1, 15);
    const s = Math.SQRT1_2;
    expect(absCosine(column(two.vectors, 0), [s, s])).toBeCloseTo(1, 15);
    expect(absCosine(column(two.vectors, 1), [s, -s])).toBeCloseTo(1, 15);

    const rotated = symmetricEigen(fromRows([[0, 4], [4, 6]])); // λ = 3 ± 5
    expect(Array.from(rotated.values).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([8, -2]);

    const empty = symmetricEigen(matrix(0, 0));
    expect(empty.values.length).toBe(0);
  });

  it('is scale-equivariant far from 1 (no overflow or underflow)', () => {
    const a = randomSymmetric(12, lcg(43));
    const base = symmetricEigen(a).values;
    for (const s of [1e150, 1e-150]) {
      const scaled = matrix(12, 12, a.data.map((x) => x * s));
      const got = symmetricEigen(scaled).values;
      for (let k = 0; k < 12; k++) expect(Math.abs(got[k] / s - base[k])).toBeLessThan(1e-13);
    }
  });

  it('rejects asymmetric, non-finite and non-square input with clear errors', () => {
    const a = randomSymmetric(6, lcg(44));
    const asym = matrix(6, 6, a.data);
    asym.data[4 * 6 + 1] += 1e-3;
    asym.data[2 * 6 + 5] += 1e-6;
    expect(() => symmetricEigen(asym)).toThrow(/symmetricEigen: matrix is not symmetric: a\[4\]\[1\] = .* but a\[1\]\[4\] =/);

    const rounding = matrix(6, 6, a.data);
    rounding.data[3 * 6 + 0] *= 1 + 1e-14; // rounding-level asymmetry is accepted
    expect(() => symmetricEigen(rounding)).not.toThrow();

    const nan = matrix(6, 6, a.data);
    nan.data[2 * 6 + 3] = NaN;
    expect(() => symmetricEigen(nan)).toThrow(/non-finite entry a\[2\]\[3\] = NaN/);
    expect(() => symmetricEigen(matrix(3, 2))).toThrow(/must be square, got 3×2/);
  });

  it('does not modify its input', () => {
    const a = randomSymmetric(9, lcg(45));
    const copy = a.data.slice();
    symmetricEigen(a);
    expect(a.data).toEqual(copy);
  });
});

describe('pureLinearAlgebra', () => {
  it('exposes the implementation under the LinearAlgebra interface', () => {
    const la = pureLinearAlgebra;
    expect(la.name).toBe('pure-ts');
    const rnd = lcg(50);
    const a = randomSpd(20, rnd);
    const b = randomMatrix(20, 2, rnd);
    const f = la.cholesky(a, { jitter: 0.01 });
    expect(f.jitter).toBe(0.01);
    expect(choleskyResidual(a, f)).toBeLessThan(1e-12);
    const x = la.choleskySolve(f, b);
    const shifted = matrix(20, 20, a.data);
    for (let i = 0; i < 20; i++) shifted.data[i * 20 + i] += 0.01;
    expect(solveResidual(shifted, x, b)).toBeLessThan(1e-14);
    const l = lowerOf(f);
    expect(relDiff(la.matmul(l, la.solveLowerTriangular(l, b)), b)).toBeLessThan(1e-14);
    const lt = transpose(l);
    expect(relDiff(la.matmul(lt, la.solveUpperTriangular(lt, b)), b)).toBeLessThan(1e-14);
    const e = la.symmetricEigen(a);
    expect(eigenResiduals(a, e.values, e.vectors).av).toBeLessThan(1e-13);
    expect(() => la.cholesky(fromRows([[1, 2], [2, 1]]))).toThrow(NotPositiveDefiniteError);
  });
});
