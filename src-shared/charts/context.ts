/** What a kind's figure builder receives. */
import type { KindInfo } from '../api/contract';
import type { RunRecord } from '../api/runs';
import type { ChartTheme } from './theme';
import type { ChartSpec, WireArrays } from './types';

/** The parts of a run record the builders read (so export can pass a partial record). */
export type ChartRun = Pick<RunRecord, 'kind' | 'spec' | 'metrics'> & Partial<Pick<RunRecord, 'id' | 'name'>>;

export interface RunChartOptions {
  /** feature-gaussianity: the two columns of `features` to scatter (indices into `modes`). */
  readonly featurePair?: readonly [number, number];
}

export interface RunChartContext {
  readonly run: ChartRun;
  readonly arrays: WireArrays;
  readonly kind: KindInfo | undefined;
  readonly theme: ChartTheme;
  readonly options: RunChartOptions;
}

export type KindChartBuilder = (ctx: RunChartContext) => ChartSpec[];

/** A finite number at a dotted path of an object (spec, metrics), or null. */
export function numberAt(source: unknown, path: string): number | null {
  let node: unknown = source;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' && Number.isFinite(node) ? node : null;
}

export function metric(run: ChartRun, name: string): number | null {
  const v = run.metrics[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
