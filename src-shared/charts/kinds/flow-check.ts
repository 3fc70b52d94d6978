/**
 * `flow-check` figures (rg-theory.md §7): full kernel at σ² against the truncated kernel K_κ at
 * σ² + Σ_{k>κ} λ_k, as a function of the cutoff κ: relative L2 distance of the averaged
 * predictors (± 1 s.e.) and both test MSEs, log y; log κ when every cutoff is > 0.
 */
import { bandSeries, baseOption, lineSeries, referenceLines } from '../builder';
import { band, bandRuns, column, finiteValues, hasArray, xyPoints } from '../data';
import { metric, type RunChartContext } from '../context';
import { seriesColor } from '../theme';
import type { ChartSpec, Column, SeriesOption } from '../types';

/** Whether the κ axis is logarithmic: every finite cutoff is > 0 (and there is one). */
export function kappaAxisIsLog(kappa: Column): boolean {
  const finite = finiteValues(kappa);
  return finite.length > 0 && finite.every((k) => k > 0);
}

export function buildFlowCheckCharts(ctx: RunChartContext): ChartSpec[] {
  const { run, arrays, theme } = ctx;
  if (!hasArray(arrays, 'cutoffs')) return [];
  const kappa = column(arrays, 'cutoffs');
  // Cutoffs are usually geometric (5 … 4000): a log κ axis spreads them out. κ = 0 (no modes
  // kept) cannot sit on a log axis, so any κ ≤ 0 keeps the axis linear.
  const logX = kappaAxisIsLog(kappa);
  const scales = { logX, logY: true };
  const cutoff = metric(run, 'cutoff');
  const refs = cutoff !== null && (!logX || cutoff > 0) ? [{ x: cutoff, label: `κ* = ${cutoff}` }] : [];
  const charts: ChartSpec[] = [];
  if (hasArray(arrays, 'relativeDistance')) {
    const color = seriesColor(theme, 0);
    const d = column(arrays, 'relativeDistance');
    const series: SeriesOption[] = [];
    if (hasArray(arrays, 'relativeDistanceStdErr')) {
      const { lower, upper } = band(d, column(arrays, 'relativeDistanceStdErr'), 1);
      series.push(bandSeries('±1 s.e.', bandRuns(kappa, lower, upper, scales), color, 0.25));
    }
    const line = lineSeries('relative L2 distance', xyPoints(kappa, d, scales, { gaps: true }), { color, width: 2 });
    if (refs.length) line.markLine = referenceLines(theme, refs);
    series.push(line);
    const option = baseOption(theme, { name: 'cutoff κ (modes kept)', log: logX }, { name: '‖f̄_full − f̄_κ‖ / ‖f̄_full‖', log: true });
    option.series = series;
    charts.push({ id: 'flow-distance', title: 'Full vs truncated-and-renormalised predictor', option, notes: [] });
  }
  const mse: SeriesOption[] = [];
  const lines: ReturnType<typeof lineSeries>[] = [];
  [
    ['mseFull', 'full kernel, ridge σ²'],
    ['mseTruncated', 'truncated K_κ, ridge σ² + Σ_{k>κ} λ_k'],
  ].forEach(([name, label], i) => {
    if (!hasArray(arrays, name)) return;
    const color = seriesColor(theme, i);
    const values = column(arrays, name);
    if (hasArray(arrays, `${name}StdErr`)) {
      const { lower, upper } = band(values, column(arrays, `${name}StdErr`), 1);
      mse.push(bandSeries(`${i === 0 ? 'full' : 'truncated'} ±1 s.e.`, bandRuns(kappa, lower, upper, scales), color, 0.2));
    }
    const line = lineSeries(label, xyPoints(kappa, values, scales, { gaps: true }), { color, dashed: i === 1 });
    lines.push(line);
    mse.push(line);
  });
  if (lines.length) {
    if (refs.length) lines[0].markLine = referenceLines(theme, refs);
    const option = baseOption(theme, { name: 'cutoff κ (modes kept)', log: logX }, { name: 'test MSE', log: true });
    option.series = mse;
    charts.push({ id: 'flow-mse', title: 'Test MSE of the full and the truncated kernel vs κ', option, notes: [] });
  }
  return charts;
}
