import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../src-shared/science/spectra/types';
import { eigenlearning, ekMse, solveEffectiveRidge } from '../../src-shared/science/theory';

function powerLaw(modeCount: number, exponent: number, normalise = false): Float64Array {
  const out = new Float64Array(modeCount);
  let s = 0;
  for (let k = 1; k <= modeCount; k++) {
    out[k - 1] = k ** -exponent;
    s += out[k - 1];
  }
  if (normalise) for (let k = 0; k < modeCount; k++) out[k] /= s;
  return out;
}

/** §7 reference: P = 4000, λ ∝ k^-1.5, y² ∝ k^-1.5, both trace-normalised. */
const lam = powerLaw(4000, 1.5, true);
const reference: Spectrum = {
  eigenvalues: lam,
  targetCoefficients: powerLaw(4000, 1.5, true).map(Math.sqrt),
  residualTargetPower: 0,
};

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

describe('effective ridge κ_S (rg-theory.md §3, eigenlearning / CBP)', () => {
  it.each([
    [1e-4, 25],
    [1e-4, 100],
    [1e-2, 7.5],
    [0, 100],
    [1e-12, 100],
    [1e-12, 3999],
    [5, 1000],
  ])('σ² = %f, n = %f: Σ L_i + σ²/κ_S = n and n κ_S = σ² + Σ λ_i (1 − L_i)', (ridge, n) => {
    const r = eigenlearning(reference, ridge, n);
    expect(r.converged).toBe(true);
    expect(r.interpolating).toBe(false);
    const kappa = r.effectiveRidge;
    expect(kappa).toBeGreaterThan(0);
    const sumL = sum(r.learnability);
    expect(Math.abs(sumL + ridge / kappa - n) / n).toBeLessThan(1e-12);
    let mass = 0;
    for (let i = 0; i < lam.length; i++) mass += lam[i] * (1 - r.learnability[i]);
    expect((n * kappa) / (ridge + mass)).toBeCloseTo(1, 11);
    for (let i = 0; i < 10; i++) expect(r.learnability[i]).toBeCloseTo(lam[i] / (lam[i] + kappa), 15);
  });

  it('zero ridge: Σ L_i = n exactly (n < number of nonzero modes), and tiny ridge → same limit', () => {
    const zero = eigenlearning(reference, 0, 300);
    expect(sum(zero.learnability)).toBeCloseTo(300, 9);
    const tiny = eigenlearning(reference, 1e-12, 300);
    expect(tiny.effectiveRidge / zero.effectiveRidge).toBeCloseTo(1, 5);
  });

  it('matches the independent numpy bisection (scripts/reference/theory_reference.py)', () => {
    const expected = [
      [25, 0.010594735652238842, 0.26471793873469257, 1.504525712785348],
      [100, 0.0012608226125337878, 0.12592549915786208, 1.5676209551671252],
      [400, 0.0001339615573483984, 0.05341592179966531, 1.687011396940704],
    ];
    for (const [n, kappa, mse, e0] of expected) {
      const r = eigenlearning(reference, 1e-4, n);
      expect(r.effectiveRidge / kappa).toBeCloseTo(1, 11);
      expect(r.mse / mse).toBeCloseTo(1, 11);
      expect(r.overfittingFactor / e0).toBeCloseTo(1, 11);
    }
  });

  it('§7 empirical Monte-Carlo references 0.271 ± 0.008, 0.127 ± 0.002, 0.0536 ± 0.0004: within 10 % (eigenlearning ~exact)', () => {
    // got 0.2647 (−2.3 %), 0.1259 (−0.8 %), 0.0534 (−0.3 %)
    const empirical = [
      [25, 0.271],
      [100, 0.127],
      [400, 0.0536],
    ];
    for (const [n, mse] of empirical) {
      expect(Math.abs(eigenlearning(reference, 1e-4, n).mse / mse - 1)).toBeLessThan(0.1);
    }
    // and a tighter statement: within 3 standard errors except at n = 25 (−0.8 s.e. away: 0.2647 vs 0.271 ± 0.008)
    expect(Math.abs(eigenlearning(reference, 1e-4, 25).mse - 0.271)).toBeLessThan(3 * 0.008);
    expect(Math.abs(eigenlearning(reference, 1e-4, 100).mse - 0.127)).toBeLessThan(3 * 0.002);
    expect(Math.abs(eigenlearning(reference, 1e-4, 400).mse - 0.0536)).toBeLessThan(3 * 0.0004);
  });

  it('MSE decreases monotonically in n (noise-free target, σ² = 1e-4) and E_0 ≥ 1', () => {
    let previous = Infinity;
    for (const n of [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 3900]) {
      const r = eigenlearning(reference, 1e-4, n);
      expect(r.mse).toBeLessThan(previous);
      expect(r.overfittingFactor).toBeGreaterThanOrEqual(1);
      previous = r.mse;
    }
  });

  it('limits: n → 0 learns nothing; large ridge → bare EK; ε² = ‖y_⊥‖² enters as E_0 ε²', () => {
    const small = eigenlearning(reference, 1e-4, 1e-6);
    expect(small.mse).toBeCloseTo(1, 5); // Σ y² = 1
    // ridge-dominated: κ_S = (σ² + Σλ(1 − L))/n → σ²/n, relative difference O(Tr Λ / σ²) (Tr = 1)
    for (const ridge of [100, 1e4]) {
      const big = eigenlearning(reference, ridge, 50);
      expect(Math.abs(big.mse / ekMse(reference, ridge, 50) - 1)).toBeLessThan(1 / ridge);
    }
    const noisy: Spectrum = { ...reference, residualTargetPower: 0.01 };
    const a = eigenlearning(reference, 1e-4, 100);
    const b = eigenlearning(noisy, 1e-4, 100);
    expect(b.effectiveRidge).toBe(a.effectiveRidge);
    expect(b.noisePower).toBe(0.01);
    expect(b.mse - a.mse).toBeCloseTo(a.overfittingFactor * 0.01, 14);
  });

  it('ridgeless interpolation (σ² = 0, n ≥ N₊): κ_S = 0, L = 1, E_0 = n/(n − N₊), documented MSE', () => {
    const spectrum: Spectrum = {
      eigenvalues: Float64Array.from([1, 0.5, 0.25, 0]),
      targetCoefficients: Float64Array.from([1, 1, 1, 0.5]),
      residualTargetPower: 0.1,
    };
    const r = eigenlearning(spectrum, 0, 5);
    expect(r.interpolating).toBe(true);
    expect(r.effectiveRidge).toBe(0);
    expect(Array.from(r.learnability)).toEqual([1, 1, 1, 0]);
    expect(r.overfittingFactor).toBeCloseTo(5 / 2, 15);
    expect(r.mse).toBeCloseTo(2.5 * (0.25 + 0.1), 14); // λ = 0 mode and y_⊥ act as noise
    expect(r.note).toMatch(/interpolation/);
    // the interpolation peak n = N₊ = 3: E_0 = +∞
    const peak = eigenlearning(spectrum, 0, 3);
    expect(peak.overfittingFactor).toBe(Infinity);
    expect(peak.mse).toBe(Infinity);
    // … unless nothing unlearnable is left, then the target is fitted exactly
    const clean = eigenlearning({ ...spectrum, targetCoefficients: Float64Array.from([1, 1, 1, 0]), residualTargetPower: 0 }, 0, 3);
    expect(clean.mse).toBe(0);
    // a tiny ridge just past the peak approaches the interpolating answer continuously
    const nearly = eigenlearning(spectrum, 1e-12, 5);
    expect(nearly.interpolating).toBe(false);
    expect(nearly.effectiveRidge).toBeCloseTo(1e-12 / 2, 20);
    expect(nearly.mse / r.mse).toBeCloseTo(1, 8);
  });

  it.each([1e-40, 1e-200, 1e-300])('tiny ridge σ² = %f at n = N₊: κ_S → σ/√Σ(1/λ_i) and E_0 = n/Σ(1 − L_i²) keep their digits', (ridge) => {
    // At n = N₊ the constraint reads σ²/κ = Σ κ/(λ_i + κ) ≈ κ Σ 1/λ_i, so κ_S ≈ σ/√Σ(1/λ_i), and
    // n − Σ L_i² = Σ (1 − L_i)(1 + L_i) ≈ 2 κ_S Σ 1/λ_i: both vanish far below float64's resolution
    // of 1 − L_i if they were formed by subtraction.
    const lam50 = powerLaw(50, 1.5, true);
    const spectrum: Spectrum = { eigenvalues: lam50, targetCoefficients: lam50.map(Math.sqrt), residualTargetPower: 0 };
    const inverseTrace = sum(lam50.map((l) => 1 / l));
    const r = eigenlearning(spectrum, ridge, 50);
    expect(r.converged).toBe(true);
    const kappa = Math.sqrt(ridge / inverseTrace);
    expect(r.effectiveRidge / kappa).toBeCloseTo(1, 10);
    expect(r.overfittingFactor / (50 / (2 * kappa * inverseTrace))).toBeCloseTo(1, 8);
    expect(Number.isFinite(r.mse)).toBe(true);
  });

  it('a ridge too small to resolve in float64 is refused with a message, not a wrong number', () => {
    expect(() => solveEffectiveRidge(Float64Array.from([1, 0.5]), 5e-324, 3)).toThrow(/too small/);
  });

  it('solver reports convergence with few iterations and validates inputs', () => {
    const s = solveEffectiveRidge(lam, 1e-4, 100);
    expect(s.converged).toBe(true);
    expect(s.iterations).toBeLessThan(60);
    expect(Math.abs(s.residual)).toBeLessThan(1e-9);
    expect(() => solveEffectiveRidge(lam, -1, 100)).toThrow(/ridge/);
    expect(() => solveEffectiveRidge(lam, 1, 0)).toThrow(/sampleCount/);
    expect(() => solveEffectiveRidge(Float64Array.from([1, 2]), 1, 1)).toThrow(/descending/);
    // only zero eigenvalues and a ridge: κ_S = σ²/n
    expect(solveEffectiveRidge(new Float64Array(3), 2, 4).effectiveRidge).toBeCloseTo(0.5, 15);
  });
});
