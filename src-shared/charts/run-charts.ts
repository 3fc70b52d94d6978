/**
 * The figures of one run, by kind. Known kinds get their dedicated figures; any other kind (or a
 * known kind whose arrays are missing, e.g. a cancelled run) falls back to every 1-D array vs index.
 */
import type { KindInfo } from '../api/contract';
import { fitLegend } from './builder';
import { fitLogAxes } from './log-axis';
import type { ChartRun, KindChartBuilder, RunChartOptions } from './context';
import { buildFeatureGaussianityCharts } from './kinds/feature-gaussianity';
import { buildFlowCheckCharts } from './kinds/flow-check';
import { buildGenericCharts } from './kinds/generic';
import { buildLearningCurveCharts } from './kinds/learning-curve';
import { buildRgFlowCharts } from './kinds/rg-flow';
import { buildToyCharts } from './kinds/toy';
import type { ChartTheme } from './theme';
import type { ChartSpec, WireArrays } from './types';

export const KIND_CHART_BUILDERS: Readonly<Record<string, KindChartBuilder>> = {
  'rg-flow': buildRgFlowCharts,
  'learning-curve-theory': buildLearningCurveCharts,
  'learning-curve': buildLearningCurveCharts,
  'toy-theory': buildToyCharts,
  'toy-hermite': buildToyCharts,
  'flow-check': buildFlowCheckCharts,
  'feature-gaussianity': buildFeatureGaussianityCharts,
};

export function buildRunCharts(
  run: ChartRun,
  arrays: WireArrays,
  kind: KindInfo | undefined,
  theme: ChartTheme,
  options: RunChartOptions = {},
): ChartSpec[] {
  const ctx = { run, arrays, kind, theme, options };
  const builder = KIND_CHART_BUILDERS[run.kind];
  const charts = builder ? builder(ctx) : [];
  return (charts.length ? charts : buildGenericCharts(ctx)).map((c) => ({ ...c, option: fitLegend(fitLogAxes(c.option)) }));
}
