/**
 * Probabilists' Hermite polynomials He_n (rg-theory.md §5):
 *   He_0 = 1, He_1 = x, He_{n+1}(x) = x He_n(x) − n He_{n−1}(x),
 * orthogonal under x ~ N(0,1): E[He_n He_m] = n! δ_nm, so He_n/√(n!) are orthonormal.
 */

/** Largest degree whose n! is finite in float64 (170! ≈ 7.3e306). */
export const MAX_HERMITE_DEGREE = 170;

function checkDegree(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${n}`);
}

/** He_n(x) by the three-term recurrence He_{n+1} = x He_n − n He_{n−1}. */
export function probabilistsHermite(n: number, x: number): number {
  checkDegree(n, 'n');
  if (n === 0) return 1;
  let previous = 1; // He_0
  let current = x; // He_1
  for (let k = 1; k < n; k++) {
    const next = x * current - k * previous;
    previous = current;
    current = next;
  }
  return current;
}

/** [He_0(x), He_1(x), …, He_maxDegree(x)] by the same recurrence. */
export function hermiteValues(maxDegree: number, x: number, out?: Float64Array): Float64Array {
  checkDegree(maxDegree, 'maxDegree');
  const values = out ?? new Float64Array(maxDegree + 1);
  if (values.length < maxDegree + 1) throw new Error(`out must have length ≥ ${maxDegree + 1}`);
  values[0] = 1;
  if (maxDegree >= 1) values[1] = x;
  for (let k = 1; k < maxDegree; k++) values[k + 1] = x * values[k] - k * values[k - 1];
  return values;
}

/** n! in float64 (exact for n ≤ 22, correctly rounded to within a few ulp beyond). */
export function factorial(n: number): number {
  checkDegree(n, 'n');
  let result = 1;
  for (let k = 2; k <= n; k++) result *= k;
  return result;
}
