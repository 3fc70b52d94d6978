/**
 * Compare view: group runs by one parameter and summarise one metric per group
 * (mean ± sample standard deviation, with the standard error), e.g. over seeds.
 */
import type { CustomSeriesRenderItem } from 'echarts';
import type { Comparison } from '../api/contract';
import { baseOption, fitLegend, scatterSeries } from './builder';
import { formatValue } from './format';
import { seriesColor, withAlpha, type ChartTheme } from './theme';
import type { ChartOption, CustomSeriesOption } from './types';

export interface GroupStats {
  readonly key: string;
  /** The parameter value shared by the group. */
  readonly value: unknown;
  readonly runIds: readonly number[];
  /** The metric's finite values in the group (runs without it are counted in `missing`). */
  readonly values: readonly number[];
  readonly missing: number;
  readonly n: number;
  readonly mean: number | null;
  /** Sample standard deviation (n − 1); null below two values. */
  readonly std: number | null;
  readonly stdErr: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export function summarise(values: readonly number[]): Pick<GroupStats, 'n' | 'mean' | 'std' | 'stdErr' | 'min' | 'max'> {
  const n = values.length;
  if (n === 0) return { n, mean: null, std: null, stdErr: null, min: null, max: null };
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : null;
  return { n, mean, std, stdErr: std === null ? null : std / Math.sqrt(n), min: Math.min(...values), max: Math.max(...values) };
}

function groupKey(value: unknown): string {
  return value === undefined || value === null ? '(unset)' : formatValue(value);
}

/**
 * Groups the compared runs by the value of parameter `path` and summarises `metric` per group.
 * Groups are ordered by numeric value where all are numbers, else by key.
 */
export function groupComparison(comparison: Comparison, path: string, metric: string): GroupStats[] {
  const param = comparison.parameters.find((p) => p.path === path);
  const metricRow = comparison.metrics.find((m) => m.name === metric);
  const groups = new Map<string, { value: unknown; runIds: number[]; values: number[]; missing: number }>();
  comparison.runs.forEach((run, i) => {
    const value = param ? param.values[i] : undefined;
    const key = groupKey(value);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { value, runIds: [], values: [], missing: 0 }));
    g.runIds.push(run.id);
    const m = metricRow?.values[i];
    if (typeof m === 'number' && Number.isFinite(m)) g.values.push(m);
    else g.missing++;
  });
  const out: GroupStats[] = [...groups.entries()].map(([key, g]) => ({ key, ...g, ...summarise(g.values) }));
  const numeric = out.every((g) => typeof g.value === 'number');
  out.sort((a, b) => (numeric ? (a.value as number) - (b.value as number) : a.key.localeCompare(b.key)));
  return out;
}

/** Vertical error bar with caps: data [category index, mean, low, high]. */
const errorBarRenderer = (stroke: string): CustomSeriesRenderItem => (_params, api) => {
  const x = Number(api.value(0));
  const lo = api.coord([x, Number(api.value(2))]);
  const hi = api.coord([x, Number(api.value(3))]);
  const cap = 6;
  const style = { stroke, lineWidth: 1.5 };
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
      { type: 'line', shape: { x1: lo[0] - cap, y1: lo[1], x2: lo[0] + cap, y2: lo[1] }, style },
      { type: 'line', shape: { x1: hi[0] - cap, y1: hi[1], x2: hi[0] + cap, y2: hi[1] }, style },
    ],
  };
};

/** Group means with ± spread (sample s.d., or s.e.) as error bars, and every run as a faint dot. */
export function buildGroupOption(
  groups: readonly GroupStats[],
  labels: { path: string; metric: string },
  theme: ChartTheme,
  spread: 'std' | 'stdErr' = 'std',
): ChartOption {
  const categories = groups.map((g) => g.key);
  const option = baseOption(theme, { name: labels.path, log: false, categories }, { name: labels.metric, log: false }, { tooltip: 'item' });
  const color = seriesColor(theme, 0);
  const bars: [number, number, number, number][] = [];
  groups.forEach((g, i) => {
    const s = g[spread];
    if (g.mean !== null && s !== null) bars.push([i, g.mean, g.mean - s, g.mean + s]);
  });
  const errorBars: CustomSeriesOption = {
    type: 'custom',
    name: spread === 'std' ? 'mean ± s.d.' : 'mean ± s.e.',
    data: bars,
    encode: { x: 0, y: [1, 2, 3] },
    renderItem: errorBarRenderer(color),
    itemStyle: { color },
    color,
    z: 3,
    tooltip: { show: false },
  };
  option.series = [
    scatterSeries(
      'runs',
      groups.flatMap((g, i) => g.values.map((v) => [i, v] as [number, number])),
      withAlpha(seriesColor(theme, 1), 0.55),
      { symbolSize: 6, itemStyle: { color: withAlpha(seriesColor(theme, 1), 0.55) } },
    ),
    errorBars,
    scatterSeries(
      spread === 'std' ? 'mean ± s.d.' : 'mean ± s.e.',
      groups.flatMap((g, i) => (g.mean === null ? [] : [[i, g.mean] as [number, number]])),
      color,
      { symbolSize: 10, symbol: 'diamond', z: 4 },
    ),
  ];
  return fitLegend(option);
}
