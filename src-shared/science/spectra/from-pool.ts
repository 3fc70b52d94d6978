/**
 * Spectrum of a kernel on a pool drawn from a data measure, from serialisable specs.
 * Points come from createStream(seed, 0) (stream 0 of the seed is reserved for the pool).
 * For a `pool` measure: poolSize omitted or equal to the number of rows → all rows, in order
 * (the empirical measure itself, no randomness); otherwise poolSize rows drawn with replacement.
 * A `values` target needs a pool measure; its values follow the selected rows.
 */
import type { LinearAlgebra, Matrix } from '../linalg/types';
import type { KernelSpec, MeasureSpec, TargetSpec } from '../kernels/types';
import { evaluateTarget } from '../kernels/targets';
import { validateTarget } from '../kernels/validate';
import { poolPoints, sampleMeasure, samplePoolIndices, selectRows, validateMeasure } from '../measures/measures';
import { createStream } from '../random/stream';
import { numericalSpectrum, type NumericalSpectrum } from './numerical';

export interface SpectrumFromPoolInput {
  readonly kernel: KernelSpec;
  readonly measure: MeasureSpec;
  /** N: number of pool points (required unless the measure is a pool). */
  readonly poolSize?: number;
  readonly target: TargetSpec;
  readonly seed: number;
  readonly linalg: LinearAlgebra;
  /** Modes to keep (default N). */
  readonly modeCount?: number;
}

export function spectrumFromPool(input: SpectrumFromPoolInput): NumericalSpectrum {
  const { kernel, measure, poolSize, target, seed, linalg } = input;
  validateMeasure(measure);
  const stream = createStream(seed, 0);
  let points: Matrix;
  let targetValues: Float64Array;
  if (measure.type === 'pool') {
    const all = poolPoints(measure);
    if (poolSize === undefined || poolSize === all.rows) {
      points = all;
      targetValues = evaluateTarget(target, points);
    } else {
      if (!Number.isInteger(poolSize) || poolSize < 1) {
        throw new Error(`poolSize must be an integer ≥ 1, got ${poolSize}`);
      }
      const indices = samplePoolIndices(all.rows, poolSize, stream);
      points = selectRows(all, indices);
      if (target.type === 'values') {
        validateTarget(target, all.cols, all.rows);
        targetValues = Float64Array.from(indices, (i) => target.values[i]);
      } else {
        targetValues = evaluateTarget(target, points);
      }
    }
  } else {
    if (poolSize === undefined || !Number.isInteger(poolSize) || poolSize < 1) {
      throw new Error(`poolSize must be an integer ≥ 1, got ${poolSize}`);
    }
    if (target.type === 'values') {
      throw new Error(`target.type 'values' needs a pool measure (values are given on its points), got measure.type '${measure.type}'`);
    }
    points = sampleMeasure(measure, poolSize, stream);
    targetValues = evaluateTarget(target, points);
  }
  return numericalSpectrum({ kernel, points, targetValues, linalg, modeCount: input.modeCount });
}
