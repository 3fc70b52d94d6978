/**
 * Compare: the selected runs, their comparison (parameters side by side, metrics), one array
 * overlaid across runs, and runs grouped by a parameter with a metric's mean ± spread.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { ApiError, type Comparison, type WireArray } from '../../src-shared/api/contract';
import type { RunRecord } from '../../src-shared/api/runs';
import { abscissa, abscissaArrays, arrayAxes } from '../../src-shared/charts/array-axes';
import { groupComparison } from '../../src-shared/charts/grouping';
import type { OverlaySpec } from '../../src-shared/charts/overlay';
import { useApiClient } from '../api/client';
import { errorMessage } from './errors';
import { readSession, SESSION_KEYS, writeSession } from './session';

/** Compare's choices kept across a reload (the runs themselves are in the URL). */
export interface CompareViewState {
  readonly onlyDifferences: boolean;
  readonly overlayArray: string;
  readonly groupBy: string;
  readonly groupMetric: string;
  readonly groupSpread: 'std' | 'stdErr';
}

export const DEFAULT_COMPARE_VIEW: CompareViewState = { onlyDifferences: true, overlayArray: '', groupBy: '', groupMetric: '', groupSpread: 'std' };

/** Stored choices, checked field by field (anything odd → its default). */
export function parseCompareView(raw: unknown): CompareViewState {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return DEFAULT_COMPARE_VIEW;
  const r = raw as Record<string, unknown>;
  const text = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  return {
    onlyDifferences: typeof r.onlyDifferences === 'boolean' ? r.onlyDifferences : DEFAULT_COMPARE_VIEW.onlyDifferences,
    overlayArray: text(r.overlayArray, ''),
    groupBy: text(r.groupBy, ''),
    groupMetric: text(r.groupMetric, ''),
    groupSpread: r.groupSpread === 'stdErr' ? 'stdErr' : 'std',
  };
}

/** Arrays worth overlaying, most widely shared first: 1-D, not just an abscissa. */
export function overlayCandidates(records: readonly RunRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const r of records) {
    const skip = new Set(abscissaArrays(r.kind));
    for (const a of r.arrays) {
      if (a.shape.length > 1 || skip.has(a.name)) continue;
      counts.set(a.name, (counts.get(a.name) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}

const PREFERRED_OVERLAY = ['mseMean', 'mseRg', 'renormalizedRidge', 'relativeDistance', 'predictorMean', 'eigenvalues'];

export function defaultGroupBy(comparison: Comparison): string {
  const differing = comparison.parameters.filter((p) => p.differs).map((p) => p.path);
  return differing.find((p) => p !== 'seed') ?? differing[0] ?? comparison.parameters[0]?.path ?? '';
}

export const useComparisonStore = defineStore('comparison', () => {
  const api = useApiClient();

  const selected = ref<number[]>([]);
  const result = shallowRef<Comparison | null>(null);
  const records = shallowRef<readonly RunRecord[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const saved = parseCompareView(readSession(SESSION_KEYS.compareView));
  const onlyDifferences = ref(saved.onlyDifferences);
  /** Requested ids with no run (not found): shown as a notice while the others are compared. */
  const missing = ref<number[]>([]);
  let seq = 0;

  function isSelected(id: number): boolean {
    return selected.value.includes(id);
  }
  function toggle(id: number): void {
    selected.value = isSelected(id) ? selected.value.filter((x) => x !== id) : [...selected.value, id];
  }
  function select(ids: readonly number[]): void {
    selected.value = [...new Set(ids)];
  }
  function clear(): void {
    selected.value = [];
  }

  const parameters = computed(() => {
    const all = result.value?.parameters ?? [];
    return onlyDifferences.value ? all.filter((p) => p.differs) : all;
  });

  // ---- overlay --------------------------------------------------------------------------
  const overlayArray = ref(saved.overlayArray);
  const overlayData = shallowRef<ReadonlyMap<number, Readonly<Record<string, WireArray>>>>(new Map());
  const overlayLoading = ref(false);
  const availableArrays = computed(() => overlayCandidates(records.value));

  async function loadOverlay(name: string = overlayArray.value): Promise<void> {
    overlayArray.value = name;
    if (!name) {
      overlayData.value = new Map();
      return;
    }
    const mine = seq;
    overlayLoading.value = true;
    try {
      const entries = await Promise.all(
        records.value
          .filter((r) => r.arrays.some((a) => a.name === name))
          .map(async (r) => {
            const axes = arrayAxes(r.kind, name);
            const names = 'array' in axes.x ? [name, axes.x.array] : [name];
            return [r.id, await api.call('runs.arrays', { id: r.id, names })] as const;
          }),
      );
      if (mine !== seq || overlayArray.value !== name) return;
      overlayData.value = new Map(entries);
    } catch (e) {
      if (mine === seq) error.value = errorMessage(e);
    } finally {
      if (mine === seq) overlayLoading.value = false;
    }
  }

  /** The overlay as data for buildOverlayOption (axes from the first run's kind). */
  const overlaySpec = computed((): OverlaySpec | null => {
    const name = overlayArray.value;
    const runs = records.value.filter((r) => overlayData.value.get(r.id)?.[name]);
    if (!name || runs.length === 0) return null;
    const first = overlayData.value.get(runs[0].id)![name];
    const axes = arrayAxes(runs[0].kind, name, first.data);
    return {
      xName: axes.xName,
      yName: axes.yName,
      logX: axes.logX,
      logY: axes.logY,
      runs: runs.map((r) => {
        const arrays = overlayData.value.get(r.id)!;
        const y = arrays[name].data;
        return { id: r.id, label: r.name, x: abscissa(arrayAxes(r.kind, name, y), arrays, y.length), y };
      }),
    };
  });

  // ---- grouping -------------------------------------------------------------------------
  const groupBy = ref(saved.groupBy);
  const groupMetric = ref(saved.groupMetric);
  const groupSpread = ref<'std' | 'stdErr'>(saved.groupSpread);
  watch([onlyDifferences, overlayArray, groupBy, groupMetric, groupSpread], ([only, overlay, by, metric, spread]) => {
    writeSession(SESSION_KEYS.compareView, { onlyDifferences: only, overlayArray: overlay, groupBy: by, groupMetric: metric, groupSpread: spread } satisfies CompareViewState);
  });
  const groupPaths = computed(() => (result.value?.parameters ?? []).map((p) => p.path));
  const metricNames = computed(() => (result.value?.metrics ?? []).map((m) => m.name));
  const groups = computed(() => (result.value && groupBy.value && groupMetric.value ? groupComparison(result.value, groupBy.value, groupMetric.value) : []));

  async function load(ids: readonly number[] = selected.value): Promise<void> {
    const mine = ++seq;
    select(ids);
    error.value = null;
    missing.value = [];
    if (ids.length === 0) {
      result.value = null;
      records.value = [];
      overlayData.value = new Map();
      return;
    }
    loading.value = true;
    try {
      // Runs that no longer exist (deleted, or a mistyped id in the URL) are listed, not fatal:
      // the others are compared.
      const settled = await Promise.allSettled(ids.map((id) => api.call('runs.get', { id })));
      if (mine !== seq) return;
      const recs: RunRecord[] = [];
      const gone: number[] = [];
      settled.forEach((s, i) => {
        if (s.status === 'fulfilled') recs.push(s.value);
        else if (s.reason instanceof ApiError && s.reason.body.code === 'not-found') gone.push(ids[i]);
        else throw s.reason;
      });
      missing.value = gone;
      if (gone.length) selected.value = selected.value.filter((id) => !gone.includes(id));
      if (!recs.length) {
        result.value = null;
        records.value = [];
        overlayData.value = new Map();
        return;
      }
      const comparison = await api.call('runs.compare', { ids: recs.map((r) => r.id) });
      if (mine !== seq) return;
      result.value = comparison;
      records.value = recs;
      if (!groupPaths.value.includes(groupBy.value)) groupBy.value = defaultGroupBy(comparison);
      if (!metricNames.value.includes(groupMetric.value)) groupMetric.value = metricNames.value[0] ?? '';
      const candidates = availableArrays.value;
      const keep = candidates.includes(overlayArray.value) ? overlayArray.value : (PREFERRED_OVERLAY.find((n) => candidates.includes(n)) ?? candidates[0] ?? '');
      await loadOverlay(keep);
    } catch (e) {
      if (mine === seq) error.value = errorMessage(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  return {
    selected,
    isSelected,
    toggle,
    select,
    clear,
    result,
    records,
    loading,
    error,
    missing,
    onlyDifferences,
    parameters,
    overlayArray,
    overlayData,
    overlayLoading,
    availableArrays,
    loadOverlay,
    overlaySpec,
    groupBy,
    groupMetric,
    groupSpread,
    groupPaths,
    metricNames,
    groups,
    load,
  };
});
