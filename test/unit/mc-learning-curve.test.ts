/**
 * `learning-curve` (rg-theory.md §7): exact GP regression Monte Carlo against eigenlearning and the
 * §7 reference numbers, determinism across chunk orders and thread boundaries, cancellation.
 */
import { describe, expect, it } from 'vitest';
import { pureLinearAlgebra } from '../../src-shared/science/linalg';
import { learningCurveExperiment, learningCurvePlan, learningCurveSchema, type LearningCurveSpec } from '../../src-shared/experiments/learning-curve';
import { runMonteCarloInProcess } from '../../src-shared/experiments/monte-carlo';
import { validateSpec } from '../../src-shared/experiments/registry';
import type { ExperimentContext, ExperimentResult } from '../../src-shared/experiments/types';

function context(overrides: Partial<ExperimentContext> = {}): ExperimentContext {
  return { linalg: pureLinearAlgebra, onProgress: () => {}, signal: new AbortController().signal, ...overrides };
}

const arr = (r: ExperimentResult, name: string) => Array.from(r.arrays[name].data);

const small = (extra: Record<string, unknown> = {}): LearningCurveSpec =>
  learningCurveSchema.parse({ setting: { type: 'gaussian-features', modeCount: 500 }, sampleCounts: [20, 50, 100], trialCount: 20, ...extra });

describe('learning-curve: Gaussian features', () => {
  it('matches eigenlearning within a few standard errors and is far from bare EK at small σ²', async () => {
    const r = await learningCurveExperiment.run(small(), context());
    const mean = arr(r, 'mseMean');
    const se = arr(r, 'mseStdErr');
    const el = arr(r, 'mseEigenlearning');
    const ek = arr(r, 'mseEk');
    for (let i = 0; i < 3; i++) {
      expect(se[i]).toBeGreaterThan(0);
      expect(Math.abs(mean[i] - el[i])).toBeLessThan(4 * se[i]);
      // σ² = 1e-4: bare EK says almost every mode is learnt; the truth is orders of magnitude worse.
      expect(mean[i] / ek[i]).toBeGreaterThan(100);
    }
    expect(mean[0]).toBeGreaterThan(mean[1]);
    expect(mean[1]).toBeGreaterThan(mean[2]);
    expect(r.metrics.exponentExperiment).toBeLessThan(0);
    expect(r.metrics.completedTrials).toBe(60);
    expect(arr(r, 'trialsCompleted')).toEqual([20, 20, 20]);
  });

  it('reproduces the §7 reference at n = 25 and 100 (P = 4000, 40 datasets)', async () => {
    // Reference: MSE(25) = 0.271 ± 0.008, MSE(100) = 0.127 ± 0.002 (rg-theory.md §7).
    const spec = learningCurveSchema.parse({ sampleCounts: [25, 100], trialCount: 40 });
    expect(spec.setting).toEqual({ type: 'gaussian-features', modeCount: 4000, decayExponent: 1.5, targetDecayExponent: 1.5 });
    const r = await learningCurveExperiment.run(spec, context());
    const mean = arr(r, 'mseMean');
    const se = arr(r, 'mseStdErr');
    const reference = [
      [0.271, 0.008],
      [0.127, 0.002],
    ];
    reference.forEach(([value, error], i) => expect(Math.abs(mean[i] - value)).toBeLessThan(3 * Math.hypot(se[i], error)));
  });

  it('the reference preset is the §7 setting', () => {
    const preset = learningCurveExperiment.presets.find((p) => p.name === 'learning-curve-reference-mc')!;
    const spec = learningCurveSchema.parse(preset.spec);
    expect(spec).toMatchObject({ ridge: 1e-4, sampleCounts: [25, 50, 100, 200, 400], trialCount: 40, setting: { modeCount: 4000 } });
  });
});

describe('learning-curve: determinism', () => {
  it('same seed → identical results; a different seed differs', async () => {
    const a = await learningCurveExperiment.run(small({ trialCount: 6 }), context());
    const b = await learningCurveExperiment.run(small({ trialCount: 6 }), context());
    expect(arr(a, 'mseMean')).toEqual(arr(b, 'mseMean'));
    expect(arr(a, 'mseStdErr')).toEqual(arr(b, 'mseStdErr'));
    const c = await learningCurveExperiment.run(small({ trialCount: 6, seed: 2 }), context());
    expect(arr(c, 'mseMean')).not.toEqual(arr(a, 'mseMean'));
  });

  it('chunks run in any order across a structured-clone boundary reduce to the in-process result bit for bit', async () => {
    const spec = small({ trialCount: 12, sampleCounts: [10, 30, 60] });
    const ctx = context();
    const reference = await runMonteCarloInProcess(learningCurvePlan, spec, ctx);
    const shared = structuredClone(await learningCurvePlan.prepare(spec, ctx));
    const count = learningCurvePlan.chunkCount(spec, shared);
    expect(count).toBeGreaterThan(1);
    const partials = new Array(count);
    for (let c = count - 1; c >= 0; c--) partials[c] = structuredClone(learningCurvePlan.runChunk(structuredClone(spec), shared, c, { linalg: pureLinearAlgebra }));
    const manual = learningCurvePlan.reduce(spec, shared, partials, ctx);
    for (const name of Object.keys(reference.arrays)) expect(arr(manual, name)).toEqual(arr(reference, name));
    expect(manual.metrics).toEqual(reference.metrics);
    let units = 0;
    for (let c = 0; c < count; c++) units += learningCurvePlan.chunkUnits(spec, shared, c);
    expect(units).toBe(3 * 12);
  });
});

describe('learning-curve: cancellation', () => {
  it('reduce over completed chunks only: NaN where an n has no datasets, and a diagnostic', async () => {
    const spec = small({ trialCount: 8 });
    const ctx = context();
    const shared = await learningCurvePlan.prepare(spec, ctx);
    const count = learningCurvePlan.chunkCount(spec, shared);
    const partials = Array.from({ length: count }, (_, c) => learningCurvePlan.runChunk(spec, shared, c, { linalg: pureLinearAlgebra }));
    // Drop every chunk of the last n.
    const cut = partials.map((p) => (p.nIndex === 2 ? undefined : p));
    const r = learningCurvePlan.reduce(spec, shared, cut, ctx);
    const mean = arr(r, 'mseMean');
    expect(Number.isFinite(mean[0]) && Number.isFinite(mean[1])).toBe(true);
    expect(Number.isNaN(mean[2])).toBe(true);
    expect(arr(r, 'trialsCompleted')).toEqual([8, 8, 0]);
    expect(r.diagnostics.some((d) => d.startsWith('Cancelled'))).toBe(true);
    expect(r.diagnostics.some((d) => d.includes('n = 100: no completed datasets'))).toBe(true);
    expect(arr(r, 'mseEigenlearning').every(Number.isFinite)).toBe(true);
    const none = learningCurvePlan.reduce(spec, shared, partials.map(() => undefined), ctx);
    expect(arr(none, 'mseMean').every(Number.isNaN)).toBe(true);
    expect(none.metrics.exponentExperiment).toBeNull();
  });

  it('an abort during the run returns the partial result', async () => {
    const controller = new AbortController();
    let calls = 0;
    const spec = small({ trialCount: 8 });
    const r = await learningCurveExperiment.run(
      spec,
      context({
        signal: controller.signal,
        onProgress: (p) => {
          if (p.partialMetrics && ++calls === 2) controller.abort();
        },
      }),
    );
    expect(r.diagnostics.some((d) => d.startsWith('Cancelled'))).toBe(true);
    expect((r.metrics.completedTrials as number) < 24).toBe(true);
  });
});

describe('learning-curve: kernel on a data set', () => {
  it('runs on synthetic Gaussian inputs without a loader; theory from the pool spectrum', async () => {
    const spec = learningCurveSchema.parse({
      setting: { type: 'kernel-data', kernel: { type: 'nngp' }, data: { type: 'synthetic-gaussian', dimension: 4, count: 400 }, testCount: 100 },
      ridge: 1e-2,
      sampleCounts: [10, 40, 160],
      trialCount: 8,
    });
    const r = await learningCurveExperiment.run(spec, context());
    const mean = arr(r, 'mseMean');
    expect(mean.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(mean[2]).toBeLessThan(mean[0]);
    expect(r.metrics.modeCount).toBe(300);
    expect(arr(r, 'mseEigenlearning').every(Number.isFinite)).toBe(true);
    expect(r.diagnostics[0]).toContain('training pool N = 300');
  });

  it('MNIST without the Node loader fails with a clear message; n larger than the pool is rejected', async () => {
    const mnist = learningCurveSchema.parse({ setting: { type: 'kernel-data', data: { type: 'mnist' } } });
    await expect(learningCurveExperiment.run(mnist, context())).rejects.toThrow(/this data set needs the Node engine/);
    const tooBig = learningCurveSchema.parse({
      setting: { type: 'kernel-data', data: { type: 'synthetic-gaussian', count: 100 }, testCount: 50 },
      sampleCounts: [10, 60],
    });
    await expect(learningCurveExperiment.run(tooBig, context())).rejects.toThrow(/n = 60 exceeds the training pool \(N = 50/);
  });
});

describe('learning-curve: spec validation', () => {
  it('fills defaults and rejects absurd sizes with a clear message', () => {
    const ok = validateSpec('learning-curve', {});
    expect(ok.ok).toBe(true);
    const huge = validateSpec('learning-curve', { setting: { type: 'gaussian-features', modeCount: 50000 }, sampleCounts: [4000] });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.issues.map((i) => `${i.path}: ${i.message}`).join('\n')).toMatch(/setting\.modeCount: n·P = 4000·50000/);
    const slow = validateSpec('learning-curve', { sampleCounts: [2000, 4000], trialCount: 100000 });
    expect(slow.ok).toBe(false);
    if (!slow.ok) expect(slow.issues[0].message).toMatch(/multiply-adds/);
    const order = validateSpec('learning-curve', { sampleCounts: [100, 50] });
    expect(order.ok).toBe(false);
    const typo = validateSpec('learning-curve', { trialcount: 3 });
    expect(typo.ok).toBe(false);
  });
});

describe('learning-curve: a run in which every dataset fails', () => {
  it('fails with the reason instead of succeeding with NaN curves', async () => {
    // σ² = 0 and n > P: K = ΦΛΦᵀ has rank P < n, so no dataset can be fitted.
    const spec = learningCurveSchema.parse({ ridge: 0, setting: { type: 'gaussian-features', modeCount: 20 }, sampleCounts: [25, 50], trialCount: 2 });
    await expect(runMonteCarloInProcess(learningCurvePlan, spec, context())).rejects.toThrow(/ridge: all 4 datasets failed: K \+ σ²I is not positive definite/);
  });
});
