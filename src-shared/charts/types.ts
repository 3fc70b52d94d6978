/**
 * Types shared by the pure ECharts option builders. Only ECharts *types* are imported here: the
 * builders run in the renderer and, for figure export, in Node (SSR), so no DOM and no runtime
 * ECharts import.
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, CustomSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { WireArray } from '../api/contract';

export type { BarSeriesOption, CustomSeriesOption, LineSeriesOption, ScatterSeriesOption };

/** The ECharts option subset the workbench uses (exactly the parts the renderer registers). */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | ScatterSeriesOption
  | BarSeriesOption
  | CustomSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
  | DataZoomComponentOption
  | TitleComponentOption
>;

export type SeriesOption = LineSeriesOption | ScatterSeriesOption | BarSeriesOption | CustomSeriesOption;

/** One figure of a run: a stable id (used for `data-testid="chart-<id>"` and export file names). */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly option: ChartOption;
  /** Short remarks shown under the chart. */
  readonly notes: readonly string[];
  /** Cautions about reading the figure (e.g. L₁ > 0.3: EK theory not accurate; κ* undefined). */
  readonly warnings?: readonly string[];
  /** Draw with a square plot area (equal x and y ranges at equal scale): see squarePlot. */
  readonly square?: boolean;
}

export type WireArrays = Readonly<Record<string, WireArray>>;

/** Which axes are logarithmic: points that cannot be drawn there (≤ 0, null) are dropped. */
export interface AxisScales {
  readonly logX: boolean;
  readonly logY: boolean;
}

/** A plain numeric column as it arrives from the wire (non-finite values are null). */
export type Column = readonly (number | null)[];
