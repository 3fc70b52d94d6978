/**
 * Fallback for kinds without dedicated figures: every 1-D array against its index, log y when the
 * values are all positive and span more than three decades.
 */
import { baseOption, lineSeries } from '../builder';
import { finiteValues, indexColumn, xyPoints } from '../data';
import type { RunChartContext } from '../context';
import { seriesColor } from '../theme';
import type { ChartSpec, Column } from '../types';

export const GENERIC_CHART_LIMIT = 24;

/** Log scale suits positive data spanning more than `decades` decades. */
export function prefersLogScale(values: Column, decades = 3): boolean {
  const finite = finiteValues(values);
  if (finite.length < 2 || finite.some((v) => v <= 0)) return false;
  let min = Infinity;
  let max = -Infinity;
  for (const v of finite) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max / min > 10 ** decades;
}

export function buildGenericCharts(ctx: RunChartContext): ChartSpec[] {
  const { arrays, theme } = ctx;
  const charts: ChartSpec[] = [];
  for (const name of Object.keys(arrays).sort()) {
    const a = arrays[name];
    if (a.shape.length > 1 || a.data.length === 0) continue;
    if (charts.length >= GENERIC_CHART_LIMIT) break;
    const logY = prefersLogScale(a.data);
    const option = baseOption(theme, { name: 'index i', log: false }, { name, log: logY });
    option.series = [lineSeries(name, xyPoints(indexColumn(a.data.length, 0), a.data, { logX: false, logY }, { gaps: true }), { color: seriesColor(theme, 0) })];
    charts.push({ id: `array-${name}`, title: a.description ? `${name}: ${a.description}` : name, option, notes: [] });
  }
  return charts;
}
