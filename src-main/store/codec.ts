import { endianness } from 'node:os';
import type { ArrayResult, ExperimentResult } from '../../src-shared/experiments/types';
import { StoreInputError } from './errors';
import { toArrayInfo, type ArrayRow } from './rows';

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** Checks dtype and shape (non-negative integer dims whose product is `data.length`). */
export function validateArray(name: string, array: ArrayResult): void {
  if (array.dtype !== 'float64' || !(array.data instanceof Float64Array)) {
    throw new StoreInputError(`array ${JSON.stringify(name)}: dtype must be float64 with a Float64Array`);
  }
  let size = 1;
  for (const dim of array.shape) {
    if (!Number.isSafeInteger(dim) || dim < 0) {
      const shape = JSON.stringify(array.shape);
      throw new StoreInputError(`array ${JSON.stringify(name)}: shape ${shape} is not a list of non-negative integers`);
    }
    size *= dim;
  }
  if (size !== array.data.length) {
    throw new StoreInputError(
      `array ${JSON.stringify(name)}: shape ${JSON.stringify(array.shape)} holds ${size} values but data has ${array.data.length}`,
    );
  }
}

/** Float64Array → little-endian bytes (a copy, so later changes to `data` do not leak in). */
export function encodeFloat64(data: Float64Array): Buffer {
  const out = Buffer.allocUnsafe(data.byteLength);
  if (LITTLE_ENDIAN_HOST) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  } else {
    for (let i = 0; i < data.length; i++) out.writeDoubleLE(data[i], i * 8);
  }
  return out;
}

/**
 * Little-endian bytes → a fresh, 8-byte-aligned Float64Array. The Buffer better-sqlite3 returns
 * may sit at any byteOffset of a shared pool, so it is copied byte-wise, never viewed in place.
 */
export function decodeFloat64(bytes: Uint8Array, context: string): Float64Array {
  if (bytes.byteLength % 8 !== 0) {
    throw new Error(`${context}: stored blob has ${bytes.byteLength} bytes, not a multiple of 8`);
  }
  const out = new Float64Array(bytes.byteLength / 8);
  if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(out.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  }
  return out;
}

/**
 * The finite numeric leaves of a spec as dotted paths: `{ source: { modeCount: 64 }, ridge: 1e-3 }`
 * → `[["source.modeCount", 64], ["ridge", 1e-3]]`. Arrays, strings, booleans and non-finite
 * numbers are not parameters one filters ranges of, and are skipped.
 */
export function flattenNumericParams(spec: Record<string, unknown>): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const walk = (value: unknown, prefix: string): void => {
    if (typeof value === 'number') {
      if (Number.isFinite(value) && prefix !== '') out.push([prefix, value]);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      walk(child, prefix === '' ? key : `${prefix}.${key}`);
    }
  };
  walk(spec, '');
  return out;
}

/** A metric value as stored: NaN becomes NULL (SQLite would do so silently anyway). */
export function metricToDb(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : value;
}

export interface EncodedArray {
  readonly name: string;
  readonly shapeJson: string;
  readonly data: Buffer;
  readonly description: string | null;
}

export interface EncodedResult {
  readonly metrics: ReadonlyArray<readonly [string, number | null]>;
  readonly arrays: readonly EncodedArray[];
  readonly diagnosticsJson: string;
}

/** Validates and encodes a result before any lock is taken (copying big arrays takes time). */
export function encodeResult(result: ExperimentResult): EncodedResult {
  const metrics = Object.entries(result.metrics ?? {}).map(([name, value]): [string, number | null] => {
    if (value !== null && typeof value !== 'number') {
      throw new StoreInputError(`metric ${JSON.stringify(name)} must be a number or null`);
    }
    return [name, metricToDb(value)];
  });
  const arrays = Object.entries(result.arrays ?? {}).map(([name, array]): EncodedArray => {
    validateArray(name, array);
    return {
      name,
      shapeJson: JSON.stringify(array.shape),
      data: encodeFloat64(array.data),
      description: array.description ?? null,
    };
  });
  const diagnostics = (result.diagnostics ?? []).map(String);
  return { metrics, arrays, diagnosticsJson: JSON.stringify(diagnostics) };
}

export function decodeArray(id: number, row: ArrayRow): ArrayResult {
  const data = decodeFloat64(row.data, `run ${id} array ${JSON.stringify(row.name)}`);
  const info = toArrayInfo(row);
  return info.description === null
    ? { dtype: 'float64', shape: info.shape, data }
    : { dtype: 'float64', shape: info.shape, data, description: info.description };
}
