/**
 * Learning-curve figures (rg-theory.md §3, §7): MSE(n) for the RG-improved EK, bare EK and
 * eigenlearning theories, log-log, with fitted exponents p (MSE ∝ n^p) in the legend; the
 * Monte-Carlo kind `learning-curve` adds the experiment's mean with ±1 s.e. band.
 */
import { bandSeries, baseOption, lineSeries } from '../builder';
import { band, bandRuns, column, hasArray, xyPoints } from '../data';
import { formatNumber } from '../format';
import { metric, type RunChartContext } from '../context';
import { seriesColor } from '../theme';
import type { ChartSpec, SeriesOption } from '../types';

/** "label (p = −0.5)": the fitted exponent of MSE ∝ n^p, when known. */
export function withExponent(label: string, exponent: number | null): string {
  return exponent === null ? label : `${label} (p = ${formatNumber(exponent, 3)})`;
}

const THEORY: readonly { array: string; metric: string; label: string }[] = [
  { array: 'mseRg', metric: 'exponentRg', label: 'RG-EK' },
  { array: 'mseEk', metric: 'exponentEk', label: 'bare EK' },
  { array: 'mseEigenlearning', metric: 'exponentEigenlearning', label: 'eigenlearning' },
];

export function buildLearningCurveCharts(ctx: RunChartContext): ChartSpec[] {
  const { run, arrays, theme } = ctx;
  if (!hasArray(arrays, 'sampleCounts')) return [];
  const n = column(arrays, 'sampleCounts');
  const logLog = { logX: true, logY: true };
  const series: SeriesOption[] = [];
  const notes: string[] = ['p: fitted exponent of MSE ∝ n^p. RG-EK: EK with the renormalised ridge σ²(κ*) on the kept modes.'];
  const experiment = hasArray(arrays, 'mseMean');
  if (experiment) {
    const color = seriesColor(theme, 0);
    const mean = column(arrays, 'mseMean');
    if (hasArray(arrays, 'mseStdErr')) {
      const { lower, upper } = band(mean, column(arrays, 'mseStdErr'), 1);
      series.push(bandSeries('experiment ±1 s.e.', bandRuns(n, lower, upper, logLog), color, 0.25));
    }
    series.push(
      lineSeries(withExponent('experiment', metric(run, 'exponentExperiment')), xyPoints(n, mean, logLog, { gaps: true }), {
        color,
        symbols: true,
        width: 2,
      }),
    );
  }
  THEORY.forEach((t, i) => {
    if (!hasArray(arrays, t.array)) return;
    series.push(
      lineSeries(withExponent(t.label, metric(run, t.metric)), xyPoints(n, column(arrays, t.array), logLog, { gaps: true }), {
        color: seriesColor(theme, i + 1),
        dashed: experiment,
        symbols: true,
      }),
    );
  });
  const ridgeless = metric(run, 'predictedExponentRidgeless');
  const ridgeDominated = metric(run, 'predictedExponentRidgeDominated');
  if (ridgeless !== null || ridgeDominated !== null) {
    notes.push(`Predicted exponents (power law): ridgeless ${formatNumber(ridgeless, 3)}, ridge-dominated ${formatNumber(ridgeDominated, 3)}.`);
  }
  const charts: ChartSpec[] = [];
  if (series.length) {
    const option = baseOption(theme, { name: 'training-set size n', log: true }, { name: 'test MSE', log: true });
    option.series = series;
    charts.push({ id: 'learning-curve', title: 'Learning curve: test MSE vs n', option, notes });
  }
  if (hasArray(arrays, 'cutoff')) {
    const option = baseOption(theme, { name: 'training-set size n', log: true }, { name: 'κ*(n)', log: true });
    option.series = [lineSeries('κ*(n)', xyPoints(n, column(arrays, 'cutoff'), logLog, { gaps: true }), { color: seriesColor(theme, 0), symbols: true })];
    charts.push({ id: 'cutoff', title: 'Learnable-mode cutoff κ* vs n', option, notes: [] });
  }
  return charts;
}
