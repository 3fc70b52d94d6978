import { describe, expect, it } from 'vitest';
import { gaussHermite, normalExpectation } from '../../src-shared/science/quadrature';
import {
  TOY_DEFAULTS,
  toyFiniteNCoefficient,
  toyReweightedCoefficient,
  toyTheory,
  toyTheoryPredictor,
} from '../../src-shared/science/theory';

const sig3 = (v: number) => Number(v.toPrecision(3));

describe('toy model theory curves (rg-theory.md §5, Figure 3)', () => {
  it('E[He₁ He₂² He₅] = 120 (the leading-order coefficient)', () => {
    const rule = gaussHermite(20);
    const m = normalExpectation(rule, (x) => x * (x * x - 1) ** 2 * (x ** 5 - 10 * x ** 3 + 15 * x));
    expect(m).toBeCloseTo(120, 10);
  });

  it.each([
    [1, -6.0e-3, -5.59e-3, -4.8e-3],
    [4, -1.5e-2, -1.4e-2, -9.4e-3],
  ])('reference table λ₁ = %f: leading, re-weighted, finite-n to the printed 3 significant figures', (lambda1, leading, reweighted, finiteN) => {
    const t = toyTheory({ ...TOY_DEFAULTS, lambda1 });
    expect(sig3(t.theoryLeading)).toBe(leading);
    expect(sig3(t.theoryReweighted)).toBe(reweighted);
    expect(sig3(t.theoryFiniteN)).toBe(finiteN);
  });

  it('matches the independent numpy evaluation to ~1e-12 (scripts/reference/theory_reference.py)', () => {
    const refs = [
      { lambda1: 1, learnability1: 0.2, leading: -0.006, leadingMode2: -0.005714285714285715, reweighted: -0.005586137189680348, finiteN: -0.004804410165986395 },
      { lambda1: 4, learnability1: 0.5, leading: -0.015, leadingMode2: -0.014285714285714284, reweighted: -0.013975676798834456, finiteN: -0.009397823129251701 },
    ];
    for (const r of refs) {
      const t = toyTheory({ ...TOY_DEFAULTS, lambda1: r.lambda1 });
      expect(t.learnability1).toBeCloseTo(r.learnability1, 15);
      expect(t.learnability2).toBeCloseTo(20 / 420, 15); // 2ηλ₂/(σ² + 2ηλ₂)
      expect(t.theoryLeading / r.leading).toBeCloseTo(1, 13);
      expect(t.theoryLeadingMode2 / r.leadingMode2).toBeCloseTo(1, 13);
      expect(t.theoryReweighted / r.reweighted).toBeCloseTo(1, 11);
      expect(t.theoryFiniteN / r.finiteN).toBeCloseTo(1, 12);
      expect(t.reweightedQuadrature.converged).toBe(true);
      expect(t.reweightedQuadrature.change).toBeLessThan(1e-12 * Math.abs(t.theoryReweighted));
    }
  });

  it('flags L₁ > 0.3 (EK-level theory unreliable)', () => {
    expect(toyTheory({ ...TOY_DEFAULTS, lambda1: 1 }).learnabilityWarning).toBe(false);
    expect(toyTheory({ ...TOY_DEFAULTS, lambda1: 4 }).learnabilityWarning).toBe(true);
  });

  it('λ₂ = 0: leading and re-weighted are exactly 0; the finite-n series keeps its D₁-only terms', () => {
    const t = toyTheory({ ...TOY_DEFAULTS, lambda2: 0 });
    expect(t.theoryLeading).toBe(0);
    expect(Object.is(t.theoryLeading, -0)).toBe(false);
    expect(t.theoryLeadingMode2).toBe(0);
    expect(t.theoryReweighted).toBe(0);
    expect(t.learnability2).toBe(0);
    // 120n/D₁³ − 2160n/D₁⁴ + 1440n²/D₁⁵ with D₁ = 500: a real mode-1-only finite-n effect
    // (E[He₁⁵He₅] = 120), ≈ 9.3e−5, well inside the Monte Carlo's ±3e−4 at m = 5e6
    const d1 = 500;
    const expected = (120 * 100) / d1 ** 3 - (2160 * 100) / d1 ** 4 + (1440 * 100 ** 2) / d1 ** 5;
    expect(t.theoryFiniteN).toBeCloseTo(expected, 18);
    expect(t.theoryFiniteN / 9.30048e-5).toBeCloseTo(1, 12);
  });

  it('small λ₂: re-weighted → leading order a₁ (a_W/a₁ − 1 = O(λ₂/σ²))', () => {
    const ratio = (lambda2: number) => {
      const t = toyTheory({ ...TOY_DEFAULTS, lambda2 });
      return t.theoryReweighted / t.theoryLeading;
    };
    expect(Math.abs(ratio(1e-4) - 1)).toBeLessThan(1e-4);
    expect(Math.abs(ratio(1e-3) - 1) / Math.abs(ratio(1e-4) - 1)).toBeCloseTo(10, 0);
    // far below quadrature round-off of E[He₁He₅] (≈ 1e-16·E|He₁He₅|/σ²): still a_W ≈ a₁ to many digits
    expect(ratio(1e-12)).toBeCloseTo(1, 8);
    expect(ratio(1e-300)).toBeCloseTo(1, 12);
  });

  it('huge eigenvalues: learnabilities → 1 without ∞/∞', () => {
    const t = toyTheory({ ...TOY_DEFAULTS, lambda1: 1e308, lambda2: 1e308 });
    expect(t.learnability1).toBe(1);
    expect(t.learnability2).toBe(1);
    expect(Number.isFinite(t.theoryLeadingMode2)).toBe(true);
  });

  it.each([
    [0.05, 5.379695614108801],
    [1, 3.002709786623374],
    [4, 1.2135678961423115],
  ])('σ² = %f, λ₂ = 1 (poles near x = ±1): Gauss–Hermite does not converge, the adaptive fallback matches scipy.quad', (ridge, reference) => {
    // reference: scipy.integrate.quad on the real line (scripts/reference/theory_reference.py)
    const r = toyReweightedCoefficient({ sampleCount: 10, ridge, lambda1: 1, lambda2: 1, quadratureOrder: 16, quadratureTolerance: 1e-10 });
    expect(r.quadrature.gaussHermite.converged).toBe(false);
    expect(r.quadrature.gaussHermite.order).toBe(256);
    expect(r.quadrature.method).toBe('adaptive-gauss-kronrod');
    expect(r.quadrature.converged).toBe(true);
    expect(Math.abs(r.value / reference - 1)).toBeLessThan(1e-9);
    expect(r.quadrature.change).toBeLessThan(1e-9 * Math.abs(r.value));
  });

  it('finite-n series equals the §5 expression term by term at a generic point', () => {
    const n = 37;
    const ridge = 50;
    const lambda1 = 2;
    const lambda2 = 0.3;
    const D1 = n + ridge / lambda1;
    const D2 = 2 * n + ridge / lambda2;
    const expected =
      (-120 * n) / (D1 * D2) +
      (2160 * n) / (D1 ** 2 * D2) +
      (35760 * n) / (D1 * D2 ** 2) -
      (36000 * n + 240 * n ** 2) / (D1 ** 3 * D2) +
      (120 * n) / D1 ** 3 -
      (2160 * n) / D1 ** 4 +
      (1440 * n ** 2) / D1 ** 5 +
      (2280 * n) / (D1 ** 2 * D2);
    expect(toyFiniteNCoefficient({ sampleCount: n, ridge, lambda1, lambda2 }) / expected).toBeCloseTo(1, 13);
  });

  it('predictor line and validation', () => {
    expect(Array.from(toyTheoryPredictor(-0.5, [-2, 0, 3]))).toEqual([1, -0, -1.5]);
    expect(() => toyTheoryPredictor(Number.NaN, [1])).toThrow(/a must be finite/);
    expect(() => toyTheory({ ...TOY_DEFAULTS, ridge: 0 })).toThrow(/ridge/);
    expect(() => toyTheory({ ...TOY_DEFAULTS, lambda1: 0 })).toThrow(/lambda1/);
    expect(() => toyTheory({ ...TOY_DEFAULTS, lambda2: -0.1 })).toThrow(/lambda2/);
    expect(() => toyTheory({ ...TOY_DEFAULTS, sampleCount: 0 })).toThrow(/sampleCount/);
    expect(() => toyTheory({ ...TOY_DEFAULTS, quadratureOrder: 3 })).toThrow(/quadratureOrder/);
    expect(() => toyTheory({ ...TOY_DEFAULTS, quadratureTolerance: 0 })).toThrow(/quadratureTolerance/);
  });
});

describe('re-weighted EK a_W for σ² ≪ λ₂ (peaks of 1/(σ² + λ₂He₂²) at x = ±1)', () => {
  // As σ² → 0 both integrals are dominated by the peaks at x = ±1, of equal shape, so
  // a_W → He₁(1)He₅(1)/He₁(1)² = He₅(1) = 1 − 10 + 15 = 6, however narrow the peaks.
  it.each([1e-8, 1e-30, 1e-100, 1e-299])('σ² = %f: a_W → He₅(1) = 6, converged', (ridge) => {
    const r = toyReweightedCoefficient({ sampleCount: 100, ridge, lambda1: 1, lambda2: 0.1 });
    expect(r.quadrature.converged).toBe(true);
    expect(Math.abs(r.value - 6)).toBeLessThan(ridge > 1e-20 ? 1e-3 : 1e-9);
  });

  it('approaches 6 monotonically from below as σ² shrinks', () => {
    const values = [1, 1e-2, 1e-4, 1e-8, 1e-16].map((ridge) => toyReweightedCoefficient({ sampleCount: 100, ridge, lambda1: 1, lambda2: 0.1 }).value);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
    expect(values.at(-1)!).toBeLessThan(6);
  });
});
