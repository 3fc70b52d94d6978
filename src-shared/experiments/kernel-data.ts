/**
 * A kernel on a data set, split into a training pool and held-out test points: what the
 * learning-curve and flow-check kinds share when they run on real data (rg-theory.md §6–7).
 */
import { z } from 'zod';
import { kernelGram } from '../science/kernels/gram';
import { numericalSpectrum } from '../science/spectra/numerical';
import type { Matrix } from '../science/linalg/types';
import type { Spectrum } from '../science/spectra/types';
import { createStream } from '../science/random/stream';
import { selectRows } from '../science/measures/measures';
import { datasetFields, datasetSpecSchema, materializeDataset, randomPermutation, SPLIT_STREAM } from './datasets';
import { kernelFieldDocs } from './fields';
import { kernelSchema } from './schemas';
import { ExperimentInputError, type ExperimentContext, type FieldDoc } from './types';
// ---------------------------------------------------------------------------------------------
// A kernel on a data set, split into a training pool and held-out test points

/** Largest training pool: its Gram matrix is eigendecomposed densely in float64. */
export const MAX_POOL_SIZE = 4000;

export const kernelDataSettingSchema = z.strictObject({
  type: z.literal('kernel-data'),
  kernel: kernelSchema.prefault({ type: 'nngp' }),
  data: datasetSpecSchema.prefault({ type: 'synthetic-gaussian' }),
  /** Held-out points; the rest of the data set is the training pool (and the theory's measure). */
  testCount: z.number().int().min(1, 'testCount must be ≥ 1').max(10_000).default(300),
});

export type KernelDataSetting = z.output<typeof kernelDataSettingSchema>;

export const kernelDataFields: Record<string, FieldDoc> = {
  ...kernelFieldDocs('setting.kernel'),
  'setting.testCount': {
    label: 'Test points',
    help: 'Held out at random (stream 2⁵²+1 of the seed); the remaining N points are the training pool from which each trial draws n without replacement, and the measure of the theory spectrum.',
  },
  ...Object.fromEntries(Object.entries(datasetFields).map(([k, v]) => [`setting.${k}`, v])),
};

/** Everything a chunk needs for GP regression with a kernel on a split data set (structured-cloneable). */
export interface KernelDataShared {
  /** N: training-pool size. */
  readonly poolSize: number;
  /** T: held-out test points. */
  readonly testSize: number;
  /** K(x_μ, x_ν) on the pool, N×N row-major. */
  readonly gramPool: Float64Array;
  /** K(x_t, x_μ), T×N row-major. */
  readonly crossTest: Float64Array;
  readonly targetPool: Float64Array;
  readonly targetTest: Float64Array;
  /** Empirical spectrum of K_N/N on the pool with the pool targets (rg-theory.md §6). */
  readonly spectrum: Spectrum;
  /** φ_k(x_μ) = √N V_μk, N×N (only when asked for). */
  readonly features?: Float64Array;
  readonly description: string;
  readonly diagnostics: string[];
}

/**
 * Loads the data, splits it at random into a pool of N = count − testCount points and T test
 * points (permutation from createStream(seed, SPLIT_STREAM)), and computes the pool Gram matrix,
 * the test–pool cross kernel and the pool's empirical spectrum.
 */
export async function prepareKernelData(
  setting: KernelDataSetting,
  seed: number,
  ctx: ExperimentContext,
  options: { readonly largestSampleCount: number; readonly withFeatures: boolean },
): Promise<KernelDataShared> {
  ctx.onProgress({ done: 0, total: 3, message: `loading ${setting.data.type} data` });
  const data = await materializeDataset(setting.data, seed, ctx);
  const count = data.points.rows;
  const N = count - setting.testCount;
  if (N < 2) throw new ExperimentInputError('setting.testCount', `leaves ${N} of the ${count} points for the training pool; lower it`);
  if (N > MAX_POOL_SIZE) {
    throw new ExperimentInputError('setting.data.count', `the training pool would hold ${N} points (count − testCount); at most ${MAX_POOL_SIZE} (its Gram matrix is eigendecomposed densely)`);
  }
  if (options.largestSampleCount > N) {
    throw new ExperimentInputError('sampleCounts', `n = ${options.largestSampleCount} exceeds the training pool (N = ${N} = ${count} points − ${setting.testCount} test points)`);
  }
  const order = randomPermutation(count, createStream(seed, SPLIT_STREAM));
  const testIdx = order.subarray(0, setting.testCount);
  const poolIdx = order.subarray(setting.testCount);
  const pool = selectRows(data.points, poolIdx);
  const test = selectRows(data.points, testIdx);
  const targetPool = Float64Array.from(poolIdx, (i) => data.targetValues[i]);
  const targetTest = Float64Array.from(testIdx, (i) => data.targetValues[i]);
  let gram: Matrix;
  let cross: Matrix;
  try {
    ctx.onProgress({ done: 1, total: 3, message: `kernel on ${N} pool and ${setting.testCount} test points` });
    gram = kernelGram(setting.kernel, pool);
    cross = kernelGram(setting.kernel, test, pool);
  } catch (error) {
    throw new ExperimentInputError('setting.kernel', (error as Error).message);
  }
  ctx.onProgress({ done: 2, total: 3, message: `eigendecomposition of K_N/N, N = ${N}` });
  const numerical = numericalSpectrum({ kernel: setting.kernel, points: pool, targetValues: targetPool, linalg: ctx.linalg });
  ctx.onProgress({ done: 3, total: 3 });
  const diagnostics = [`data: ${data.description}; training pool N = ${N}, test points T = ${setting.testCount}.`];
  const d = numerical.diagnostics;
  if (d.clampedEigenvalueCount > 0) {
    diagnostics.push(`${d.clampedEigenvalueCount} eigenvalue(s) of K_N/N were negative from round-off (most negative ${d.mostNegativeEigenvalue.toExponential(2)}) and were set to 0.`);
  }
  return {
    poolSize: N,
    testSize: setting.testCount,
    gramPool: gram.data,
    crossTest: cross.data,
    targetPool,
    targetTest,
    spectrum: numerical.spectrum,
    features: options.withFeatures ? numerical.features.data : undefined,
    description: data.description,
    diagnostics,
  };
}
