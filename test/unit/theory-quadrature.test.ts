import { describe, expect, it } from 'vitest';
import {
  MAX_GAUSS_HERMITE_ORDER,
  adaptiveGaussKronrod,
  gaussHermite,
  normalExpectation,
} from '../../src-shared/science/quadrature';

/** He_0..He_maxN at x (probabilists'): He_{k+1} = x He_k − k He_{k−1}. */
function hermiteValues(x: number, maxN: number): number[] {
  const h = [1, x];
  for (let k = 1; k < maxN; k++) h.push(x * h[k] - k * h[k - 1]);
  return h;
}

function doubleFactorial(m: number): number {
  let p = 1;
  for (let k = m; k > 1; k -= 2) p *= k;
  return p;
}

function factorial(m: number): number {
  let p = 1;
  for (let k = 2; k <= m; k++) p *= k;
  return p;
}

describe('gaussHermite (probabilists’, standard normal measure)', () => {
  it('matches numpy hermegauss(10) normalised (scripts/reference/theory_reference.py)', () => {
    const nodes = [
      -4.859462828332312, -3.581823483551927, -2.4843258416389546, -1.4659890943911582, -0.48493570751549764,
    ];
    const weights = [
      4.3106526307183114e-6, 0.0007580709343122171, 0.01911158050077027, 0.13548370298026777, 0.34464233493201896,
    ];
    const rule = gaussHermite(10);
    for (let i = 0; i < 5; i++) {
      expect(rule.nodes[i]).toBeCloseTo(nodes[i], 13);
      expect(rule.nodes[9 - i]).toBe(-rule.nodes[i]);
      expect(Math.abs(rule.weights[i] / weights[i] - 1)).toBeLessThan(1e-12);
      expect(rule.weights[9 - i]).toBe(rule.weights[i]);
    }
  });

  it('small orders in closed form', () => {
    const one = gaussHermite(1);
    expect(Array.from(one.nodes)).toEqual([0]);
    expect(one.weights[0]).toBeCloseTo(1, 15);
    const two = gaussHermite(2);
    expect(two.nodes[1]).toBeCloseTo(1, 15);
    expect(two.weights[0]).toBeCloseTo(0.5, 15);
    const three = gaussHermite(3);
    expect(three.nodes[1]).toBe(0);
    expect(three.nodes[2]).toBeCloseTo(Math.sqrt(3), 15);
    expect(three.weights[1]).toBeCloseTo(2 / 3, 15);
  });

  it.each([5, 20, 64, 128, 200])('order %i: exact even moments E[x^{2k}] = (2k−1)!! up to degree 2N−1, weights sum to 1', (order) => {
    const rule = gaussHermite(order);
    expect(normalExpectation(rule, () => 1)).toBeCloseTo(1, 14);
    const maxK = Math.min(order - 1, 30); // degree 2k ≤ 2N − 2 (exact), values ≲ 1e31
    for (let k = 1; k <= maxK; k++) {
      const moment = normalExpectation(rule, (x) => x ** (2 * k));
      expect(Math.abs(moment / doubleFactorial(2 * k - 1) - 1)).toBeLessThan(1e-12 * k);
    }
    expect(Math.abs(normalExpectation(rule, (x) => x ** 3))).toBeLessThan(1e-14);
    for (let i = 1; i < order; i++) expect(rule.nodes[i]).toBeGreaterThan(rule.nodes[i - 1]);
  });

  it('is NOT exact beyond degree 2N−1 (sanity: the test above could detect a wrong order)', () => {
    const rule = gaussHermite(3);
    // E[x^6] = 15 but a 3-point rule integrates only up to degree 5 exactly
    expect(Math.abs(normalExpectation(rule, (x) => x ** 6) - 15)).toBeGreaterThan(1);
  });

  it.each([12, 40, 100])('order %i: E[He_n He_m] = n! δ_nm for n + m ≤ 2N − 1', (order) => {
    const rule = gaussHermite(order);
    const maxN = Math.min(order - 1, 25);
    const sums: number[][] = Array.from({ length: maxN + 1 }, () => new Array(maxN + 1).fill(0));
    for (let i = 0; i < order; i++) {
      const h = hermiteValues(rule.nodes[i], maxN);
      for (let n = 0; n <= maxN; n++) for (let m = 0; m <= maxN; m++) sums[n][m] += rule.weights[i] * h[n] * h[m];
    }
    for (let n = 0; n <= maxN; n++) {
      for (let m = 0; m <= maxN; m++) {
        if (n + m > 2 * order - 1) continue;
        const scale = Math.sqrt(factorial(n) * factorial(m));
        const expected = n === m ? factorial(n) : 0;
        expect(Math.abs(sums[n][m] - expected) / scale).toBeLessThan(1e-11);
      }
    }
  });

  it('high orders stay accurate (300, max) and reject invalid orders', () => {
    for (const order of [300, MAX_GAUSS_HERMITE_ORDER]) {
      const rule = gaussHermite(order);
      expect(normalExpectation(rule, () => 1)).toBeCloseTo(1, 13);
      expect(normalExpectation(rule, (x) => x ** 4)).toBeCloseTo(3, 12);
      expect(normalExpectation(rule, (x) => Math.cos(x))).toBeCloseTo(Math.exp(-0.5), 13);
    }
    expect(() => gaussHermite(0)).toThrow(/order/);
    expect(() => gaussHermite(2.5)).toThrow(/order/);
    expect(() => gaussHermite(MAX_GAUSS_HERMITE_ORDER + 1)).toThrow(/order/);
  });

  it('converges on a smooth non-polynomial integrand: E[1/(1 + x²)]', () => {
    // E[1/(1+x²)] = √(π/2) e^{1/2} erfc(1/√2) = 0.6556795424187985
    const exact = 0.6556795424187985;
    const err = (n: number) => Math.abs(normalExpectation(gaussHermite(n), (x) => 1 / (1 + x * x)) - exact);
    expect(err(200)).toBeLessThan(err(50));
    expect(err(200)).toBeLessThan(1e-6);
  });
});

describe('adaptiveGaussKronrod (G7–K15)', () => {
  it('K15 is exact to degree 22 on one panel; G7 (degree 13) agrees up to degree 13', () => {
    const k = adaptiveGaussKronrod((x) => x ** 22, 0, 1, { maxIntervals: 1 });
    expect(k.value).toBeCloseTo(1 / 23, 15);
    const g = adaptiveGaussKronrod((x) => x ** 13, 0, 1);
    expect(g.value).toBeCloseTo(1 / 14, 15);
    expect(g.intervals).toBe(1);
    expect(g.converged).toBe(true);
  });

  it('resolves a sharp Lorentzian peak by adaptive bisection', () => {
    // ∫₀¹ dx / (1e-6 + (x − 0.3)²) = 1e3 [atan(0.7e3) + atan(0.3e3)]
    const exact = 1e3 * (Math.atan(700) + Math.atan(300));
    const r = adaptiveGaussKronrod((x) => 1 / (1e-6 + (x - 0.3) ** 2), 0, 1, { relativeTolerance: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.intervals).toBeGreaterThan(5);
    expect(Math.abs(r.value / exact - 1)).toBeLessThan(1e-11);
    expect(r.errorEstimate).toBeLessThan(1e-12 * exact * 1.0000001);
  });

  it('reports non-convergence at maxIntervals and validates its arguments', () => {
    const r = adaptiveGaussKronrod((x) => Math.sqrt(x), 0, 1, { relativeTolerance: 1e-15, maxIntervals: 3 });
    expect(r.converged).toBe(false);
    expect(r.intervals).toBe(3);
    expect(() => adaptiveGaussKronrod((x) => x, 1, 0)).toThrow(/a < b/);
    expect(() => adaptiveGaussKronrod((x) => x, 0, 1, { relativeTolerance: 0 })).toThrow(/tolerances/);
    expect(() => adaptiveGaussKronrod(() => Number.NaN, 0, 1)).toThrow(/non-finite/);
  });
});
