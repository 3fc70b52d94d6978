/**
 * `rg-flow` figures (rg-theory.md §2–3): the spectrum with the learnable/unlearnable split at κ*,
 * the running ridge σ²(κ) = σ² + Σ_{k>κ} λ_k, and learnability per mode (bare, renormalised,
 * eigenlearning).
 */
import { baseOption, lineSeries, referenceLines, shadedRanges } from '../builder';
import { column, hasArray, indexColumn, squared, xyPoints } from '../data';
import { formatNumber } from '../format';
import { metric, numberAt, type RunChartContext } from '../context';
import { seriesColor, type ChartTheme } from '../theme';
import type { ChartSpec } from '../types';

/**
 * Learnable (k ≤ κ*) and unlearnable (k > κ*) mode ranges, split half-way between mode κ* and
 * κ* + 1 so both boundary modes sit inside their region. null when κ* is undefined.
 */
export function cutoffRanges(cutoff: number | null, modeCount: number, theme: ChartTheme) {
  if (cutoff === null || modeCount < 1) return null;
  const split = cutoff + 0.5;
  const ranges = [];
  if (cutoff >= 1) ranges.push({ from: 1, to: split, label: 'learnable k ≤ κ*', fill: theme.learnableFill });
  if (cutoff < modeCount) ranges.push({ from: split, to: modeCount, label: 'unlearnable k > κ*', fill: theme.unlearnableFill });
  return { split, ranges };
}

export function buildRgFlowCharts(ctx: RunChartContext): ChartSpec[] {
  const { run, arrays, theme } = ctx;
  const charts: ChartSpec[] = [];
  const cutoff = metric(run, 'cutoff');
  const ridge = numberAt(run.spec, 'ridge');
  const eta = numberAt(run.spec, 'sampleCount');
  const threshold = numberAt(run.spec, 'learnabilityThreshold');
  const lambda = column(arrays, 'eigenvalues');
  const modeCount = lambda.length || (metric(run, 'modeCount') ?? 0);
  const k = indexColumn(modeCount, 1);
  const split = cutoffRanges(cutoff, modeCount, theme);
  const cutoffWarning = cutoff === null ? ['κ* is undefined for this run (see diagnostics): no learnable/unlearnable split drawn.'] : [];

  if (hasArray(arrays, 'eigenvalues') || hasArray(arrays, 'targetCoefficients')) {
    const logLog = { logX: true, logY: true };
    const lambdaSeries = lineSeries('λ_k', xyPoints(k, lambda, logLog, { gaps: true }), { color: seriesColor(theme, 0) });
    const refs: { y: number; label: string }[] = [];
    if (ridge !== null && eta !== null && ridge > 0 && eta > 0) refs.push({ y: ridge / eta, label: 'σ²/η' });
    const splitLine = split ? [{ x: split.split, label: `κ* = ${cutoff}` }] : [];
    lambdaSeries.markArea = split ? shadedRanges(theme, split.ranges) : undefined;
    lambdaSeries.markLine = refs.length || splitLine.length ? referenceLines(theme, [...splitLine, ...refs]) : undefined;
    const targetPower = squared(column(arrays, 'targetCoefficients'));
    const option = baseOption(theme, { name: 'mode k', log: true }, { name: 'λ_k, y_k²', log: true });
    option.series = [
      lambdaSeries,
      lineSeries('y_k²', xyPoints(k, targetPower, logLog, { gaps: true }), { color: seriesColor(theme, 1), width: 1.6, dashed: true }),
    ];
    charts.push({ id: 'spectrum', title: 'Spectrum λ_k and target power y_k² vs mode k', option, notes: [], warnings: cutoffWarning });
  }

  if (hasArray(arrays, 'renormalizedRidge')) {
    const sigma = column(arrays, 'renormalizedRidge');
    const kappa = indexColumn(sigma.length, 0);
    // κ on a log axis, like the spectrum above: the flow over decades of modes, κ* readable. κ = 0
    // (nothing kept, σ²(0) = σ² + Σ_k λ_k) cannot sit on it and is stated in a note instead.
    const scales = { logX: true, logY: true };
    const series = lineSeries('σ²(κ)', xyPoints(kappa, sigma, scales, { gaps: true }), { color: seriesColor(theme, 0) });
    const refs: ({ x: number; label: string } | { y: number; label: string })[] = [];
    if (cutoff !== null) refs.push({ x: cutoff, label: `κ* = ${cutoff}` });
    if (ridge !== null && ridge > 0) refs.push({ y: ridge, label: 'bare σ²' });
    if (refs.length) series.markLine = referenceLines(theme, refs);
    const option = baseOption(theme, { name: 'cutoff κ (modes kept)', log: true }, { name: 'σ²(κ) = σ² + Σ_{k>κ} λ_k', log: true });
    option.series = [series];
    const at = metric(run, 'renormalizedRidge');
    charts.push({
      id: 'running-ridge',
      title: 'Running ridge σ²(κ) vs cutoff κ',
      option,
      notes: [...(at !== null ? [`σ²(κ*) = ${formatNumber(at)}`] : []), `κ = 0 (off the log axis): σ²(0) = ${formatNumber(sigma[0])}`],
      warnings: cutoffWarning,
    });
  }

  const learnNames: [string, string][] = [
    ['learnability', 'bare L_k = ηλ_k/(σ² + ηλ_k)'],
    ['learnabilityRenormalized', 'renormalised ηλ_k/(σ²(κ*) + ηλ_k)'],
    ['eigenlearningLearnability', 'eigenlearning λ_k/(λ_k + κ_S)'],
  ];
  const present = learnNames.filter(([name]) => hasArray(arrays, name));
  if (present.length) {
    const scales = { logX: true, logY: false };
    const series = present.map(([name, label], i) =>
      lineSeries(label, xyPoints(indexColumn(column(arrays, name).length, 1), column(arrays, name), scales, { gaps: true }), {
        color: seriesColor(theme, i),
        dashed: name === 'eigenlearningLearnability',
      }),
    );
    const refs: ({ x: number; label: string } | { y: number; label: string })[] = [];
    if (threshold !== null) refs.push({ y: threshold, label: `T = ${formatNumber(threshold)}` });
    if (split) refs.push({ x: split.split, label: `κ* = ${cutoff}` });
    series[0].markLine = refs.length ? referenceLines(theme, refs) : undefined;
    series[0].markArea = split ? shadedRanges(theme, split.ranges) : undefined;
    const option = baseOption(theme, { name: 'mode k', log: true }, { name: 'learnability', log: false, min: 0, max: 1 });
    option.series = series;
    charts.push({ id: 'learnability', title: 'Learnability per mode (bare, renormalised, eigenlearning)', option, notes: [] });
  }
  return charts;
}
