/**
 * Data shaping for the builders: wire arrays to columns, (x, y) pairs that respect log axes,
 * mean ± k·s.e. bands. Pure functions on plain arrays.
 */
import type { WireArray } from '../api/contract';
import type { AxisScales, Column, WireArrays } from './types';

/** The numbers of a wire array (empty when absent). */
export function column(arrays: WireArrays, name: string): Column {
  return arrays[name]?.data ?? [];
}

export function hasArray(arrays: WireArrays, name: string): boolean {
  const a = arrays[name];
  return a !== undefined && a.data.length > 0;
}

/** 1, 2, …, n (mode index k) or 0, 1, …, n−1. */
export function indexColumn(n: number, start = 1): number[] {
  return Array.from({ length: n }, (_, i) => i + start);
}

/** Whether a value can be drawn on an axis (finite, and > 0 on a log axis). */
export function drawable(value: number | null | undefined, log: boolean): value is number {
  return typeof value === 'number' && Number.isFinite(value) && (!log || value > 0);
}

export type Point = [number, number];
/** A point or a gap marker (null y breaks a line so it does not bridge undrawable values). */
export type MaybePoint = [number, number | null];

/**
 * (x, y) pairs for a line or scatter series. Points that cannot be drawn (null, non-finite, or
 * ≤ 0 on a log axis) are dropped; with `gaps` a dropped y leaves an [x, null] marker so lines break
 * there instead of bridging.
 */
export function xyPoints(x: Column, y: Column, scales: AxisScales, options: { gaps?: boolean } = {}): MaybePoint[] {
  const n = Math.min(x.length, y.length);
  const out: MaybePoint[] = [];
  let lastWasGap = true;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    if (!drawable(xi, scales.logX)) continue;
    if (drawable(yi, scales.logY)) {
      out.push([xi, yi]);
      lastWasGap = false;
    } else if (options.gaps && !lastWasGap) {
      out.push([xi, null]);
      lastWasGap = true;
    }
  }
  if (out.length > 0 && out[out.length - 1][1] === null) out.pop();
  return out;
}

/** y² elementwise (target power y_k² from coefficients y_k). */
export function squared(y: Column): (number | null)[] {
  return y.map((v) => (v === null ? null : v * v));
}

/** mean ∓ k·s.e. (null where either is null). */
export function band(mean: Column, stdErr: Column, k: number): { lower: (number | null)[]; upper: (number | null)[] } {
  const n = Math.min(mean.length, stdErr.length);
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const m = mean[i];
    const s = stdErr[i];
    if (m === null || s === null || !Number.isFinite(m) || !Number.isFinite(s)) {
      lower.push(null);
      upper.push(null);
    } else {
      lower.push(m - k * Math.abs(s));
      upper.push(m + k * Math.abs(s));
    }
  }
  return { lower, upper };
}

/** One point of a band: [x, lower, upper]. */
export type BandPoint = [number, number, number];

/**
 * The contiguous runs of a filled band (mean ± k·s.e.), each drawn as one polygon. Like line
 * points, band points that cannot be drawn (a bound null, or ≤ 0 on a log y axis) are dropped and
 * split the band, rather than stretching the axis; runs of a single point are left out.
 */
export function bandRuns(x: Column, lower: Column, upper: Column, scales: AxisScales): BandPoint[][] {
  const n = Math.min(x.length, lower.length, upper.length);
  const runs: BandPoint[][] = [];
  let current: BandPoint[] = [];
  const close = () => {
    if (current.length >= 2) runs.push(current);
    current = [];
  };
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const lo = lower[i];
    const hi = upper[i];
    if (!drawable(xi, scales.logX) || !drawable(lo, scales.logY) || !drawable(hi, scales.logY)) close();
    else current.push([xi, lo, hi]);
  }
  close();
  return runs;
}

/** The shape of a wire array as [rows, cols] for a matrix (1-D arrays are one column). */
export function matrixShape(a: WireArray): [number, number] {
  if (a.shape.length === 2) return [a.shape[0], a.shape[1]];
  return [a.data.length, 1];
}

/** Column j of a row-major [rows, cols] matrix. */
export function matrixColumn(a: WireArray, j: number): (number | null)[] {
  const [rows, cols] = matrixShape(a);
  if (j < 0 || j >= cols) return [];
  const out: (number | null)[] = new Array(rows);
  for (let i = 0; i < rows; i++) out[i] = a.data[i * cols + j] ?? null;
  return out;
}

/** Finite values of a column. */
export function finiteValues(values: Column): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}
