/**
 * Extent and ticks of every logarithmic axis, from the data actually drawn on it. ECharts on its
 * own pads a log axis to a multiple of its (often 10-decade) tick step, so data spanning 1e−12 … 1
 * got an axis 1e−20 … 1, and data inside one decade got only the labels 0.1 and 1. Here:
 *
 * - the axis runs from the decade at or below the smallest positive value to the decade at or above
 *   the largest (aligned to the tick step, so both ends are labelled);
 * - labelled ticks every decade up to MAX_LOG_TICKS decades, then every 2, 5, 10, 20, 50 … decades;
 * - an axis of one or two decades also labels 2, 3, 5 (one decade) or 2, 5 (two decades) times each
 *   power of ten, so values inside a decade can be read.
 */
import type { ChartOption } from './types';

/** At most this many tick steps on a wide axis (so about this many labels). */
export const MAX_LOG_TICKS = 8;
/** The smallest and largest decades a double can hold a normal power of ten in. */
const MIN_EXPONENT = -307;
const MAX_EXPONENT = 308;
const DECADE_SLACK = 1e-3;

export interface LogAxisScale {
  /** Axis ends, powers of ten. */
  readonly min: number;
  readonly max: number;
  /** Decades between labelled ticks (ECharts' log-axis `interval`, in log10 units). */
  readonly interval: number;
  /** Labelled tick values for axes of one or two decades (decades and the values between); else null. */
  readonly ticks: readonly number[] | null;
}

/** The smallest and largest positive finite values, or null when there are none. */
export function positiveRange(values: Iterable<unknown>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Tick step in decades for an axis spanning `decades`: 1, 2, 5, 10, 20, 50, … */
export function logTickStep(decades: number, maxTicks = MAX_LOG_TICKS): number {
  for (let scale = 1; ; scale *= 10) {
    for (const m of [1, 2, 5]) {
      const step = m * scale;
      if (decades / step <= maxTicks) return step;
    }
  }
}

/** 10^e, exact for the decades (10 ** −5 is 0.000009999… in floating point; 1e-5 is not). */
function pow10(e: number): number {
  return Number(`1e${e}`);
}

/**
 * The log axis for positive data in [lo, hi] (lo ≤ hi, both > 0 and finite): decade ends, tick
 * step, and the in-between labels for axes of at most two decades.
 */
export function logAxisScale(lo: number, hi: number): LogAxisScale {
  // Slack of 0.001 decade (0.23 %): 1e-12 (log10 = −11.999…) counts as the decade it is, and a
  // running ridge starting at 1 + 1e−4 ends the axis at 1 rather than at 10 (the overshoot is
  // a thousandth of a decade, under a pixel).
  let first = Math.floor(Math.log10(lo) + DECADE_SLACK);
  let last = Math.ceil(Math.log10(hi) - DECADE_SLACK);
  if (last <= first) last = first + 1;
  const step = logTickStep(last - first);
  first = Math.max(MIN_EXPONENT, Math.floor(first / step) * step);
  last = Math.min(MAX_EXPONENT, Math.ceil(last / step) * step);
  if (last <= first) first = last - step;
  const decades = last - first;
  let ticks: number[] | null = null;
  if (decades <= 2) {
    const mantissas = decades === 1 ? [1, 2, 3, 5] : [1, 2, 5];
    ticks = [];
    for (let e = first; e < last; e++) for (const m of mantissas) ticks.push(Number(`${m}e${e}`));
    ticks.push(pow10(last));
  }
  return { min: pow10(first), max: pow10(last), interval: step, ticks };
}

type AxisOption = Record<string, unknown> & { type?: string; axisLabel?: Record<string, unknown>; axisTick?: Record<string, unknown> };
type SeriesLike = { type?: string; data?: unknown; markLine?: { data?: unknown } };

/** The values a series puts on the x axis (dimension 0) and the y axis (the other dimensions). */
function seriesValues(series: SeriesLike, axis: 'x' | 'y', out: number[]): void {
  if (Array.isArray(series.data)) {
    for (const item of series.data as unknown[]) {
      const values = Array.isArray(item) ? item : item && typeof item === 'object' && Array.isArray((item as { value?: unknown }).value) ? (item as { value: unknown[] }).value : null;
      if (!values) continue;
      if (axis === 'x') out.push(values[0] as number);
      else for (let i = 1; i < values.length; i++) out.push(values[i] as number);
    }
  }
  // Reference lines someone chose to draw should be on the axis too (σ²/η, bare σ², κ*).
  const marks = series.markLine?.data;
  if (Array.isArray(marks)) {
    const key = axis === 'x' ? 'xAxis' : 'yAxis';
    for (const m of marks as unknown[]) if (m && typeof m === 'object' && key in m) out.push((m as Record<string, number>)[key]);
  }
}

function fitAxis(axis: AxisOption, values: number[]): AxisOption {
  if (axis.type !== 'log' || axis.min !== undefined || axis.max !== undefined) return axis;
  const range = positiveRange(values);
  if (!range) return axis;
  const scale = logAxisScale(range[0], range[1]);
  const fitted: AxisOption = { ...axis, min: scale.min, max: scale.max };
  if (scale.ticks) {
    fitted.axisLabel = { ...axis.axisLabel, customValues: [...scale.ticks] };
    fitted.axisTick = { ...axis.axisTick, customValues: [...scale.ticks] };
  } else {
    fitted.interval = scale.interval;
  }
  return fitted;
}

/**
 * Sets the extent and ticks of the option's logarithmic axes from the data of its series (and their
 * reference lines). Axes with an explicit min or max, and linear or category axes, are left alone.
 * Every figure builder passes its option through here.
 */
export function fitLogAxes(option: ChartOption): ChartOption {
  const list = (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as SeriesLike[];
  const fit = (axis: unknown, which: 'x' | 'y') => {
    if (!axis || Array.isArray(axis) || typeof axis !== 'object' || (axis as AxisOption).type !== 'log') return axis;
    const values: number[] = [];
    for (const s of list) seriesValues(s, which, values);
    return fitAxis(axis as AxisOption, values);
  };
  return { ...option, xAxis: fit(option.xAxis, 'x'), yAxis: fit(option.yAxis, 'y') } as ChartOption;
}
