/**
 * `flow-check` (rg-theory.md §3, §7): the truncated kernel at the renormalised ridge reproduces the
 * full predictor while the removed modes are unlearnable; exact at κ = P; determinism; cancel.
 */
import { describe, expect, it } from 'vitest';
import { pureLinearAlgebra } from '../../src-shared/science/linalg';
import { flowCheckExperiment, flowCheckPlan, flowCheckSchema } from '../../src-shared/experiments/flow-check';
import { runMonteCarloInProcess } from '../../src-shared/experiments/monte-carlo';
import { validateSpec } from '../../src-shared/experiments/registry';
import type { ExperimentContext, ExperimentResult } from '../../src-shared/experiments/types';

function context(): ExperimentContext {
  return { linalg: pureLinearAlgebra, onProgress: () => {}, signal: new AbortController().signal };
}
const arr = (r: ExperimentResult, name: string) => Array.from(r.arrays[name].data);

const gaussianSpec = (extra: Record<string, unknown> = {}) =>
  flowCheckSchema.parse({
    setting: { type: 'gaussian-features', modeCount: 1000 },
    ridge: 1e-4,
    sampleCount: 50,
    trialCount: 20,
    cutoffs: [3, 6, 12, 25, 50, 100, 200, 400, 1000],
    ...extra,
  });

describe('flow-check: Gaussian features', () => {
  it('small distance for κ well above κ*, growing as κ goes below κ*; exact at κ = P', async () => {
    const r = await flowCheckExperiment.run(gaussianSpec(), context());
    const kappaStar = r.metrics.cutoff as number;
    expect(kappaStar).toBeGreaterThan(10);
    expect(kappaStar).toBeLessThan(50);
    const cutoffs = arr(r, 'cutoffs');
    const d = arr(r, 'relativeDistance');
    const se = arr(r, 'relativeDistanceStdErr');
    cutoffs.forEach((kappa, j) => {
      // Stated bound: ≤ 3 % once κ ≥ 4κ* (the removed modes are unlearnable and Gaussian).
      if (kappa >= 4 * kappaStar) expect(d[j]).toBeLessThan(0.03);
    });
    // Monotone growth as modes are removed, and large once learnable modes go.
    for (let j = 1; j < d.length; j++) expect(d[j]).toBeLessThan(d[j - 1]);
    expect(d[0]).toBeGreaterThan(0.2);
    expect(d[d.length - 1]).toBeLessThan(1e-12);
    expect(se.slice(0, -1).every((s) => s > 0 && Number.isFinite(s))).toBe(true);
    // Both MSEs: the truncated one approaches the full one from above.
    const full = arr(r, 'mseFull');
    const trunc = arr(r, 'mseTruncated');
    expect(new Set(full).size).toBe(1);
    expect(trunc[0]).toBeGreaterThan(full[0]);
    expect(Math.abs(trunc[trunc.length - 1] - full[0])).toBeLessThan(1e-12);
    expect(r.metrics.maxRelativeDistanceAboveCutoff).toBeLessThan(0.1);
    expect(arr(r, 'renormalizedRidge')[cutoffs.length - 1]).toBeCloseTo(1e-4, 12);
  });

  it('is deterministic across chunk order and structured clones', async () => {
    const spec = gaussianSpec({ trialCount: 6, cutoffs: [5, 50, 1000] });
    const ctx = context();
    const reference = await runMonteCarloInProcess(flowCheckPlan, spec, ctx);
    const shared = structuredClone(await flowCheckPlan.prepare(spec, ctx));
    const count = flowCheckPlan.chunkCount(spec, shared);
    expect(count).toBeGreaterThan(1);
    const partials = new Array(count);
    for (let c = count - 1; c >= 0; c--) partials[c] = structuredClone(flowCheckPlan.runChunk(spec, shared, c, { linalg: pureLinearAlgebra }));
    const manual = flowCheckPlan.reduce(spec, shared, partials, ctx);
    for (const name of Object.keys(reference.arrays)) expect(arr(manual, name)).toEqual(arr(reference, name));
    expect(manual.metrics).toEqual(reference.metrics);
  });

  it('cancel: reduce over the completed chunks, NaN when none completed', async () => {
    const spec = gaussianSpec({ trialCount: 6, cutoffs: [5, 50] });
    const ctx = context();
    const shared = await flowCheckPlan.prepare(spec, ctx);
    const count = flowCheckPlan.chunkCount(spec, shared);
    const partials = Array.from({ length: count }, (_, c) => (c < 3 ? flowCheckPlan.runChunk(spec, shared, c, { linalg: pureLinearAlgebra }) : undefined));
    const r = flowCheckPlan.reduce(spec, shared, partials, ctx);
    expect(r.metrics.completedTrials).toBe(3);
    expect(arr(r, 'relativeDistance').every(Number.isFinite)).toBe(true);
    expect(r.diagnostics.some((d) => d.startsWith('Cancelled: 3 of 6 chunks'))).toBe(true);
    const none = flowCheckPlan.reduce(spec, shared, partials.map(() => undefined), ctx);
    expect(arr(none, 'relativeDistance').every(Number.isNaN)).toBe(true);
    expect(none.metrics.mseFull).toBeNull();
  });
});

describe('flow-check: kernel eigen-features on a data set', () => {
  it('κ = N reproduces the full kernel (Nyström at test points); distance grows as κ shrinks', async () => {
    const spec = flowCheckSchema.parse({
      setting: { type: 'kernel-data', kernel: { type: 'nngp' }, data: { type: 'synthetic-gaussian', dimension: 4, count: 300 }, testCount: 100 },
      ridge: 1e-3,
      sampleCount: 40,
      trialCount: 10,
      cutoffs: [2, 10, 50, 200],
    });
    const r = await flowCheckExperiment.run(spec, context());
    const d = arr(r, 'relativeDistance');
    expect(d[3]).toBeLessThan(1e-8);
    expect(d[0]).toBeGreaterThan(d[1]);
    expect(d[1]).toBeGreaterThan(d[2]);
    expect(Math.abs(arr(r, 'mseTruncated')[3] - (r.metrics.mseFull as number))).toBeLessThan(1e-8);
  });

  it('rejects cutoffs beyond the modes', () => {
    const bad = validateSpec('flow-check', { setting: { type: 'gaussian-features', modeCount: 100 }, cutoffs: [10, 200] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0].message).toMatch(/cutoff 200 exceeds the number of modes P = 100/);
  });
});

describe('flow-check: a run in which every dataset fails', () => {
  it('fails with the reason instead of succeeding with NaN distances', async () => {
    const spec = flowCheckSchema.parse({ ridge: 0, setting: { type: 'gaussian-features', modeCount: 20 }, sampleCount: 50, cutoffs: [1, 2], trialCount: 2 });
    await expect(runMonteCarloInProcess(flowCheckPlan, spec, context())).rejects.toThrow(/ridge: all 2 datasets failed/);
  });
});
