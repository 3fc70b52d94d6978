/** The figures of the run in detail, rebuilt when the run, its arrays, the theme or choices change. */
import { computed, ref, type ComputedRef, type Ref } from 'vue';
import type { KindInfo, WireArray } from '../../src-shared/api/contract';
import type { RunRecord } from '../../src-shared/api/runs';
import { buildRunCharts } from '../../src-shared/charts/run-charts';
import type { ChartTheme } from '../../src-shared/charts/theme';
import type { ChartSpec } from '../../src-shared/charts/types';
import { matrixShape } from '../../src-shared/charts/data';

export interface RunCharts {
  readonly charts: ComputedRef<ChartSpec[]>;
  /** feature-gaussianity: columns of `features` shown in the scatter. */
  readonly featurePair: Ref<[number, number]>;
  /** Labels of the columns of `features` (from `modes`), empty for other kinds. */
  readonly featureColumns: ComputedRef<string[]>;
}

export function useRunCharts(
  run: Readonly<Ref<RunRecord | null>>,
  arrays: Readonly<Ref<Readonly<Record<string, WireArray>>>>,
  kind: Readonly<Ref<KindInfo | undefined>>,
  theme: Readonly<Ref<ChartTheme>>,
): RunCharts {
  const featurePair = ref<[number, number]>([0, 1]);
  const featureColumns = computed(() => {
    const features = arrays.value.features;
    if (!features) return [];
    const [, cols] = matrixShape(features);
    const modes = arrays.value.modes?.data ?? [];
    return Array.from({ length: cols }, (_, j) => (typeof modes[j] === 'number' ? `k = ${modes[j]}` : `column ${j}`));
  });
  const charts = computed(() => (run.value ? buildRunCharts(run.value, arrays.value, kind.value, theme.value, { featurePair: featurePair.value }) : []));
  return { charts, featurePair, featureColumns };
}
