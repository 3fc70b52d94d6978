/**
 * Data sets for the Monte-Carlo kinds (rg-theory.md §6–7), the pure half: spec schemas, the
 * label → regression-target transforms, CSV / NPY parsing from strings and bytes, and turning a
 * spec into points and targets. Reading files and the MNIST package happens on the Node side
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
import { kernelFieldDocs } from './fields';
import { z } from 'zod';
import type { Matrix } from '../science/linalg/types';
import { kernelGram } from '../science/kernels/gram';
import { evaluateTarget } from '../science/kernels/targets';
import { sampleMeasure, selectRows } from '../science/measures/measures';
import { numericalSpectrum } from '../science/spectra/numerical';
import type { Spectrum } from '../science/spectra/types';
import { kernelSchema } from './schemas';
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
// CSV

export interface NumericTable {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values. */
  readonly data: Float64Array;
  /** Column names when the file has a header row. */
  readonly header: string[] | null;
}

/** Thrown for a data file that cannot be used; the message names the file and the problem. */
export class DatasetFormatError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DatasetFormatError';
  }
}

function unquote(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/**
 * Parses a numeric CSV: delimiter ',' (or ';' / tab when a line has no comma), an optional header
 * row (detected when its first line is not all numbers), blank lines and lines starting with '#'
 * skipped. Every other row must have the same number of numeric fields.
 */
export function parseCsv(text: string, file: string): NumericTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let delimiter: string | null = null;
  let header: string[] | null = null;
  let cols = -1;
  const values: number[] = [];
  let rows = 0;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    delimiter ??= line.includes(',') ? ',' : line.includes(';') ? ';' : line.includes('\t') ? '\t' : ',';
    const fields = line.split(delimiter).map(unquote);
    if (cols < 0) {
      cols = fields.length;
      if (fields.some((f) => f === '' || !Number.isFinite(Number(f)))) {
        header = fields;
        continue;
      }
    }
    if (fields.length !== cols) {
      throw new DatasetFormatError(file, `line ${li + 1} has ${fields.length} fields, expected ${cols} (as in the first row)`);
    }
    for (let j = 0; j < cols; j++) {
      const f = fields[j];
      const v = f === '' ? NaN : Number(f);
      if (!Number.isFinite(v)) throw new DatasetFormatError(file, `line ${li + 1}, column ${j + 1}: "${f}" is not a finite number`);
      values.push(v);
    }
    rows++;
  }
  if (rows === 0) throw new DatasetFormatError(file, header ? 'has a header but no data rows' : 'is empty');
  return { rows, cols, data: Float64Array.from(values), header };
}

// ---------------------------------------------------------------------------------------------
// NPY (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html)

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const NPY_DTYPES: Record<string, { size: number; read: (v: DataView, o: number) => number }> = {
  '<f8': { size: 8, read: (v, o) => v.getFloat64(o, true) },
  '<f4': { size: 4, read: (v, o) => v.getFloat32(o, true) },
  '<i8': { size: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
  '<i4': { size: 4, read: (v, o) => v.getInt32(o, true) },
  '|u1': { size: 1, read: (v, o) => v.getUint8(o) },
  '|i1': { size: 1, read: (v, o) => v.getInt8(o) },
};

/**
 * Parses an NPY file (format versions 1.0, 2.0, 3.0) holding a 1-D or 2-D C-order array of one of
 * '<f8', '<f4', '<i8', '<i4', '|u1' ('u1'), '|i1' into float64.
 */
export function parseNpy(bytes: Uint8Array, file: string): { shape: number[]; data: Float64Array } {
  if (bytes.length < 10 || NPY_MAGIC.some((b, i) => bytes[i] !== b)) throw new DatasetFormatError(file, 'not an NPY file (missing the \\x93NUMPY magic string)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new DatasetFormatError(file, 'truncated NPY header');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw new DatasetFormatError(file, `unsupported NPY format version ${major}.${bytes[7]} (supported: 1.0, 2.0, 3.0)`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw new DatasetFormatError(file, 'truncated NPY header');
  // The header is an ASCII Python dict literal (v3 allows UTF-8, only in field names we ignore).
  let header = '';
  for (let i = headerStart; i < dataStart; i++) header += String.fromCharCode(bytes[i]);
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new DatasetFormatError(file, `malformed NPY header: ${header.trim()}`);
  const dtypeName = descr === 'u1' ? '|u1' : descr === 'i1' ? '|i1' : descr;
  const dtype = NPY_DTYPES[dtypeName];
  if (!dtype) {
    const hint = descr.startsWith('>') ? ' (big-endian; save with a little-endian dtype, e.g. arr.astype("<f8"))' : '';
    throw new DatasetFormatError(file, `unsupported NPY dtype '${descr}'${hint}; supported: ${Object.keys(NPY_DTYPES).join(', ')}`);
  }
  if (fortran === 'True') throw new DatasetFormatError(file, 'Fortran-order NPY arrays are not supported; save with np.ascontiguousarray(arr)');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.length < 1 || shape.length > 2 || shape.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new DatasetFormatError(file, `NPY array must be 1-D or 2-D, got shape (${shapeText.trim()})`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = dataStart + count * dtype.size;
  if (bytes.length < expected) throw new DatasetFormatError(file, `truncated NPY data: shape (${shape.join(', ')}) needs ${count * dtype.size} bytes, the file has ${bytes.length - dataStart}`);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = dtype.read(view, dataStart + i * dtype.size);
    if (!Number.isFinite(v)) throw new DatasetFormatError(file, `value ${i} is not finite (${v})`);
    data[i] = v;
  }
  return { shape, data };
}

/** A 2-D table from an NPY array (a 1-D array is one column). */
export function npyTable(bytes: Uint8Array, file: string): NumericTable {
  const { shape, data } = parseNpy(bytes, file);
  return { rows: shape[0], cols: shape.length === 2 ? shape[1] : 1, data, header: null };
}

/**
 * Splits a table into points and labels: the label column (index, negative from the end, or a
 * header name) out, every other column a feature. With `labels` given, all columns are features.
 */
export function tableToDataset(table: NumericTable, file: string, labelColumn: number | string, labels?: NumericTable, labelsFile?: string): LoadedDataset {
  if (labels) {
    if (labels.cols !== 1) throw new DatasetFormatError(labelsFile ?? file, `a labels file needs exactly one column, got ${labels.cols}`);
    if (labels.rows !== table.rows) throw new DatasetFormatError(labelsFile ?? file, `has ${labels.rows} labels but ${file} has ${table.rows} rows`);
    return { points: { rows: table.rows, cols: table.cols, data: table.data }, labels: Float64Array.from(labels.data) };
  }
  let col: number;
  if (typeof labelColumn === 'string') {
    col = table.header?.indexOf(labelColumn) ?? -1;
    if (col < 0) throw new DatasetFormatError(file, table.header ? `no column named "${labelColumn}" (columns: ${table.header.join(', ')})` : `has no header row, so labelColumn "${labelColumn}" cannot be found; give a column index`);
  } else {
    col = labelColumn < 0 ? table.cols + labelColumn : labelColumn;
    if (col < 0 || col >= table.cols) throw new DatasetFormatError(file, `labelColumn ${labelColumn} is out of range for ${table.cols} columns`);
  }
  if (table.cols < 2) throw new DatasetFormatError(file, 'needs at least 2 columns (features and a label column), or a separate labels file');
  const d = table.cols - 1;
  const points = new Float64Array(table.rows * d);
  const out = new Float64Array(table.rows);
  for (let i = 0; i < table.rows; i++) {
    let k = 0;
    for (let j = 0; j < table.cols; j++) {
      const v = table.data[i * table.cols + j];
      if (j === col) out[i] = v;
      else points[i * d + k++] = v;
    }
  }
  return { points: { rows: table.rows, cols: d, data: points }, labels: out };
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
