/**
 * The toy model of rg-theory.md §5 on a TensorFlow.js backend: float32 batched work on the device,
 * float64 accumulation on the host. Produces the same per-chunk `ToyHermitePartial`s as the CPU
 * runner (src-shared/experiments/toy-hermite.ts) for the same chunk layout, so
 * `toyHermitePlan.reduce` combines them unchanged.
 *
 * Per dataset D = {x_μ}, μ = 1..n, x_μ ~ N(0,1), features Φ = [He₁, He₂](x_μ), target y = He₅:
 *
 *     c = (ΦᵀΦ + σ² diag(1/λ₁, 1/λ₂))⁻¹ Φᵀy        (Woodbury form of the posterior mean; §5)
 *
 * with He₁ = x, He₂ = x² − 1, He₅ = x(x²(x² − 10) + 15). For a batch of B datasets, x: [B, n]:
 *  - device, float32: the five sums G₁₁ = Σ He₁², G₁₂ = Σ He₁He₂, G₂₂ = Σ He₂², b₁ = Σ He₁He₅,
 *    b₂ = Σ He₂He₅ (products of the Hermite values, not power sums: no cancellation between
 *    S₆ and 10S₄ in float32), then the batched 2×2 solve in closed form by the Schur complement
 *    of a₂₂ (no product of two large numbers, so no float32 overflow for large σ²):
 *      a₁₁ = G₁₁ + σ²/λ₁,  a₂₂ = G₂₂ + σ²/λ₂,  s = G₁₂/a₂₂,
 *      c₁ = (b₁ − s b₂)/(a₁₁ − s G₁₂),  c₂ = (b₂ − G₁₂ c₁)/a₂₂;
 *    λ₂ = 0 drops mode 2: c₁ = b₁/a₁₁, c₂ = 0.
 *    (Choice: solve on the device. a₁₁ ≥ σ²/λ₁ and a₂₂ ≥ σ²/λ₂ are large and positive, so the
 *    systems are well conditioned; the float32 result agrees with a float64 solve of the same
 *    inputs to ~5e-6 of the coefficients' scale, and only [B, 2] floats come back.)
 *  - host, float64: c₁, c₂ converted exactly to float64, then Σc₁, Σc₂, Σc₁², Σc₁c₂, Σc₂² with
 *    Kahan–Neumaier compensation in trial order, one set per chunk. The float32 error is per
 *    trial (~1e-6 relative) and does not grow with m.
 *
 * Sampling (`sampler`):
 *  - 'trial-streams' (default): trial t's inputs are the first n normals of
 *    TrialNormalGenerator(seed).reset(t) — the very datasets of the CPU runner — rounded to
 *    float32 and uploaded. Same numbers on every backend and batch size, and per-trial agreement
 *    with the float64 CPU engine to float32 accuracy. Host cost ≈ 10⁸ normals/s per thread.
 *  - 'tfjs': tf.randomNormal([count, n], 0, 1, 'float32', seed(spec.seed, chunk)) per chunk.
 *    NOTE: tfjs draws these in JavaScript on the host too (seedrandom + Marsaglia polar, ≈ 3·10⁷
 *    normals/s) and uploads them; there is no on-device RNG in tfjs 4.22. Reproducible for the
 *    same (spec, seed, chunk), independent of the batch size; different draws from the CPU runner.
 *
 * Memory: each batch is built and reduced inside tf.tidy; only the [B, 2] result survives it and
 * is disposed after the download, so tf.memory().numTensors is unchanged across calls.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { toyHermiteChunkRange, type ToyHermitePartial, type ToyHermiteSpec } from '../../../src-shared/experiments/toy-hermite';
import { philox4x32 } from '../../../src-shared/science/random/philox';
import { TrialNormalGenerator } from '../../../src-shared/science/random/trial-normals';
import { NeumaierSum } from '../../../src-shared/science/stats/summation';

type Tfjs = typeof TF;

/** The spec fields this path needs. */
export type ToyHermiteTensorSpec = Pick<ToyHermiteSpec, 'seed' | 'trialCount' | 'sampleCount' | 'ridge' | 'lambda1' | 'lambda2'>;

export type ToyHermiteSampler = 'trial-streams' | 'tfjs';

export interface ToyHermiteTensorOptions {
  /** Where x comes from (see module doc). Default 'trial-streams'. */
  readonly sampler?: ToyHermiteSampler;
  /**
   * Most datasets per device batch: whole chunks are grouped until the next would exceed it (at
   * least one chunk per batch). Memory ≈ 4·n bytes per dataset for x, a few times that while a
   * batch runs. Default 2¹⁸ (≈ 100 MB of x at n = 100); GPUs want 10⁶ or more. Does not change
   * the results.
   */
  readonly maxBatchTrials?: number;
  /** Called with each batch's float32 [c₁, c₂] pairs and its first trial, before accumulation. */
  readonly onBatch?: (coefficients: Float32Array, firstTrial: number, trials: number) => void;
  /** Checked between batches: an aborted run returns the chunks completed so far (see result). */
  readonly signal?: AbortSignal;
}

export const DEFAULT_TENSOR_BATCH_TRIALS = 262_144;

/** Columns of the [B, 5] sums tensor. */
export const TOY_SUM_COLUMNS = ['G11', 'G12', 'G22', 'b1', 'b2'] as const;

const TWO_POW_32 = 4294967296;
/** 'toyh': separates these seeds from other uses of Philox with the same key. */
const TOY_TENSOR_DOMAIN = 0x746f7968;
/** Largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * The seed given to tf.randomNormal for (seed, chunk) with the 'tfjs' sampler: Philox4x32-10 with
 * key = seed and counter = (chunk lo, chunk hi, 0, 'toyh'), 52 bits of the output, + 1 (tfjs treats
 * a seed of 0 as "no seed"). An integer in [1, 2⁵²], exact as the decimal string tfjs hashes.
 */
export function toyTensorChunkSeed(seed: number, chunkIndex: number): number {
  const out = philox4x32(
    [chunkIndex % TWO_POW_32, Math.floor(chunkIndex / TWO_POW_32), 0, TOY_TENSOR_DOMAIN],
    [seed % TWO_POW_32, Math.floor(seed / TWO_POW_32)],
  );
  return (out[0] & 0xfffff) * TWO_POW_32 + out[1] + 1;
}

/**
 * The five sums per dataset, [B, 5] = [G₁₁, G₁₂, G₂₂, b₁, b₂], for x of shape [B, n] (float32).
 * Call inside tf.tidy.
 */
export function toyHermiteSums(tf: Tfjs, x: TF.Tensor2D): TF.Tensor2D {
  const x2 = tf.mul(x, x);
  const he2 = tf.sub(x2, 1);
  const he5 = tf.mul(x, tf.add(tf.mul(x2, tf.sub(x2, 10)), 15));
  return tf.stack(
    [tf.sum(x2, 1), tf.sum(tf.mul(x, he2), 1), tf.sum(tf.mul(he2, he2), 1), tf.sum(tf.mul(x, he5), 1), tf.sum(tf.mul(he2, he5), 1)],
    1,
  ) as TF.Tensor2D;
}

/** Batched closed-form solve (see module doc): [B, 5] sums → [B, 2] = [c₁, c₂]. Call inside tf.tidy. */
export function toyHermiteSolveBatch(tf: Tfjs, sums: TF.Tensor2D, params: Pick<ToyHermiteSpec, 'ridge' | 'lambda1' | 'lambda2'>): TF.Tensor2D {
  const [g11, g12, g22, b1, b2] = tf.unstack(sums, 1);
  const a11 = tf.add(g11, params.ridge / params.lambda1);
  if (params.lambda2 === 0) {
    const c1 = tf.div(b1, a11);
    return tf.stack([c1, tf.zerosLike(c1)], 1) as TF.Tensor2D;
  }
  const a22 = tf.add(g22, params.ridge / params.lambda2);
  const s = tf.div(g12, a22);
  const c1 = tf.div(tf.sub(b1, tf.mul(s, b2)), tf.sub(a11, tf.mul(s, g12)));
  const c2 = tf.div(tf.sub(b2, tf.mul(g12, c1)), a22);
  return tf.stack([c1, c2], 1) as TF.Tensor2D;
}

/**
 * Inputs of trials [first, first + count) as float32, row-major [count, n]: the CPU runner's
 * per-trial streams (TrialNormalGenerator), rounded to float32.
 */
export function toyTrialStreamInputs(seed: number, sampleCount: number, first: number, count: number, out = new Float32Array(count * sampleCount)): Float32Array {
  const generator = new TrialNormalGenerator(seed);
  const row = new Float64Array(sampleCount);
  for (let i = 0; i < count; i++) {
    generator.reset(first + i).fillNormal(row, sampleCount);
    out.set(row, i * sampleCount);
  }
  return out;
}

/** x: [Σ counts, n] for the given chunks, on the device. Call inside tf.tidy. */
export function toyHermiteSample(
  tf: Tfjs,
  spec: ToyHermiteTensorSpec,
  chunks: readonly { index: number; first: number; count: number }[],
  sampler: ToyHermiteSampler = 'trial-streams',
): TF.Tensor2D {
  const n = spec.sampleCount;
  const total = chunks.reduce((s, c) => s + c.count, 0);
  if (sampler === 'tfjs') {
    const parts = chunks.map((c) => tf.randomNormal([c.count, n], 0, 1, 'float32', toyTensorChunkSeed(spec.seed, c.index)) as TF.Tensor2D);
    return parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  }
  const values = new Float32Array(total * n);
  let offset = 0;
  for (const c of chunks) {
    toyTrialStreamInputs(spec.seed, n, c.first, c.count, values.subarray(offset * n, (offset + c.count) * n));
    offset += c.count;
  }
  return tf.tensor2d(values, [total, n], 'float32');
}

function validate(spec: ToyHermiteTensorSpec): void {
  if (!Number.isInteger(spec.seed) || spec.seed < 0 || spec.seed > 2 ** 53) throw new RangeError(`seed must be an integer in [0, 2^53], got ${spec.seed}`);
  if (!Number.isInteger(spec.trialCount) || spec.trialCount < 1) throw new RangeError(`trialCount must be an integer ≥ 1, got ${spec.trialCount}`);
  if (!Number.isInteger(spec.sampleCount) || spec.sampleCount < 1) throw new RangeError(`sampleCount must be an integer ≥ 1, got ${spec.sampleCount}`);
  if (!(spec.ridge > 0) || !Number.isFinite(spec.ridge)) throw new RangeError(`ridge must be finite and > 0, got ${spec.ridge}`);
  if (!(spec.lambda1 > 0) || !Number.isFinite(spec.lambda1)) throw new RangeError(`lambda1 must be finite and > 0, got ${spec.lambda1}`);
  if (!(spec.lambda2 >= 0) || !Number.isFinite(spec.lambda2)) throw new RangeError(`lambda2 must be finite and ≥ 0, got ${spec.lambda2}`);
  if (spec.ridge / spec.lambda1 > FLOAT32_MAX || (spec.lambda2 > 0 && spec.ridge / spec.lambda2 > FLOAT32_MAX)) {
    throw new RangeError(`σ²/λ overflows float32 (ridge ${spec.ridge}, λ₁ ${spec.lambda1}, λ₂ ${spec.lambda2}); use the float64 CPU engine`);
  }
}

/**
 * Runs chunks [firstChunk, firstChunk + chunkCount) of the toy-hermite chunk layout
 * (`toyHermiteChunkRange`) on the current tfjs backend, several chunks per device batch, and
 * returns one float64 partial per chunk, in chunk order. On abort (options.signal) it stops
 * between batches and returns the partials completed so far (shorter array).
 */
export async function runToyHermiteTensorChunks(
  tf: Tfjs,
  spec: ToyHermiteTensorSpec,
  firstChunk: number,
  chunkCount: number,
  options: ToyHermiteTensorOptions = {},
): Promise<ToyHermitePartial[]> {
  validate(spec);
  if (!Number.isInteger(firstChunk) || firstChunk < 0) throw new RangeError(`firstChunk must be an integer ≥ 0, got ${firstChunk}`);
  if (!Number.isInteger(chunkCount) || chunkCount < 0) throw new RangeError(`chunkCount must be an integer ≥ 0, got ${chunkCount}`);
  const sampler = options.sampler ?? 'trial-streams';
  const maxBatch = Math.max(1, Math.floor(options.maxBatchTrials ?? DEFAULT_TENSOR_BATCH_TRIALS));
  const chunks = Array.from({ length: chunkCount }, (_, i) => ({ index: firstChunk + i, ...toyHermiteChunkRange(spec, firstChunk + i) }));
  const partials: ToyHermitePartial[] = [];
  for (let next = 0; next < chunks.length; ) {
    if (options.signal?.aborted) break;
    // Group whole chunks up to maxBatch datasets (at least one chunk).
    const group = [chunks[next]];
    let trials = chunks[next].count;
    while (next + group.length < chunks.length && trials + chunks[next + group.length].count <= maxBatch) {
      trials += chunks[next + group.length].count;
      group.push(chunks[next + group.length]);
    }
    next += group.length;
    if (trials === 0) {
      for (const c of group) partials.push({ trials: 0, sum: new Float64Array(2), sumSquares: new Float64Array(3) });
      continue;
    }
    const coefficients = tf.tidy(() => toyHermiteSolveBatch(tf, toyHermiteSums(tf, toyHermiteSample(tf, spec, group, sampler)), spec));
    let values: Float32Array;
    try {
      values = (await coefficients.data()) as Float32Array;
    } finally {
      coefficients.dispose();
    }
    options.onBatch?.(values, group[0].first, trials);
    let row = 0;
    for (const c of group) {
      partials.push(accumulate(values, row, c.count, c.first));
      row += c.count;
    }
  }
  return partials;
}

/** One chunk (see `runToyHermiteTensorChunks`): the tensor counterpart of `toyHermitePlan.runChunk`. */
export async function runToyHermiteTensorChunk(tf: Tfjs, spec: ToyHermiteTensorSpec, chunkIndex: number, options: ToyHermiteTensorOptions = {}): Promise<ToyHermitePartial> {
  const [partial] = await runToyHermiteTensorChunks(tf, spec, chunkIndex, 1, options);
  return partial;
}

/** Float64 Kahan–Neumaier sums of rows [row, row + count) of the [B, 2] coefficients. */
function accumulate(values: Float32Array, row: number, count: number, firstTrial: number): ToyHermitePartial {
  const s1 = new NeumaierSum();
  const s2 = new NeumaierSum();
  const s11 = new NeumaierSum();
  const s12 = new NeumaierSum();
  const s22 = new NeumaierSum();
  for (let i = row; i < row + count; i++) {
    const c1 = values[2 * i];
    const c2 = values[2 * i + 1];
    if (!Number.isFinite(c1) || !Number.isFinite(c2)) {
      throw new RangeError(`toy-hermite (tensor): trial ${firstTrial + i - row} gave a non-finite coefficient (c₁ = ${c1}, c₂ = ${c2})`);
    }
    // Products of two float32 values are exact in float64.
    s1.add(c1);
    s2.add(c2);
    s11.add(c1 * c1);
    s12.add(c1 * c2);
    s22.add(c2 * c2);
  }
  return { trials: count, sum: Float64Array.of(s1.value, s2.value), sumSquares: Float64Array.of(s11.value, s12.value, s22.value) };
}
