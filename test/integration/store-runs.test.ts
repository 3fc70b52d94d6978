import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ArrayNotFoundError,
  openStore,
  RunNotFoundError,
  RunStateError,
  StoreInputError,
  type RunStore,
} from '../../src-main/store';
import { ENVIRONMENT, sampleResult, tempDir } from '../fixtures/store/helpers';

let tmp: ReturnType<typeof tempDir>;
let store: RunStore;
let clock: number;
const now = () => new Date(Date.UTC(2025, 0, 1) + clock++ * 1000);

beforeEach(() => {
  tmp = tempDir();
  clock = 0;
  store = openStore(tmp.file(), { now });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const SPEC = { seed: 7, ridge: 1e-3, source: { modeCount: 64, alpha: 1.5, name: 'power-law' }, sizes: [10, 20], flag: true };

function bits(data: Float64Array): string[] {
  return Array.from(new BigUint64Array(data.buffer, data.byteOffset, data.length), (b) => b.toString(16));
}

function create(name = 'run'): number {
  return store.createRun({ kind: 'rg-flow', name, spec: SPEC, seed: 7, environment: ENVIRONMENT });
}

describe('a run from queued to succeeded', () => {
  it('round-trips spec, environment, metrics (incl. null), arrays (exact bits), tags, notes, diagnostics', () => {
    const id = create('first');
    expect(store.getRun(id)).toMatchObject({
      id, kind: 'rg-flow', name: 'first', status: 'queued', seed: 7,
      createdAt: '2025-01-01T00:00:00.000Z', startedAt: null, finishedAt: null, elapsedMs: null,
      backend: ENVIRONMENT.backend, environment: ENVIRONMENT, spec: SPEC, tags: [], metrics: {}, arrays: [],
      diagnostics: [], notes: '', error: null,
    });

    store.markRunning(id);
    const running = store.getRun(id);
    expect(running.status).toBe('running');
    expect(running.startedAt).toBe('2025-01-01T00:00:01.000Z');
    const owner = store.db.prepare('SELECT owner_pid, owner_host FROM runs WHERE id = ?').get(id);
    expect(owner).toEqual({ owner_pid: process.pid, owner_host: expect.any(String) });

    const result = sampleResult();
    store.completeRun(id, result, { status: 'succeeded', elapsedMs: 1234.5, environment: { ...ENVIRONMENT, backend: 'tfjs-wasm (float32)' } });
    expect(store.addTags(id, [' paper ', 'fig3', 'paper'])).toEqual(['fig3', 'paper']);
    store.setNotes(id, 'looks like Figure 3');
    store.setName(id, 'renamed');

    const run = store.getRun(id);
    expect(run).toMatchObject({
      status: 'succeeded', name: 'renamed', finishedAt: '2025-01-01T00:00:02.000Z', elapsedMs: 1234.5,
      backend: 'tfjs-wasm (float32)', tags: ['fig3', 'paper'], notes: 'looks like Figure 3', diagnostics: result.diagnostics,
    });
    expect(run.environment?.backend).toBe('tfjs-wasm (float32)');
    // SQLite stores an integral REAL compactly and reads it back as +0: a metric's sign of zero is
    // not kept (array blobs keep every bit, below).
    expect(run.metrics).toEqual({ l1: 1e-300, negZero: 0, testError: 0.125, undefinedOne: null });
    expect(run.arrays).toEqual([
      { name: 'spectrum', dtype: 'float64', shape: [2, 3], description: 'λ_k for k = 1..6' },
      { name: 'empty', dtype: 'float64', shape: [0], description: null },
    ]);

    const spectrum = store.getArray(id, 'spectrum');
    expect(spectrum.shape).toEqual([2, 3]);
    expect(spectrum.description).toBe('λ_k for k = 1..6');
    expect(spectrum.data).toBeInstanceOf(Float64Array);
    expect(spectrum.data.byteOffset % 8).toBe(0);
    expect(bits(spectrum.data)).toEqual(bits(result.arrays.spectrum.data));
    expect(Object.is(spectrum.data[1], -0)).toBe(true);

    const all = store.getArrays(id);
    expect(Object.keys(all)).toEqual(['spectrum', 'empty']);
    expect(all.empty).toEqual({ dtype: 'float64', shape: [0], data: new Float64Array(0) });
  });

  it('stores blobs little-endian and copies data (later mutation does not leak in)', () => {
    const id = create();
    const data = Float64Array.from([1.5, -2]);
    store.completeRun(id, { metrics: {}, arrays: { v: { dtype: 'float64', shape: [2], data } }, diagnostics: [] }, { status: 'succeeded', elapsedMs: 0 });
    data[0] = 99;
    const { data: blob } = store.db.prepare('SELECT data FROM run_arrays WHERE run_id = ?').get(id) as { data: Buffer };
    expect(blob.readDoubleLE(0)).toBe(1.5);
    expect(blob.readDoubleLE(8)).toBe(-2);
    expect(Array.from(store.getArray(id, 'v').data)).toEqual([1.5, -2]);
  });

  it('decodes arrays from unaligned buffers exactly (many sizes, random bit patterns)', () => {
    const id = create();
    const arrays: Record<string, { dtype: 'float64'; shape: number[]; data: Float64Array }> = {};
    let state = 12345n;
    for (let n = 1; n <= 17; n++) {
      const raw = new BigUint64Array(n);
      for (let i = 0; i < n; i++) {
        state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
        raw[i] = state;
      }
      arrays[`a${n}`] = { dtype: 'float64', shape: [n], data: new Float64Array(raw.buffer) };
    }
    store.completeRun(id, { metrics: {}, arrays, diagnostics: [] }, { status: 'succeeded', elapsedMs: 0 });
    const back = store.getArrays(id);
    for (const [name, array] of Object.entries(arrays)) expect(bits(back[name].data)).toEqual(bits(array.data));
  });

  it('indexes the numeric spec leaves as dotted params', () => {
    const id = create();
    const params = store.db.prepare('SELECT path, value FROM run_params WHERE run_id = ? ORDER BY path').all(id);
    expect(params).toEqual([
      { path: 'ridge', value: 1e-3 },
      { path: 'seed', value: 7 },
      { path: 'source.alpha', value: 1.5 },
      { path: 'source.modeCount', value: 64 },
    ]);
  });

  it('cancelled keeps partial results; failed keeps the error and partial results', () => {
    const cancelled = create('c');
    store.markRunning(cancelled);
    store.completeRun(cancelled, { metrics: { done: 3 }, arrays: {}, diagnostics: ['cancelled at 3/10'] }, { status: 'cancelled', elapsedMs: 5 });
    expect(store.getRun(cancelled)).toMatchObject({ status: 'cancelled', metrics: { done: 3 }, diagnostics: ['cancelled at 3/10'] });

    const failed = create('f');
    store.markRunning(failed);
    store.failRun(failed, 'ExperimentInputError: ridge: must be positive', 12, {
      metrics: { partial: 1 }, arrays: { p: { dtype: 'float64', shape: [1], data: Float64Array.of(2) } }, diagnostics: [],
    });
    expect(store.getRun(failed)).toMatchObject({
      status: 'failed', error: 'ExperimentInputError: ridge: must be positive', elapsedMs: 12, metrics: { partial: 1 },
    });
    expect(store.getArray(failed, 'p').data[0]).toBe(2);

    const never = create('n');
    store.failRun(never, 'spec rejected before start', 0);
    expect(store.getRun(never)).toMatchObject({ status: 'failed', startedAt: null, metrics: {}, arrays: [] });
  });
});

describe('errors', () => {
  it('unknown ids throw RunNotFoundError("no run with id 42")', () => {
    expect(store.findRun(42)).toBeUndefined();
    const calls: Array<() => unknown> = [
      () => store.getRun(42),
      () => store.markRunning(42),
      () => store.completeRun(42, sampleResult(), { status: 'succeeded', elapsedMs: 1 }),
      () => store.failRun(42, 'x', 1),
      () => store.getArray(42, 'spectrum'),
      () => store.getArrays(42),
      () => store.addTags(42, ['t']),
      () => store.removeTags(42, ['t']),
      () => store.setNotes(42, 'n'),
      () => store.setName(42, 'n'),
    ];
    for (const call of calls) {
      expect(call).toThrow(RunNotFoundError);
      expect(call).toThrow('no run with id 42');
    }
  });

  it('unknown array names throw ArrayNotFoundError', () => {
    const id = create();
    expect(() => store.getArray(id, 'nope')).toThrow(ArrayNotFoundError);
    expect(() => store.getArray(id, 'nope')).toThrow(`run ${id} has no array "nope"`);
  });

  it('refuses status changes out of a final state, and leaves the row as it was', () => {
    const id = create();
    store.markRunning(id);
    expect(() => store.markRunning(id)).toThrow(new RunStateError(id, 'running', 'mark it running'));
    store.completeRun(id, sampleResult(), { status: 'succeeded', elapsedMs: 1 });
    expect(() => store.completeRun(id, sampleResult(), { status: 'cancelled', elapsedMs: 1 })).toThrow(RunStateError);
    expect(() => store.failRun(id, 'late', 1)).toThrow(`run ${id} is succeeded; cannot mark it failed`);
    expect(store.getRun(id).status).toBe('succeeded');
  });

  it('validates inputs before writing anything', () => {
    const id = create();
    const bad = (arrays: Record<string, unknown>) => () =>
      store.completeRun(id, { metrics: { ok: 1 }, arrays: arrays as never, diagnostics: [] }, { status: 'succeeded', elapsedMs: 1 });
    expect(bad({ a: { dtype: 'float64', shape: [2, 2], data: new Float64Array(3) } })).toThrow(/holds 4 values but data has 3/);
    expect(bad({ a: { dtype: 'float32', shape: [1], data: new Float32Array(1) } })).toThrow(StoreInputError);
    expect(bad({ a: { dtype: 'float64', shape: [-1], data: new Float64Array(0) } })).toThrow(/non-negative integers/);
    expect(() => store.completeRun(id, sampleResult(), { status: 'failed' as never, elapsedMs: 1 })).toThrow(StoreInputError);
    expect(() => store.createRun({ kind: '', name: 'x', spec: {}, seed: 1 })).toThrow(StoreInputError);
    expect(() => store.createRun({ kind: 'k', name: 'x', spec: {}, seed: 1.5 })).toThrow(StoreInputError);
    expect(() => store.addTags(id, ['  '])).toThrow(StoreInputError);
    expect(store.getRun(id)).toMatchObject({ status: 'queued', metrics: {}, arrays: [] });
  });
});

describe('tags, notes and deletion', () => {
  it('removes tags and lists tag counts', () => {
    const a = create('a');
    const b = create('b');
    store.addTags(a, ['x', 'y']);
    store.addTags(b, ['y']);
    expect(store.listTags()).toEqual([{ tag: 'x', count: 1 }, { tag: 'y', count: 2 }]);
    expect(store.removeTags(a, ['y', 'absent'])).toEqual(['x']);
    expect(store.listTags()).toEqual([{ tag: 'x', count: 1 }, { tag: 'y', count: 1 }]);
  });

  it('deleting runs cascades to metrics, arrays, tags and params, and ids are not reused', () => {
    const a = create('a');
    const b = create('b');
    for (const id of [a, b]) {
      store.completeRun(id, sampleResult(), { status: 'succeeded', elapsedMs: 1 });
      store.addTags(id, ['t']);
    }
    const count = (table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('run_metrics'), count('run_arrays'), count('run_tags'), count('run_params')]).toEqual([8, 4, 2, 8]);
    expect(store.deleteRuns([a, 9999])).toBe(1);
    expect(store.findRun(a)).toBeUndefined();
    expect([count('run_metrics'), count('run_arrays'), count('run_tags'), count('run_params')]).toEqual([4, 2, 1, 4]);
    expect(store.getRun(b).metrics.testError).toBe(0.125);
    expect(store.deleteRuns([b])).toBe(1);
    expect(create('c')).toBe(b + 1);
  });
});
