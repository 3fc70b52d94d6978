/**
 * The Monte-Carlo kinds on MNIST through the Node loader, at reduced sizes (the presets are the
 * same shape, larger): learning curve, flow check (exact at κ = N), feature Gaussianity.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src-main/engine/datasets';
import { pureLinearAlgebra } from '../../src-shared/science/linalg';
import { featureGaussianityExperiment, featureGaussianitySchema } from '../../src-shared/experiments/feature-gaussianity';
import { flowCheckExperiment, flowCheckSchema } from '../../src-shared/experiments/flow-check';
import { learningCurveExperiment, learningCurveSchema } from '../../src-shared/experiments/learning-curve';
import { findPreset } from '../../src-shared/experiments/registry';
import type { ExperimentContext, ExperimentResult } from '../../src-shared/experiments/types';

const ctx = (): ExperimentContext => ({ linalg: pureLinearAlgebra, onProgress: () => {}, signal: new AbortController().signal, loadDataset });
const arr = (r: ExperimentResult, name: string) => Array.from(r.arrays[name].data);
const nngp = { type: 'nngp', activation: 'relu', depth: 2, weightVariance: 2, biasVariance: 0 };

describe('Monte-Carlo kinds on MNIST', () => {
  it('learning curve, 0 vs 1: the MSE falls with n and the theory curves are finite', async () => {
    const spec = learningCurveSchema.parse({
      setting: { type: 'kernel-data', kernel: nngp, data: { type: 'mnist', digits: [0, 1], count: 400, target: 'binary' }, testCount: 100 },
      ridge: 1e-3,
      sampleCounts: [4, 16, 64],
      trialCount: 6,
    });
    const r = await learningCurveExperiment.run(spec, ctx());
    const mean = arr(r, 'mseMean');
    expect(mean.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(mean[2]).toBeLessThan(mean[0]);
    expect(mean[2]).toBeLessThan(0.2); // 0 vs 1 is easy
    for (const name of ['mseEk', 'mseEigenlearning']) expect(arr(r, name).every(Number.isFinite)).toBe(true);
    expect(r.metrics.modeCount).toBe(300);
  });

  it('flow check on parity: the truncated kernel at κ = N is the full kernel', async () => {
    const spec = flowCheckSchema.parse({
      setting: { type: 'kernel-data', kernel: nngp, data: { type: 'mnist', digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], count: 300, target: 'parity' }, testCount: 100 },
      ridge: 1e-3,
      sampleCount: 30,
      trialCount: 6,
      cutoffs: [5, 50, 200],
    });
    const r = await flowCheckExperiment.run(spec, ctx());
    const d = arr(r, 'relativeDistance');
    expect(d[2]).toBeLessThan(1e-8);
    expect(d[0]).toBeGreaterThan(d[1]);
    expect(r.metrics.cutoff).not.toBeNull();
  });

  it('feature Gaussianity: features shaped [N, M], normalised on the pool', async () => {
    const spec = featureGaussianitySchema.parse({ kernel: nngp, data: { type: 'mnist', digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], count: 200 }, modes: [1, 2, 10, 50] });
    const r = await featureGaussianityExperiment.run(spec, ctx());
    expect(r.arrays.features.shape).toEqual([200, 4]);
    const f = r.arrays.features.data;
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let mu = 0; mu < 200; mu++) s += f[mu * 4 + j] ** 2;
      expect(s / 200).toBeCloseTo(1, 10);
    }
    expect(arr(r, 'excessKurtosis').every(Number.isFinite)).toBe(true);
  });

  it('the MNIST presets validate', () => {
    for (const name of ['learning-curve-mnist', 'flow-check-mnist', 'gaussianity-mnist', 'flow-check-gaussian', 'gaussianity-nngp-gaussian-inputs', 'learning-curve-reference-mc']) {
      const entry = findPreset(name);
      expect(entry, name).toBeDefined();
    }
    expect(learningCurveSchema.parse(findPreset('learning-curve-mnist')!.preset.spec).setting.type).toBe('kernel-data');
  });
});
