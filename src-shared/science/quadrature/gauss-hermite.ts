/**
 * Gauss–Hermite quadrature for the standard normal measure (probabilists' convention):
 *   Σ_i w_i f(x_i) ≈ E[f(X)],  X ~ N(0, 1),  exact for polynomials of degree ≤ 2·order − 1.
 * Used for the toy model's re-weighted EK (rg-theory.md §4–§5) and any E over x ~ N(0,1).
 *
 * Method (Golub–Welsch, Math. Comp. 23 (1969), nodes only; no eigenvectors needed):
 *  - Orthonormal probabilists' Hermite polynomials q_j = He_j/√(j!) satisfy
 *    x q_j = √(j+1) q_{j+1} + √j q_{j−1}, so the nodes are the eigenvalues of the symmetric
 *    tridiagonal Jacobi matrix with zero diagonal and off-diagonal b_j = √j (j = 1..n−1).
 *  - Each positive node is isolated by Sturm-sequence bisection on that matrix (counts of
 *    eigenvalues below x from the LDLᵀ pivots; Barth, Martin & Wilkinson 1967): always
 *    converges, no initial-guess heuristics (Numerical Recipes' `gauher` guesses jump to the
 *    wrong root for order ≳ 150), then polished by guarded Newton steps on q_n with q_n' = √n q_{n−1}.
 *  - Weights by Christoffel–Darboux: w_i = 1/Σ_{j<n} q_j(x_i)² = 1/(n q_{n−1}(x_i)²).
 * Nodes are mirrored exactly (odd moments vanish to rounding; for odd order the middle node is 0).
 *
 * Range: orders 1..MAX_GAUSS_HERMITE_ORDER. Above ~350 the outermost weights underflow to 0 in
 * float64 (they are < 1e-300, irrelevant to any expectation); nodes stay accurate.
 */

/** Largest supported order (q_{n−1}(x_max) ~ e^{n} would overflow float64 beyond ~700). */
export const MAX_GAUSS_HERMITE_ORDER = 500;

export interface GaussHermiteRule {
  /** Quadrature order (number of nodes). */
  readonly order: number;
  /** Nodes x_i, ascending. */
  readonly nodes: Float64Array;
  /** Weights w_i > 0 (underflowed to 0 at the extreme nodes of very high orders); Σ w_i = 1. */
  readonly weights: Float64Array;
}

/** Orthonormal probabilists' recurrence at x: returns [q_n(x), q_{n−1}(x)]. */
function hermiteOrthonormal(order: number, x: number): [number, number] {
  let q = 1;
  let qPrev = 0;
  for (let j = 0; j < order; j++) {
    // q_{j+1} = (x q_j − √j q_{j−1}) / √(j+1)
    const next = (x * q - Math.sqrt(j) * qPrev) / Math.sqrt(j + 1);
    qPrev = q;
    q = next;
  }
  return [q, qPrev];
}

/** Number of Jacobi-matrix eigenvalues (= nodes) strictly below x (Sturm count, b_j² = j). */
function countBelow(order: number, x: number): number {
  let count = 0;
  let d = -x;
  if (d < 0) count++;
  for (let j = 1; j < order; j++) {
    const pivot = d === 0 ? Number.MIN_VALUE : d;
    d = -x - j / pivot;
    if (d < 0) count++;
  }
  return count;
}

/**
 * Probabilists' Gauss–Hermite rule of the given order (see module doc). Throws for orders outside
 * 1..MAX_GAUSS_HERMITE_ORDER.
 */
export function gaussHermite(order: number): GaussHermiteRule {
  if (!Number.isInteger(order) || order < 1 || order > MAX_GAUSS_HERMITE_ORDER) {
    throw new RangeError(
      `gaussHermite: order must be an integer in 1..${MAX_GAUSS_HERMITE_ORDER} (got ${order})`,
    );
  }
  const n = order;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const bound = 2 * Math.sqrt(Math.max(n - 1, 1)); // Gershgorin: |x| ≤ b_{j} + b_{j+1}
  // Positive half: ascending node index i in ceil(n/2)..n-1 is the (i+1)-th smallest eigenvalue.
  for (let i = n >> 1; i < n; i++) {
    let x: number;
    if (n % 2 === 1 && i === (n - 1) >> 1) {
      x = 0;
    } else {
      // Bisection: smallest x with countBelow(x) ≥ i + 1, i.e. eigenvalue i lies in (lo, hi].
      let lo = 0;
      let hi = bound;
      for (let iter = 0; iter < 200; iter++) {
        const mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) break;
        if (countBelow(n, mid) > i) hi = mid;
        else lo = mid;
      }
      x = 0.5 * (lo + hi);
      const bracket = Math.max(hi - lo, 4 * Number.EPSILON * x);
      // Guarded Newton polish on q_n (q_n' = √n q_{n−1}): keep a step only if it stays in a
      // small neighbourhood of the bisection bracket.
      for (let k = 0; k < 2; k++) {
        const [q, qPrev] = hermiteOrthonormal(n, x);
        const step = q / (Math.sqrt(n) * qPrev);
        if (!Number.isFinite(step) || Math.abs(step) > 4 * bracket) break;
        x -= step;
      }
    }
    const [, qPrev] = hermiteOrthonormal(n, x);
    const r = 1 / (Math.sqrt(n) * qPrev); // w = r² (no overflow of qPrev²)
    const w = r * r;
    nodes[i] = x;
    weights[i] = w;
    nodes[n - 1 - i] = -x;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) >> 1] = 0;
  return { order: n, nodes, weights };
}

/** Σ_i w_i f(x_i) ≈ E[f(X)], X ~ N(0,1), with an already built rule. */
export function normalExpectation(rule: GaussHermiteRule, f: (x: number) => number): number {
  let s = 0;
  for (let i = 0; i < rule.order; i++) s += rule.weights[i] * f(rule.nodes[i]);
  return s;
}
