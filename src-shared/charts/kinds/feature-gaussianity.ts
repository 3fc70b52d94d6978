/**
 * `feature-gaussianity` figures (rg-theory.md §6–7): the empirical joint distribution of two
 * features (φ_k(x_μ), φ_q(x_μ)) against N(0, I) (circles at 1, 2, 3 standard deviations), their
 * marginals against the N(0,1) density, and excess kurtosis / skewness per chosen mode.
 * `features` has shape [N, M]: φ_{modes[j]}(x_μ) in column j.
 */
import { baseOption, lineSeries, scatterSeries, shadedBand } from '../builder';
import { formatNumber } from '../format';
import { prefersLogScale } from './generic';
import { column, finiteValues, hasArray, indexColumn, matrixColumn, matrixShape, xyPoints, type MaybePoint } from '../data';
import { metric, type RunChartContext } from '../context';

/** Up to this many modes the moments are bars per mode; beyond, lines against k. */
export const MAX_MODE_BARS = 30;
import { seriesColor } from '../theme';
import type { BarSeriesOption, ChartSpec } from '../types';

/** Points on the circle of radius r (the N(0, I) density contour through r standard deviations). */
export function circle(r: number, points = 121): MaybePoint[] {
  return Array.from({ length: points }, (_, i) => {
    const t = (2 * Math.PI * i) / (points - 1);
    return [r * Math.cos(t), r * Math.sin(t)] as MaybePoint;
  });
}

/** Histogram as a density on equal bins over [−range, range]: [bin centre, density] pairs. */
export function densityHistogram(values: readonly number[], range: number, bins: number): MaybePoint[] {
  const width = (2 * range) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const b = Math.floor((v + range) / width);
    if (b >= 0 && b < bins) counts[b]++;
    else if (v === range) counts[bins - 1]++;
  }
  const total = values.length || 1;
  return counts.map((c, b) => [-range + (b + 0.5) * width, c / (total * width)] as MaybePoint);
}

export function normalDensity(range: number, points = 201): MaybePoint[] {
  return Array.from({ length: points }, (_, i) => {
    const x = -range + (2 * range * i) / (points - 1);
    return [x, Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)] as MaybePoint;
  });
}

/** The feature pair to show: the requested columns when valid, else the first two. */
export function featurePair(requested: readonly [number, number] | undefined, columns: number): [number, number] {
  const ok = (j: number) => Number.isInteger(j) && j >= 0 && j < columns;
  if (requested && ok(requested[0]) && ok(requested[1])) return [requested[0], requested[1]];
  return [0, Math.min(1, Math.max(0, columns - 1))];
}

function modeLabel(modes: readonly (number | null)[], j: number): string {
  const k = modes[j];
  return typeof k === 'number' ? `φ_${k}` : `feature ${j}`;
}

export function buildFeatureGaussianityCharts(ctx: RunChartContext): ChartSpec[] {
  const { arrays, theme, options } = ctx;
  const charts: ChartSpec[] = [];
  const modes = column(arrays, 'modes');
  const features = arrays.features;
  if (features && features.data.length) {
    const [rows, cols] = matrixShape(features);
    const [j, q] = featurePair(options.featurePair, cols);
    const a = matrixColumn(features, j);
    const b = matrixColumn(features, q);
    const points: MaybePoint[] = [];
    for (let i = 0; i < rows; i++) {
      const u = a[i];
      const v = b[i];
      if (typeof u === 'number' && typeof v === 'number' && Number.isFinite(u) && Number.isFinite(v)) points.push([u, v]);
    }
    let maxAbs = 0;
    for (const [u, v] of points) maxAbs = Math.max(maxAbs, Math.abs(u), Math.abs(v ?? 0));
    // Whole units, the same on both axes (drawn square: the N(0, I) circles are circles).
    const range = Math.max(4, Math.ceil(maxAbs * 1.05));
    const labelJ = modeLabel(modes, j);
    const labelQ = modeLabel(modes, q);
    const scatter = baseOption(theme, { name: `${labelJ}(x)`, log: false, min: -range, max: range }, { name: `${labelQ}(x)`, log: false, min: -range, max: range }, { zoom: false, tooltip: 'item' });
    scatter.series = [
      scatterSeries(`(${labelJ}, ${labelQ}) over data points`, points, seriesColor(theme, 0), {
        symbolSize: 3,
        itemStyle: { color: seriesColor(theme, 0), opacity: 0.5 },
      }),
      ...[1, 2, 3].map((r) =>
        lineSeries('N(0, I): 1, 2, 3 s.d.', circle(r), { color: theme.reference, dashed: true, width: 1, symbols: false }, { silent: true, tooltip: { show: false } }),
      ),
    ];
    charts.push({
      id: 'feature-scatter',
      title: `Joint distribution of ${labelJ} and ${labelQ} against N(0, I)`,
      option: scatter,
      square: true,
      notes: [`${points.length} data points; Gaussian features fill the circles isotropically (39 %, 86 %, 99 % of the mass inside 1, 2, 3 s.d.).`],
    });

    // The bulk, where a Gaussian lives; far tails are counted in a note rather than squashing the bins.
    const window = Math.min(range, 6);
    const bins = Math.min(80, Math.max(20, Math.round(Math.sqrt(points.length))));
    const valuesJ = finiteValues(a);
    const valuesQ = finiteValues(b);
    const outside = [...valuesJ, ...valuesQ].filter((v) => Math.abs(v) > window).length;
    const marginal = baseOption(theme, { name: 'φ_k(x)', log: false, min: -window, max: window }, { name: 'density', log: false, min: 0 }, { zoom: false });
    marginal.series = [
      lineSeries(`${labelJ} histogram`, densityHistogram(valuesJ, window, bins), { color: seriesColor(theme, 0), symbols: false }, { step: 'middle' }),
      lineSeries(`${labelQ} histogram`, densityHistogram(valuesQ, window, bins), { color: seriesColor(theme, 1), symbols: false }, { step: 'middle' }),
      lineSeries('N(0, 1) density', normalDensity(window), { color: theme.reference, dashed: true, width: 1.2, symbols: false }),
    ];
    const tailNote = outside ? [`${outside} value${outside > 1 ? 's' : ''} beyond ±${window} (heavy tails) not shown in the histograms; densities are normalised over all points.`] : [];
    charts.push({ id: 'feature-marginals', title: `Marginals of ${labelJ} and ${labelQ} against N(0, 1)`, option: marginal, notes: tailNote });
  }
  if (hasArray(arrays, 'excessKurtosis') || hasArray(arrays, 'skewness')) {
    const n = Math.max(column(arrays, 'excessKurtosis').length, column(arrays, 'skewness').length);
    const moments = [
      ['excessKurtosis', 'excess kurtosis'],
      ['skewness', 'skewness'],
    ] as const;
    const notes: string[] = [];
    const seK = metric(ctx.run, 'gaussianKurtosisStdErr');
    const seS = metric(ctx.run, 'gaussianSkewnessStdErr');
    if (seK !== null || seS !== null) {
      notes.push(`Gaussian features give excess kurtosis 0 ± ${formatNumber(seK, 2)} and skewness 0 ± ${formatNumber(seS, 2)} (1 s.e. at this pool size); the band shows ±2 s.e. of the kurtosis.`);
    }
    const gaussianBand = seK !== null ? shadedBand(theme, -2 * seK, 2 * seK, 'Gaussian ±2 s.e.') : undefined;
    let option;
    if (n <= MAX_MODE_BARS) {
      // few modes: bars per mode
      const categories = Array.from({ length: n }, (_, i) => (typeof modes[i] === 'number' ? `k = ${modes[i]}` : `#${i}`));
      option = baseOption(theme, { name: 'mode', log: false, categories }, { name: 'moment (0 for a Gaussian)', log: false }, { zoom: false });
      const bars: BarSeriesOption[] = [];
      moments.forEach(([name, label], i) => {
        if (!hasArray(arrays, name)) return;
        const color = seriesColor(theme, i);
        bars.push({ type: 'bar', name: label, data: column(arrays, name).map((v) => (v === null ? '-' : v)), color, itemStyle: { color }, barMaxWidth: 28 });
      });
      if (bars.length && gaussianBand) bars[0].markArea = gaussianBand;
      option.series = bars;
    } else {
      // many modes: moments against the mode index k
      const k = modes.length >= n ? modes : indexColumn(n, 1);
      const logX = prefersLogScale(k, 2);
      option = baseOption(theme, { name: 'mode k', log: logX }, { name: 'moment (0 for a Gaussian)', log: false });
      const lines = moments.filter(([name]) => hasArray(arrays, name)).map(([name, label], i) => lineSeries(label, xyPoints(k, column(arrays, name), { logX, logY: false }, { gaps: true }), { color: seriesColor(theme, i), symbols: false }));
      if (lines.length && gaussianBand) lines[0].markArea = gaussianBand;
      option.series = lines;
    }
    charts.push({ id: 'feature-moments', title: 'Excess kurtosis and skewness per mode', option, notes });
  }
  return charts;
}
