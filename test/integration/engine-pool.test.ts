/**
 * The worker-thread pool (src-main/engine/pool.ts) running the toy-hermite plan: thread-count
 * independence (bit-identical to the in-process reference), progress, worker errors, cancellation
 * through the RunService on a real SQLite file, and worker reuse. Needs dist/worker.mjs
 * (`npm test` builds it first).
 */
import { featureGaussianityExperiment, featureGaussianityPlan } from '../../src-shared/experiments/feature-gaussianity';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonteCarloInProcess } from '../../src-shared/experiments/monte-carlo';
import { toyHermitePlan, toyHermiteSchema, type ToyHermiteSpec } from '../../src-shared/experiments/toy-hermite';
import type { ExperimentContext, ExperimentResult, Progress } from '../../src-shared/experiments/types';
import { pureLinearAlgebra } from '../../src-shared/science/linalg';
import { activeLinearAlgebra, createExecutorFor, describeBackends } from '../../src-main/engine';
import { learningCurveSchema } from '../../src-shared/experiments/learning-curve';
import { CPU_WORKERS_BACKEND, PoolExecutor, resolvePoolSize, WorkerPool } from '../../src-main/engine/pool';
import { RunService } from '../../src-main/services/runs';
import { openStore } from '../../src-main/store';
import { ROOT } from './cli-helpers';

const spec = (overrides: Partial<ToyHermiteSpec> = {}): ToyHermiteSpec => toyHermiteSchema.parse(overrides);

function context(signal: AbortSignal = new AbortController().signal, onProgress: (p: Progress) => void = () => {}): ExperimentContext {
  return { linalg: pureLinearAlgebra, onProgress, signal };
}

function bits(result: ExperimentResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.metrics)) {
    out[name] = value === null ? 'null' : Buffer.from(Float64Array.of(value).buffer).toString('hex');
  }
  for (const [name, array] of Object.entries(result.arrays)) out[`array:${name}`] = Buffer.from(array.data.buffer).toString('hex');
  return out;
}

const pools: WorkerPool[] = [];
function pool(threads: number, options: { cancelGraceMs?: number } = {}): WorkerPool {
  const p = new WorkerPool({ threads, ...options });
  pools.push(p);
  return p;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'worker.mjs'))) throw new Error('dist/worker.mjs is missing: run `node scripts/build-node.mjs` first');
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('native LAPACK inside the pool: results independent of the thread count', () => {
  // learning-curve factors an n×n kernel matrix per dataset (dpotrf) and solves with it (dpotrs):
  // a blocked LAPACK routine rounds differently with another OpenBLAS thread count, so this holds
  // only because the engine pins OpenBLAS to one thread (activeLinearAlgebra).
  const native = activeLinearAlgebra();
  const lcSpec = learningCurveSchema.parse({ setting: { type: 'gaussian-features', modeCount: 4000 }, sampleCounts: [200, 400], trialCount: 2, ridge: 1e-4 });

  it.skipIf(native === pureLinearAlgebra)('learning-curve on 1 and 2 workers with LAPACK: bit-identical', async () => {
    const run = (threads: number) => new PoolExecutor(pool(threads), native).execute({ kind: 'learning-curve', spec: lcSpec, signal: new AbortController().signal, onProgress: () => {} });
    const one = await run(1);
    const two = await run(2);
    expect(Object.keys(bits(one)).length).toBeGreaterThan(5);
    expect(bits(two)).toEqual(bits(one));
    expect(native.name).toMatch(/, 1 thread\)$/);
  });
});

describe('WorkerPool: results independent of the thread count', () => {
  // 8 chunks of ≤ 20 000 trials; the last one is partial.
  const s = spec({ trialCount: 150_000, seed: 2024 });
  let reference: ExperimentResult;

  beforeAll(async () => {
    reference = await runMonteCarloInProcess(toyHermitePlan, s, context());
  });

  it.each([1, 2, 3])('%i thread(s): bit-identical to the in-process runner', async (threads) => {
    const progress: Progress[] = [];
    const result = await pool(threads).run('toy-hermite', toyHermitePlan, s, context(undefined, (p) => progress.push(p)));
    expect(bits(result)).toEqual(bits(reference));
    // Progress after every chunk, monotone, ending at the total, with running metrics.
    expect(progress.length).toBe(8);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ done: 150_000, total: 150_000 });
    expect(progress.at(-1)?.partialMetrics?.a).toBe(reference.metrics.a);
  });

  it('reuses its workers across runs and starts no more than the chunks need', async () => {
    const p = pool(3);
    await p.run('toy-hermite', toyHermitePlan, spec({ trialCount: 10_000 }), context());
    expect(p.startedWorkers).toBe(1); // one chunk → one worker
    await p.run('toy-hermite', toyHermitePlan, s, context());
    expect(p.startedWorkers).toBe(3);
    const again = await p.run('toy-hermite', toyHermitePlan, s, context());
    expect(p.startedWorkers).toBe(3);
    expect(bits(again)).toEqual(bits(reference));
  });

  it('runs two plans at once on one pool (chunks interleaved), each exact', async () => {
    const p = pool(2);
    const other = spec({ trialCount: 90_000, seed: 5, lambda2: 0 });
    const [r1, r2] = await Promise.all([
      p.run('toy-hermite', toyHermitePlan, s, context()),
      p.run('toy-hermite', toyHermitePlan, other, context()),
    ]);
    expect(bits(r1)).toEqual(bits(reference));
    expect(bits(r2)).toEqual(bits(await runMonteCarloInProcess(toyHermitePlan, other, context())));
  });
});

describe('WorkerPool: failures', () => {
  it('an exception in runChunk fails the run with its message (no stack trace)', async () => {
    // Bypasses validation on purpose: the worker's generator rejects the seed.
    const bad = { ...spec({ trialCount: 50_000 }), seed: -1 };
    const p = pool(2);
    const error = await p.run('toy-hermite', toyHermitePlan, bad, context()).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('seed must be an integer in [0, 2^53], got -1');
    // The pool stays usable.
    const ok = await p.run('toy-hermite', toyHermitePlan, spec({ trialCount: 1000 }), context());
    expect(ok.metrics.trialsCompleted).toBe(1000);
  });

  it('a cancel while a heavy prepare runs (off the main thread) ends the run with nothing computed', async () => {
    const controller = new AbortController();
    const gaussianity = featureGaussianityExperiment.schema.parse({});
    expect(featureGaussianityPlan.heavyPrepare?.(gaussianity)).toBe(true);
    const pending = pool(1).run('feature-gaussianity', featureGaussianityPlan, gaussianity, context(controller.signal));
    controller.abort();
    const result = await pending;
    expect(result.diagnostics.join(' ')).toMatch(/cancelled while preparing/);
    expect(result.arrays).toEqual({});
  });

  it('a kind the worker does not know fails clearly', async () => {
    const error = await pool(1)
      .run('no-such-kind', toyHermitePlan, spec({ trialCount: 10 }), context())
      .catch((e: Error) => e);
    expect((error as Error).message).toMatch(/"no-such-kind" is unknown in the worker/);
  });

  it('a worker that overruns the cancel grace period is terminated; its chunk counts as not run', async () => {
    const p = pool(1, { cancelGraceMs: 5 });
    const controller = new AbortController();
    // One chunk of 20 000 trials at n = 100 takes ≫ 5 ms: abort while the second one runs.
    const result = await p.run('toy-hermite', toyHermitePlan, spec({ trialCount: 60_000 }), context(controller.signal, () => controller.abort()));
    expect(result.metrics.trialsCompleted).toBe(20_000);
    expect(result.diagnostics.join(' ')).toMatch(/cancelled after 20000 of 60000 trials/);
    // A fresh worker replaces the terminated one.
    const next = await p.run('toy-hermite', toyHermitePlan, spec({ trialCount: 1000 }), context());
    expect(next.metrics.trialsCompleted).toBe(1000);
  });
});

describe('engine composition and RunService', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rgwb-engine-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every kind runs on the pool (no GPU here): Monte-Carlo kinds on all workers, theory kinds on one; --backend forces one', async () => {
    const executorFor = createExecutorFor({ threads: 2 });
    expect((await executorFor('toy-hermite')).describe('toy-hermite')).toMatchObject({ backend: CPU_WORKERS_BACKEND, threads: 2, precision: 'float64' });
    expect((await executorFor('toy-theory')).describe('toy-theory')).toMatchObject({ backend: CPU_WORKERS_BACKEND, threads: 1 });
    expect((await createExecutorFor({ backend: 'typed-arrays' })('toy-hermite')).describe('toy-hermite').backend).toBe('typed-arrays (float64)');
    expect((await createExecutorFor({ backend: 'cpu' })('toy-hermite')).describe('toy-hermite')).toMatchObject({ backend: 'tfjs-cpu (float32)' });
    await expect(createExecutorFor({ backend: 'cpu' })('rg-flow')).rejects.toThrow(/has no tensor path/);
    await expect(createExecutorFor({ backend: 'tfjs-node-gpu' })('toy-hermite')).rejects.toThrow(/not available: package @tensorflow\/tfjs-node-gpu is not installed/);
    expect(() => createExecutorFor({ backend: 'quantum' })).toThrow(/unknown backend 'quantum'/);
    expect(describeBackends().map((b) => b.name)).toEqual(expect.arrayContaining(['typed-arrays', 'cpu-workers']));
  });

  it('pool size: option, else RGWB_THREADS, else every core', () => {
    expect(resolvePoolSize(3, {})).toBe(3);
    expect(resolvePoolSize(undefined, { RGWB_THREADS: '5' })).toBe(5);
    expect(() => resolvePoolSize(undefined, { RGWB_THREADS: 'many' })).toThrow(/RGWB_THREADS/);
    expect(resolvePoolSize(undefined, {})).toBeGreaterThanOrEqual(1);
  });

  it('cancel: stored as cancelled with the completed trials and arrays (latency: bench/cancel.ts)', async () => {
    const store = openStore(join(dir, 'cancel.sqlite'));
    try {
      const p = pool(2);
      const service = new RunService(store, () => new PoolExecutor(p, pureLinearAlgebra));
      const controller = new AbortController();
      const trialCount = 50_000_000; // ~30 s of work on two cores: only the cancel ends it
      setTimeout(() => controller.abort(), 300);
      const record = await service.run({ kind: 'toy-hermite', spec: { trialCount } }, { signal: controller.signal });
      expect(record.status).toBe('cancelled');
      expect(record.environment?.backend).toBe(CPU_WORKERS_BACKEND);
      const completed = record.metrics.trialsCompleted as number;
      expect(completed).toBeGreaterThan(0);
      expect(completed).toBeLessThan(trialCount);
      expect(completed % 20_000).toBe(0);
      expect(record.diagnostics).toContain(`cancelled after ${completed} of ${trialCount} trials`);
      expect(record.arrays.map((a) => a.name)).toEqual(expect.arrayContaining(['x', 'predictorMean', 'predictorStdErr']));
      expect(store.getArray(record.id, 'predictorMean').data.every(Number.isFinite)).toBe(true);
    } finally {
      store.close();
    }
  });

  it('a failing chunk stores a failed run with the message only', async () => {
    const store = openStore(join(dir, 'fail.sqlite'));
    try {
      const executor = new PoolExecutor(pool(1), pureLinearAlgebra);
      // The service validates specs, so corrupt the validated spec on its way to the pool.
      const service = new RunService(store, () => ({
        describe: (kind) => executor.describe(kind),
        execute: (request) => executor.execute({ ...request, spec: { ...request.spec, seed: -1 } }),
      }));
      const record = await service.run({ kind: 'toy-hermite', spec: { trialCount: 100 } });
      expect(record.status).toBe('failed');
      expect(record.error).toBe('seed must be an integer in [0, 2^53], got -1');
    } finally {
      store.close();
    }
  });
});
