/**
 * Compare view: the same array from several runs, one series per run, on shared axes.
 */
import { baseOption, fitLegend, lineSeries } from './builder';
import { xyPoints } from './data';
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

export function buildOverlayOption(spec: OverlaySpec, theme: ChartTheme): ChartOption {
  const option = baseOption(theme, { name: spec.xName, log: spec.logX }, { name: spec.yName, log: spec.logY });
  option.series = spec.runs.map((run, i) =>
    lineSeries(overlaySeriesName(run), xyPoints(run.x, run.y, { logX: spec.logX, logY: spec.logY }, { gaps: true }), { color: seriesColor(theme, i) }),
  );
  return fitLegend(option);
}
