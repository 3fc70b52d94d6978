/**
 * Data sets for the Monte-Carlo kinds (rg-theory.md §6–7), the pure half: spec schemas, the
 * label → regression-target transforms, and turning a spec into points and targets (CSV / NPY
 * parsing: ./data-files; a kernel on a data set: ./kernel-data). Reading files and the MNIST package happens on the Node side
 * (src-main/engine/datasets), injected as `ExperimentContext.loadDataset`.
 *
 * Target conventions (**choice**, recorded with every run through the spec):
 * - `binary`: +1 for the first half of the classes (the listed digits in their order for MNIST;
 *   the distinct labels ascending for a file; the first ⌈m/2⌉ of m), −1 for the rest.
 * - `parity`: +1 for even labels, −1 for odd ones (labels must be integers).
 * - `centred-one-hot`: the one-hot column of `targetClass`, centred over the loaded points:
 *   y = 1[label = c] − (fraction of points with label c). Regression on one class column.
 * - `label`: the label value itself (continuous regression targets from a file).
 */
import { z } from 'zod';
import type { Matrix } from '../science/linalg/types';
import { evaluateTarget } from '../science/kernels/targets';
import { sampleMeasure } from '../science/measures/measures';
import { createStream, type RandomStream } from '../science/random/stream';
import { ExperimentInputError, type ExperimentContext, type FieldDoc } from './types';

/** Most points any data set may hold (MNIST in the `mnist` package ships 9 998). */
export const MAX_DATASET_COUNT = 20_000;
export const MAX_DATASET_DIMENSION = 100_000;

/**
 * Stream indices reserved for the one-off draws of a run (trials use 0, 1, 2, …):
 * synthetic data points, and the random pool / test split.
 */
export const DATA_STREAM = 2 ** 52;
export const SPLIT_STREAM = 2 ** 52 + 1;

const targetTransformSchema = z.enum(['binary', 'parity', 'centred-one-hot', 'label']);
const targetClassSchema = z.number().finite().optional();

export const mnistDatasetSchema = z.strictObject({
  type: z.literal('mnist'),
  digits: z
    .array(z.number().int().min(0, 'digits are 0..9').max(9, 'digits are 0..9'))
    .min(1)
    .max(10)
    .default([0, 1])
    .refine((d) => new Set(d).size === d.length, 'each digit may appear once'),
  count: z.number().int().min(2, 'count must be ≥ 2').max(MAX_DATASET_COUNT, `count must be ≤ ${MAX_DATASET_COUNT}`).default(1000),
  target: targetTransformSchema.default('binary'),
  targetClass: targetClassSchema,
});

export const fileDatasetSchema = z.strictObject({
  type: z.literal('file'),
  path: z.string().min(1, 'path is required'),
  /** Default: from the file extension. */
  format: z.enum(['csv', 'npy']).optional(),
  /** Column holding the labels: index (negative counts from the end) or a CSV header name. */
  labelColumn: z.union([z.number().int(), z.string().min(1)]).default(-1),
  /** Labels in a separate file (same format; one column or 1-D); then every column of `path` is a feature. */
  labelsPath: z.string().min(1).optional(),
  /** Use the first `count` rows (default: all). */
  count: z.number().int().min(2).max(MAX_DATASET_COUNT, `count must be ≤ ${MAX_DATASET_COUNT}`).optional(),
  target: targetTransformSchema.default('label'),
  targetClass: targetClassSchema,
});

const syntheticTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sign') }),
  z.strictObject({
    type: z.literal('hermite'),
    degree: z.number().int().min(0).max(60).default(1),
    coefficient: z.number().finite().default(1),
  }),
  z.strictObject({ type: z.literal('linear'), weights: z.array(z.number().finite()).min(1) }),
]);

export const syntheticGaussianDatasetSchema = z.strictObject({
  type: z.literal('synthetic-gaussian'),
  dimension: z.number().int().min(1).max(MAX_DATASET_DIMENSION).default(8),
  count: z.number().int().min(2, 'count must be ≥ 2').max(MAX_DATASET_COUNT, `count must be ≤ ${MAX_DATASET_COUNT}`).default(1000),
  target: syntheticTargetSchema.prefault({ type: 'sign' }),
});

export const datasetSpecSchema = z.discriminatedUnion('type', [mnistDatasetSchema, fileDatasetSchema, syntheticGaussianDatasetSchema]);

export type DatasetSpec = z.output<typeof datasetSpecSchema>;
export type MnistDatasetSpec = z.output<typeof mnistDatasetSchema>;
export type FileDatasetSpec = z.output<typeof fileDatasetSchema>;
/** The data sets that need the injected (Node) loader. */
export type LoadableDatasetSpec = MnistDatasetSpec | FileDatasetSpec;

export interface LoadedDataset {
  /** count×d, rows = points. */
  readonly points: Matrix;
  /** One label per point (digit, class, or a continuous value). */
  readonly labels: Float64Array;
}

export const datasetFields: Record<string, FieldDoc> = {
  'data.type': { label: 'Data set', help: '"mnist" (digits shipped with the mnist package), "file" (CSV or NPY on disk) or "synthetic-gaussian" (x ~ N(0, I_d)).' },
  'data.digits': { label: 'Digits', help: 'MNIST classes used; points are taken round-robin over the listed digits (balanced), in the package order.' },
  'data.count': { label: 'Points', symbol: 'N', help: 'Points loaded (pool plus held-out test points where the kind splits them).' },
  'data.target': {
    label: 'Target',
    help: 'binary: +1 for the first half of the classes, −1 for the rest; parity: +1 even, −1 odd; centred-one-hot: 1[label = targetClass] minus its mean; label: the label value. Synthetic data: sign(x₁), Hermite or linear.',
  },
  'data.targetClass': { label: 'Target class', help: 'centred-one-hot only: the class whose one-hot column is regressed (default: the first class).' },
  'data.path': { label: 'File', help: 'CSV (numeric, optional header) or NPY (v1–v3, <f8, <f4, <i8, <i4, u1, C order, 2-D) file; relative to the working directory.' },
  'data.format': { label: 'Format', help: 'csv or npy; default from the file extension.' },
  'data.labelColumn': { label: 'Label column', help: 'Column of the labels: an index (−1 = last) or a CSV header name. The other columns are the features.' },
  'data.labelsPath': { label: 'Labels file', help: 'Optional separate labels file (one column, or a 1-D NPY array); then all columns of the data file are features.' },
  'data.dimension': { label: 'Input dimension', symbol: 'd', help: 'synthetic-gaussian: x ~ N(0, I_d).' },
};

// ---------------------------------------------------------------------------------------------
// Labels → regression targets

function distinctInOrder(values: ArrayLike<number>): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!seen.has(values[i])) {
      seen.add(values[i]);
      out.push(values[i]);
    }
  }
  return out;
}

/**
 * The regression target y(x_μ) from the labels (see the module doc for the conventions).
 * `classes`: class order for `binary` (MNIST: the listed digits); default the distinct labels ascending.
 */
export function labelsToTargets(
  labels: Float64Array,
  transform: z.output<typeof targetTransformSchema>,
  options: { readonly classes?: readonly number[]; readonly targetClass?: number } = {},
): Float64Array {
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    if (!Number.isFinite(labels[i])) throw new ExperimentInputError('data', `label ${i} is not a finite number (${labels[i]})`);
  }
  const present = distinctInOrder(labels).sort((a, b) => a - b);
  switch (transform) {
    case 'label':
      out.set(labels);
      return out;
    case 'parity':
      for (let i = 0; i < labels.length; i++) {
        if (!Number.isInteger(labels[i])) throw new ExperimentInputError('data.target', `parity needs integer labels, label ${i} is ${labels[i]}`);
        out[i] = labels[i] % 2 === 0 ? 1 : -1;
      }
      return out;
    case 'binary': {
      const classes = options.classes ?? present;
      if (classes.length < 2) throw new ExperimentInputError('data.target', `binary needs at least 2 classes, the data has ${classes.length}`);
      const first = new Set(classes.slice(0, Math.ceil(classes.length / 2)));
      for (let i = 0; i < labels.length; i++) out[i] = first.has(labels[i]) ? 1 : -1;
      return out;
    }
    case 'centred-one-hot': {
      const c = options.targetClass ?? (options.classes ?? present)[0];
      let hits = 0;
      for (let i = 0; i < labels.length; i++) if (labels[i] === c) hits++;
      if (hits === 0) throw new ExperimentInputError('data.targetClass', `no point has label ${c} (labels present: ${present.slice(0, 20).join(', ')})`);
      const mean = hits / labels.length;
      for (let i = 0; i < labels.length; i++) out[i] = (labels[i] === c ? 1 : 0) - mean;
      return out;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Spec → points and targets

export interface MaterializedDataset {
  readonly points: Matrix;
  readonly targetValues: Float64Array;
  /** One line for diagnostics / the run record, e.g. "MNIST digits 0,1: 1000 points, d = 784". */
  readonly description: string;
}

/**
 * Points and regression targets for a data spec. Synthetic data is drawn from
 * createStream(seed, DATA_STREAM); MNIST and files go through the injected loader.
 */
export async function materializeDataset(spec: DatasetSpec, seed: number, ctx: Pick<ExperimentContext, 'loadDataset'>): Promise<MaterializedDataset> {
  if (spec.type === 'synthetic-gaussian') {
    const points = sampleMeasure({ type: 'gaussian', dimension: spec.dimension }, spec.count, createStream(seed, DATA_STREAM));
    if (spec.target.type === 'linear' && spec.target.weights.length !== spec.dimension) {
      throw new ExperimentInputError('data.target.weights', `needs one weight per input dimension (${spec.dimension}), got ${spec.target.weights.length}`);
    }
    return { points, targetValues: evaluateTarget(spec.target, points), description: `x ~ N(0, I_${spec.dimension}): ${spec.count} points, target ${spec.target.type}` };
  }
  if (!ctx.loadDataset) {
    throw new ExperimentInputError('data', `this data set needs the Node engine: the ${spec.type} data set is read by the engine's data-set loader (src-main/engine/datasets), which this context does not provide`);
  }
  const loaded = await ctx.loadDataset(spec);
  const { points, labels } = loaded;
  const where = spec.type === 'mnist' ? 'MNIST' : spec.path;
  if (points.rows !== labels.length) throw new ExperimentInputError('data', `${where}: ${points.rows} points but ${labels.length} labels`);
  if (points.rows < 2) throw new ExperimentInputError('data', `${where}: needs at least 2 points, got ${points.rows}`);
  for (let i = 0; i < points.data.length; i++) {
    if (!Number.isFinite(points.data[i])) throw new ExperimentInputError('data', `${where}: point ${Math.floor(i / points.cols)} has a non-finite coordinate`);
  }
  const classes = spec.type === 'mnist' ? spec.digits : undefined;
  const targetValues = labelsToTargets(labels, spec.target, { classes, targetClass: spec.targetClass });
  const what = spec.type === 'mnist' ? `MNIST digits ${spec.digits.join(',')}` : spec.path;
  return { points, targetValues, description: `${what}: ${points.rows} points, d = ${points.cols}, target ${spec.target}` };
}

/** A uniformly random permutation of 0..count−1 (Fisher–Yates from `stream`). */
export function randomPermutation(count: number, stream: RandomStream): Int32Array {
  const p = new Int32Array(count);
  for (let i = 0; i < count; i++) p[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = stream.nextInt(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** `n` distinct indices drawn uniformly from 0..N−1 (partial Fisher–Yates from `stream`), in draw order. */
export function sampleWithoutReplacement(N: number, n: number, stream: RandomStream): Int32Array {
  if (!(Number.isInteger(n) && n >= 0 && n <= N)) throw new Error(`cannot draw ${n} distinct indices from ${N}`);
  const p = new Int32Array(N);
  for (let i = 0; i < N; i++) p[i] = i;
  for (let i = 0; i < n; i++) {
    const j = i + stream.nextInt(N - i);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p.slice(0, n);
}
