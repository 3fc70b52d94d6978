import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../src-shared/science/spectra/types';
import {
  ekMse,
  ekPredictor,
  ekVariance,
  learnability,
  unlearnability,
} from '../../src-shared/science/theory';

const lam = Float64Array.from([2, 0.5, 0.1, 0.01, 0]);
const y = Float64Array.from([1, -0.5, 0.25, 2, 0.3]);

describe('EK learnability (rg-theory.md §2)', () => {
  it('L_k = ηλ_k/(σ² + ηλ_k) at hand-computed values', () => {
    const l = learnability(lam, 0.5, 10); // ηλ = 20, 5, 1, 0.1, 0
    expect(l[0]).toBeCloseTo(20 / 20.5, 15);
    expect(l[1]).toBeCloseTo(5 / 5.5, 15);
    expect(l[2]).toBeCloseTo(1 / 1.5, 15);
    expect(l[3]).toBeCloseTo(0.1 / 0.6, 15);
    expect(l[4]).toBe(0);
  });

  it('unlearnability is 1 − L (the talk’s slide label), computed without cancellation', () => {
    const l = learnability(lam, 0.5, 10);
    const u = unlearnability(lam, 0.5, 10);
    for (let k = 0; k < lam.length; k++) expect(u[k] + l[k]).toBeCloseTo(1, 15);
    expect(u[2]).toBeCloseTo(0.5 / 1.5, 15);
    // tiny ridge: 1 − L would round to 0; the direct form keeps ~σ²/(ηλ)
    const tiny = unlearnability(Float64Array.from([1]), 1e-20, 1);
    expect(tiny[0]).toBeCloseTo(1e-20, 30);
    expect(tiny[0] / 1e-20).toBeCloseTo(1, 12);
  });

  it('limits: zero ridge ⇒ L = 1 for λ > 0 and 0 for λ = 0; large ridge ⇒ L ≈ ηλ/σ²', () => {
    const l0 = learnability(lam, 0, 3);
    expect(Array.from(l0)).toEqual([1, 1, 1, 1, 0]);
    const u0 = unlearnability(lam, 0, 3);
    expect(Array.from(u0)).toEqual([0, 0, 0, 0, 1]);
    const big = learnability(lam, 1e8, 10);
    expect(big[0] / (20 / 1e8)).toBeCloseTo(1, 6);
  });

  it('predictor f̄_k = L_k y_k and λ_k/(λ_k + σ²/η) agree', () => {
    const f = ekPredictor(lam, y, 0.5, 10);
    for (let k = 0; k < 4; k++) expect(f[k]).toBeCloseTo((lam[k] * y[k]) / (lam[k] + 0.5 / 10), 14);
    expect(f[4]).toBe(0);
  });

  it('posterior variance (1/λ + η/σ²)⁻¹ with its λ = 0 and σ² = 0 limits', () => {
    const v = ekVariance(lam, 0.5, 10);
    for (let k = 0; k < 4; k++) expect(v[k]).toBeCloseTo(1 / (1 / lam[k] + 10 / 0.5), 15);
    expect(v[4]).toBe(0);
    expect(Array.from(ekVariance(lam, 0, 10))).toEqual([0, 0, 0, 0, 0]);
    // vanishing data: prior variance λ
    expect(ekVariance(lam, 1, 1e-12)[0]).toBeCloseTo(2, 10);
  });

  it('EK MSE = Σ (1 − L_k)² y_k² + ‖y_⊥‖²', () => {
    const spectrum: Spectrum = { eigenvalues: lam, targetCoefficients: y, residualTargetPower: 0.07 };
    const u = [0.5 / 20.5, 0.5 / 5.5, 0.5 / 1.5, 0.5 / 0.6, 1];
    let expected = 0.07;
    for (let k = 0; k < 5; k++) expected += u[k] ** 2 * y[k] ** 2;
    expect(ekMse(spectrum, 0.5, 10)).toBeCloseTo(expected, 14);
    // zero ridge: only the λ = 0 mode and y_⊥ remain
    expect(ekMse(spectrum, 0, 10)).toBeCloseTo(0.09 + 0.07, 15);
    // decreasing in n
    expect(ekMse(spectrum, 0.5, 100)).toBeLessThan(ekMse(spectrum, 0.5, 10));
  });

  it('validates ridge, sampleCount, ordering and lengths with named errors', () => {
    expect(() => learnability(lam, -1, 10)).toThrow(/ridge/);
    expect(() => learnability(lam, Number.NaN, 10)).toThrow(/ridge/);
    expect(() => learnability(lam, 1, 0)).toThrow(/sampleCount/);
    expect(() => learnability(Float64Array.from([1, 2]), 1, 1)).toThrow(/descending/);
    expect(() => learnability(Float64Array.from([1, -1e-3]), 1, 1)).toThrow(/eigenvalues\[1\]/);
    expect(() => ekPredictor(lam, Float64Array.from([1]), 1, 1)).toThrow(/same length/);
    expect(() =>
      ekMse({ eigenvalues: lam, targetCoefficients: y, residualTargetPower: -1 }, 1, 1),
    ).toThrow(/residualTargetPower/);
  });
});
