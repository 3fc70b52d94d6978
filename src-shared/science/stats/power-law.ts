/**
 * Least-squares power-law fit y ≈ A x^p, done as ordinary least squares on
 * log y = log A + p log x (used for learning-curve exponents, rg-theory.md §3 "Scaling laws").
 *
 * With u_i = log x_i, v_i = log y_i, means ū, v̄, S_uu = Σ(u − ū)², S_uv = Σ(u − ū)(v − v̄):
 *   p = S_uv / S_uu,  log A = v̄ − p ū,  residual variance s² = Σ r_i² / (m − 2),
 *   SE(p) = √(s² / S_uu),  SE(log A) = √(s² (1/m + ū²/S_uu)),  R² = 1 − Σ r² / S_vv.
 */

export interface PowerLawFit {
  /** A in y ≈ A x^p. */
  readonly amplitude: number;
  /** p in y ≈ A x^p (a decaying learning curve has p < 0). */
  readonly exponent: number;
  /** Standard error of p; null with exactly 2 points (no residual degrees of freedom). */
  readonly exponentStandardError: number | null;
  /** Standard error of log A; null with exactly 2 points. */
  readonly logAmplitudeStandardError: number | null;
  /** Coefficient of determination in log–log space; 1 when the log y are all equal (exact fit). */
  readonly rSquared: number;
  /** Number of points used. */
  readonly pointCount: number;
}

/** Fits y ≈ A x^p (see module doc). Throws on non-positive / non-finite values, < 2 points, or all x equal. */
export function fitPowerLaw(x: ArrayLike<number>, y: ArrayLike<number>): PowerLawFit {
  const m = x.length;
  if (y.length !== m) {
    throw new RangeError(`fitPowerLaw: x and y must have the same length (got ${m} and ${y.length})`);
  }
  if (m < 2) throw new RangeError(`fitPowerLaw: need at least 2 points (got ${m})`);
  const u = new Float64Array(m);
  const v = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    if (!(x[i] > 0) || !Number.isFinite(x[i])) {
      throw new RangeError(`fitPowerLaw: x[${i}] must be finite and > 0 for a log–log fit (got ${x[i]})`);
    }
    if (!(y[i] > 0) || !Number.isFinite(y[i])) {
      throw new RangeError(`fitPowerLaw: y[${i}] must be finite and > 0 for a log–log fit (got ${y[i]})`);
    }
    u[i] = Math.log(x[i]);
    v[i] = Math.log(y[i]);
  }
  let uMean = 0;
  let vMean = 0;
  for (let i = 0; i < m; i++) {
    uMean += u[i];
    vMean += v[i];
  }
  uMean /= m;
  vMean /= m;
  let suu = 0;
  let suv = 0;
  let svv = 0;
  for (let i = 0; i < m; i++) {
    const du = u[i] - uMean;
    const dv = v[i] - vMean;
    suu += du * du;
    suv += du * dv;
    svv += dv * dv;
  }
  if (!(suu > 0)) throw new RangeError('fitPowerLaw: all x values are equal, the exponent is undetermined');
  const exponent = suv / suu;
  const logAmplitude = vMean - exponent * uMean;
  let rss = 0;
  for (let i = 0; i < m; i++) {
    const r = v[i] - logAmplitude - exponent * u[i];
    rss += r * r;
  }
  const rSquared = svv > 0 ? Math.max(0, 1 - rss / svv) : 1;
  let exponentStandardError: number | null = null;
  let logAmplitudeStandardError: number | null = null;
  if (m > 2) {
    const s2 = rss / (m - 2);
    exponentStandardError = Math.sqrt(s2 / suu);
    logAmplitudeStandardError = Math.sqrt(s2 * (1 / m + (uMean * uMean) / suu));
  }
  return {
    amplitude: Math.exp(logAmplitude),
    exponent,
    exponentStandardError,
    logAmplitudeStandardError,
    rSquared,
    pointCount: m,
  };
}
