/**
 * The solvable toy model (rg-theory.md §5; the talk's Figure 3) and its three theory curves.
 *
 * x ~ N(0,1), K(x,x') = λ₁He₁(x)He₁(x') + λ₂He₂(x)He₂(x') (probabilists' Hermite, E[He_n²] = n!,
 * so the orthonormal modes are He₁ with eigenvalue λ₁ and He₂/√2 with eigenvalue 2λ₂), target
 * y = He₅ (orthogonal to both modes). The average predictor is a line a·x; EK theory says a = 0.
 * With η = n = sampleCount and σ² = ridge:
 *
 *  1. leading order           a₁ = −120 λ₂ L₁/σ²,  L₁ = ηλ₁/(σ² + ηλ₁)   (E[He₁He₂²He₅] = 120)
 *     with mode 2 kept at EK  a₁ (1 − L₂),         L₂ = 2ηλ₂/(σ² + 2ηλ₂)
 *  2. re-weighted EK          a_W = E[He₁He₅/(σ² + λ₂He₂²)] / (1/(ηλ₁) + E[He₁²/(σ² + λ₂He₂²)])
 *     (B(x) = 2λ₂·(He₂/√2)² = λ₂He₂²; non-perturbative in B/σ²). Gauss–Hermite quadrature with
 *     the order doubled until the change is below tolerance. When σ²/λ₂ = O(1) or smaller the
 *     Lorentzian factor has poles near x = ±1 and Gauss–Hermite converges only algebraically;
 *     if it has not converged at the largest order, both (even) integrals are redone as
 *     2∫₀^16 g(x) φ(x) dx by adaptive Gauss–Kronrod, and the report says which method was used.
 *  3. finite-n series (fixed n), D₁ = n + σ²/λ₁, D₂ = 2n + σ²/λ₂, exactly as in §5:
 *     E[a] ≈ −120n/(D₁D₂) + 2160n/(D₁²D₂) + 35760n/(D₁D₂²) − (36000n + 240n²)/(D₁³D₂)
 *            + 120n/D₁³ − 2160n/D₁⁴ + 1440n²/D₁⁵ + 2280n/(D₁²D₂)
 *     1/D₁ = λ₁/(nλ₁ + σ²) and 1/D₂ = λ₂/(2nλ₂ + σ²) are used so that λ₂ = 0 is exact (1/D₂ = 0).
 *     NOTE: at λ₂ = 0 the three D₁-only terms survive (120n/D₁³ − 2160n/D₁⁴ + 1440n²/D₁⁵, ≈ 9.3e−5
 *     at the defaults): a genuine finite-n effect of mode 1 alone (E[He₁⁵He₅] = 120), not zero.
 *     Theories 1 and 2 are exactly 0 at λ₂ = 0.
 *
 * Reference (§5, n = 100, σ² = 400, λ₂ = 0.1): λ₁ = 1: −6.00e−3, −5.59e−3, −4.80e−3;
 * λ₁ = 4: −1.50e−2, −1.40e−2, −9.40e−3. EK-level theory is trustworthy while L₁ ≲ 0.2; flag L₁ > 0.3.
 */
import { adaptiveGaussKronrod } from '../quadrature/gauss-kronrod';
import { gaussHermite, MAX_GAUSS_HERMITE_ORDER } from '../quadrature/gauss-hermite';
import { assertFiniteArray, assertNonNegative, assertPositive, assertSampleCount } from './validate';

/** E[He₁ He₂² He₅] for x ~ N(0,1). */
export const TOY_MIXED_MOMENT = 120;

/** Above this L₁ the EK-level toy theory is not trustworthy (finite-n effects dominate; §5). */
export const TOY_LEARNABILITY_WARNING = 0.3;

/** §5 defaults: n = 100, σ² = 400, λ₁ = 1 (a choice), λ₂ = 0.1. */
export const TOY_DEFAULTS = { sampleCount: 100, ridge: 400, lambda1: 1, lambda2: 0.1 } as const;

export interface ToyTheoryParams {
  /** n = η (fixed training-set size). */
  readonly sampleCount: number;
  /** σ² > 0. */
  readonly ridge: number;
  /** λ₁ > 0 (coefficient of He₁He₁ in K). */
  readonly lambda1: number;
  /** λ₂ ≥ 0 (coefficient of He₂He₂ in K; the orthonormal mode's eigenvalue is 2λ₂). */
  readonly lambda2: number;
  /** Starting Gauss–Hermite order for a_W, doubled until converged; default 64. */
  readonly quadratureOrder?: number;
  /** Converged when |a_W(2N) − a_W(N)| ≤ quadratureTolerance·|a_W(2N)|; default 1e-12 (≥ 1e-15). */
  readonly quadratureTolerance?: number;
}

export interface ToyQuadratureReport {
  /** Which rule produced the returned a_W. */
  readonly method: 'gauss-hermite' | 'adaptive-gauss-kronrod';
  /** Gauss–Hermite: the order of the returned value; Gauss–Kronrod: the number of 15-point panels. */
  readonly order: number;
  /**
   * Gauss–Hermite: |a_W(order) − a_W(order/2)|, the change on the last doubling;
   * Gauss–Kronrod: its error estimate propagated to a_W.
   */
  readonly change: number;
  readonly converged: boolean;
  /** The Gauss–Hermite attempt (also when the fallback was used): its last order and change. */
  readonly gaussHermite: { readonly order: number; readonly change: number; readonly converged: boolean };
}

export interface ToyTheory {
  /** L₁ = ηλ₁/(σ² + ηλ₁). */
  readonly learnability1: number;
  /** L₂ = 2ηλ₂/(σ² + 2ηλ₂). */
  readonly learnability2: number;
  /** L₁ > TOY_LEARNABILITY_WARNING: EK-level theory (1, 2) not trustworthy here. */
  readonly learnabilityWarning: boolean;
  /** a₁ = −120 λ₂ L₁/σ². */
  readonly theoryLeading: number;
  /** a₁ (1 − L₂): mode 2 kept at EK level. */
  readonly theoryLeadingMode2: number;
  /** a_W (re-weighted EK, quadrature). */
  readonly theoryReweighted: number;
  readonly reweightedQuadrature: ToyQuadratureReport;
  /** The finite-n series of §5. */
  readonly theoryFiniteN: number;
}

function validateToy(where: string, p: ToyTheoryParams): void {
  assertSampleCount(where, p.sampleCount);
  assertPositive(where, p.ridge, 'ridge (σ², must be > 0 in the toy model)');
  assertPositive(where, p.lambda1, 'lambda1');
  assertNonNegative(where, p.lambda2, 'lambda2');
}

/** x·He₅(x) = x⁶ − 10x⁴ + 15x². */
function he1he5(x2: number): number {
  return x2 * (x2 * (x2 - 10) + 15);
}

/**
 * a_W with a Gauss–Hermite rule of the given order. The numerator is evaluated through the
 * identity 1/(σ² + B) = 1/σ² − B/(σ²(σ² + B)) and E[He₁He₅] = 0:
 *     E[He₁He₅/(σ² + B)] = −(λ₂/σ²) E[He₁He₅He₂²/(σ² + λ₂He₂²)],
 * so the exactly-zero part never enters as quadrature round-off (which would swamp a_W ∝ λ₂ for
 * small λ₂/σ²).
 */
function reweightedAt(order: number, n: number, ridge: number, lambda1: number, lambda2: number): number {
  const rule = gaussHermite(order);
  let numerator = 0;
  let gram = 0;
  for (let i = 0; i < order; i++) {
    const x2 = rule.nodes[i] * rule.nodes[i];
    const he2 = x2 - 1;
    const s = rule.weights[i] / (ridge + lambda2 * he2 * he2);
    numerator += s * he1he5(x2) * he2 * he2;
    gram += s * x2;
  }
  return (-(lambda2 / ridge) * numerator) / (1 / (n * lambda1) + gram);
}

/** Upper limit of 2∫₀^L g φ for the Gauss–Kronrod fallback: φ(16)·16⁶ ≈ 1e−49. */
const TOY_INTEGRATION_LIMIT = 16;

interface Integral {
  readonly value: number;
  readonly errorEstimate: number;
  readonly intervals: number;
  readonly converged: boolean;
}

/**
 * ∫₀^16 f(x) dx by adaptive Gauss–Kronrod, with f given as F(u) = f(1 + u) (u = x − 1 exactly, so
 * He₂ = u(2 + u) keeps its digits next to x = 1) and carrying the factor 1/(σ² + λ₂He₂²): a peak at
 * x = 1 of half-width s = σ/(2√λ₂) with 1/u² flanks, which no fixed rule resolves when σ² ≪ λ₂.
 * For |u| < ½ (and s < ½): u = ±s·tan θ on the core |u| ≤ s (flat in θ ∈ [0, π/4]) and
 * u = ±s·eᵗ on the flanks s ≤ |u| ≤ ½ (smooth in t ∈ [0, ln(1/(2s))]); plain x outside.
 */
function integrateAcrossPeak(F: (u: number) => number, s: number, options: { relativeTolerance: number; maxIntervals: number; absoluteTolerance?: number }): Integral {
  const parts = [
    adaptiveGaussKronrod((x) => F(x - 1), 0, 0.5, options),
    adaptiveGaussKronrod((x) => F(x - 1), 1.5, TOY_INTEGRATION_LIMIT, options),
  ];
  for (const sign of [-1, 1]) {
    if (s >= 0.5) {
      parts.push(adaptiveGaussKronrod((u) => F(sign * u), 0, 0.5, options));
      continue;
    }
    parts.push(
      adaptiveGaussKronrod((t) => {
        const c = Math.cos(t);
        return F(sign * s * Math.tan(t)) * (s / (c * c));
      }, 0, Math.PI / 4, options),
      adaptiveGaussKronrod((t) => {
        const u = s * Math.exp(t);
        return F(sign * u) * u;
      }, 0, Math.log(0.5 / s), options),
    );
  }
  return {
    value: parts.reduce((sum, p) => sum + p.value, 0),
    errorEstimate: parts.reduce((sum, p) => sum + p.errorEstimate, 0),
    intervals: parts.reduce((sum, p) => sum + p.intervals, 0),
    converged: parts.every((p) => p.converged),
  };
}

/** a_W with both (even) integrals by adaptive Gauss–Kronrod on [0, 16]. */
function reweightedAdaptive(n: number, ridge: number, lambda1: number, lambda2: number, tolerance: number) {
  // Integrands as functions of u = x − 1 (see integrateAcrossPeak).
  const weight = (u: number) => {
    const x = 1 + u;
    const he2 = u * (2 + u);
    return (2 * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI) / (ridge + lambda2 * he2 * he2);
  };
  const options = { relativeTolerance: tolerance, maxIntervals: 4000 };
  const halfWidth = Math.sqrt(ridge) / (2 * Math.sqrt(lambda2));
  const integrate = (F: (u: number) => number, opts: typeof options & { absoluteTolerance?: number }) => integrateAcrossPeak(F, halfWidth, opts);
  const gram = integrate((u) => (1 + u) * (1 + u) * weight(u), options);
  // As in reweightedAt: numerator = −(λ₂/σ²) E[He₁He₅He₂²/(σ² + B)]. That expectation still
  // cancels for σ² ≪ λ₂ (it tends to E[He₁He₅]/λ₂ = 0), so its tolerance is relative to
  // E[|He₁He₅|He₂²/(σ² + B)].
  // For λ₂ > σ² the numerator is dominated by the peaks of 1/(σ² + B) at x = ±1, where He₁He₅ ≠ 0:
  // it no longer cancels, and the direct form E[He₁He₅/(σ² + B)] avoids the factor λ₂/σ².
  const direct = lambda2 > ridge;
  const integrand = direct
    ? (u: number) => he1he5((1 + u) * (1 + u)) * weight(u)
    : (u: number) => {
        const he2 = u * (2 + u);
        return he1he5((1 + u) * (1 + u)) * he2 * he2 * weight(u);
      };
  const scale = integrate((u) => Math.abs(integrand(u)), { relativeTolerance: 1e-6, maxIntervals: 4000 }).value;
  const integral = integrate(integrand, { ...options, absoluteTolerance: tolerance * scale });
  const factor = direct ? 1 : -(lambda2 / ridge);
  const numerator = { value: factor * integral.value, errorEstimate: Math.abs(factor) * integral.errorEstimate, intervals: integral.intervals, converged: integral.converged };
  const denominator = 1 / (n * lambda1) + gram.value;
  const value = numerator.value / denominator;
  return {
    value,
    intervals: gram.intervals + numerator.intervals,
    error: (numerator.errorEstimate + Math.abs(value) * gram.errorEstimate) / denominator,
    converged: gram.converged && numerator.converged,
  };
}

/**
 * a_W (see module doc): Gauss–Hermite from `quadratureOrder`, doubled until
 * |a_W(2N) − a_W(N)| ≤ quadratureTolerance·|a_W(2N)|; adaptive Gauss–Kronrod when the largest
 * Gauss–Hermite order is reached first.
 */
export function toyReweightedCoefficient(params: ToyTheoryParams): { value: number; quadrature: ToyQuadratureReport } {
  const where = 'toyReweightedCoefficient';
  validateToy(where, params);
  const { sampleCount: n, ridge, lambda1, lambda2 } = params;
  const start = params.quadratureOrder ?? 64;
  const tolerance = params.quadratureTolerance ?? 1e-12;
  if (!Number.isInteger(start) || start < 4 || 2 * start > MAX_GAUSS_HERMITE_ORDER) {
    throw new RangeError(
      `${where}: quadratureOrder must be an integer in 4..${MAX_GAUSS_HERMITE_ORDER / 2} (got ${start})`,
    );
  }
  if (!Number.isFinite(tolerance) || !(tolerance >= 1e-15)) {
    throw new RangeError(`${where}: quadratureTolerance must be a finite number ≥ 1e-15 (got ${tolerance})`);
  }
  if (lambda2 === 0) {
    // E[He₁He₅]/σ² = 0 exactly (orthogonality): no quadrature round-off.
    const exact = { order: 0, change: 0, converged: true };
    return { value: 0, quadrature: { method: 'gauss-hermite', ...exact, gaussHermite: exact } };
  }
  let order = start;
  let previous = reweightedAt(order, n, ridge, lambda1, lambda2);
  for (;;) {
    const next = order * 2;
    const value = reweightedAt(next, n, ridge, lambda1, lambda2);
    const change = Math.abs(value - previous);
    if (change <= tolerance * Math.abs(value)) {
      const gh = { order: next, change, converged: true };
      return { value, quadrature: { method: 'gauss-hermite', ...gh, gaussHermite: gh } };
    }
    if (next * 2 > MAX_GAUSS_HERMITE_ORDER) {
      const adaptive = reweightedAdaptive(n, ridge, lambda1, lambda2, tolerance);
      return {
        value: adaptive.value,
        quadrature: {
          method: 'adaptive-gauss-kronrod',
          order: adaptive.intervals,
          change: adaptive.error,
          converged: adaptive.converged,
          gaussHermite: { order: next, change, converged: false },
        },
      };
    }
    order = next;
    previous = value;
  }
}

/** The finite-n series of §5 (see module doc), exactly as written there. */
export function toyFiniteNCoefficient(params: ToyTheoryParams): number {
  validateToy('toyFiniteNCoefficient', params);
  const { sampleCount: n, ridge, lambda1, lambda2 } = params;
  const e1 = lambda1 / (n * lambda1 + ridge); // 1/D₁
  const e2 = lambda2 / (2 * n * lambda2 + ridge); // 1/D₂ (0 at λ₂ = 0)
  const e1Sq = e1 * e1;
  const e1Cu = e1Sq * e1;
  return (
    -120 * n * e1 * e2 +
    2160 * n * e1Sq * e2 +
    35760 * n * e1 * e2 * e2 -
    (36000 * n + 240 * n * n) * e1Cu * e2 +
    120 * n * e1Cu -
    2160 * n * e1Cu * e1 +
    1440 * n * n * e1Cu * e1Sq +
    2280 * n * e1Sq * e2
  );
}

/** All three toy theory curves at one parameter point (rg-theory.md §5). */
export function toyTheory(params: ToyTheoryParams): ToyTheory {
  validateToy('toyTheory', params);
  const { sampleCount: n, ridge, lambda1, lambda2 } = params;
  // L = ηλ/(σ² + ηλ) written as 1/(1 + σ²/(ηλ)) and 1 − L₂ as 1/(1 + 2ηλ₂/σ²): no ∞/∞ for large λ.
  const l1 = 1 / (1 + ridge / (n * lambda1));
  const l2 = lambda2 === 0 ? 0 : 1 / (1 + ridge / (2 * n * lambda2));
  const oneMinusL2 = 1 / (1 + (2 * n * lambda2) / ridge);
  const leading = lambda2 === 0 ? 0 : -TOY_MIXED_MOMENT * (lambda2 / ridge) * l1;
  const reweighted = toyReweightedCoefficient(params);
  return {
    learnability1: l1,
    learnability2: l2,
    learnabilityWarning: l1 > TOY_LEARNABILITY_WARNING,
    theoryLeading: leading,
    theoryLeadingMode2: leading === 0 ? 0 : leading * oneMinusL2,
    theoryReweighted: reweighted.value,
    reweightedQuadrature: reweighted.quadrature,
    theoryFiniteN: toyFiniteNCoefficient(params),
  };
}

/** The theory predictor line a·x on a grid. */
export function toyTheoryPredictor(a: number, xGrid: ArrayLike<number>): Float64Array {
  if (!Number.isFinite(a)) throw new RangeError(`toyTheoryPredictor: a must be finite (got ${a})`);
  assertFiniteArray('toyTheoryPredictor', xGrid, 'xGrid');
  const out = new Float64Array(xGrid.length);
  for (let i = 0; i < out.length; i++) out[i] = a * xGrid[i];
  return out;
}
