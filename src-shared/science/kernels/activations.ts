/**
 * Pointwise activations φ of the NNGP networks (rg-theory.md §6), for finite-width Monte Carlo.
 *
 * erf(z) = (2/√π) ∫₀^z e^{−t²} dt, evaluated as
 *   |z| < 2:  Maclaurin series (2/√π) Σ_n (−1)ⁿ z^{2n+1} / (n! (2n+1))  (alternating; abs. error < 1e-15)
 *   |z| ≥ 2:  erfc(z) = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …))))  (Laplace continued
 *             fraction, 60 levels, evaluated bottom-up; relative error of erfc < 1e-14 for z ≥ 2)
 * (Abramowitz & Stegun 7.1.5 and 7.1.15).
 */

export function relu(z: number): number {
  return z > 0 ? z : 0;
}

export function erf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const az = Math.abs(z);
  if (az < 2) {
    const z2 = z * z;
    let term = z;
    let sum = z;
    for (let n = 1; n < 100; n++) {
      term *= -z2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) <= 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  if (az > 6) return Math.sign(z); // erfc(6) ≈ 2e-17 < ulp(1)/2
  let fraction = az;
  for (let n = 60; n >= 1; n--) fraction = az + n / 2 / fraction;
  const erfc = Math.exp(-az * az) / Math.sqrt(Math.PI) / fraction;
  return Math.sign(z) * (1 - erfc);
}

/** φ for an NNGP activation name. */
export function activationFunction(activation: 'relu' | 'erf'): (z: number) => number {
  return activation === 'relu' ? relu : erf;
}
