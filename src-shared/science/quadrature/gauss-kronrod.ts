/**
 * Globally adaptive Gauss–Kronrod (G7–K15) quadrature of a smooth function on a finite interval
 * (Piessens et al., QUADPACK (1983), routine QAG with key 2; nodes/weights from QK15).
 *
 * The interval with the largest error estimate |K15 − G7| is bisected until the summed estimate
 * is ≤ max(absoluteTolerance, relativeTolerance·|I|) or maxIntervals is reached (then
 * converged = false). Deterministic. Used where Gauss–Hermite converges only algebraically, e.g.
 * the toy model's Lorentzian factor 1/(σ² + λ₂He₂²) when σ²/λ₂ = O(1) (poles near the real axis).
 */

const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
/** 7-point Gauss weights for the Kronrod nodes XGK[1], XGK[3], XGK[5], XGK[7]. */
const WG = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

export interface AdaptiveQuadratureOptions {
  /** Default 0. */
  readonly absoluteTolerance?: number;
  /** Default 1e-12. */
  readonly relativeTolerance?: number;
  /** Default 2000. */
  readonly maxIntervals?: number;
}

export interface AdaptiveQuadratureResult {
  readonly value: number;
  /** Σ |K15 − G7| over the final intervals (a conservative error estimate). */
  readonly errorEstimate: number;
  readonly intervals: number;
  readonly converged: boolean;
}

interface Panel {
  a: number;
  b: number;
  value: number;
  error: number;
}

function kronrod15(f: (x: number) => number, a: number, b: number): Panel {
  const centre = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const fc = f(centre);
  let kronrod = WGK[7] * fc;
  let gauss = WG[3] * fc;
  for (let j = 0; j < 7; j++) {
    const dx = half * XGK[j];
    const sum = f(centre - dx) + f(centre + dx);
    kronrod += WGK[j] * sum;
    if (j % 2 === 1) gauss += WG[(j - 1) / 2] * sum;
  }
  return { a, b, value: kronrod * half, error: Math.abs((kronrod - gauss) * half) };
}

/** ∫_a^b f(x) dx by adaptive G7–K15 (see module doc). */
export function adaptiveGaussKronrod(
  f: (x: number) => number,
  a: number,
  b: number,
  options: AdaptiveQuadratureOptions = {},
): AdaptiveQuadratureResult {
  const absTol = options.absoluteTolerance ?? 0;
  const relTol = options.relativeTolerance ?? 1e-12;
  const maxIntervals = options.maxIntervals ?? 2000;
  if (!Number.isFinite(a) || !Number.isFinite(b) || !(b > a)) {
    throw new RangeError(`adaptiveGaussKronrod: need finite a < b (got a = ${a}, b = ${b})`);
  }
  if (!(absTol >= 0) || !(relTol >= 0) || (absTol === 0 && relTol === 0)) {
    throw new RangeError('adaptiveGaussKronrod: tolerances must be ≥ 0 and not both 0');
  }
  if (!Number.isInteger(maxIntervals) || maxIntervals < 1) {
    throw new RangeError(`adaptiveGaussKronrod: maxIntervals must be an integer ≥ 1 (got ${maxIntervals})`);
  }
  const panels: Panel[] = [kronrod15(f, a, b)];
  for (;;) {
    let value = 0;
    let error = 0;
    let worst = 0;
    for (let i = 0; i < panels.length; i++) {
      value += panels[i].value;
      error += panels[i].error;
      if (panels[i].error > panels[worst].error) worst = i;
    }
    if (!Number.isFinite(value)) {
      throw new Error('adaptiveGaussKronrod: the integrand produced a non-finite value');
    }
    const target = Math.max(absTol, relTol * Math.abs(value));
    if (error <= target || panels.length >= maxIntervals) {
      return { value, errorEstimate: error, intervals: panels.length, converged: error <= target };
    }
    const p = panels[worst];
    const mid = 0.5 * (p.a + p.b);
    if (!(mid > p.a && mid < p.b)) {
      return { value, errorEstimate: error, intervals: panels.length, converged: false };
    }
    panels[worst] = kronrod15(f, p.a, mid);
    panels.push(kronrod15(f, mid, p.b));
  }
}
