/**
 * Accurate summation of float64 arrays.
 *
 * Monte-Carlo runners average millions of trials; a naive running sum loses ~log10(m) digits.
 * Two remedies, both deterministic (same input order → same bits):
 *  - `kahanNeumaierSum`: compensated summation (Neumaier 1974, "Rundungsfehleranalyse einiger
 *    Verfahren zur Summation endlicher Summen", ZAMM 54). Error bound ≈ 2ε Σ|x_i| independent of
 *    the length, also when a new term is larger than the running sum (the improvement over Kahan).
 *  - `pairwiseSum`: recursive halving (Higham, Accuracy and Stability of Numerical Algorithms,
 *    §4.2): error O(ε log₂ m Σ|x_i|), vectorisable base case.
 */

/** Base-case block length of `pairwiseSum` (plain loop below this length). */
export const PAIRWISE_BLOCK_LENGTH = 128;

/** Running Kahan–Neumaier compensated sum, for streaming use. */
export class NeumaierSum {
  private sum = 0;
  private compensation = 0;

  /** Adds one term: t = s + x; c += (|s| ≥ |x|) ? (s − t) + x : (x − t) + s; s = t. */
  add(value: number): this {
    const t = this.sum + value;
    if (Math.abs(this.sum) >= Math.abs(value)) {
      this.compensation += this.sum - t + value;
    } else {
      this.compensation += value - t + this.sum;
    }
    this.sum = t;
    return this;
  }

  /** The compensated total s + c. */
  get value(): number {
    return this.sum + this.compensation;
  }
}

/** Σ_i values[i] with Kahan–Neumaier compensation (see module doc). Empty input → 0. */
export function kahanNeumaierSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += sum - t + x;
    } else {
      compensation += x - t + sum;
    }
    sum = t;
  }
  return sum + compensation;
}

/** Σ_i values[i] by pairwise (cascade) summation (see module doc). Empty input → 0. */
export function pairwiseSum(values: ArrayLike<number>): number {
  return pairwiseRange(values, 0, values.length);
}

function pairwiseRange(values: ArrayLike<number>, start: number, length: number): number {
  if (length <= PAIRWISE_BLOCK_LENGTH) {
    let s = 0;
    for (let i = start; i < start + length; i++) s += values[i];
    return s;
  }
  const half = length >>> 1;
  return pairwiseRange(values, start, half) + pairwiseRange(values, start + half, length - half);
}
