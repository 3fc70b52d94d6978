/**
 * `rgwb run` of the toy Monte Carlo through the bundled CLI: runs on the worker pool, stores the
 * run, and the process exits by itself (idle workers are unref'd).
 */
import { describe, expect, it } from 'vitest';
import { rgwb, tempDb } from './cli-helpers';

describe('rgwb run fig3-toy-model (worker pool)', () => {
  it('runs 2·10⁵ datasets on cpu-workers and exits', () => {
    const db = tempDb();
    const run = rgwb(['run', 'fig3-toy-model', '--set', 'trialCount=200000', '--json', '--db', db], { RGWB_THREADS: '2' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const record = JSON.parse(run.stdout);
    expect(record).toMatchObject({ kind: 'toy-hermite', status: 'succeeded' });
    expect(record.environment).toMatchObject({ backend: 'cpu-workers (float64)', precision: 'float64', threads: 2 });
    expect(record.spec).toMatchObject({ trialCount: 200_000, sampleCount: 100, ridge: 400, lambda1: 1, lambda2: 0.1 });
    const { a, aStdErr, b, bStdErr, trialsCompleted } = record.metrics;
    expect(trialsCompleted).toBe(200_000);
    // rg-theory.md §5 reference −5.07e−3 ± 0.30e−3; at m = 2·10⁵ s.e.(a) ≈ 1.5e−3 (weak but honest).
    expect(Math.abs(a - -5.07e-3)).toBeLessThan(4 * Math.hypot(aStdErr, 0.3e-3));
    expect(Math.abs(b)).toBeLessThan(4 * bStdErr);
    expect(record.arrays.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['x', 'predictorMean', 'predictorStdErr', 'predictorLeading', 'predictorReweighted', 'predictorFiniteN']),
    );

    // Same seed through the same door → the same numbers (any thread count).
    const again = rgwb(['run', 'fig3-toy-model', '--set', 'trialCount=200000', '--json', '--db', db], { RGWB_THREADS: '1' });
    expect(again.status).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.environment.threads).toBe(1);
    expect(second.metrics).toEqual(record.metrics);
  });
});
