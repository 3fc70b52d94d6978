import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src-shared/api/contract';
import { parseCompareView, useComparisonStore } from '../../../src-renderer/stores/comparison';
import { useExperimentsStore, VALIDATE_DEBOUNCE_MS } from '../../../src-renderer/stores/experiments';
import { toRunFilter, DEFAULT_QUERY, pagesFor, boundError, parseQuery, rangeErrors } from '../../../src-renderer/stores/run-list';
import { SESSION_KEYS } from '../../../src-renderer/stores/session';
import { useRunsStore } from '../../../src-renderer/stores/runs';
import { FakeClient, flush, pagedRuns, realKinds, record, setupStores, summary } from './fixtures';

describe('runs store: filters → runs.list', () => {
  it('turns the query into a RunFilter page request, leaving out empty filters', () => {
    expect(toRunFilter(DEFAULT_QUERY, 0)).toEqual({ sortBy: 'id', sortDir: 'desc', offset: 0, limit: 100 });
    expect(
      toRunFilter(
        {
          ...DEFAULT_QUERY,
          kind: 'rg-flow',
          tag: 'paper',
          status: 'succeeded',
          text: '  scaling ',
          params: [
            { path: 'ridge', min: '0', max: '1e-3' },
            { path: 'source.modeCount', min: '', max: '5000' },
            { path: 'sampleCount', min: '', max: '' },
            { path: '', min: '1', max: '2' },
          ],
          sortBy: 'elapsedMs',
          sortDir: 'asc',
        },
        200,
      ),
    ).toEqual({
      kind: 'rg-flow',
      tag: 'paper',
      status: 'succeeded',
      text: 'scaling',
      params: { ridge: { min: 0, max: 1e-3 }, 'source.modeCount': { max: 5000 } },
      sortBy: 'elapsedMs',
      sortDir: 'asc',
      offset: 200,
      limit: 100,
    });
    expect(pagesFor(95, 215)).toEqual([0, 1, 2]);
  });

  it('sends the filters, fetches pages as rows come into view, and drops stale pages on a filter change', async () => {
    const client = new FakeClient();
    pagedRuns(client, 10_000);
    setupStores(client);
    const runs = useRunsStore();
    runs.ensureRange(0, 20);
    await flush();
    expect(runs.total).toBe(10_000);
    expect(runs.rowAt(0)?.id).toBe(10_000);
    runs.ensureRange(250, 275);
    runs.ensureRange(250, 275); // no duplicate request while in flight
    await flush();
    expect(client.callsOf('runs.list').map((r) => r.offset)).toEqual([0, 200]);
    expect(runs.rowAt(260)?.id).toBe(10_000 - 260);

    await runs.setQuery({ kind: 'toy-theory', status: 'failed', text: 'x' });
    const last = client.callsOf('runs.list').at(-1)!;
    expect(last).toMatchObject({ kind: 'toy-theory', status: 'failed', text: 'x', offset: 0, limit: 100 });
    expect(runs.pages.size).toBe(1);
    await runs.toggleSort('id');
    expect(client.callsOf('runs.list').at(-1)).toMatchObject({ sortBy: 'id', sortDir: 'asc' });
  });
});

/** A sessionStorage for Node (stubbed per test, so nothing leaks between tests). */
function fakeSessionStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k: string) => data.get(k) ?? null,
    key: (i: number) => [...data.keys()][i] ?? null,
    removeItem: (k: string) => void data.delete(k),
    setItem: (k: string, v: string) => void data.set(k, String(v)),
  };
}

describe('runs filter: bad bounds and persistence', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says why a bound is ignored instead of dropping it silently', () => {
    expect(boundError('')).toBeNull();
    expect(boundError(' 1e-3 ')).toBeNull();
    expect(boundError('abc')).toMatch(/"abc" is not a number/);
    expect(rangeErrors({ path: 'ridge', min: 'abc', max: '2' })).toEqual({ min: expect.stringMatching(/not a number/), max: null, order: null });
    expect(rangeErrors({ path: 'ridge', min: '3', max: '2' }).order).toMatch(/above max/);
    // The filter itself still leaves the bad bound out.
    expect(toRunFilter({ ...DEFAULT_QUERY, params: [{ path: 'ridge', min: 'abc', max: '2' }] }, 0).params).toEqual({ ridge: { max: 2 } });
  });

  it('reads a stored query back field by field, defaults for anything odd', () => {
    expect(parseQuery(undefined)).toEqual(DEFAULT_QUERY);
    expect(parseQuery({ kind: 'rg-flow', status: 'bogus', sortBy: 'elapsedMs', sortDir: 'up', params: [{ path: 'ridge', min: '0', max: 1 }, null], text: 7 })).toEqual({
      ...DEFAULT_QUERY,
      kind: 'rg-flow',
      sortBy: 'elapsedMs',
      params: [{ path: 'ridge', min: '0', max: '' }],
    });
  });

  it('keeps the filters and sort across a reload (a fresh store in the same tab)', async () => {
    vi.stubGlobal('sessionStorage', fakeSessionStorage());
    const client = new FakeClient();
    pagedRuns(client, 50);
    setupStores(client);
    const query = { kind: 'toy-theory', tag: 'scan', status: 'succeeded' as const, text: 'fig', params: [{ path: 'lambda1', min: '2', max: '' }], sortBy: 'name' as const, sortDir: 'asc' as const };
    await useRunsStore().setQuery(query);
    expect(JSON.parse(sessionStorage.getItem(SESSION_KEYS.runsQuery)!)).toEqual(query);
    // reload: new Pinia, new store
    const after = new FakeClient();
    pagedRuns(after, 50);
    setupStores(after);
    const runs = useRunsStore();
    expect(runs.query).toEqual(query);
    runs.ensureRange(0, 20);
    await flush();
    expect(after.callsOf('runs.list')[0]).toMatchObject({ kind: 'toy-theory', tag: 'scan', status: 'succeeded', text: 'fig', params: { lambda1: { min: 2 } }, sortBy: 'name', sortDir: 'asc' });
  });
});

describe('runs store: events', () => {
  it('applyEvent updates live progress, the row status and the shown run', async () => {
    const client = new FakeClient();
    client.on('runs.list', () => ({ total: 1, runs: [summary(7, { status: 'queued' })] }));
    let status: 'running' | 'succeeded' = 'running';
    client.on('runs.get', ({ id }) => record(id, { status }));
    setupStores(client);
    const runs = useRunsStore();
    runs.subscribe();
    runs.ensureRange(0, 10);
    await runs.loadRun(7);
    await flush();

    client.emit({ type: 'progress', runId: 7, done: 40, total: 100, elapsedMs: 2000, message: 'trial 40', partialMetrics: { a: -0.005 } });
    expect(runs.live[7]).toMatchObject({ status: 'running', done: 40, total: 100, elapsedMs: 2000, message: 'trial 40', partialMetrics: { a: -0.005 } });
    expect(runs.rowAt(0)?.status).toBe('running');
    client.emit({ type: 'progress', runId: 7, done: 60, total: 100, elapsedMs: 3000, partialMetrics: { aStdErr: 1e-4 } });
    expect(runs.live[7].partialMetrics).toEqual({ a: -0.005, aStdErr: 1e-4 });
    expect(runs.live[7].message).toBe('trial 40');

    status = 'succeeded';
    const gets = client.callsOf('runs.get').length;
    client.emit({ type: 'finished', runId: 7, status: 'succeeded' });
    expect(runs.live[7].status).toBe('succeeded');
    expect(runs.rowAt(0)?.status).toBe('succeeded');
    await flush();
    expect(client.callsOf('runs.get').length).toBe(gets + 1); // the shown run is reloaded
    expect(runs.current?.status).toBe('succeeded');
    expect(runs.statusOf({ id: 7, status: 'succeeded' })).toBe('succeeded');
    expect(runs.statusOf({ id: 8, status: 'queued' })).toBe('queued');
  });
});

describe('experiments store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const client = new FakeClient();
    const kinds = realKinds();
    client.on('kinds.list', () => kinds);
    client.on('runs.validate', () => ({ ok: true, issues: [], spec: {} }));
    setupStores(client);
    return { client, store: useExperimentsStore() };
  }

  it('loads the kinds, chooses the first, and presets replace the draft', async () => {
    const { store } = setup();
    await store.loadKinds();
    expect(store.kindName).toBe('rg-flow');
    expect(store.draft).toMatchObject({ ridge: 1e-4, source: { type: 'power-law', modeCount: 4000 } });
    store.choosePreset('universal-flow-nngp-relu');
    expect(store.draft).toMatchObject({ ridge: 1e-3, source: { type: 'kernel', poolSize: 1000 } });
    store.choosePreset('');
    expect(store.draft).toMatchObject({ ridge: 1e-4 });
  });

  it('checks numbers at once, calls runs.validate debounced, and maps issues to fields by path', async () => {
    const { client, store } = setup();
    await store.loadKinds();
    store.chooseKind('learning-curve-theory');
    client.on('runs.validate', () => ({
      ok: false,
      issues: [
        { path: 'sampleCounts.1', message: 'sampleCounts must be strictly increasing' },
        { path: 'source', message: 'must be one of "power-law", "hermite", "kernel"' },
        { path: '', message: 'unknown field "bogus"' },
      ],
      spec: null,
    }));
    store.setField('ridge', -1);
    expect(store.issuesByField.ridge).toEqual(['must be ≥ 0']); // client-side, before any call
    store.setField('sampleCounts', [10, 5]);
    expect(client.callsOf('runs.validate')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(VALIDATE_DEBOUNCE_MS + 10);
    expect(client.callsOf('runs.validate')).toHaveLength(1); // one call for both edits
    expect(client.callsOf('runs.validate')[0]).toMatchObject({ kind: 'learning-curve-theory', spec: { ridge: -1, sampleCounts: [10, 5] } });
    expect(store.issuesByField.sampleCounts).toEqual(['sampleCounts must be strictly increasing']);
    expect(store.issuesByField['source.type']).toEqual(['must be one of "power-law", "hermite", "kernel"']);
    expect(store.generalIssues).toEqual([{ path: '', message: 'unknown field "bogus"' }]);
    // editing a field clears its server issue until the next answer
    store.setField('sampleCounts', [10, 20]);
    expect(store.issuesByField.sampleCounts).toBeUndefined();
  });

  it('counts distinct issues: a bad ridge reported by the client check and the server is one', async () => {
    const { client, store } = setup();
    await store.loadKinds();
    client.on('runs.validate', () => ({ ok: false, issues: [{ path: 'ridge', message: 'ridge must be ≥ 0' }], spec: null }));
    store.setField('ridge', -1);
    await vi.advanceTimersByTimeAsync(VALIDATE_DEBOUNCE_MS + 10);
    expect(store.clientIssues).toHaveLength(1);
    expect(store.serverIssues).toHaveLength(1);
    expect(store.issueCount).toBe(1);
    client.on('runs.validate', () => ({
      ok: false,
      issues: [
        { path: 'ridge', message: 'ridge must be ≥ 0' },
        { path: 'sampleCount', message: 'sampleCount must be ≥ 1' },
        { path: '', message: 'unknown field "bogus"' },
      ],
      spec: null,
    }));
    await store.validateNow();
    expect(store.issueCount).toBe(3);
  });

  it('keeps the raw text of a bad number so the error shows at the field', async () => {
    const { store } = setup();
    await store.loadKinds();
    store.setField('ridge', 'abc');
    expect(store.draft.ridge).toBe('abc');
    expect(store.issuesByField.ridge).toEqual(['"abc" is not a number']);
  });

  it('start with an invalid spec shows the issues at the fields and creates no run', async () => {
    const { client, store } = setup();
    await store.loadKinds();
    client.on('runs.start', () => {
      throw new ApiError({ code: 'invalid-spec', message: 'invalid spec', issues: [{ path: 'source.modeCount', message: 'modeCount must be ≥ 1' }] });
    });
    store.setField('source.modeCount', 3);
    const id = await store.start();
    expect(id).toBeNull();
    expect(store.issuesByField['source.modeCount']).toEqual(['modeCount must be ≥ 1']);
    expect(store.startError).toMatch(/Not started/);
    expect(client.callsOf('runs.start')).toHaveLength(1);
    expect(client.callsOf('runs.list')).toHaveLength(0);
  });

  it('start returns the new run id and sends the name', async () => {
    const { client, store } = setup();
    await store.loadKinds();
    client.on('runs.start', () => ({ runId: 42 }));
    store.runName = ' my run ';
    expect(await store.start()).toBe(42);
    expect(client.callsOf('runs.start')[0]).toMatchObject({ kind: 'rg-flow', name: 'my run', spec: { ridge: 1e-4 } });
  });

  it('switching source.type swaps in the variant defaults', async () => {
    const { store } = setup();
    await store.loadKinds();
    store.switchVariant('source', 'hermite');
    expect(store.draft.source).toEqual({ type: 'hermite', degrees: [1, 2], eigenvalues: [1, 0.1], target: { type: 'hermite', degree: 1, coefficient: 1 } });
    store.switchVariant('source', 'kernel');
    store.switchVariant('source.kernel', 'rbf');
    expect((store.draft.source as any).kernel).toEqual({ type: 'rbf', lengthScale: 1, variance: 1 });
  });

  it('saves and loads {kind, name, spec}', async () => {
    const { store } = setup();
    await store.loadKinds();
    store.chooseKind('toy-theory');
    store.runName = 'fig 3';
    store.setField('lambda1', 4);
    const saved = store.exportDraft();
    expect(saved).toMatchObject({ kind: 'toy-theory', name: 'fig 3', spec: { lambda1: 4, ridge: 400 } });
    store.chooseKind('rg-flow');
    expect(store.importDraft(JSON.parse(JSON.stringify(saved)))).toBeNull();
    expect(store.kindName).toBe('toy-theory');
    expect(store.draft).toMatchObject({ lambda1: 4 });
    expect(store.runName).toBe('fig 3');
    expect(store.importDraft({ kind: 'nope', spec: {} })).toMatch(/unknown experiment kind/);
    expect(store.importDraft([1])).toMatch(/expected a JSON object/);
  });
});

describe('comparison store', () => {
  it('loads the comparison, hides equal parameters by default, overlays one array per run, groups a metric', async () => {
    const client = new FakeClient();
    const ridges = [1e-4, 1e-4, 1e-3, 1e-3];
    const exps = [-0.5, -0.52, -0.4, -0.44];
    client.on('runs.compare', ({ ids }) => ({
      runs: ids.map((id) => ({ id, name: `r${id}`, kind: 'learning-curve-theory', status: 'succeeded' as const })),
      parameters: [
        { path: 'seed', values: ids.map((id) => id), differs: true },
        { path: 'ridge', values: ids.map((id) => ridges[id - 1]), differs: true },
        { path: 'learnabilityThreshold', values: ids.map(() => 0.5), differs: false },
      ],
      metrics: [{ name: 'exponentRg', values: ids.map((id) => exps[id - 1]) }],
    }));
    client.on('runs.get', ({ id }) =>
      record(id, {
        kind: 'learning-curve-theory',
        arrays: [
          { name: 'sampleCounts', dtype: 'float64', shape: [3], description: null },
          { name: 'mseRg', dtype: 'float64', shape: [3], description: null },
        ],
      }),
    );
    client.on('runs.arrays', ({ id }) => ({
      sampleCounts: { dtype: 'float64', shape: [3], description: null, data: [10, 20, 50] },
      mseRg: { dtype: 'float64', shape: [3], description: null, data: [0.5 / id, 0.3 / id, 0.1 / id] },
    }));
    setupStores(client);
    const cmp = useComparisonStore();
    await cmp.load([1, 2, 3, 4]);
    expect(cmp.selected).toEqual([1, 2, 3, 4]);
    expect(cmp.parameters.map((p) => p.path)).toEqual(['seed', 'ridge']);
    cmp.onlyDifferences = false;
    expect(cmp.parameters).toHaveLength(3);

    expect(cmp.availableArrays).toEqual(['mseRg']);
    expect(cmp.overlayArray).toBe('mseRg');
    expect(client.callsOf('runs.arrays')[0]).toEqual({ id: 1, names: ['mseRg', 'sampleCounts'] });
    const spec = cmp.overlaySpec!;
    expect(spec).toMatchObject({ logX: true, logY: true, xName: 'training-set size n' });
    expect(spec.runs.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(spec.runs[1].x).toEqual([10, 20, 50]);
    expect(spec.runs[1].y).toEqual([0.25, 0.15, 0.05]);

    expect(cmp.groupBy).toBe('ridge'); // first differing parameter that is not the seed
    expect(cmp.groupMetric).toBe('exponentRg');
    const [small, large] = cmp.groups;
    expect(small.value).toBe(1e-4);
    expect(small.runIds).toEqual([1, 2]);
    expect(small.mean).toBeCloseTo(-0.51, 12);
    expect(small.std).toBeCloseTo(Math.SQRT2 * 0.01, 12);
    expect(large.mean).toBeCloseTo(-0.42, 12);
    expect(large.stdErr).toBeCloseTo(0.02, 12);
  });

  it('compares the runs that exist and lists the ids that do not', async () => {
    const client = new FakeClient();
    client.on('runs.get', ({ id }) => {
      if (id === 99999) throw new ApiError({ code: 'not-found', message: `run ${id} not found` });
      return record(id);
    });
    client.on('runs.compare', ({ ids }) => ({ runs: ids.map((id) => ({ id, name: `r${id}`, kind: 'rg-flow', status: 'succeeded' as const })), parameters: [], metrics: [] }));
    setupStores(client);
    const cmp = useComparisonStore();
    await cmp.load([3, 99999]);
    expect(cmp.error).toBeNull();
    expect(cmp.missing).toEqual([99999]);
    expect(client.callsOf('runs.compare')).toEqual([{ ids: [3] }]);
    expect(cmp.result?.runs.map((r) => r.id)).toEqual([3]);
    expect(cmp.selected).toEqual([3]);
    await cmp.load([99999]);
    expect(cmp.result).toBeNull();
    expect(cmp.missing).toEqual([99999]);
    expect(cmp.error).toBeNull();
    // other failures are still errors
    client.on('runs.get', () => {
      throw new ApiError({ code: 'internal', message: 'disk on fire' });
    });
    await cmp.load([3]);
    expect(cmp.error).toMatch(/disk on fire/);
  });

  it('keeps the overlay array, only-differences and grouping across a reload', async () => {
    vi.stubGlobal('sessionStorage', fakeSessionStorage());
    try {
      const client = new FakeClient();
      client.on('runs.get', ({ id }) =>
        record(id, {
          kind: 'learning-curve-theory',
          arrays: ['sampleCounts', 'mseRg', 'mseEk'].map((name) => ({ name, dtype: 'float64' as const, shape: [2], description: null })),
        }),
      );
      client.on('runs.compare', ({ ids }) => ({
        runs: ids.map((id) => ({ id, name: `r${id}`, kind: 'learning-curve-theory', status: 'succeeded' as const })),
        parameters: [{ path: 'ridge', values: ids.map((id) => id), differs: true }],
        metrics: [{ name: 'exponentRg', values: ids.map(() => -0.5) }],
      }));
      client.on('runs.arrays', () => ({ sampleCounts: { dtype: 'float64', shape: [2], description: null, data: [10, 20] }, mseEk: { dtype: 'float64', shape: [2], description: null, data: [1, 0.5] } }));
      setupStores(client);
      const first = useComparisonStore();
      await first.load([1, 2]);
      expect(first.overlayArray).toBe('mseRg');
      await first.loadOverlay('mseEk');
      first.onlyDifferences = false;
      first.groupSpread = 'stdErr';
      await flush();
      expect(parseCompareView(JSON.parse(sessionStorage.getItem(SESSION_KEYS.compareView)!))).toMatchObject({ overlayArray: 'mseEk', onlyDifferences: false, groupSpread: 'stdErr' });
      setupStores(client); // reload
      const again = useComparisonStore();
      expect(again.onlyDifferences).toBe(false);
      await again.load([1, 2]);
      expect(again.overlayArray).toBe('mseEk');
      expect(again.groupSpread).toBe('stdErr');
      expect(parseCompareView('garbage')).toEqual(parseCompareView(undefined));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('toggles the selection', () => {
    setupStores(new FakeClient());
    const cmp = useComparisonStore();
    cmp.toggle(3);
    cmp.toggle(5);
    cmp.toggle(3);
    expect(cmp.selected).toEqual([5]);
    expect(cmp.isSelected(5)).toBe(true);
  });
});

describe('runs store: cancel', () => {
  it('a run this server does not run (another process, or finished) gets a message, not silence', async () => {
    const client = new FakeClient().on('runs.cancel', ({ id }) => ({ cancelled: id === 1 }));
    setupStores(client);
    const runs = useRunsStore();
    expect(await runs.cancel(1)).toBe(true);
    expect(runs.actionError).toBeNull();
    expect(await runs.cancel(2)).toBeNull();
    expect(runs.actionError).toMatch(/run #2 is not running in this server \(started by another process/);
  });
});
