/**
 * Compare view: the same array from several runs, one series per run, on shared axes.
 */
import { baseOption, fitLegend, lineSeries } from './builder';
import { xyPoints } from './data';
import { fitLogAxes } from './log-axis';
import { seriesColor, type ChartTheme } from './theme';
import type { ChartOption, Column } from './types';

export interface OverlayRun {
  readonly id: number;
  readonly label: string;
  readonly x: Column;
  readonly y: Column;
}

export interface OverlaySpec {
  readonly runs: readonly OverlayRun[];
  readonly xName: string;
  readonly yName: string;
  readonly logX: boolean;
  readonly logY: boolean;
}

export function overlaySeriesName(run: { id: number; label: string }): string {
  return `#${run.id} ${run.label}`;
}

/**
 * One line per run. A log x axis falls back to linear when some run has an abscissa ≤ 0 (e.g. a
 * cutoff κ = 0), which a log axis would silently drop.
 */
export function buildOverlayOption(spec: OverlaySpec, theme: ChartTheme): ChartOption {
  const logX = spec.logX && spec.runs.every((run) => run.x.every((v) => v === null || !Number.isFinite(v) || v > 0));
  const option = baseOption(theme, { name: spec.xName, log: logX }, { name: spec.yName, log: spec.logY });
  option.series = spec.runs.map((run, i) =>
    lineSeries(overlaySeriesName(run), xyPoints(run.x, run.y, { logX, logY: spec.logY }, { gaps: true }), { color: seriesColor(theme, i) }),
  );
  return fitLegend(fitLogAxes(option));
}
