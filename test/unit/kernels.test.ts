import { describe, expect, it } from 'vitest';
import { pureLinearAlgebra } from '../../src-shared/science/linalg';
import type { Matrix } from '../../src-shared/science/linalg/types';
import { createStream } from '../../src-shared/science/random';
import {
  erf,
  evaluateTarget,
  factorial,
  hermiteValues,
  kernelDiagonal,
  kernelGram,
  probabilistsHermite,
  validateKernel,
  validateTarget,
  type KernelSpec,
  type MeasureSpec,
} from '../../src-shared/science/kernels';
import {
  measureDimension,
  poolPoints,
  sampleMeasure,
  validateMeasure,
} from '../../src-shared/science/measures';

const matrix = (rows: number[][]): Matrix => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float64Array.from(rows.flat()),
});

const relu1: KernelSpec = { type: 'nngp', activation: 'relu', depth: 1, weightVariance: 2, biasVariance: 0 };
const kernels: KernelSpec[] = [
  { type: 'hermite', degrees: [1, 2, 3], eigenvalues: [1, 0.1, 0.01] },
  relu1,
  { type: 'nngp', activation: 'relu', depth: 3, weightVariance: 1.7, biasVariance: 0.1 },
  { type: 'nngp', activation: 'erf', depth: 1, weightVariance: 1.5, biasVariance: 0.2 },
  { type: 'nngp', activation: 'erf', depth: 2, weightVariance: 3, biasVariance: 0.05 },
  { type: 'rbf', lengthScale: 1.3, variance: 0.7 },
];

describe('probabilists’ Hermite polynomials', () => {
  const explicit: ((x: number) => number)[] = [
    () => 1,
    (x) => x,
    (x) => x ** 2 - 1,
    (x) => x ** 3 - 3 * x,
    (x) => x ** 4 - 6 * x ** 2 + 3,
    (x) => x ** 5 - 10 * x ** 3 + 15 * x,
    (x) => x ** 6 - 15 * x ** 4 + 45 * x ** 2 - 15,
    (x) => x ** 7 - 21 * x ** 5 + 105 * x ** 3 - 105 * x,
  ];
  const xs = [-3.2, -1, -0.37, 0, 0.5, 1, 2.25, 4];

  it('match the explicit polynomials He_0..He_7', () => {
    for (const x of xs) {
      const all = hermiteValues(7, x);
      explicit.forEach((He, n) => {
        const scale = Math.max(1, Math.abs(x) ** n);
        expect(Math.abs(probabilistsHermite(n, x) - He(x))).toBeLessThan(1e-12 * scale * 10 ** (n / 2));
        expect(all[n]).toBe(probabilistsHermite(n, x));
      });
    }
  });

  it('factorial', () => {
    expect([0, 1, 2, 5, 10].map(factorial)).toEqual([1, 1, 2, 120, 3628800]);
  });

  it('are orthogonal under N(0,1): E[He_n He_m] = n! δ_nm (Monte Carlo, 2·10^5 points, 5 s.e.)', () => {
    const N = 200_000;
    const z = createStream(17, 0).fillNormal(new Float64Array(N));
    const maxDegree = 5;
    const values = new Float64Array((maxDegree + 1) * N);
    const row = new Float64Array(maxDegree + 1);
    for (let i = 0; i < N; i++) {
      hermiteValues(maxDegree, z[i], row);
      for (let n = 0; n <= maxDegree; n++) values[n * N + i] = row[n];
    }
    for (let n = 0; n <= maxDegree; n++) {
      for (let m = n; m <= maxDegree; m++) {
        let sum = 0;
        let sumSq = 0;
        for (let i = 0; i < N; i++) {
          const p = values[n * N + i] * values[m * N + i];
          sum += p;
          sumSq += p * p;
        }
        const mean = sum / N;
        const standardError = Math.sqrt((sumSq / N - mean * mean) / N);
        const expected = n === m ? factorial(n) : 0;
        expect(Math.abs(mean - expected)).toBeLessThan(5 * standardError + 1e-12);
      }
    }
  });
});

describe('activations', () => {
  it('erf matches reference values (Python math.erf) to 1e-15', () => {
    const reference: [number, number][] = [
      [0.01, 0.011283415555849616],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [1.9, 0.9927904292352575],
      [2.0, 0.9953222650189527],
      [2.5, 0.999593047982555],
      [3.5, 0.9999992569016276],
      [5, 0.9999999999984626],
    ];
    for (const [x, value] of reference) {
      expect(Math.abs(erf(x) - value)).toBeLessThan(1e-15);
      expect(erf(-x)).toBe(-erf(x));
    }
    // 1 − erf in the tail, relative: erfc(3.5) = 7.430983723414128e-7.
    expect(Math.abs((1 - erf(3.5)) / 7.430983723414128e-7 - 1)).toBeLessThan(1e-9);
    expect(erf(0)).toBe(0);
    expect(erf(10)).toBe(1);
  });
});

describe('kernel closed forms', () => {
  it('hermite kernel = Σ λ_i He_{d_i}(x₁) He_{d_i}(x₁′), first coordinate only', () => {
    const X = matrix([[0.3, 9], [-1.2, -4]]);
    const Y = matrix([[2, 0], [0.7, 5], [-0.1, 1]]);
    const spec: KernelSpec = { type: 'hermite', degrees: [1, 3], eigenvalues: [2, 0.5] };
    const K = kernelGram(spec, X, Y);
    const He3 = (x: number) => x ** 3 - 3 * x;
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const a = X.data[i * 2];
        const b = Y.data[j * 2];
        expect(K.data[i * 3 + j]).toBeCloseTo(2 * a * b + 0.5 * He3(a) * He3(b), 12);
      }
    }
  });

  it('relu, σ_b² = 0: K¹(x,x) = σ_w²/2 · K⁰(x,x); K^L(x,x) = (σ_w²/2)^L K⁰(x,x)', () => {
    const X = matrix([[1, -2, 0.5], [0.3, 0.1, 3]]);
    for (const depth of [1, 2, 4]) {
      const spec: KernelSpec = { type: 'nngp', activation: 'relu', depth, weightVariance: 1.6, biasVariance: 0 };
      const diag = kernelDiagonal(spec, X);
      const gram = kernelGram(spec, X);
      for (let i = 0; i < 2; i++) {
        let dot = 0;
        for (let j = 0; j < 3; j++) dot += X.data[i * 3 + j] ** 2;
        const K0 = (1.6 * dot) / 3;
        expect(diag[i]).toBeCloseTo(0.8 ** depth * K0, 12);
        expect(gram.data[i * 2 + i]).toBe(diag[i]);
      }
    }
  });

  it('relu, orthogonal inputs (θ = π/2): K¹ = σ_w²/(2π) √(K⁰_xx K⁰_yy)', () => {
    const K = kernelGram(relu1, matrix([[1, 0]]), matrix([[0, 1]]));
    // K⁰_xx = K⁰_yy = 2·1/2 = 1, sin θ = 1, cos θ = 0 → 2/(2π).
    expect(K.data[0]).toBeCloseTo(1 / Math.PI, 14);
  });

  it('relu, anti-parallel inputs (θ = π): K¹ = σ_b²', () => {
    const spec: KernelSpec = { type: 'nngp', activation: 'relu', depth: 1, weightVariance: 2, biasVariance: 0 };
    expect(kernelGram(spec, matrix([[1, 2]]), matrix([[-2, -4]])).data[0]).toBeCloseTo(0, 14);
  });

  it('relu, general pair: arc-cosine formula by hand', () => {
    const spec: KernelSpec = { type: 'nngp', activation: 'relu', depth: 1, weightVariance: 1.5, biasVariance: 0.2 };
    const x = [1, 1, 0];
    const y = [1, 0, 1];
    const kxx = 0.2 + (1.5 * 2) / 3; // 1.2
    const kxy = 0.2 + (1.5 * 1) / 3; // 0.7
    const theta = Math.acos(kxy / kxx);
    const expected = 0.2 + (1.5 / (2 * Math.PI)) * kxx * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta));
    expect(kernelGram(spec, matrix([x]), matrix([y])).data[0]).toBeCloseTo(expected, 14);
  });

  it('erf, one pair by hand: 0.2 + 1.5·(2/π)·arcsin(1.4/3.4) = 0.605262319519608', () => {
    const spec: KernelSpec = { type: 'nngp', activation: 'erf', depth: 1, weightVariance: 1.5, biasVariance: 0.2 };
    // K⁰_xx = K⁰_yy = 1.2, K⁰_xy = 0.7 → arcsin(2·0.7/√(3.4·3.4)).
    const K = kernelGram(spec, matrix([[1, 1, 0]]), matrix([[1, 0, 1]]));
    expect(K.data[0]).toBeCloseTo(0.605262319519608, 13);
    expect(kernelDiagonal(spec, matrix([[1, 1, 0]]))[0]).toBeCloseTo(0.2 + (3 / Math.PI) * Math.asin(2.4 / 3.4), 14);
  });

  it('rbf by hand', () => {
    const spec: KernelSpec = { type: 'rbf', lengthScale: 2, variance: 3 };
    const K = kernelGram(spec, matrix([[0, 0]]), matrix([[1, 2]]));
    expect(K.data[0]).toBeCloseTo(3 * Math.exp(-5 / 8), 14);
  });

  it('diagonal, blocks and symmetry agree for every kernel', () => {
    const stream = createStream(99, 0);
    const X = sampleMeasure({ type: 'gaussian', dimension: 4 }, 12, stream);
    const Y = sampleMeasure({ type: 'gaussian', dimension: 4 }, 5, stream);
    const XY: Matrix = { rows: 17, cols: 4, data: Float64Array.from([...X.data, ...Y.data]) };
    for (const spec of kernels) {
      const full = kernelGram(spec, XY);
      const cross = kernelGram(spec, X, Y);
      const diag = kernelDiagonal(spec, XY);
      for (let i = 0; i < 17; i++) {
        expect(full.data[i * 17 + i]).toBeCloseTo(diag[i], 12);
        for (let j = 0; j < 17; j++) expect(full.data[i * 17 + j]).toBe(full.data[j * 17 + i]);
      }
      for (let i = 0; i < 12; i++) {
        for (let j = 0; j < 5; j++) {
          expect(cross.data[i * 5 + j]).toBeCloseTo(full.data[i * 17 + 12 + j], 12);
        }
      }
    }
  });
});

describe('Gram matrices are symmetric positive semi-definite', () => {
  // Inputs: Gaussian points, points on the √d-sphere, a far-out scaled copy (large K⁰), and exact
  // duplicates (cosine exactly 1: exercises the clamp before arccos / arcsin).
  const stream = createStream(4242, 0);
  const gaussian = sampleMeasure({ type: 'gaussian', dimension: 4 }, 40, stream);
  const sphere = sampleMeasure({ type: 'sphere', dimension: 4 }, 30, stream);
  const data = Float64Array.from([
    ...gaussian.data,
    ...sphere.data,
    ...sphere.data.subarray(0, 40).map((v) => 10 * v),
    ...gaussian.data.subarray(0, 20),
  ]);
  const X: Matrix = { rows: data.length / 4, cols: 4, data };

  it.each(kernels)('%j: smallest eigenvalue ≥ −1e-10·trace', (spec) => {
    const K = kernelGram(spec, X);
    let trace = 0;
    for (let i = 0; i < X.rows; i++) {
      trace += K.data[i * X.rows + i];
      for (let j = 0; j < i; j++) expect(K.data[i * X.rows + j]).toBe(K.data[j * X.rows + i]);
    }
    const { values } = pureLinearAlgebra.symmetricEigen(K);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-1e-10 * trace);
  });
});

describe('validation names the field', () => {
  const cases: [KernelSpec, RegExp][] = [
    [{ type: 'nngp', activation: 'relu', depth: 0, weightVariance: 1, biasVariance: 0 }, /kernel\.depth/],
    [{ type: 'nngp', activation: 'relu', depth: 1.5, weightVariance: 1, biasVariance: 0 }, /kernel\.depth/],
    [{ type: 'nngp', activation: 'relu', depth: 1, weightVariance: -1, biasVariance: 0 }, /kernel\.weightVariance/],
    [{ type: 'nngp', activation: 'erf', depth: 1, weightVariance: 1, biasVariance: Infinity }, /kernel\.biasVariance/],
    [{ type: 'nngp', activation: 'tanh' as 'relu', depth: 1, weightVariance: 1, biasVariance: 0 }, /kernel\.activation/],
    [{ type: 'rbf', lengthScale: 0, variance: 1 }, /kernel\.lengthScale/],
    [{ type: 'rbf', lengthScale: 1, variance: Number.NaN }, /kernel\.variance/],
    [{ type: 'hermite', degrees: [1, 1], eigenvalues: [1, 1] }, /duplicate/],
    [{ type: 'hermite', degrees: [1, -2], eigenvalues: [1, 1] }, /kernel\.degrees\[1\]/],
    [{ type: 'hermite', degrees: [1, 2.5], eigenvalues: [1, 1] }, /kernel\.degrees\[1\]/],
    [{ type: 'hermite', degrees: [1, 2], eigenvalues: [1] }, /kernel\.eigenvalues/],
    [{ type: 'hermite', degrees: [1, 2], eigenvalues: [1, -0.1] }, /kernel\.eigenvalues\[1\]/],
    [{ type: 'hermite', degrees: [], eigenvalues: [] }, /kernel\.degrees/],
  ];
  it.each(cases)('%j', (spec, message) => {
    expect(() => validateKernel(spec, 3)).toThrow(message);
    expect(() => kernelGram(spec, matrix([[1, 2, 3]]))).toThrow(message);
  });

  it('dimension, inputs and targets', () => {
    expect(() => validateKernel(relu1, 0)).toThrow(/dimension/);
    expect(() => kernelGram(relu1, matrix([[1, Number.NaN]]))).toThrow(/non-finite/);
    expect(() => kernelGram(relu1, matrix([[1, 2]]), matrix([[1, 2, 3]]))).toThrow(/columns/);
    expect(() => validateTarget({ type: 'linear', weights: [1, 2] }, 3)).toThrow(/target\.weights/);
    expect(() => validateTarget({ type: 'hermite', degree: -1 }, 3)).toThrow(/target\.degree/);
    expect(() => validateTarget({ type: 'values', values: [1, 2] }, 3, 5)).toThrow(/target\.values/);
    expect(() => evaluateTarget({ type: 'values', values: [1, Number.NaN] }, matrix([[0], [1]]))).toThrow(
      /target\.values\[1\]/,
    );
  });
});

describe('targets', () => {
  const X = matrix([[0.5, 2, -1], [-2, 0, 1], [0, 1, 1]]);
  it('hermite, sign, linear, values', () => {
    expect(Array.from(evaluateTarget({ type: 'hermite', degree: 2, coefficient: 3 }, X))).toEqual([
      3 * (0.25 - 1),
      3 * 3,
      -3,
    ]);
    expect(Array.from(evaluateTarget({ type: 'hermite', degree: 1 }, X))).toEqual([0.5, -2, 0]);
    expect(Array.from(evaluateTarget({ type: 'sign' }, X))).toEqual([1, -1, 0]);
    expect(Array.from(evaluateTarget({ type: 'linear', weights: [1, -1, 2] }, X))).toEqual([-3.5, 0, 1]);
    expect(Array.from(evaluateTarget({ type: 'values', values: [4, 5, 6] }, X))).toEqual([4, 5, 6]);
  });
});

describe('measures', () => {
  it('gaussian N(0, I_d): mean 0, covariance I (10^5 points, 5 s.e.)', () => {
    const n = 100_000;
    const X = sampleMeasure({ type: 'gaussian', dimension: 3 }, n, createStream(1, 0));
    expect([X.rows, X.cols]).toEqual([n, 3]);
    for (let a = 0; a < 3; a++) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += X.data[i * 3 + a];
      expect(Math.abs(mean / n)).toBeLessThan(5 / Math.sqrt(n));
      for (let b = a; b < 3; b++) {
        let c = 0;
        for (let i = 0; i < n; i++) c += X.data[i * 3 + a] * X.data[i * 3 + b];
        // s.e. √(2/n) on the diagonal, √(1/n) off it.
        expect(Math.abs(c / n - (a === b ? 1 : 0))).toBeLessThan(5 * Math.sqrt(2 / n));
      }
    }
  });

  it('sphere: radius √d exactly, E[x xᵀ] = I, E[x] = 0', () => {
    const n = 50_000;
    const d = 5;
    const X = sampleMeasure({ type: 'sphere', dimension: d }, n, createStream(2, 0));
    const second = new Float64Array(d * d);
    const first = new Float64Array(d);
    let worstRadiusError = 0;
    for (let i = 0; i < n; i++) {
      let r2 = 0;
      for (let a = 0; a < d; a++) {
        const xa = X.data[i * d + a];
        r2 += xa * xa;
        first[a] += xa;
        for (let b = 0; b < d; b++) second[a * d + b] += xa * X.data[i * d + b];
      }
      worstRadiusError = Math.max(worstRadiusError, Math.abs(r2 - d));
    }
    expect(worstRadiusError).toBeLessThan(1e-12);
    for (let a = 0; a < d; a++) {
      expect(Math.abs(first[a] / n)).toBeLessThan(5 / Math.sqrt(n));
      for (let b = 0; b < d; b++) {
        // Var(x_a²) = 2d/(d+2) ≤ 2 on the √d-sphere; Var(x_a x_b) = d/(d+2) ≤ 1.
        expect(Math.abs(second[a * d + b] / n - (a === b ? 1 : 0))).toBeLessThan(5 * Math.sqrt(2 / n));
      }
    }
  });

  it('pool: poolPoints returns all rows in order; sampling draws rows with replacement', () => {
    const measure: MeasureSpec = { type: 'pool', points: [[0, 1], [2, 3], [4, 5]] };
    expect(measureDimension(measure)).toBe(2);
    expect(Array.from(poolPoints(measure).data)).toEqual([0, 1, 2, 3, 4, 5]);
    const S = sampleMeasure(measure, 3000, createStream(3, 0));
    const counts = [0, 0, 0];
    for (let i = 0; i < S.rows; i++) {
      const first = S.data[i * 2];
      expect(S.data[i * 2 + 1]).toBe(first + 1);
      counts[first / 2]++;
    }
    // Binomial(3000, 1/3): s.e. ≈ 25.8.
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(5 * 25.8);
    const again = sampleMeasure(measure, 3000, createStream(3, 0));
    expect(again.data).toEqual(S.data);
  });

  it('validation messages', () => {
    expect(() => validateMeasure({ type: 'gaussian', dimension: 0 })).toThrow(/measure\.dimension/);
    expect(() => validateMeasure({ type: 'sphere', dimension: 2.5 })).toThrow(/measure\.dimension/);
    expect(() => validateMeasure({ type: 'pool', points: [] })).toThrow(/measure\.points/);
    expect(() => validateMeasure({ type: 'pool', points: [[1, 2], [3]] })).toThrow(/ragged: row 1/);
    expect(() => validateMeasure({ type: 'pool', points: [[1, 2], [3, Infinity]] })).toThrow(
      /measure\.points\[1\]\[1\]/,
    );
    expect(() => sampleMeasure({ type: 'gaussian', dimension: 2 }, -1, createStream(0, 0))).toThrow(/count/);
  });
});
