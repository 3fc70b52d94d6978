/**
 * Runs: the browser's page cache (server-side filter/sort/paging through runs.list), the run shown
 * in detail with its arrays, live progress from RunEvents, and the run actions.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { RunEvent, WireArray } from '../../src-shared/api/contract';
import type { RunRecord, RunStatus, RunSummary } from '../../src-shared/api/runs';
import { useApiClient } from '../api/client';
import { isActive, type LiveProgress } from '../composables/progress';
import { errorMessage } from './errors';
import { DEFAULT_QUERY, PAGE_SIZE, pagesFor, parseQuery, toRunFilter, type RunQuery } from './run-list';
import { readSession, SESSION_KEYS, writeSession } from './session';

export const LIST_REFRESH_MS = 400;

export const useRunsStore = defineStore('runs', () => {
  const api = useApiClient();

  // ---- the browser's page cache -------------------------------------------------------------
  // The browser's filters and sort survive a reload of the tab.
  const query = ref<RunQuery>(parseQuery(readSession(SESSION_KEYS.runsQuery)));
  const total = ref<number | null>(null);
  /** Loaded pages by page index; replaced (not mutated) so views re-render. */
  const pages = shallowRef(new Map<number, readonly RunSummary[]>());
  const listError = ref<string | null>(null);
  const listLoading = ref(false);
  const tags = shallowRef<readonly { tag: string; count: number }[]>([]);
  let generation = 0;
  const inFlight = new Set<number>();
  let visible: [number, number] = [0, PAGE_SIZE];
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  function rowAt(index: number): RunSummary | undefined {
    return pages.value.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** A loaded row by run id. */
  function findRow(id: number): RunSummary | undefined {
    for (const rows of pages.value.values()) {
      const row = rows.find((r) => r.id === id);
      if (row) return row;
    }
    return undefined;
  }

  async function fetchPage(page: number): Promise<void> {
    const gen = generation;
    inFlight.add(page);
    listLoading.value = true;
    try {
      const res = await api.call('runs.list', toRunFilter(query.value, page * PAGE_SIZE, PAGE_SIZE));
      if (gen !== generation) return;
      const next = new Map(pages.value);
      next.set(page, res.runs);
      pages.value = next;
      total.value = res.total;
      listError.value = null;
    } catch (error) {
      if (gen === generation) listError.value = errorMessage(error);
    } finally {
      if (gen === generation) {
        inFlight.delete(page);
        listLoading.value = inFlight.size > 0;
      }
    }
  }

  /** The table reports the rows it shows; missing pages are fetched. */
  function ensureRange(start: number, end: number): void {
    visible = [start, end];
    const limit = total.value === null ? end : Math.min(end, total.value);
    for (const p of pagesFor(start, Math.max(limit, start + 1))) {
      if (!pages.value.has(p) && !inFlight.has(p)) void fetchPage(p);
    }
  }

  /**
   * Reloads the visible pages (after a filter change or a run event). Without `keepRows` the cache
   * is emptied at once; with it the visible rows stay on screen until their fresh copies arrive.
   */
  async function refreshList(options: { keepRows?: boolean } = {}): Promise<void> {
    generation++;
    inFlight.clear();
    if (refreshTimer !== null) clearTimeout(refreshTimer);
    refreshTimer = null;
    const wanted = pagesFor(visible[0], Math.max(visible[1], visible[0] + 1));
    pages.value = options.keepRows ? new Map([...pages.value].filter(([p]) => wanted.includes(p))) : new Map();
    await Promise.all(wanted.map((p) => fetchPage(p)));
  }

  function scheduleListRefresh(): void {
    if (total.value === null || refreshTimer !== null) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void refreshList({ keepRows: true });
    }, LIST_REFRESH_MS);
  }

  function setQuery(patch: Partial<RunQuery>): Promise<void> {
    query.value = { ...query.value, ...patch };
    writeSession(SESSION_KEYS.runsQuery, query.value);
    visible = [0, Math.max(visible[1] - visible[0], PAGE_SIZE)];
    return refreshList();
  }

  function resetQuery(): Promise<void> {
    return setQuery({ ...DEFAULT_QUERY });
  }

  function toggleSort(column: RunQuery['sortBy']): Promise<void> {
    const q = query.value;
    return setQuery(q.sortBy === column ? { sortDir: q.sortDir === 'asc' ? 'desc' : 'asc' } : { sortBy: column, sortDir: column === 'name' || column === 'kind' ? 'asc' : 'desc' });
  }

  async function loadTags(): Promise<void> {
    try {
      tags.value = await api.call('runs.tags', {});
    } catch {
      tags.value = [];
    }
  }

  function patchRow(id: number, patch: (row: RunSummary) => RunSummary): void {
    let changed = false;
    const next = new Map(pages.value);
    for (const [p, rows] of next) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) {
        const copy = rows.slice();
        copy[i] = patch(copy[i]);
        next.set(p, copy);
        changed = true;
      }
    }
    if (changed) pages.value = next;
  }

  // ---- the run in detail ------------------------------------------------------------------
  const current = shallowRef<RunRecord | null>(null);
  const currentArrays = shallowRef<Readonly<Record<string, WireArray>>>({});
  const currentLoading = ref(false);
  const currentError = ref<string | null>(null);
  let currentSeq = 0;

  async function loadRun(id: number, options: { arrays?: boolean } = {}): Promise<void> {
    const seq = ++currentSeq;
    if (current.value?.id !== id) {
      current.value = null;
      currentArrays.value = {};
    }
    currentLoading.value = true;
    currentError.value = null;
    try {
      const record = await api.call('runs.get', { id });
      if (seq !== currentSeq) return;
      current.value = record;
      if (options.arrays !== false && record.arrays.length) {
        const arrays = await api.call('runs.arrays', { id });
        if (seq !== currentSeq) return;
        currentArrays.value = arrays;
      } else if (!record.arrays.length) {
        currentArrays.value = {};
      }
    } catch (error) {
      if (seq === currentSeq) currentError.value = errorMessage(error);
    } finally {
      if (seq === currentSeq) currentLoading.value = false;
    }
  }

  /** Re-reads the shown run (record only while it runs; with arrays once it has finished). */
  async function refreshCurrent(): Promise<void> {
    const run = current.value;
    if (!run) return;
    const seq = currentSeq;
    try {
      const record = await api.call('runs.get', { id: run.id });
      if (seq !== currentSeq || current.value?.id !== run.id) return;
      const finishedNow = isActive(run.status) && !isActive(record.status);
      current.value = record;
      if (finishedNow) await loadRun(run.id);
    } catch {
      // transient; the next event or poll retries
    }
  }

  // ---- live progress from events ----------------------------------------------------------
  const live = ref<Record<number, LiveProgress>>({});

  function liveEntry(runId: number): LiveProgress {
    return live.value[runId] ?? { runId, status: 'queued', done: 0, total: 0, message: null, elapsedMs: 0, partialMetrics: {} };
  }

  function setRowStatus(runId: number, status: RunStatus): void {
    patchRow(runId, (row) => (row.status === status ? row : { ...row, status }));
    if (current.value?.id === runId && current.value.status !== status && isActive(current.value.status)) {
      current.value = { ...current.value, status };
    }
  }

  function applyEvent(event: RunEvent): void {
    switch (event.type) {
      case 'created':
        if (!live.value[event.runId]) live.value[event.runId] = liveEntry(event.runId);
        scheduleListRefresh();
        break;
      case 'progress': {
        const prev = liveEntry(event.runId);
        live.value[event.runId] = {
          ...prev,
          status: 'running',
          done: event.done,
          total: event.total,
          message: event.message ?? prev.message,
          elapsedMs: event.elapsedMs,
          partialMetrics: event.partialMetrics ? { ...prev.partialMetrics, ...event.partialMetrics } : prev.partialMetrics,
        };
        setRowStatus(event.runId, 'running');
        break;
      }
      case 'finished': {
        live.value[event.runId] = { ...liveEntry(event.runId), status: event.status };
        setRowStatus(event.runId, event.status);
        if (current.value?.id === event.runId) void loadRun(event.runId);
        scheduleListRefresh();
        break;
      }
    }
  }

  /** The status to show for a run: a finished record wins; otherwise the latest event. */
  function statusOf(run: Pick<RunSummary, 'id' | 'status'>): RunStatus {
    if (!isActive(run.status)) return run.status;
    return live.value[run.id]?.status ?? run.status;
  }

  let unsubscribe: (() => void) | null = null;
  function subscribe(): () => void {
    unsubscribe ??= api.onEvent(applyEvent);
    return () => {
      unsubscribe?.();
      unsubscribe = null;
    };
  }

  // ---- actions ----------------------------------------------------------------------------
  const actionError = ref<string | null>(null);

  function adopt(record: RunRecord): RunRecord {
    if (current.value?.id === record.id) current.value = record;
    patchRow(record.id, (row) => ({ ...row, name: record.name, tags: record.tags, status: record.status, metrics: record.metrics }));
    return record;
  }

  async function act<T>(fn: () => Promise<T>): Promise<T | null> {
    actionError.value = null;
    try {
      return await fn();
    } catch (error) {
      actionError.value = errorMessage(error);
      return null;
    }
  }

  const tag = (id: number, change: { add?: readonly string[]; remove?: readonly string[] }) =>
    act(async () => {
      const record = adopt(await api.call('runs.tag', { id, ...change }));
      void loadTags();
      return record;
    });
  const note = (id: number, notes: string) => act(async () => adopt(await api.call('runs.note', { id, notes })));
  const rename = (id: number, name: string) => act(async () => adopt(await api.call('runs.rename', { id, name })));
  const cancel = (id: number) =>
    act(async () => {
      const { cancelled } = await api.call('runs.cancel', { id });
      // Only the process that runs it can stop a run (e.g. a `rgwb run` in a terminal: Ctrl-C there).
      if (!cancelled) throw new Error(`run #${id} is not running in this server (started by another process, e.g. \`rgwb run\`, or already finished): cancel it where it runs`);
      return cancelled;
    });
  const rerun = (id: number) =>
    act(async () => {
      const { runId } = await api.call('runs.rerun', { id });
      scheduleListRefresh();
      return runId;
    });
  const remove = (ids: readonly number[]) =>
    act(async () => {
      const { deleted } = await api.call('runs.delete', { ids });
      if (current.value && ids.includes(current.value.id)) current.value = null;
      await refreshList({ keepRows: true });
      return deleted;
    });

  const loadedCount = computed(() => [...pages.value.values()].reduce((n, rows) => n + rows.length, 0));

  return {
    query,
    total,
    pages,
    listError,
    listLoading,
    tags,
    loadedCount,
    rowAt,
    findRow,
    ensureRange,
    refreshList,
    setQuery,
    resetQuery,
    toggleSort,
    loadTags,
    current,
    currentArrays,
    currentLoading,
    currentError,
    loadRun,
    refreshCurrent,
    live,
    applyEvent,
    statusOf,
    subscribe,
    actionError,
    tag,
    note,
    rename,
    cancel,
    rerun,
    remove,
  };
});
