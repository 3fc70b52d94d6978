import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../src-shared/science/spectra/types';
import {
  SpectrumTooShortError,
  integratedSpectralMass,
  learnabilityCutoff,
  renormalizedRidge,
  rgMse,
  rgMseAtCutoff,
  rgPredictor,
} from '../../src-shared/science/rg';
import { ekMse, modeLearnability } from '../../src-shared/science/theory';

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

/** The §7 reference spectrum: P = 4000, λ ∝ k^-1.5, y² ∝ k^-1.5, both trace-normalised. */
function referenceSpectrum(): Spectrum {
  const eigenvalues = powerLaw(4000, 1.5, true);
  const y2 = powerLaw(4000, 1.5, true);
  return { eigenvalues, targetCoefficients: y2.map(Math.sqrt), residualTargetPower: 0 };
}

const sixModes = Float64Array.from([1, 0.1, 0.01, 0.001, 0.0001, 0.00001]);

describe('integrated spectral mass and running ridge (rg-theory.md §3)', () => {
  it('c(κ) = Σ_{k>κ} λ_k for κ = 0..P', () => {
    expect(Array.from(integratedSpectralMass(Float64Array.from([4, 3, 2, 1])))).toEqual([10, 6, 3, 1, 0]);
    expect(Array.from(renormalizedRidge(0.5, Float64Array.from([4, 3, 2, 1])))).toEqual([10.5, 6.5, 3.5, 1.5, 0.5]);
    expect(Array.from(integratedSpectralMass(new Float64Array(0)))).toEqual([0]);
  });

  it('suffix sums are stable: tiny tail masses survive next to a large head (total − prefix would give 0)', () => {
    const c = integratedSpectralMass(Float64Array.from([1, 1e-17, 1e-17]));
    expect(c[1]).toBe(2e-17);
    expect(c[2]).toBe(1e-17);
    expect(c[0]).toBe(1 + 2e-17); // rounds to 1 in float64
    // long power-law tail: c(κ) vs the analytic tail ζ-difference to ~1e-12 relative
    const lam = powerLaw(1_000_000, 2);
    const cc = integratedSpectralMass(lam);
    let tail = 0;
    for (let k = 1_000_000; k > 999_000; k--) tail += k ** -2;
    expect(cc[999_000] / tail).toBeCloseTo(1, 12);
  });

  it('rejects invalid eigenvalues and ridge', () => {
    expect(() => integratedSpectralMass(Float64Array.from([1, 2]))).toThrow(/descending/);
    expect(() => renormalizedRidge(-1, sixModes)).toThrow(/ridge/);
  });
});

describe('learnabilityCutoff κ* (rg-theory.md §3)', () => {
  it('hand example: σ² = 0.5, η = 100, T = 0.5 stops at κ* = 3 with the running ridge', () => {
    // κ=0: 100/(0.5+1.11111+100) ≥ T; κ=1: 10/(0.5+0.11111+10) ≥ T; κ=2: 1/(0.5+0.01111+1) = 0.66 ≥ T;
    // κ=3: 0.1/(0.5+0.00111+0.1) = 0.166 < T.
    const r = learnabilityCutoff({ eigenvalues: sixModes, ridge: 0.5, sampleCount: 100, learnabilityThreshold: 0.5 });
    expect(r.cutoff).toBe(3);
    expect(r.integratedSpectralMass).toBeCloseTo(0.00111, 15);
    expect(r.renormalizedRidge).toBeCloseTo(0.50111, 15);
    expect(r.learnability.length).toBe(3);
    expect(r.learnability[2]).toBeCloseTo(1 / 1.50111, 14);
    expect(r.boundaryLearnability).toBeCloseTo(0.1 / 0.60111, 14);
    // T = 0.7 stops one mode earlier (0.66 < 0.7)
    expect(learnabilityCutoff({ eigenvalues: sixModes, ridge: 0.5, sampleCount: 100, learnabilityThreshold: 0.7 }).cutoff).toBe(2);
  });

  it('is the minimum κ satisfying the criterion (brute force on a power law)', () => {
    const lam = powerLaw(5000, 1.5);
    const ridge = 1e-3;
    const eta = 300;
    const r = learnabilityCutoff({ eigenvalues: lam, ridge, sampleCount: eta, learnabilityThreshold: 0.5 });
    const c = integratedSpectralMass(lam);
    for (let kappa = 0; kappa < r.cutoff; kappa++) {
      expect(modeLearnability(lam[kappa], ridge + c[kappa], eta)).toBeGreaterThanOrEqual(0.5);
    }
    expect(modeLearnability(lam[r.cutoff], ridge + c[r.cutoff], eta)).toBeLessThan(0.5);
  });

  it.each([
    [1, 1000, 0.5],
    [1, 1000, 0.25],
    [1, 300, 0.75],
    [0.5, 1000, 0.5],
  ])('ridgeless power law α = %f, η = %i, T = %f: κ* ≈ αη(1 − T)/T within 3 %%', (alpha, eta, threshold) => {
    const lam = powerLaw(1_000_000, 1 + alpha);
    const r = learnabilityCutoff({ eigenvalues: lam, ridge: 0, sampleCount: eta, learnabilityThreshold: threshold });
    const predicted = (alpha * eta * (1 - threshold)) / threshold;
    expect(Math.abs(r.cutoff / predicted - 1)).toBeLessThan(0.03);
    // the greedy-from-the-tail failure mode would return κ = P (every tail mode looks learnable at σ² = 0)
    expect(r.cutoff).toBeLessThan(lam.length / 100);
  });

  it('SpectrumTooShortError when every supplied mode is learnable', () => {
    // σ² = 0, fast decay: with the running ridge every mode of this 6-mode spectrum is learnable
    let caught: unknown;
    try {
      learnabilityCutoff({ eigenvalues: sixModes, ridge: 0, sampleCount: 100, learnabilityThreshold: 0.5 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SpectrumTooShortError);
    const err = caught as SpectrumTooShortError;
    expect(err.cutoff).toBeNull();
    expect(err.modeCount).toBe(6);
    expect(err.message).toMatch(/P = 6/);
    expect(err.message).toMatch(/Increase modeCount/);
  });

  it('SpectrumTooShortError when P < 2κ*, with the numbers; passes with minimumTailRatio = 1', () => {
    // λ ∝ k^-3 truncated at P = 257, η = 50, σ² = 0: the stop lands at κ* = 144 (the untruncated
    // estimate is αη = 100: the missing tail mass biases κ* upwards, which is what the check guards)
    const lam = powerLaw(257, 3);
    let caught: unknown;
    try {
      learnabilityCutoff({ eigenvalues: lam, ridge: 0, sampleCount: 50, learnabilityThreshold: 0.5 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SpectrumTooShortError);
    const err = caught as SpectrumTooShortError;
    expect(err.cutoff).toBe(144);
    expect(err.requiredModeCount).toBe(288);
    expect(err.message).toContain('κ* = 144');
    expect(err.message).toContain('P = 257');
    expect(err.message).toContain('Increase modeCount to at least 288');
    const relaxed = learnabilityCutoff({ eigenvalues: lam, ridge: 0, sampleCount: 50, minimumTailRatio: 1 });
    expect(relaxed.cutoff).toBe(err.cutoff);
  });

  it('validates T, sampleCount and minimumTailRatio', () => {
    const base = { eigenvalues: sixModes, ridge: 0.5, sampleCount: 100 };
    expect(() => learnabilityCutoff({ ...base, learnabilityThreshold: 1 })).toThrow(/learnabilityThreshold/);
    expect(() => learnabilityCutoff({ ...base, learnabilityThreshold: 0 })).toThrow(/learnabilityThreshold/);
    expect(() => learnabilityCutoff({ ...base, sampleCount: -1 })).toThrow(/sampleCount/);
    expect(() => learnabilityCutoff({ ...base, minimumTailRatio: 0.5 })).toThrow(/minimumTailRatio/);
    expect(() => learnabilityCutoff({ ...base, eigenvalues: new Float64Array(0) })).toThrow(SpectrumTooShortError);
  });
});

describe('RG-improved error (rg-theory.md §3)', () => {
  const spectrum: Spectrum = {
    eigenvalues: sixModes,
    targetCoefficients: Float64Array.from([1, 1, 1, 1, 1, 1]),
    residualTargetPower: 0.25,
  };

  it('hand example at κ* = 3: Σ_{k≤3}[σ²(κ)/(σ²(κ)+ηλ_k)]² y² + Σ_{k>3} y² + ‖y_⊥‖²', () => {
    const s = 0.50111;
    const kept = (s / (s + 100)) ** 2 + (s / (s + 10)) ** 2 + (s / (s + 1)) ** 2;
    const r = rgMse({ spectrum, ridge: 0.5, sampleCount: 100, learnabilityThreshold: 0.5 });
    expect(r.cutoff).toBe(3);
    expect(r.keptModeError).toBeCloseTo(kept, 14);
    expect(r.discardedTargetPower).toBe(3);
    expect(r.mse).toBeCloseTo(kept + 3 + 0.25, 14);
    expect(r.flow.cutoff).toBe(3);
  });

  it('κ = P is bare EK; κ = 0 learns nothing', () => {
    expect(rgMseAtCutoff(spectrum, 0.5, 100, 6).mse).toBeCloseTo(ekMse(spectrum, 0.5, 100), 15);
    expect(rgMseAtCutoff(spectrum, 0.5, 100, 0).mse).toBeCloseTo(6.25, 15);
    expect(() => rgMseAtCutoff(spectrum, 0.5, 100, 7)).toThrow(/cutoff/);
  });

  it('rgPredictor: L_k(σ²(κ)) y_k for k ≤ κ, zero beyond', () => {
    const f = rgPredictor(spectrum, 0.5, 100, 3);
    expect(f[0]).toBeCloseTo(100 / 100.50111, 14);
    expect(f[2]).toBeCloseTo(1 / 1.50111, 14);
    expect(Array.from(f.subarray(3))).toEqual([0, 0, 0]);
  });

  it('§7 reference spectrum (σ² = 1e-4, T = 0.5): κ* and MSE match scripts/reference/theory_reference.py', () => {
    const ref = referenceSpectrum();
    const expected = [
      [25, 12, 0.20699750287256946, 0.22359938091685444],
      [100, 56, 0.09094654619375489, 0.09930194197981403],
      [400, 268, 0.03514199436047484, 0.0389246140901702],
    ];
    for (const [n, cutoff, sigma2, mse] of expected) {
      const r = rgMse({ spectrum: ref, ridge: 1e-4, sampleCount: n, learnabilityThreshold: 0.5 });
      expect(r.cutoff).toBe(cutoff);
      expect(r.renormalizedRidge).toBeCloseTo(sigma2, 13);
      expect(r.mse / mse).toBeCloseTo(1, 12);
      // bare EK is off by orders of magnitude here (rg-theory.md §3)
      expect(ekMse(ref, 1e-4, n)).toBeLessThan(r.mse / 30);
    }
  });
});
