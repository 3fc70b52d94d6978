import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunFilter, RunStatus } from '../../src-shared/api/runs';
import { buildListQuery, openStore, StoreInputError, type RunStore } from '../../src-main/store';
import { ENVIRONMENT, tempDir } from '../fixtures/store/helpers';

/** The generated population: every property is a function of the index, so expectations are computed. */
const N = 2000;
const KINDS = ['rg-flow', 'learning-curve', 'toy-theory'];
const STATUSES: RunStatus[] = ['succeeded', 'failed', 'cancelled', 'queued', 'running'];
interface Model {
  id: number;
  kind: string;
  name: string;
  status: RunStatus;
  createdAt: string;
  elapsedMs: number | null;
  tags: string[];
  notes: string;
  ridge: number;
  modeCount: number;
}
const models: Model[] = [];

let tmp: ReturnType<typeof tempDir>;
let store: RunStore;
let nextTime = 0;

beforeAll(() => {
  tmp = tempDir();
  store = openStore(tmp.file(), { now: () => new Date(Date.UTC(2025, 0, 1) + nextTime * 1000) });
  store.batch(() => {
    for (let i = 0; i < N; i++) {
      nextTime = (i * 7919) % N; // creation times in a different order from ids
      const m: Model = {
        id: 0,
        kind: KINDS[i % 3],
        name: i % 100 === 0 ? `100%_done ${i}` : `Run ${String(i).padStart(4, '0')}`,
        status: STATUSES[i % 5],
        createdAt: new Date(Date.UTC(2025, 0, 1) + nextTime * 1000).toISOString(),
        elapsedMs: null,
        tags: [...(i % 5 === 0 ? ['five'] : []), ...(i % 7 === 0 ? ['seven'] : [])],
        notes: i % 50 === 0 ? 'An INTERESTING run' : '',
        ridge: i / N,
        modeCount: 16 * (1 + (i % 8)),
      };
      m.id = store.createRun({
        kind: m.kind, name: m.name, seed: i, environment: ENVIRONMENT, tags: m.tags, notes: m.notes,
        spec: { seed: i, ridge: m.ridge, source: { modeCount: m.modeCount } },
      });
      if (m.status !== 'queued') store.markRunning(m.id);
      if (m.status === 'succeeded' || m.status === 'cancelled') {
        m.elapsedMs = (i * 37) % 1000;
        store.completeRun(m.id, { metrics: { index: i, half: i % 2 === 0 ? null : i / 2 }, arrays: {}, diagnostics: [] }, { status: m.status, elapsedMs: m.elapsedMs });
      } else if (m.status === 'failed') {
        store.failRun(m.id, 'boom', 1);
        m.elapsedMs = 1;
      }
      models.push(m);
    }
  });
});
afterAll(() => {
  store.close();
  tmp.cleanup();
});

const idsOf = (filter: RunFilter) => store.listRuns({ limit: 1000, ...filter }).runs.map((r) => r.id);
const byIdDesc = (ms: Model[]) => ms.map((m) => m.id).sort((a, b) => b - a);

describe('listRuns over 2000 runs', () => {
  it('defaults: newest id first, 100 per page, total of all runs', () => {
    const page = store.listRuns({});
    expect(page.total).toBe(N);
    expect(page.runs).toHaveLength(100);
    expect(page.runs.map((r) => r.id)).toEqual(byIdDesc(models).slice(0, 100));
  });

  it('summaries carry tags, metrics (incl. null) and timings', () => {
    const m = models.find((x) => x.tags.length === 2 && x.status === 'succeeded')!;
    const run = store.listRuns({ tag: 'seven', kind: m.kind, status: 'succeeded', limit: 1000 }).runs.find((r) => r.id === m.id)!;
    const i = models.indexOf(m);
    expect(run).toMatchObject({ kind: m.kind, name: m.name, createdAt: m.createdAt, elapsedMs: m.elapsedMs, tags: ['five', 'seven'] });
    expect(run.metrics).toEqual({ half: i % 2 === 0 ? null : i / 2, index: i });
  });

  it.each<[string, RunFilter, (m: Model) => boolean]>([
    ['kind', { kind: 'learning-curve' }, (m) => m.kind === 'learning-curve'],
    ['status', { status: 'running' }, (m) => m.status === 'running'],
    ['tag', { tag: 'seven' }, (m) => m.tags.includes('seven')],
    ['kind + tag + status', { kind: 'toy-theory', tag: 'five', status: 'failed' }, (m) => m.kind === 'toy-theory' && m.tags.includes('five') && m.status === 'failed'],
    ['text in notes, case-insensitive', { text: 'interesting' }, (m) => m.notes !== ''],
    ['text in kind', { text: 'FLOW' }, (m) => m.kind === 'rg-flow'],
    ['text with % is literal', { text: '0%_' }, (m) => m.name.includes('0%_')],
    ['text with _ is literal', { text: 'n_0' }, () => false],
    ['param range', { params: { ridge: { min: 0.25, max: 0.5 } } }, (m) => m.ridge >= 0.25 && m.ridge <= 0.5],
    ['two param ranges', { params: { ridge: { max: 0.1 }, 'source.modeCount': { min: 64 } } }, (m) => m.ridge <= 0.1 && m.modeCount >= 64],
    ['param range + kind + text', { kind: 'rg-flow', text: 'run 1', params: { 'source.modeCount': { min: 32, max: 32 } } }, (m) => m.kind === 'rg-flow' && m.name.toLowerCase().includes('run 1') && m.modeCount === 32],
    ['unknown param path', { params: { nope: { min: 0 } } }, () => false],
  ])('filters by %s with the right total', (_, filter, predicate) => {
    const expected = byIdDesc(models.filter(predicate));
    const page = store.listRuns({ ...filter, limit: 1000 });
    expect(page.total).toBe(expected.length);
    expect(page.runs.map((r) => r.id)).toEqual(expected.slice(0, 1000));
  });

  it('sorts by whitelisted columns, id breaking ties, nulls last', () => {
    const cmp = <T>(key: (m: Model) => T, dir: 1 | -1) => (a: Model, b: Model) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === null && kb !== null) return 1;
      if (kb === null && ka !== null) return -1;
      return ka === kb ? dir * (a.id - b.id) : (ka! < kb! ? -dir : dir);
    };
    const all = (filter: RunFilter) => [0, 1000].flatMap((offset) => idsOf({ ...filter, offset }));
    expect(all({ sortBy: 'createdAt', sortDir: 'asc' })).toEqual([...models].sort(cmp((m) => m.createdAt, 1)).map((m) => m.id));
    expect(all({ sortBy: 'elapsedMs', sortDir: 'desc' })).toEqual([...models].sort(cmp((m) => m.elapsedMs, -1)).map((m) => m.id));
    expect(all({ sortBy: 'elapsedMs', sortDir: 'asc' })).toEqual([...models].sort(cmp((m) => m.elapsedMs, 1)).map((m) => m.id));
    expect(all({ sortBy: 'name', sortDir: 'asc' })).toEqual([...models].sort(cmp((m) => m.name.toLowerCase(), 1)).map((m) => m.id));
    expect(all({ sortBy: 'status', sortDir: 'desc' })).toEqual([...models].sort(cmp((m) => m.status, -1)).map((m) => m.id));
    expect(all({ sortBy: 'id', sortDir: 'asc' })).toEqual(models.map((m) => m.id));
  });

  it('pages with offset/limit: pages tile the result and the total stays put', () => {
    const filter: RunFilter = { kind: 'rg-flow', sortBy: 'createdAt', sortDir: 'desc' };
    const seen: number[] = [];
    for (let offset = 0; ; offset += 97) {
      const page = store.listRuns({ ...filter, offset, limit: 97 });
      expect(page.total).toBe(models.filter((m) => m.kind === 'rg-flow').length);
      if (page.runs.length === 0) break;
      seen.push(...page.runs.map((r) => r.id));
    }
    expect(seen).toEqual(idsOf({ ...filter, limit: 1000 }));
    expect(new Set(seen).size).toBe(seen.length);
    expect(store.listRuns({ offset: 5000 })).toEqual({ total: N, runs: [] });
  });

  it('caps the limit at 1000 and rejects bad paging and sort input', () => {
    expect(store.listRuns({ limit: 5000 }).runs).toHaveLength(1000);
    expect(() => store.listRuns({ limit: 0 })).toThrow(StoreInputError);
    expect(() => store.listRuns({ offset: -1 })).toThrow(StoreInputError);
    expect(() => store.listRuns({ sortBy: 'id; DROP TABLE runs' as never })).toThrow(StoreInputError);
    expect(() => store.listRuns({ sortBy: 'toString' as never })).toThrow(StoreInputError);
    expect(() => store.listRuns({ sortDir: 'sideways' as never })).toThrow(StoreInputError);
    expect(() => store.listRuns({ status: 'done' as never })).toThrow(StoreInputError);
    expect(store.listRuns({}).total).toBe(N);
  });

  it('query plans use the indexes for kind, status, tag, params and created-at order', () => {
    const plan = (filter: RunFilter) => {
      const q = buildListQuery(filter);
      return (store.db.prepare(`EXPLAIN QUERY PLAN ${q.pageSql}`).all(...q.params, q.limit, q.offset) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('\n');
    };
    expect(plan({ kind: 'rg-flow', sortBy: 'createdAt' })).toMatch(/USING INDEX runs_kind_created/);
    expect(plan({ status: 'failed', sortBy: 'createdAt' })).toMatch(/USING INDEX runs_status_created/);
    expect(plan({ sortBy: 'createdAt' })).toMatch(/USING INDEX runs_created/);
    expect(plan({ tag: 'seven' })).toMatch(/run_tags_tag/);
    expect(plan({ params: { ridge: { min: 0.1, max: 0.2 } } })).toMatch(/run_params_path_value/);
    expect(plan({})).not.toMatch(/TEMP B-TREE/);
  });
});
