/**
 * Building blocks shared by every figure: themed base option, linear/log axes with labels that
 * survive tiny values, line/scatter series, filled bands (custom series) and reference lines.
 */
import type {
  CustomSeriesRenderItem,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  XAXisComponentOption,
  YAXisComponentOption,
} from 'echarts';
import { formatLinearTick, formatLogTick, formatNumber } from './format';
import type { BandPoint, MaybePoint } from './data';
import { withAlpha, type ChartTheme } from './theme';
import type { ChartOption, CustomSeriesOption, LineSeriesOption, ScatterSeriesOption } from './types';

export interface AxisSpec {
  readonly name: string;
  readonly log: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Category axis labels (bar charts). */
  readonly categories?: readonly string[];
}

function axisCommon(spec: AxisSpec, theme: ChartTheme) {
  return {
    name: spec.name,
    nameLocation: 'middle' as const,
    nameTextStyle: { color: theme.text, fontSize: 12 },
    axisLine: { show: true, lineStyle: { color: theme.axisLine } },
    axisTick: { lineStyle: { color: theme.axisLine } },
    splitLine: { show: true, lineStyle: { color: theme.splitLine } },
    axisLabel: {
      color: theme.textMuted,
      hideOverlap: true,
      formatter: (value: number | string) => (typeof value === 'number' ? (spec.log ? formatLogTick(value) : formatLinearTick(value)) : String(value)),
    },
    // The value at the pointer (the axis tooltip's header): n = 200 reads "200", not "200.00".
    axisPointer: { label: { formatter: axisPointerLabel } },
  };
}

/** The label of an axis pointer's value: numbers as everywhere else (integers as integers). */
export function axisPointerLabel(params: { value?: unknown }): string {
  const v = params.value;
  return typeof v === 'number' ? formatNumber(v, 4) : String(v ?? '');
}

export function xAxis(spec: AxisSpec, theme: ChartTheme): XAXisComponentOption {
  if (spec.categories) {
    return { ...axisCommon(spec, theme), type: 'category', data: [...spec.categories], nameGap: 30, axisLabel: { color: theme.textMuted } };
  }
  return {
    ...axisCommon(spec, theme),
    type: spec.log ? 'log' : 'value',
    ...(spec.log ? { logBase: 10 } : { scale: true }),
    nameGap: 30,
    min: spec.min,
    max: spec.max,
  } as XAXisComponentOption;
}

export function yAxis(spec: AxisSpec, theme: ChartTheme): YAXisComponentOption {
  return {
    ...axisCommon(spec, theme),
    type: spec.log ? 'log' : 'value',
    ...(spec.log ? { logBase: 10 } : { scale: true }),
    nameGap: 58,
    nameRotate: 90,
    min: spec.min,
    max: spec.max,
  } as YAXisComponentOption;
}

function tooltipValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' ? formatNumber(v) : String(v))).join(', ');
  return typeof value === 'number' ? formatNumber(value) : String(value ?? '—');
}

/** Theme, palette, grid, legend, tooltip and zoom shared by the x–y figures. */
export function baseOption(theme: ChartTheme, x: AxisSpec, y: AxisSpec, options: { zoom?: boolean; tooltip?: 'axis' | 'item' } = {}): ChartOption {
  return {
    animation: false,
    backgroundColor: theme.background,
    color: [...theme.palette],
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 84, right: 28, top: 56, bottom: 56 },
    legend: { type: 'scroll', top: 6, left: 'center', textStyle: { color: theme.text }, pageTextStyle: { color: theme.textMuted } },
    tooltip: {
      trigger: options.tooltip ?? 'axis',
      confine: true,
      backgroundColor: theme.tooltipBackground,
      borderColor: theme.axisLine,
      textStyle: { color: theme.text, fontFamily: theme.fontFamily },
      valueFormatter: tooltipValue,
      axisPointer: { type: 'line', lineStyle: { color: theme.axisLine } },
    },
    xAxis: xAxis(x, theme),
    yAxis: yAxis(y, theme),
    ...(options.zoom === false || x.categories ? {} : { dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }] }),
  };
}

/**
 * Lays the legend out for the series it lists: a wrapping legend with the plot moved down by the
 * number of lines it needs at `widthPx` (estimated from the names), or a scrolling one-line legend
 * when it would need more than `maxLines`.
 */
export function fitLegend(option: ChartOption, widthPx = 640, maxLines = 3): ChartOption {
  const list = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  const names = [...new Set(list.map((s) => (s as { name?: unknown }).name).filter((n): n is string => typeof n === 'string' && n !== ''))];
  let lines = names.length ? 1 : 0;
  let used = 0;
  for (const name of names) {
    const w = 40 + 7 * name.length;
    if (used > 0 && used + w > widthPx - 40) {
      lines++;
      used = w;
    } else used += w;
  }
  const legend = (option.legend && !Array.isArray(option.legend) ? option.legend : {}) as Record<string, unknown>;
  const grid = (option.grid && !Array.isArray(option.grid) ? option.grid : {}) as Record<string, unknown>;
  const scroll = lines > maxLines;
  return {
    ...option,
    legend: { ...legend, type: scroll ? 'scroll' : 'plain', show: names.length > 0 },
    grid: { ...grid, top: 24 + 22 * (scroll ? 1 : Math.max(1, lines)) },
  } as ChartOption;
}

/**
 * Makes the plot area of an x–y option square and centred, for a chart `heightPx` tall: with equal
 * x and y ranges one unit is as long on both axes, so circles (N(0, I) contours) stay circles.
 */
export function squarePlot(option: ChartOption, heightPx: number): ChartOption {
  const grid = (option.grid && !Array.isArray(option.grid) ? option.grid : {}) as Record<string, unknown>;
  const top = typeof grid.top === 'number' ? grid.top : 56;
  const bottom = typeof grid.bottom === 'number' ? grid.bottom : 56;
  const side = Math.max(80, heightPx - top - bottom);
  const { right: _right, ...rest } = grid;
  return { ...option, grid: { ...rest, top, left: 'center', width: side, height: side } } as ChartOption;
}

export interface LineStyle {
  readonly color: string;
  readonly dashed?: boolean;
  readonly width?: number;
  /** Show symbols at the points (small data) or never. */
  readonly symbols?: boolean;
}

export function lineSeries(name: string, data: MaybePoint[], style: LineStyle, extra: Partial<LineSeriesOption> = {}): LineSeriesOption {
  const showSymbol = style.symbols ?? data.length <= 40;
  return {
    type: 'line',
    name,
    data,
    showSymbol,
    symbolSize: 5,
    connectNulls: false,
    color: style.color,
    lineStyle: { color: style.color, width: style.width ?? 1.8, type: style.dashed ? 'dashed' : 'solid' },
    itemStyle: { color: style.color },
    emphasis: { focus: 'series' },
    ...extra,
  };
}

export function scatterSeries(name: string, data: MaybePoint[], color: string, extra: Partial<ScatterSeriesOption> = {}): ScatterSeriesOption {
  return {
    type: 'scatter',
    name,
    data,
    symbolSize: 5,
    color,
    itemStyle: { color },
    large: data.length > 2000,
    ...extra,
  };
}

/**
 * Draws the whole band once (at data item 0): one polygon per contiguous run, lower bounds
 * forward and upper bounds back, so there are no seams between segments.
 */
function bandRenderer(runs: readonly (readonly BandPoint[])[], fill: string): CustomSeriesRenderItem {
  return (params, api) => {
    if (params.dataIndex !== 0) return null;
    return {
      type: 'group',
      silent: true,
      children: runs.map((run) => ({
        type: 'polygon' as const,
        shape: { points: [...run.map(([x, lo]) => api.coord([x, lo])), ...[...run].reverse().map(([x, , hi]) => api.coord([x, hi]))] },
        style: { fill },
      })),
    };
  };
}

/** A filled band (e.g. mean ± 1 s.e.); its data points set the axis extent. */
export function bandSeries(name: string, runs: BandPoint[][], color: string, opacity: number): CustomSeriesOption {
  const fill = withAlpha(color, opacity);
  return {
    type: 'custom',
    name,
    data: runs.flat(),
    encode: { x: 0, y: [1, 2] },
    renderItem: bandRenderer(runs, fill),
    progressive: 0,
    itemStyle: { color: fill },
    color: fill,
    silent: true,
    clip: true,
    z: 1,
    tooltip: { show: false },
  };
}

/** Vertical and horizontal reference lines (κ*, σ²/η, thresholds). */
export function referenceLines(
  theme: ChartTheme,
  lines: readonly ({ x: number; label: string } | { y: number; label: string })[],
): MarkLineComponentOption {
  return {
    silent: true,
    symbol: 'none',
    animation: false,
    lineStyle: { color: theme.reference, type: 'dashed', width: 1 },
    label: { color: theme.textMuted, fontSize: 11, formatter: '{b}' },
    data: lines.map((l) => ('x' in l ? { name: l.label, xAxis: l.x, label: { position: 'insideEndTop' as const } } : { name: l.label, yAxis: l.y, label: { position: 'insideEndTop' as const } })),
  };
}

/** A shaded horizontal band (e.g. the ±2 s.e. range expected for Gaussian features). */
export function shadedBand(theme: ChartTheme, from: number, to: number, label: string): MarkAreaComponentOption {
  return {
    silent: true,
    label: { show: false },
    data: [[{ name: label, yAxis: from, itemStyle: { color: theme.learnableFill } }, { yAxis: to }]],
  };
}

/** Shaded x ranges (learnable / unlearnable modes). */
export function shadedRanges(
  theme: ChartTheme,
  ranges: readonly { from: number; to: number; label: string; fill: string }[],
): MarkAreaComponentOption {
  return {
    silent: true,
    label: { color: theme.textMuted, fontSize: 11, position: 'insideTop' },
    data: ranges.map((r) => [
      { name: r.label, xAxis: r.from, itemStyle: { color: r.fill } },
      { xAxis: r.to },
    ]),
  };
}
