/**
 * The float32 batched tensor path of the toy model (rg-theory.md §5) against a float64 reference.
 *
 * 1. Same inputs: the device's float32 sums and 2×2 solves against float64 sums and solves of the
 *    very same (downloaded) x: agree to ~1e-5 of the coefficients' scale.
 * 2. Independent draws: the Monte-Carlo mean of c₁ (and c₂) from the tensor path (host float64
 *    accumulation) against a pure Float64Array Monte Carlo with its own random numbers (Philox
 *    streams): agree within 4 combined standard errors (λ₁ = 1, λ₂ = 0.1, σ² = 400, n = 100).
 * 3. With the default 'trial-streams' sampler the tensor path sees the CPU runner's datasets:
 *    its per-chunk partials match `toyHermiteTrials` (float64) to float32 accuracy.
 * Plus: reproducible per (seed, chunk) and independent of the batch size, no tensors leak,
 * λ₂ = 0 drops mode 2, cancellation between batches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { detectTensorBackends, selectTensorBackend, type Tfjs } from '../../src-main/engine/tensor/backends';
import {
  runToyHermiteTensorChunk,
  runToyHermiteTensorChunks,
  toyHermiteSample,
  toyHermiteSolveBatch,
  toyHermiteSums,
} from '../../src-main/engine/tensor/toy-hermite';
import { toyHermiteChunkCount, toyHermitePlan, toyHermiteSchema, toyHermiteTrials, type ToyHermitePartial } from '../../src-shared/experiments/toy-hermite';
import { TensorExecutor } from '../../src-main/engine/tensor-executor';
import { pureLinearAlgebra } from '../../src-shared/science/linalg';
import { createStream } from '../../src-shared/science/random';
import { NeumaierSum } from '../../src-shared/science/stats';

/** 40 000 trials = 2 chunks of 20 000: s.e. of ⟨c₁⟩ ≈ 0.0033 per path. */
const SPEC = { seed: 20240611, trialCount: 40_000, sampleCount: 100, ridge: 400, lambda1: 1, lambda2: 0.1 };
/** §5 Monte Carlo at these settings (5·10⁶ datasets): −5.07e−3 ± 0.30e−3. */
const REFERENCE_SLOPE = -5.07e-3;

interface Moments {
  trials: number;
  mean: [number, number];
  standardError: [number, number];
  rms: number;
}

function moments(partials: readonly ToyHermitePartial[]): Moments {
  let m = 0;
  const s = [0, 0];
  const q = [0, 0];
  for (const p of partials) {
    m += p.trials;
    s[0] += p.sum[0];
    s[1] += p.sum[1];
    q[0] += p.sumSquares[0];
    q[1] += p.sumSquares[2];
  }
  const mean: [number, number] = [s[0] / m, s[1] / m];
  const variance = [0, 1].map((k) => (q[k] - m * mean[k] ** 2) / (m - 1));
  return { trials: m, mean, standardError: [Math.sqrt(variance[0] / m), Math.sqrt(variance[1] / m)], rms: Math.sqrt(q[0] / m) };
}

/** Probabilists' Hermite He₀..He₅ at x by the recurrence He_{k+1} = x He_k − k He_{k−1}. */
function hermite5(x: number, out: Float64Array): Float64Array {
  out[0] = 1;
  out[1] = x;
  for (let k = 1; k < 5; k++) out[k + 1] = x * out[k] - k * out[k - 1];
  return out;
}

/** float64 posterior-mean coefficients c = (ΦᵀΦ + σ² diag(1/λ₁, 1/λ₂))⁻¹Φᵀy for one dataset (Cramer). */
function solveFloat64(x: ArrayLike<number>, offset: number, n: number, spec: Pick<typeof SPEC, 'ridge' | 'lambda1' | 'lambda2'>, he = new Float64Array(6)): [number, number] {
  let g11 = 0;
  let g12 = 0;
  let g22 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let j = 0; j < n; j++) {
    hermite5(x[offset + j], he);
    g11 += he[1] * he[1];
    g12 += he[1] * he[2];
    g22 += he[2] * he[2];
    b1 += he[1] * he[5];
    b2 += he[2] * he[5];
  }
  const a11 = g11 + spec.ridge / spec.lambda1;
  if (spec.lambda2 === 0) return [b1 / a11, 0];
  const a22 = g22 + spec.ridge / spec.lambda2;
  const det = a11 * a22 - g12 * g12;
  return [(a22 * b1 - g12 * b2) / det, (a11 * b2 - g12 * b1) / det];
}

/** Pure float64 Monte Carlo with its own draws: Philox stream (seed, trial) per dataset. */
function float64MonteCarlo(spec: typeof SPEC, seed: number, trials: number): ToyHermitePartial {
  const x = new Float64Array(spec.sampleCount);
  const he = new Float64Array(6);
  const sums = [new NeumaierSum(), new NeumaierSum(), new NeumaierSum(), new NeumaierSum(), new NeumaierSum()];
  for (let t = 0; t < trials; t++) {
    createStream(seed, t).fillNormal(x);
    const [c1, c2] = solveFloat64(x, 0, spec.sampleCount, spec, he);
    sums[0].add(c1);
    sums[1].add(c2);
    sums[2].add(c1 * c1);
    sums[3].add(c1 * c2);
    sums[4].add(c2 * c2);
  }
  return { trials, sum: Float64Array.of(sums[0].value, sums[1].value), sumSquares: Float64Array.of(sums[2].value, sums[3].value, sums[4].value) };
}

let reference: Moments;
let backends: string[];

beforeAll(async () => {
  backends = (await detectTensorBackends()).filter((i) => i.available && (i.name === 'cpu' || i.name === 'wasm')).map((i) => i.name);
  reference = moments([float64MonteCarlo(SPEC, 777, SPEC.trialCount)]);
});

describe.each(['cpu', 'wasm'])('toy model on the %s backend (float32) vs float64', (name) => {
  let tf: Tfjs;

  beforeAll(async () => {
    if (!backends.includes(name)) return;
    tf = (await selectTensorBackend(name)).tf;
  });

  it.for(['tfjs', 'trial-streams'] as const)('per dataset (%s draws): float32 sums and solves match float64 on the same inputs to ~1e-5', async (sampler, ctx) => {
    if (!backends.includes(name)) ctx.skip(`${name} backend unavailable here`);
    const B = 2000;
    const n = SPEC.sampleCount;
    const x = tf.tidy(() => toyHermiteSample(tf, SPEC, [{ index: 5, first: 100_000, count: B }], sampler));
    const c = tf.tidy(() => toyHermiteSolveBatch(tf, toyHermiteSums(tf, x), SPEC));
    const [xv, cv] = await Promise.all([x.data(), c.data()]);
    tf.dispose([x, c]);
    let maxError = 0;
    let sumSquares = 0;
    for (let b = 0; b < B; b++) {
      const [c1, c2] = solveFloat64(xv, b * n, n, SPEC);
      maxError = Math.max(maxError, Math.abs(cv[2 * b] - c1), Math.abs(cv[2 * b + 1] - c2));
      sumSquares += c1 * c1 + c2 * c2;
    }
    const scale = Math.sqrt(sumSquares / (2 * B));
    // Measured ≈ 4–6e-6 of the scale (float32 reductions of He₁He₅ terms up to ~10³).
    expect(maxError / scale).toBeLessThan(2e-5);
  });

  it.for(['trial-streams', 'tfjs'] as const)('Monte-Carlo means of c₁, c₂ (%s draws) agree with an independent float64 Monte Carlo within 4 s.e.', async (sampler, ctx) => {
    if (!backends.includes(name)) ctx.skip(`${name} backend unavailable here`);
    const before = tf.memory().numTensors;
    const partials = await runToyHermiteTensorChunks(tf, SPEC, 0, toyHermiteChunkCount(SPEC), { sampler, maxBatchTrials: 20_000 });
    expect(tf.memory().numTensors).toBe(before); // nothing leaks across batches
    const tensor = moments(partials);
    expect(partials).toHaveLength(2);
    expect(tensor.trials).toBe(SPEC.trialCount);
    // Per-trial spread of c₁ ≈ 0.66 at λ₁ = 1 (§5).
    expect(tensor.rms).toBeGreaterThan(0.6);
    expect(tensor.rms).toBeLessThan(0.75);
    for (const k of [0, 1]) {
      const combined = Math.hypot(tensor.standardError[k], reference.standardError[k]);
      expect(Math.abs(tensor.mean[k] - reference.mean[k]), `c${k + 1}: ${tensor.mean[k]} vs ${reference.mean[k]} (± ${combined})`).toBeLessThan(4 * combined);
    }
    // Both are consistent with the §5 Monte Carlo slope (and E[c₂] = 0 by parity).
    expect(Math.abs(tensor.mean[0] - REFERENCE_SLOPE)).toBeLessThan(4 * Math.hypot(tensor.standardError[0], 0.3e-3));
    expect(Math.abs(reference.mean[0] - REFERENCE_SLOPE)).toBeLessThan(4 * Math.hypot(reference.standardError[0], 0.3e-3));
    expect(Math.abs(tensor.mean[1])).toBeLessThan(4 * tensor.standardError[1]);
  });

  it('trial-streams draws: per-chunk partials match the float64 CPU runner on the same datasets', async (ctx) => {
    if (!backends.includes(name)) ctx.skip(`${name} backend unavailable here`);
    const spec = { ...SPEC, trialCount: 45_000 }; // chunks of 20 000, 20 000, 5 000
    const tensor = await runToyHermiteTensorChunks(tf, spec, 1, 2);
    for (const [i, chunk] of [1, 2].entries()) {
      const first = chunk * 20_000;
      const count = Math.min(20_000, spec.trialCount - first);
      const cpu = toyHermiteTrials({ ...spec, xMax: 3, gridPoints: 2 }, first, count);
      expect(tensor[i].trials).toBe(count);
      const rms = Math.sqrt(cpu.sumSquares[0] / count);
      // Per-trial float32 error ≈ 1e-6 of the scale, of random sign: the chunk means agree to
      // ~1e-9 of the scale (measured), far below the Monte-Carlo error (≈ 5e-3 of the scale).
      expect(Math.abs(tensor[i].sum[0] - cpu.sum[0]) / count).toBeLessThan(1e-7 * rms);
      expect(Math.abs(tensor[i].sum[1] - cpu.sum[1]) / count).toBeLessThan(1e-7 * rms);
      for (const k of [0, 1, 2]) expect(Math.abs(tensor[i].sumSquares[k] - cpu.sumSquares[k]) / count).toBeLessThan(1e-6 * rms * rms);
    }
  });

  it.for(['tfjs', 'trial-streams'] as const)('%s draws: reproducible per (seed, chunk), independent of the batch size', async (sampler, ctx) => {
    if (!backends.includes(name)) ctx.skip(`${name} backend unavailable here`);
    const small = { ...SPEC, sampleCount: 10, trialCount: 45_000 }; // chunks of 20 000, 20 000, 5 000
    const one = await runToyHermiteTensorChunks(tf, small, 1, 2, { sampler, maxBatchTrials: 1 });
    const both = await runToyHermiteTensorChunks(tf, small, 1, 2, { sampler, maxBatchTrials: 1_000_000 });
    expect(one.map((p) => p.trials)).toEqual([20_000, 5_000]);
    expect(one.map((p) => Array.from(p.sum))).toEqual(both.map((p) => Array.from(p.sum)));
    expect(one.map((p) => Array.from(p.sumSquares))).toEqual(both.map((p) => Array.from(p.sumSquares)));
    const again = await runToyHermiteTensorChunk(tf, small, 1, { sampler });
    expect(Array.from(again.sum)).toEqual(Array.from(both[0].sum));
    expect((await runToyHermiteTensorChunk(tf, small, 0, { sampler })).sum[0]).not.toBe(again.sum[0]);
    expect((await runToyHermiteTensorChunk(tf, { ...small, seed: small.seed + 1 }, 1, { sampler })).sum[0]).not.toBe(again.sum[0]);
  });

  it('λ₂ = 0 drops mode 2 (c₂ ≡ 0) and matches the float64 1×1 solve', async (ctx) => {
    if (!backends.includes(name)) ctx.skip(`${name} backend unavailable here`);
    const spec = { ...SPEC, lambda2: 0, trialCount: 300 };
    let c32: Float32Array | undefined;
    const partial = await runToyHermiteTensorChunk(tf, spec, 0, { sampler: 'tfjs', onBatch: (c) => (c32 = c.slice()) });
    expect(partial.sum[1]).toBe(0);
    expect(Array.from(partial.sumSquares).slice(1)).toEqual([0, 0]);
    const x = tf.tidy(() => toyHermiteSample(tf, spec, [{ index: 0, first: 0, count: 300 }], 'tfjs'));
    const xv = await x.data();
    x.dispose();
    for (let b = 0; b < 300; b++) expect(Math.abs(c32![2 * b] - solveFloat64(xv, b * 100, 100, spec)[0])).toBeLessThan(2e-5);
  });

  it('stops between batches when aborted and returns the completed chunks', async (ctx) => {
    if (!backends.includes(name)) ctx.skip(`${name} backend unavailable here`);
    const controller = new AbortController();
    const spec = { ...SPEC, sampleCount: 10, trialCount: 10 * 20_000 };
    const partials = await runToyHermiteTensorChunks(tf, spec, 0, 10, {
      maxBatchTrials: 1,
      onBatch: (_c, first) => {
        if (first >= 20_000) controller.abort();
      },
      signal: controller.signal,
    });
    expect(partials).toHaveLength(2);
  });
});

describe('across backends', () => {
  it('cpu and wasm see the same draws and agree to float32 accuracy', async (ctx) => {
    if (!backends.includes('cpu') || !backends.includes('wasm')) ctx.skip('needs both cpu and wasm');
    const spec = { ...SPEC, trialCount: 5000 };
    const run = async (name: string) => runToyHermiteTensorChunk((await selectTensorBackend(name)).tf, spec, 0, { sampler: 'tfjs' });
    const cpu = moments([await run('cpu')]);
    const wasm = moments([await run('wasm')]);
    expect(Math.abs(cpu.mean[0] - wasm.mean[0])).toBeLessThan(1e-7 * cpu.rms);
    expect(Math.abs(cpu.mean[1] - wasm.mean[1])).toBeLessThan(1e-7 * cpu.rms);
  });
});

describe('TensorExecutor: the tensor path in its own worker thread', () => {
  it('gives exactly the in-thread chunks reduced by the plan, and keeps the main thread free', async (ctx) => {
    if (!backends.includes('wasm')) ctx.skip('needs wasm');
    const info = (await detectTensorBackends()).find((b) => b.name === 'wasm')!;
    const spec = toyHermiteSchema.parse({ ...SPEC, trialCount: 200_000 });
    const executor = new TensorExecutor(info, pureLinearAlgebra);
    expect(executor.describe('toy-hermite')).toMatchObject({ backend: 'tfjs-wasm (float32)', precision: 'float32 (device), float64 accumulation (host)' });
    const progress: number[] = [];
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    let result;
    try {
      result = await executor.execute({ kind: 'toy-hermite', spec, signal: new AbortController().signal, onProgress: (p) => progress.push(p.done) });
    } finally {
      clearInterval(ticker);
    }
    const tf = (await selectTensorBackend('wasm')).tf;
    const inThread = await runToyHermiteTensorChunks(tf, spec, 0, toyHermiteChunkCount(spec));
    const expected = toyHermitePlan.reduce(spec, null, inThread, { linalg: pureLinearAlgebra, onProgress: () => {}, signal: new AbortController().signal });
    expect(result.metrics).toEqual(expected.metrics);
    expect(progress.at(-1)).toBe(200_000);
    // A busy main thread would run the 5 ms timer once or twice in the whole run.
    expect(ticks).toBeGreaterThan(progress.length);
  });

  it('a cancel keeps the batches already done and stops the worker', async (ctx) => {
    if (!backends.includes('cpu')) ctx.skip('needs cpu');
    const info = (await detectTensorBackends()).find((b) => b.name === 'cpu')!;
    const spec = toyHermiteSchema.parse({ ...SPEC, trialCount: 50_000_000 });
    const controller = new AbortController();
    const result = await new TensorExecutor(info, pureLinearAlgebra).execute({
      kind: 'toy-hermite',
      spec,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done > 0) controller.abort();
      },
    });
    expect(result.metrics.trialsCompleted).toBeGreaterThan(0);
    expect(result.metrics.trialsCompleted).toBeLessThan(50_000_000);
    expect(result.diagnostics.join(' ')).toMatch(/cancelled after \d+ of 50000000 trials/);
  });
});
