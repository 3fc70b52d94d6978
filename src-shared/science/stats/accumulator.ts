/**
 * Streaming mean / variance accumulators in float64 for Monte-Carlo averages (rg-theory.md §5, §7:
 * "average c over m datasets, with standard errors from the sample covariance, accumulated in
 * float64").
 *
 * Updates are Welford's (Technometrics 4, 1962): with δ = x − mean_{n−1},
 *   mean_n = mean_{n−1} + δ/n,   M2_n = M2_{n−1} + δ (x − mean_n).
 * Partials from several threads combine with Chan, Golub & LeVeque (1979):
 *   n = n_a + n_b, Δ = mean_b − mean_a, mean = mean_a + Δ n_b/n, M2 = M2_a + M2_b + Δ² n_a n_b/n.
 * Merging is deterministic: merge per-thread partials in a fixed order (e.g. by thread index) to
 * get bit-identical results run to run.
 *
 * Non-finite samples throw (a NaN would silently poison millions of trials).
 */
import { pairwiseSum } from './summation';

/** Plain-data snapshot of a `MeanAccumulator` (structured-clone / JSON safe). */
export interface MeanAccumulatorState {
  readonly count: number;
  readonly mean: number;
  /** Σ (x_i − mean)². */
  readonly m2: number;
}

function assertFiniteSample(where: string, value: number, index?: number): void {
  if (!Number.isFinite(value)) {
    const at = index === undefined ? '' : ` at index ${index}`;
    throw new RangeError(`${where}: sample${at} is not finite (got ${value})`);
  }
}

/** Scalar running mean and variance (Welford), mergeable across threads. */
export class MeanAccumulator {
  private n = 0;
  private mu = 0;
  private sumSq = 0;

  /** Rebuilds an accumulator from `state` (e.g. a partial sent back by a worker thread). */
  static fromState(state: MeanAccumulatorState): MeanAccumulator {
    if (!Number.isInteger(state.count) || state.count < 0) {
      throw new RangeError(`MeanAccumulator.fromState: count must be an integer ≥ 0 (got ${state.count})`);
    }
    if (!Number.isFinite(state.mean) || !Number.isFinite(state.m2) || state.m2 < 0) {
      throw new RangeError(
        `MeanAccumulator.fromState: mean must be finite and m2 finite ≥ 0 (got mean ${state.mean}, m2 ${state.m2})`,
      );
    }
    const acc = new MeanAccumulator();
    acc.n = state.count;
    acc.mu = state.count === 0 ? 0 : state.mean;
    acc.sumSq = state.count === 0 ? 0 : state.m2;
    return acc;
  }

  /** Number of samples added. */
  get count(): number {
    return this.n;
  }

  /** Sample mean. Throws when empty. */
  get mean(): number {
    if (this.n === 0) throw new Error('MeanAccumulator.mean: no samples added yet');
    return this.mu;
  }

  /** Σ (x_i − mean)² (Welford's M2). */
  get m2(): number {
    return this.sumSq;
  }

  /** Adds one sample (Welford update). */
  add(value: number): this {
    assertFiniteSample('MeanAccumulator.add', value);
    this.n += 1;
    const delta = value - this.mu;
    this.mu += delta / this.n;
    this.sumSq += delta * (value - this.mu);
    return this;
  }

  /**
   * Adds a batch: its mean and M2 are computed two-pass with pairwise sums (plus the usual
   * correction term Σ(x − m̂)/m), then merged as a partial (Chan et al.). More accurate and faster
   * than one `add` per sample.
   */
  addBatch(values: ArrayLike<number>): this {
    const m = values.length;
    if (m === 0) return this;
    for (let i = 0; i < m; i++) assertFiniteSample('MeanAccumulator.addBatch', values[i], i);
    const roughMean = pairwiseSum(values) / m;
    const deviations = new Float64Array(m);
    for (let i = 0; i < m; i++) deviations[i] = values[i] - roughMean;
    const correction = pairwiseSum(deviations) / m;
    const batchMean = roughMean + correction;
    for (let i = 0; i < m; i++) {
      const d = values[i] - batchMean;
      deviations[i] = d * d;
    }
    const batchM2 = pairwiseSum(deviations);
    return this.mergeState({ count: m, mean: batchMean, m2: batchM2 });
  }

  /** Merges another accumulator into this one (Chan et al.); `other` is unchanged. */
  merge(other: MeanAccumulator | MeanAccumulatorState): this {
    const state = other instanceof MeanAccumulator ? other.state() : other;
    return this.mergeState(state);
  }

  private mergeState(b: MeanAccumulatorState): this {
    if (b.count === 0) return this;
    if (this.n === 0) {
      this.n = b.count;
      this.mu = b.mean;
      this.sumSq = b.m2;
      return this;
    }
    const n = this.n + b.count;
    const delta = b.mean - this.mu;
    this.mu += (delta * b.count) / n;
    this.sumSq += b.m2 + ((delta * delta * this.n) / n) * b.count;
    this.n = n;
    return this;
  }

  /** Sample variance M2/(count − ddof); default ddof = 1 (unbiased). Throws when count ≤ ddof. */
  variance(ddof = 1): number {
    if (this.n <= ddof) {
      throw new Error(`MeanAccumulator.variance: need more than ${ddof} sample(s) (have ${this.n})`);
    }
    return this.sumSq / (this.n - ddof);
  }

  /** Standard error of the mean, √(variance/count) with the unbiased variance. Needs ≥ 2 samples. */
  standardError(): number {
    return Math.sqrt(this.variance(1) / this.n);
  }

  /** Plain-data snapshot (for sending across threads / storing). */
  state(): MeanAccumulatorState {
    return { count: this.n, mean: this.mu, m2: this.sumSq };
  }
}

/** Plain-data snapshot of a `VectorMeanAccumulator`. */
export interface VectorMeanAccumulatorState {
  readonly dimension: number;
  readonly count: number;
  readonly mean: Float64Array;
  /** d×d row-major co-moment matrix Σ (x_i − mean)(x_i − mean)ᵀ. */
  readonly comoment: Float64Array;
}

/**
 * Multivariate Welford: running mean vector and co-moment matrix C = Σ (x − mean)(x − mean)ᵀ,
 * mergeable with the multivariate Chan et al. formula C = C_a + C_b + Δ Δᵀ n_a n_b / n.
 * Used for the toy model's (c₁, c₂) and any per-trial vector of coefficients.
 */
export class VectorMeanAccumulator {
  readonly dimension: number;
  private n = 0;
  private readonly mu: Float64Array;
  private readonly co: Float64Array;
  private readonly delta: Float64Array;

  constructor(dimension: number) {
    if (!Number.isInteger(dimension) || dimension < 1) {
      throw new RangeError(`VectorMeanAccumulator: dimension must be an integer ≥ 1 (got ${dimension})`);
    }
    this.dimension = dimension;
    this.mu = new Float64Array(dimension);
    this.co = new Float64Array(dimension * dimension);
    this.delta = new Float64Array(dimension);
  }

  /** Rebuilds an accumulator from a snapshot (copies the arrays). */
  static fromState(state: VectorMeanAccumulatorState): VectorMeanAccumulator {
    const acc = new VectorMeanAccumulator(state.dimension);
    const d = state.dimension;
    if (state.mean.length !== d || state.comoment.length !== d * d) {
      throw new RangeError(
        `VectorMeanAccumulator.fromState: mean must have length ${d} and comoment ${d * d} ` +
          `(got ${state.mean.length} and ${state.comoment.length})`,
      );
    }
    if (!Number.isInteger(state.count) || state.count < 0) {
      throw new RangeError(`VectorMeanAccumulator.fromState: count must be an integer ≥ 0 (got ${state.count})`);
    }
    acc.n = state.count;
    acc.mu.set(state.mean);
    acc.co.set(state.comoment);
    return acc;
  }

  get count(): number {
    return this.n;
  }

  /** Copy of the mean vector. Throws when empty. */
  mean(): Float64Array {
    if (this.n === 0) throw new Error('VectorMeanAccumulator.mean: no samples added yet');
    return Float64Array.from(this.mu);
  }

  /** Adds one sample vector (length = dimension). */
  add(sample: ArrayLike<number>): this {
    const d = this.dimension;
    if (sample.length !== d) {
      throw new RangeError(`VectorMeanAccumulator.add: sample must have length ${d} (got ${sample.length})`);
    }
    for (let i = 0; i < d; i++) assertFiniteSample('VectorMeanAccumulator.add', sample[i], i);
    this.n += 1;
    const invN = 1 / this.n;
    // C += (x − mean_old)(x − mean_new)ᵀ, symmetric in exact arithmetic; symmetrised below.
    for (let i = 0; i < d; i++) {
      this.delta[i] = sample[i] - this.mu[i];
      this.mu[i] += this.delta[i] * invN;
    }
    for (let i = 0; i < d; i++) {
      const di = this.delta[i];
      for (let j = 0; j <= i; j++) {
        const inc = di * (sample[j] - this.mu[j]);
        this.co[i * d + j] += inc;
        if (j !== i) this.co[j * d + i] = this.co[i * d + j];
      }
    }
    return this;
  }

  /**
   * Adds `rowCount` samples stored row-major in `rows` (rowCount × dimension), e.g. one
   * worker's batch of trials. Equivalent to `add` on each row in order.
   */
  addBatch(rows: ArrayLike<number>, rowCount: number): this {
    const d = this.dimension;
    if (!Number.isInteger(rowCount) || rowCount < 0 || rows.length !== rowCount * d) {
      throw new RangeError(
        `VectorMeanAccumulator.addBatch: rows must have length rowCount·dimension = ${rowCount}·${d} (got ${rows.length})`,
      );
    }
    const row = new Float64Array(d);
    for (let r = 0; r < rowCount; r++) {
      for (let i = 0; i < d; i++) row[i] = rows[r * d + i];
      this.add(row);
    }
    return this;
  }

  /** Merges another accumulator (multivariate Chan et al.); `other` is unchanged. */
  merge(other: VectorMeanAccumulator | VectorMeanAccumulatorState): this {
    const b = other instanceof VectorMeanAccumulator ? other.state() : other;
    const d = this.dimension;
    if (b.dimension !== d) {
      throw new RangeError(`VectorMeanAccumulator.merge: dimension mismatch (${d} vs ${b.dimension})`);
    }
    if (b.count === 0) return this;
    if (this.n === 0) {
      this.n = b.count;
      this.mu.set(b.mean);
      this.co.set(b.comoment);
      return this;
    }
    const n = this.n + b.count;
    const factor = (this.n / n) * b.count;
    for (let i = 0; i < d; i++) this.delta[i] = b.mean[i] - this.mu[i];
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        this.co[i * d + j] += b.comoment[i * d + j] + this.delta[i] * this.delta[j] * factor;
      }
    }
    for (let i = 0; i < d; i++) this.mu[i] += (this.delta[i] * b.count) / n;
    this.n = n;
    return this;
  }

  /** Sample covariance C/(count − ddof), d×d row-major; default ddof = 1. Throws when count ≤ ddof. */
  covariance(ddof = 1): Float64Array {
    if (this.n <= ddof) {
      throw new Error(`VectorMeanAccumulator.covariance: need more than ${ddof} sample(s) (have ${this.n})`);
    }
    const out = new Float64Array(this.co.length);
    const s = 1 / (this.n - ddof);
    for (let i = 0; i < out.length; i++) out[i] = this.co[i] * s;
    return out;
  }

  /** Standard errors of the mean components, √(C_ii/(count(count − 1))). Needs ≥ 2 samples. */
  standardErrors(): Float64Array {
    const cov = this.covariance(1);
    const d = this.dimension;
    const out = new Float64Array(d);
    for (let i = 0; i < d; i++) out[i] = Math.sqrt(cov[i * d + i] / this.n);
    return out;
  }

  /** Plain-data snapshot (copies). */
  state(): VectorMeanAccumulatorState {
    return {
      dimension: this.dimension,
      count: this.n,
      mean: Float64Array.from(this.mu),
      comoment: Float64Array.from(this.co),
    };
  }
}
