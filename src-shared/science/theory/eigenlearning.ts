/**
 * Exact reference theory of kernel-ridge / GP-mean test error: eigenlearning (Simon, Dickens,
 * Karkada & DeWeese, TMLR 2023) ≡ Canatar, Bordelon & Pehlevan (Nat. Commun. 12, 2914 (2021)),
 * rg-theory.md §3 "Exact reference theory". With n = sampleCount, σ² = ridge:
 *
 *   Σ_i λ_i/(λ_i + κ_S) + σ²/κ_S = n           (solve for the effective ridge κ_S > 0)
 *   L_i = λ_i/(λ_i + κ_S),   E_0 = n/(n − Σ_i L_i²)
 *   test MSE = E_0 (Σ_i (1 − L_i)² y_i² + ε²)
 *
 * ε² here is `spectrum.residualTargetPower` ‖y_⊥‖²: the part of the target outside the supplied
 * modes is a λ = 0 mode (L = 0), i.e. it behaves exactly like label noise of variance ‖y_⊥‖² on
 * both training and test points, which is what ε² denotes in Simon et al. The ridge σ² is the
 * regulariser only; no extra label noise is added.
 * Identity used in tests: n κ_S = σ² + Σ_i λ_i (1 − L_i) (the RG ridge σ²(κ) is its hard-cutoff
 * version).
 *
 * Solver: g(u) = Σ λ_i/(λ_i + e^u) + σ² e^{-u} − n is strictly decreasing in u = log κ_S; the
 * root is bracketed in closed form and found by safeguarded Newton/bisection in log space:
 *   upper  κ_S ≤ (σ² + Σλ_i)/n                                  (from the identity above)
 *   lower  κ_S ≥ σ²/n  (σ² > 0),   κ_S ≥ λ_min⁺ (N₊ − n)/N₊  (N₊ > n)
 * with N₊ the number of nonzero eigenvalues and λ_min⁺ the smallest of them.
 *
 * Ridgeless interpolation (σ² = 0 and n ≥ N₊): no positive root; κ_S → 0. Returned as
 * effectiveRidge = 0, interpolating = true, L_i = 1 for λ_i > 0 (0 for λ_i = 0),
 * E_0 = n/(n − N₊) for n > N₊ and E_0 = +∞ at n = N₊ (the interpolation peak). The test MSE is
 * E_0·(Σ_{λ_i=0} y_i² + ε²), which is 0 when that unlearnable power is 0 (also at n = N₊: the
 * target is then fitted exactly), and +∞ at n = N₊ when it is positive.
 */
import type { Spectrum } from '../spectra/types';
import { NeumaierSum } from '../stats/summation';
import { assertEigenvalues, assertRidge, assertSampleCount, assertSpectrum } from './validate';

export interface EffectiveRidgeOptions {
  /** Stop when the log-space step |Δ log κ_S| is below this (relative tolerance on κ_S). Default 1e-14. */
  readonly relativeTolerance?: number;
  /** Default 200 (bisection alone needs < 120 for any float64 bracket). */
  readonly maxIterations?: number;
}

export interface EffectiveRidgeSolution {
  /** κ_S (0 in the ridgeless interpolating case). */
  readonly effectiveRidge: number;
  /** σ² = 0 and n ≥ N₊: κ_S → 0 (see module doc). */
  readonly interpolating: boolean;
  readonly converged: boolean;
  readonly iterations: number;
  /** g(κ_S) = Σ L_i + σ²/κ_S − n at the returned root (0 when interpolating). */
  readonly residual: number;
}

/**
 * g(κ) and κ·dg/dκ (the derivative in u = log κ). With L_i = λ_i/(λ_i + κ) and 1 − L_i = κ/(λ_i + κ),
 * g is written two ways, and the sum of the smaller terms is used so that no digits cancel:
 *   g = Σ L_i + σ²/κ − n               (most modes unlearned: Σ L_i < Σ (1 − L_i))
 *   g = (N₊ − n) − Σ (1 − L_i) + σ²/κ  (most modes learned: κ far below most λ_i, e.g. a tiny ridge)
 */
function constraint(eigenvalues: Float64Array, ridge: number, sampleCount: number, kappa: number) {
  const learned = new NeumaierSum();
  const unlearned = new NeumaierSum();
  let nonzero = 0;
  let slope = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const lambda = eigenvalues[i];
    if (lambda === 0) continue;
    nonzero++;
    const denom = lambda + kappa;
    const l = lambda / denom;
    const u = kappa / denom;
    learned.add(l);
    unlearned.add(u);
    slope -= l * u;
  }
  const value = new NeumaierSum();
  if (learned.value <= unlearned.value) {
    value.add(learned.value);
    value.add(-sampleCount);
  } else {
    value.add(nonzero - sampleCount);
    value.add(-unlearned.value);
  }
  value.add(ridge / kappa);
  slope -= ridge / kappa;
  return { value: value.value, slope };
}

/** Solves Σ_i λ_i/(λ_i + κ_S) + σ²/κ_S = n for κ_S (see module doc). */
export function solveEffectiveRidge(
  eigenvalues: Float64Array,
  ridge: number,
  sampleCount: number,
  options: EffectiveRidgeOptions = {},
): EffectiveRidgeSolution {
  const where = 'solveEffectiveRidge';
  assertEigenvalues(where, eigenvalues);
  assertRidge(where, ridge);
  assertSampleCount(where, sampleCount);
  const tol = options.relativeTolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 200;
  if (!(tol > 0) || !Number.isFinite(tol)) {
    throw new RangeError(`${where}: relativeTolerance must be a finite number > 0 (got ${tol})`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`${where}: maxIterations must be an integer ≥ 1 (got ${maxIterations})`);
  }
  let nonzero = 0;
  let smallestNonzero = Infinity;
  const trace = new NeumaierSum();
  for (let i = 0; i < eigenvalues.length; i++) {
    if (eigenvalues[i] > 0) {
      nonzero++;
      smallestNonzero = Math.min(smallestNonzero, eigenvalues[i]);
      trace.add(eigenvalues[i]);
    }
  }
  if (ridge === 0 && nonzero <= sampleCount) {
    return { effectiveRidge: 0, interpolating: true, converged: true, iterations: 0, residual: 0 };
  }
  let lo = 0;
  if (ridge > 0) lo = ridge / sampleCount;
  if (nonzero > sampleCount) lo = Math.max(lo, (smallestNonzero * (nonzero - sampleCount)) / nonzero);
  // n = N₊: g(κ) ≥ σ²/κ − κ Σ 1/λ_i, so κ_S ≥ σ/√(Σ 1/λ_i) (much sharper than σ²/n for tiny σ²).
  if (ridge > 0 && nonzero === sampleCount) {
    const inverseTrace = new NeumaierSum();
    for (let i = 0; i < eigenvalues.length; i++) if (eigenvalues[i] > 0) inverseTrace.add(1 / eigenvalues[i]);
    lo = Math.max(lo, Math.sqrt(ridge) / Math.sqrt(inverseTrace.value));
  }
  if (ridge > 0 && !(lo > 0)) {
    throw new RangeError(`${where}: the ridge σ² = ${ridge} is too small to resolve κ_S in float64 (κ_S ≥ σ²/n underflows); use σ² = 0 for the ridgeless limit or σ² ≥ 1e-300`);
  }
  let hi = (ridge + trace.value) / sampleCount;
  if (!(lo > 0) || !(hi >= lo)) {
    throw new Error(`${where}: internal error: invalid bracket [${lo}, ${hi}] for κ_S`);
  }
  if (hi === lo) {
    const g = constraint(eigenvalues, ridge, sampleCount, lo);
    return { effectiveRidge: lo, interpolating: false, converged: true, iterations: 0, residual: g.value };
  }
  // Widen the bracket by a hair so rounding in the bounds cannot exclude the root.
  let uLo = Math.log(lo) - 1e-12;
  let uHi = Math.log(hi) + 1e-12;
  let u = 0.5 * (uLo + uHi);
  let converged = false;
  let iterations = 0;
  let previousStep = uHi - uLo;
  let g = constraint(eigenvalues, ridge, sampleCount, Math.exp(u));
  for (iterations = 1; iterations <= maxIterations; iterations++) {
    if (g.value === 0) {
      converged = true;
      break;
    }
    if (g.value > 0) uLo = u;
    else uHi = u;
    // rtsafe (Numerical Recipes §9.4): Newton unless it leaves the bracket or is not at least
    // halving the previous step, then bisection.
    let next = g.slope < 0 ? u - g.value / g.slope : NaN;
    if (!(next > uLo && next < uHi) || Math.abs(2 * g.value) > Math.abs(previousStep * g.slope)) {
      next = 0.5 * (uLo + uHi);
    }
    const step = next - u;
    previousStep = step;
    u = next;
    g = constraint(eigenvalues, ridge, sampleCount, Math.exp(u));
    if (Math.abs(step) <= tol || uHi - uLo <= tol) {
      converged = true;
      break;
    }
  }
  return {
    effectiveRidge: Math.exp(u),
    interpolating: false,
    converged,
    iterations: Math.min(iterations, maxIterations),
    residual: g.value,
  };
}

export interface EigenlearningResult {
  /** κ_S. */
  readonly effectiveRidge: number;
  /** L_i = λ_i/(λ_i + κ_S). */
  readonly learnability: Float64Array;
  /** E_0 = n/(n − Σ L_i²) (+∞ at the ridgeless interpolation peak). */
  readonly overfittingFactor: number;
  /** Σ_i (1 − L_i)² y_i². */
  readonly unlearnedTargetPower: number;
  /** ε² = spectrum.residualTargetPower. */
  readonly noisePower: number;
  /** E_0 (Σ (1 − L_i)² y_i² + ε²). */
  readonly mse: number;
  readonly interpolating: boolean;
  readonly converged: boolean;
  readonly iterations: number;
  /** Human-readable note for special regimes (ridgeless interpolation), else null. */
  readonly note: string | null;
}

/** Eigenlearning / CBP test error and learnabilities for a spectrum (see module doc). */
export function eigenlearning(
  spectrum: Spectrum,
  ridge: number,
  sampleCount: number,
  options: EffectiveRidgeOptions = {},
): EigenlearningResult {
  assertSpectrum('eigenlearning', spectrum);
  const { eigenvalues, targetCoefficients } = spectrum;
  const solution = solveEffectiveRidge(eigenvalues, ridge, sampleCount, options);
  const kappa = solution.effectiveRidge;
  const p = eigenvalues.length;
  const learn = new Float64Array(p);
  // n − Σ L_i² is evaluated as written when Σ L_i² is small, else as (n − N₊) + Σ (1 − L_i)(1 + L_i),
  // which keeps its digits when most L_i ≈ 1 (tiny ridge, n ≈ N₊).
  const sumL2 = new NeumaierSum();
  const sumOneMinusL2 = new NeumaierSum();
  const unlearned = new NeumaierSum();
  let nonzero = 0;
  for (let i = 0; i < p; i++) {
    const lambda = eigenvalues[i];
    let l: number;
    let u: number;
    if (lambda === 0) {
      l = 0;
      u = 1;
    } else {
      nonzero++;
      l = lambda / (lambda + kappa);
      u = kappa / (lambda + kappa);
      sumOneMinusL2.add(u * (1 + l));
    }
    learn[i] = l;
    sumL2.add(l * l);
    const r = u * targetCoefficients[i];
    unlearned.add(r * r);
  }
  const noisePower = spectrum.residualTargetPower;
  const denominator = sumL2.value <= sampleCount / 2 ? sampleCount - sumL2.value : sampleCount - nonzero + sumOneMinusL2.value;
  let overfittingFactor: number;
  let note: string | null = null;
  if (solution.interpolating) {
    overfittingFactor = denominator > 0 ? sampleCount / denominator : Infinity;
    note =
      `ridgeless interpolation: σ² = 0 and n = ${sampleCount} ≥ ${nonzero} nonzero modes, ` +
      `so κ_S → 0, every nonzero mode is learned (L = 1) and E_0 = ` +
      (Number.isFinite(overfittingFactor) ? `${overfittingFactor}` : '+∞ (interpolation peak n = N₊)');
  } else {
    if (!(denominator > 0)) {
      throw new Error(
        `eigenlearning: n − Σ L_i² = ${denominator} ≤ 0 at κ_S = ${kappa} (n = ${sampleCount}, σ² = ${ridge}); ` +
          `the solver did not converge`,
      );
    }
    overfittingFactor = sampleCount / denominator;
  }
  const bias = unlearned.value + noisePower;
  const mse = bias === 0 ? 0 : overfittingFactor * bias;
  return {
    effectiveRidge: kappa,
    learnability: learn,
    overfittingFactor,
    unlearnedTargetPower: unlearned.value,
    noisePower,
    mse,
    interpolating: solution.interpolating,
    converged: solution.converged,
    iterations: solution.iterations,
    note,
  };
}
