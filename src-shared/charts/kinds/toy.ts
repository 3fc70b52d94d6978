/**
 * Toy-model figures (rg-theory.md §5, the talk's Figure 3): the average predictor a·x from the
 * three theories (leading order, re-weighted EK, finite-n series) and, for the Monte-Carlo kind
 * `toy-hermite`, the measured average predictor with ±1 and ±3 s.e. bands.
 */
import { bandSeries, baseOption, lineSeries } from '../builder';
import { band, bandRuns, column, hasArray, xyPoints } from '../data';
import { formatNumber } from '../format';
import { metric, type RunChartContext } from '../context';
import { seriesColor } from '../theme';
import { TOY_LEARNABILITY_WARNING } from '../../science/theory/toy';
import type { ChartSpec, SeriesOption } from '../types';

export { TOY_LEARNABILITY_WARNING };

export function learnabilityWarning(learnability1: number | null): string | null {
  if (learnability1 === null || learnability1 <= TOY_LEARNABILITY_WARNING) return null;
  return `L₁ = ${formatNumber(learnability1, 3)} > ${TOY_LEARNABILITY_WARNING}: mode 1 is not weakly learnable, so the EK-level theories are not accurate here.`;
}

function withSlope(label: string, symbol: string, a: number | null): string {
  return a === null ? label : `${label} ${symbol} = ${formatNumber(a, 3)}`;
}

export function buildToyCharts(ctx: RunChartContext): ChartSpec[] {
  const { run, arrays, theme } = ctx;
  if (!hasArray(arrays, 'x')) return [];
  const x = column(arrays, 'x');
  const linear = { logX: false, logY: false };
  const series: SeriesOption[] = [];
  const notes: string[] = [];
  const monteCarlo = hasArray(arrays, 'predictorMean');
  if (monteCarlo) {
    const color = seriesColor(theme, 0);
    const mean = column(arrays, 'predictorMean');
    if (hasArray(arrays, 'predictorStdErr')) {
      const se = column(arrays, 'predictorStdErr');
      const three = band(mean, se, 3);
      const one = band(mean, se, 1);
      series.push(bandSeries('MC ±3 s.e.', bandRuns(x, three.lower, three.upper, linear), color, 0.12));
      series.push(bandSeries('MC ±1 s.e.', bandRuns(x, one.lower, one.upper, linear), color, 0.28));
    }
    series.push(lineSeries(withSlope('MC', 'a', metric(run, 'a')), xyPoints(x, mean, linear, { gaps: true }), { color, width: 2.2, symbols: false }));
    const a = metric(run, 'a');
    const aErr = metric(run, 'aStdErr');
    if (a !== null) notes.push(`Monte Carlo slope a = ${formatNumber(a, 3)} ± ${formatNumber(aErr, 2)} (1 s.e.)`);
    const b = metric(run, 'b');
    const bErr = metric(run, 'bStdErr');
    if (b !== null) notes.push(`He₂ coefficient b = ${formatNumber(b, 3)} ± ${formatNumber(bErr, 2)} (parity predicts 0)`);
  }
  const theories: [string, string, string, string][] = [
    ['predictorLeading', 'leading', 'a₁', 'theoryLeading'],
    ['predictorReweighted', 're-weighted', 'a_W', 'theoryReweighted'],
    ['predictorFiniteN', 'finite-n', 'E[a]', 'theoryFiniteN'],
  ];
  theories.forEach(([name, label, symbol, metricName], i) => {
    if (!hasArray(arrays, name)) return;
    series.push(
      lineSeries(withSlope(label, symbol, metric(run, metricName)), xyPoints(x, column(arrays, name), linear), {
        color: seriesColor(theme, i + 1),
        dashed: monteCarlo,
        symbols: false,
      }),
    );
  });
  const warning = learnabilityWarning(metric(run, 'learnability1'));
  if (!series.length) return [];
  const option = baseOption(theme, { name: 'x', log: false }, { name: 'average predictor f̄(x)', log: false });
  option.series = series;
  return [{ id: 'predictor', title: 'Average predictor a·x (toy model, target He₅)', option, notes, warnings: warning ? [warning] : [] }];
}
