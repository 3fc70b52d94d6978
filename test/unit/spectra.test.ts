/**
 * Spectra: exact (Hermite, power law) and numerical (pool eigendecomposition, Nyström), checked
 * against each other with stated tolerances and against exact finite-N identities.
 *
 * Cost note: each N = 1500 pool needs one full pure-TS eigendecomposition (seconds).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pureLinearAlgebra } from '../../src-shared/science/linalg';
import type { Matrix } from '../../src-shared/science/linalg/types';
import type { NumericalSpectrum } from '../../src-shared/science/spectra';
import { createStream } from '../../src-shared/science/random';
import { sampleMeasure } from '../../src-shared/science/measures';
import {
  erf,
  factorial,
  probabilistsHermite,
  type HermiteKernelSpec,
  type KernelSpec,
} from '../../src-shared/science/kernels';
import {
  hermiteSpectrum,
  numericalSpectrum,
  nystromFeatures,
  powerLawSpectrum,
  spectrumFromPool,
} from '../../src-shared/science/spectra';

const linalg = pureLinearAlgebra;

/** ψ_j(x) = He_{d_j}(x₁)/√(d_j!) on the rows of X: N×P. */
function orthonormalHermiteFeatures(degrees: readonly number[], X: Matrix): Matrix {
  const P = degrees.length;
  const data = new Float64Array(X.rows * P);
  for (let mu = 0; mu < X.rows; mu++) {
    degrees.forEach((d, j) => {
      data[mu * P + j] = probabilistsHermite(d, X.data[mu * X.cols]) / Math.sqrt(factorial(d));
    });
  }
  return { rows: X.rows, cols: P, data };
}

/** (1/N) Aᵀ B for N×p and N×q matrices. */
function empiricalInner(A: Matrix, B: Matrix): Float64Array {
  const out = new Float64Array(A.cols * B.cols);
  for (let mu = 0; mu < A.rows; mu++) {
    for (let i = 0; i < A.cols; i++) {
      for (let j = 0; j < B.cols; j++) out[i * B.cols + j] += A.data[mu * A.cols + i] * B.data[mu * B.cols + j];
    }
  }
  return out.map((v) => v / A.rows);
}

describe('hermiteSpectrum (exact under x₁ ~ N(0,1))', () => {
  const kernel: HermiteKernelSpec = { type: 'hermite', degrees: [2, 1, 3], eigenvalues: [0.1, 1, 0.05] };

  it('modes He_d/√d! with eigenvalue d!·λ_d, sorted descending, labelled by degree', () => {
    const s = hermiteSpectrum(kernel, new Map([[1, 0.5], [3, 2], [5, 1]]));
    expect(Array.from(s.degrees)).toEqual([1, 3, 2]);
    expect(s.eigenvalues[0]).toBe(1);
    expect(s.eigenvalues[1]).toBeCloseTo(0.3, 15);
    expect(s.eigenvalues[2]).toBeCloseTo(0.2, 15);
    expect(s.targetCoefficients[0]).toBeCloseTo(0.5, 15);
    expect(s.targetCoefficients[1]).toBeCloseTo(2 * Math.sqrt(6), 14);
    expect(s.targetCoefficients[2]).toBe(0);
    // He_5 is not a kernel degree: its power 1²·5! = 120 is residual.
    expect(s.residualTargetPower).toBe(120);
  });

  it('accepts a hermite TargetSpec and a plain record; the toy model target He_5 is all residual', () => {
    const toy = hermiteSpectrum({ type: 'hermite', degrees: [1, 2], eigenvalues: [1, 0.1] }, { type: 'hermite', degree: 5 });
    expect(Array.from(toy.eigenvalues)).toEqual([1, 0.2]);
    expect(Array.from(toy.targetCoefficients)).toEqual([0, 0]);
    expect(toy.residualTargetPower).toBe(120);
    const rec = hermiteSpectrum(kernel, { 2: -3 });
    expect(rec.targetCoefficients[2]).toBeCloseTo(-3 * Math.SQRT2, 15);
    expect(rec.residualTargetPower).toBe(0);
    const scaled = hermiteSpectrum(kernel, { type: 'hermite', degree: 3, coefficient: 0.5 });
    expect(scaled.targetCoefficients[1]).toBeCloseTo(0.5 * Math.sqrt(6), 15);
  });

  it('validation names the field', () => {
    expect(() => hermiteSpectrum({ ...kernel, eigenvalues: [1, 2] }, { 1: 1 })).toThrow(/kernel\.eigenvalues/);
    expect(() => hermiteSpectrum(kernel, { type: 'sign' } as never)).toThrow(/target\.type/);
    expect(() => hermiteSpectrum(kernel, new Map([[-1, 1]]))).toThrow(/target degree/);
    expect(() => hermiteSpectrum(kernel, new Map([[1, Number.NaN]]))).toThrow(/coefficient/);
  });
});

describe('powerLawSpectrum', () => {
  it('λ_k ∝ k^-a and y_k² ∝ k^-b, each trace-normalised', () => {
    const P = 4000;
    const s = powerLawSpectrum({ modeCount: P, decayExponent: 1.5, targetDecayExponent: 1.2 });
    let sumL = 0;
    let sumY = 0;
    for (let k = 1; k <= P; k++) {
      sumL += s.eigenvalues[k - 1];
      sumY += s.targetCoefficients[k - 1] ** 2;
      expect(s.targetCoefficients[k - 1]).toBeGreaterThan(0);
      expect(s.eigenvalues[k - 1] / s.eigenvalues[0]).toBeCloseTo(k ** -1.5, 14);
      expect((s.targetCoefficients[k - 1] / s.targetCoefficients[0]) ** 2).toBeCloseTo(k ** -1.2, 13);
    }
    expect(sumL).toBeCloseTo(1, 13);
    expect(sumY).toBeCloseTo(1, 13);
    expect(s.residualTargetPower).toBe(0);
    const one = powerLawSpectrum({ modeCount: 1, decayExponent: 2, targetDecayExponent: 2 });
    expect([one.eigenvalues[0], one.targetCoefficients[0]]).toEqual([1, 1]);
  });

  it('validation names the field', () => {
    expect(() => powerLawSpectrum({ modeCount: 0, decayExponent: 1, targetDecayExponent: 1 })).toThrow(/modeCount/);
    expect(() => powerLawSpectrum({ modeCount: 2.5, decayExponent: 1, targetDecayExponent: 1 })).toThrow(/modeCount/);
    expect(() => powerLawSpectrum({ modeCount: 3, decayExponent: 0, targetDecayExponent: 1 })).toThrow(/decayExponent/);
    expect(() => powerLawSpectrum({ modeCount: 3, decayExponent: 1, targetDecayExponent: Infinity })).toThrow(
      /targetDecayExponent/,
    );
  });
});

describe('numericalSpectrum of the rank-3 Hermite kernel on 1500 Gaussian points (d = 3)', () => {
  const kernel: HermiteKernelSpec = { type: 'hermite', degrees: [1, 2, 3], eigenvalues: [1, 0.1, 0.005] };
  const exact = hermiteSpectrum(kernel, new Map([[1, 0.5], [2, 0.25], [3, 0.1]])); // λ = 1, 0.2, 0.03
  const N = 1500;
  const lambda = Float64Array.from(kernel.degrees, (d, j) => factorial(d) * kernel.eigenvalues[j]);
  let numerical: NumericalSpectrum;
  let X: Matrix;
  let psi: Matrix;
  beforeAll(() => {
    numerical = spectrumFromPool({
      kernel,
      measure: { type: 'gaussian', dimension: 3 },
      poolSize: N,
      target: { type: 'hermite', degree: 1, coefficient: 0.5 },
      seed: 7,
      linalg,
    });
    X = numerical.points;
    psi = orthonormalHermiteFeatures(kernel.degrees, X);
  });

  it('draws the pool from createStream(seed, 0) and keeps all N modes', () => {
    const again = sampleMeasure({ type: 'gaussian', dimension: 3 }, N, createStream(7, 0));
    expect(X.data).toEqual(again.data);
    expect(numerical.spectrum.eigenvalues.length).toBe(N);
    expect([numerical.features.rows, numerical.features.cols]).toEqual([N, N]);
    expect(numerical.diagnostics.linalg).toBe(linalg.name);
  });

  it('exact finite-N identity: top eigenvalues = eig(Λ^½ G Λ^½), G = ψᵀψ/N; the rest are 0', () => {
    const G = empiricalInner(psi, psi);
    const M = new Float64Array(9);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) M[i * 3 + j] = Math.sqrt(lambda[i] * lambda[j]) * G[i * 3 + j];
    const expected = linalg.symmetricEigen({ rows: 3, cols: 3, data: M }).values;
    const got = numerical.spectrum.eigenvalues;
    for (let k = 0; k < 3; k++) expect(Math.abs(got[k] / expected[k] - 1)).toBeLessThan(1e-9);
    for (let k = 3; k < N; k++) {
      expect(got[k]).toBeGreaterThanOrEqual(0);
      expect(got[k]).toBeLessThan(1e-12 * got[0]);
    }
    // Clamping is reported (round-off zeros come out with either sign).
    expect(numerical.diagnostics.clampedEigenvalueCount).toBeGreaterThanOrEqual(0);
    expect(numerical.diagnostics.mostNegativeEigenvalue).toBeGreaterThan(-1e-12 * got[0]);
  });

  it('features are orthonormal on the pool; y_k = ⟨φ_k y⟩_N; residual power = ⟨y²⟩ − Σ y_k²', () => {
    const P = 5;
    const phi = numerical.features;
    for (let k = 0; k < P; k++) {
      for (let q = 0; q < P; q++) {
        let s = 0;
        for (let mu = 0; mu < N; mu++) s += phi.data[mu * N + k] * phi.data[mu * N + q];
        expect(Math.abs(s / N - (k === q ? 1 : 0))).toBeLessThan(1e-10);
      }
      let yk = 0;
      for (let mu = 0; mu < N; mu++) yk += phi.data[mu * N + k] * numerical.targetValues[mu];
      expect(numerical.spectrum.targetCoefficients[k]).toBeCloseTo(yk / N, 12);
    }
    // The target 0.5·He_1 lies in the span of the top 3 modes (range of K_N).
    let explained = 0;
    for (let k = 0; k < 3; k++) explained += numerical.spectrum.targetCoefficients[k] ** 2;
    expect(Math.abs(explained / numerical.diagnostics.targetPower - 1)).toBeLessThan(1e-10);
    expect(numerical.spectrum.residualTargetPower).toBeLessThan(1e-10);
    // A target with an He_5 part: the top 3 modes explain only its span part.
    const y = Float64Array.from({ length: N }, (_, mu) => {
      const x = X.data[mu * 3];
      return 0.5 * x + 0.25 * (x * x - 1) + 0.1 * (x ** 3 - 3 * x) + probabilistsHermite(5, x);
    });
    let power = 0;
    for (const v of y) power += v * v;
    power /= N;
    let top3 = 0;
    for (let k = 0; k < 3; k++) {
      let yk = 0;
      for (let mu = 0; mu < N; mu++) yk += phi.data[mu * N + k] * y[mu];
      top3 += (yk / N) ** 2;
    }
    expect(top3).toBeLessThan(power);
  });

  it('analytic vs numerical within stated statistical tolerances', () => {
    // λ̂_k ≈ λ_k G_kk, G_kk = mean ψ_k²: relative s.e. sd(ψ_k²)/√N with Var(ψ_1²) = 2,
    // Var(ψ_2²) = 14 (Var(ψ_3²) = 92 is too large to test at this N). Tolerance 4 s.e.
    const variances = [2, 14];
    for (let k = 0; k < 2; k++) {
      const tolerance = 4 * Math.sqrt(variances[k] / N);
      expect(Math.abs(numerical.spectrum.eigenvalues[k] / exact.eigenvalues[k] - 1)).toBeLessThan(tolerance);
    }
    // y_1 for y = 0.5 He_1: ≈ 0.5·√(mean x²) up to O(mixing); relative s.e. ≈ √(Var(x²)/4N) = 2.2 %.
    expect(Math.abs(Math.abs(numerical.spectrum.targetCoefficients[0]) / 0.5 - 1)).toBeLessThan(4 * Math.sqrt(2 / (4 * N)) + 0.02);
  });

  it('Nyström: reproduces the pool features; at new points it is Σ_j ψ_j(x) λ_j ⟨ψ_j φ_k⟩_N / λ̂_k', () => {
    const atPool = nystromFeatures(numerical, X, 3);
    for (let mu = 0; mu < N; mu++) {
      for (let k = 0; k < 3; k++) {
        expect(Math.abs(atPool.data[mu * 3 + k] - numerical.features.data[mu * N + k])).toBeLessThan(1e-8);
      }
    }
    const newPoints = sampleMeasure({ type: 'gaussian', dimension: 3 }, 200, createStream(7, 1));
    const extended = nystromFeatures(numerical, newPoints, 3);
    const top: Matrix = {
      rows: N,
      cols: 3,
      data: Float64Array.from({ length: N * 3 }, (_, i) => numerical.features.data[Math.floor(i / 3) * N + (i % 3)]),
    };
    const overlap = empiricalInner(psi, top); // ⟨ψ_j φ_k⟩_N, 3×3
    const psiNew = orthonormalHermiteFeatures(kernel.degrees, newPoints);
    for (let i = 0; i < 200; i++) {
      for (let k = 0; k < 3; k++) {
        let expected = 0;
        for (let j = 0; j < 3; j++) expected += psiNew.data[i * 3 + j] * lambda[j] * overlap[j * 3 + k];
        expected /= numerical.spectrum.eigenvalues[k];
        expect(Math.abs(extended.data[i * 3 + k] - expected)).toBeLessThan(1e-8 * (1 + Math.abs(expected)));
      }
    }
    // Only 3 modes are above the cutoff.
    expect(nystromFeatures(numerical, newPoints).cols).toBe(3);
    expect(() => nystromFeatures(numerical, newPoints, 4)).toThrow(/modeCount/);
  });
});

/** Φ⁻¹(p) by bisection on Φ(x) = (1 + erf(x/√2))/2 (to float64 resolution). */
function normalQuantile(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = 0.5 * (lo + hi);
    if (0.5 * (1 + erf(mid / Math.SQRT2)) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

describe('numerical vs exact spectrum on a Gaussian-quantile pool (deterministic, N = 1500)', () => {
  // x_μ = Φ⁻¹((μ + ½)/N): a deterministic quadrature for N(0,1). Its error is in the tails:
  // E_N[x²] − 1 = −0.09 %, E_N[He_2²]/2 − 1 = −1.2 % at N = 1500 (computed), so eigenvalues,
  // coefficients and Nyström features must agree with the exact spectrum to 2.5 %. Symmetry of the
  // grid makes odd and even modes exactly orthogonal, so there is no mode mixing.
  const N = 1500;
  const points = Array.from({ length: N }, (_, mu) => [normalQuantile((mu + 0.5) / N)]);
  const kernel: HermiteKernelSpec = { type: 'hermite', degrees: [2, 1], eigenvalues: [0.1, 1] };
  const yOf = (x: number) => 0.5 * x + 0.25 * (x * x - 1);
  let numerical: NumericalSpectrum;
  beforeAll(() => {
    numerical = spectrumFromPool({
      kernel,
      measure: { type: 'pool', points },
      target: { type: 'values', values: points.map(([x]) => yOf(x)) },
      seed: 0,
      linalg,
    });
  });
  const exact = hermiteSpectrum(kernel, new Map([[1, 0.5], [2, 0.25]]));
  const tolerance = 0.025;

  it('eigenvalues and target coefficients (up to the eigenvector sign)', () => {
    expect(Array.from(exact.degrees)).toEqual([1, 2]);
    for (let k = 0; k < 2; k++) {
      expect(Math.abs(numerical.spectrum.eigenvalues[k] / exact.eigenvalues[k] - 1)).toBeLessThan(tolerance);
      const ratio = Math.abs(numerical.spectrum.targetCoefficients[k]) / Math.abs(exact.targetCoefficients[k]);
      expect(Math.abs(ratio - 1)).toBeLessThan(tolerance);
    }
    expect(numerical.spectrum.eigenvalues[2]).toBeLessThan(1e-12);
    expect(numerical.spectrum.residualTargetPower).toBeLessThan(1e-10);
  });

  it('Nyström features at new points match He_d/√(d!) up to sign', () => {
    const newPoints = sampleMeasure({ type: 'gaussian', dimension: 1 }, 300, createStream(11, 0));
    const extended = nystromFeatures(numerical, newPoints, 2);
    for (let k = 0; k < 2; k++) {
      const d = exact.degrees[k];
      let dot = 0;
      let err2 = 0;
      let norm2 = 0;
      const values = Float64Array.from({ length: 300 }, (_, i) => {
        const he = probabilistsHermite(d, newPoints.data[i]) / Math.sqrt(factorial(d));
        dot += he * extended.data[i * 2 + k];
        return he;
      });
      const sign = Math.sign(dot);
      for (let i = 0; i < 300; i++) {
        err2 += (sign * extended.data[i * 2 + k] - values[i]) ** 2;
        norm2 += values[i] ** 2;
      }
      expect(Math.sqrt(err2 / norm2)).toBeLessThan(tolerance);
    }
  });
});

describe('numericalSpectrum / spectrumFromPool: options, diagnostics, validation', () => {
  const nngp: KernelSpec = { type: 'nngp', activation: 'relu', depth: 2, weightVariance: 2, biasVariance: 0.1 };

  it('modeCount keeps the top modes and moves the rest of the target power to the residual', () => {
    const full = spectrumFromPool({
      kernel: nngp,
      measure: { type: 'sphere', dimension: 4 },
      poolSize: 80,
      target: { type: 'sign' },
      seed: 3,
      linalg,
    });
    const top = spectrumFromPool({
      kernel: nngp,
      measure: { type: 'sphere', dimension: 4 },
      poolSize: 80,
      target: { type: 'sign' },
      seed: 3,
      linalg,
      modeCount: 10,
    });
    expect(top.spectrum.eigenvalues).toEqual(full.spectrum.eigenvalues.subarray(0, 10));
    expect([top.features.rows, top.features.cols]).toEqual([80, 10]);
    let tail = 0;
    for (let k = 10; k < 80; k++) tail += full.spectrum.targetCoefficients[k] ** 2;
    expect(top.spectrum.residualTargetPower).toBeCloseTo(tail, 12);
    expect(full.spectrum.residualTargetPower).toBeLessThan(1e-12);
    // Trace identity: Σ_k λ̂_k = tr(K_N)/N = mean K(x,x) = K²(x,x) on the √d-sphere (all points equal norm).
    let trace = 0;
    for (const v of full.spectrum.eigenvalues) trace += v;
    // K⁰ = σ_b² + σ_w²·|x|²/d = 2.1, K^{l+1}_xx = σ_b² + (σ_w²/2) K^l_xx: K¹ = 2.2, K² = 2.3.
    expect(trace).toBeCloseTo(2.3, 10);
  });

  it('pool measure sampled with replacement: values target follows the drawn rows', () => {
    const points = Array.from({ length: 20 }, (_, i) => [i, -i]);
    const result = spectrumFromPool({
      kernel: { type: 'rbf', lengthScale: 3, variance: 1 },
      measure: { type: 'pool', points },
      poolSize: 12,
      target: { type: 'values', values: points.map(([a]) => 10 * a) },
      seed: 5,
      linalg,
    });
    expect(result.points.rows).toBe(12);
    for (let mu = 0; mu < 12; mu++) {
      expect(result.targetValues[mu]).toBe(10 * result.points.data[mu * 2]);
      expect(result.points.data[mu * 2 + 1]).toBe(-result.points.data[mu * 2]);
    }
  });

  it('validation', () => {
    const X = sampleMeasure({ type: 'gaussian', dimension: 2 }, 5, createStream(1, 0));
    expect(() => numericalSpectrum({ kernel: nngp, points: X, targetValues: new Float64Array(4), linalg })).toThrow(
      /targetValues/,
    );
    expect(() =>
      numericalSpectrum({ kernel: nngp, points: X, targetValues: new Float64Array(5), linalg, modeCount: 6 }),
    ).toThrow(/modeCount/);
    expect(() =>
      spectrumFromPool({ kernel: nngp, measure: { type: 'gaussian', dimension: 2 }, target: { type: 'sign' }, seed: 1, linalg }),
    ).toThrow(/poolSize/);
    expect(() =>
      spectrumFromPool({
        kernel: nngp,
        measure: { type: 'gaussian', dimension: 2 },
        poolSize: 4,
        target: { type: 'values', values: [1, 2, 3, 4] },
        seed: 1,
        linalg,
      }),
    ).toThrow(/pool measure/);
    expect(() =>
      spectrumFromPool({
        kernel: { type: 'nngp', activation: 'relu', depth: 0, weightVariance: 1, biasVariance: 0 },
        measure: { type: 'gaussian', dimension: 2 },
        poolSize: 4,
        target: { type: 'sign' },
        seed: 1,
        linalg,
      }),
    ).toThrow(/kernel\.depth/);
  });
});
