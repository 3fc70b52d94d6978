import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src-shared/api/contract';
import { abscissa, abscissaArrays, arrayAxes } from '../../../src-shared/charts/array-axes';
import { buildGroupOption, groupComparison, summarise } from '../../../src-shared/charts/grouping';
import { buildOverlayOption } from '../../../src-shared/charts/overlay';
import { lightChartTheme } from '../../../src-shared/charts/theme';
import { wire } from './fixtures';

describe('overlay', () => {
  it('makes one series per run on shared axes, dropping undrawable log points', () => {
    const option = buildOverlayOption(
      {
        runs: [
          { id: 3, label: 'seed 1', x: [10, 20, 50], y: [0.5, 0.3, 0.1] },
          { id: 7, label: 'seed 2', x: [10, 20, 50], y: [0.4, 0, 0.1] },
        ],
        xName: 'n',
        yName: 'MSE',
        logX: true,
        logY: true,
      },
      lightChartTheme,
    );
    const series = option.series as Record<string, any>[];
    expect(series.map((s) => s.name)).toEqual(['#3 seed 1', '#7 seed 2']);
    expect(series[0].color).not.toBe(series[1].color);
    expect(series[1].data).toEqual([
      [10, 0.4],
      [20, null],
      [50, 0.1],
    ]);
    expect((option.xAxis as any).type).toBe('log');
  });

  it('plots flow-check arrays against a log κ axis, falling back to linear when a run has κ = 0', () => {
    expect(arrayAxes('flow-check', 'relativeDistance')).toMatchObject({ xName: 'cutoff κ', logX: true, logY: true });
    // one value per cutoff: against κ, not against the index
    expect(arrayAxes('flow-check', 'renormalizedRidge')).toMatchObject({ x: { array: 'cutoffs' }, logX: true });
    const spec = (x: number[]) => ({ runs: [{ id: 1, label: 'a', x, y: [0.5, 0.2, 0.1] }], xName: 'κ', yName: 'd', logX: true, logY: true });
    expect((buildOverlayOption(spec([5, 50, 500]), lightChartTheme).xAxis as any).type).toBe('log');
    const linear = buildOverlayOption(spec([0, 50, 500]), lightChartTheme);
    expect((linear.xAxis as any).type).toBe('value');
    expect((linear.series as any[])[0].data[0]).toEqual([0, 0.5]);
  });

  it('knows the abscissa of each known array', () => {
    const axes = arrayAxes('learning-curve-theory', 'mseRg');
    expect(axes).toMatchObject({ xName: 'training-set size n', logX: true, logY: true });
    expect(abscissa(axes, { sampleCounts: wire([10, 20]) }, 2)).toEqual([10, 20]);
    expect(abscissa(arrayAxes('rg-flow', 'renormalizedRidge'), {}, 3)).toEqual([0, 1, 2]);
    expect(abscissa(arrayAxes('rg-flow', 'eigenvalues'), {}, 3)).toEqual([1, 2, 3]);
    expect(arrayAxes('unknown', 'foo', [1e-9, 1])).toMatchObject({ logY: true, xName: 'index i' });
    expect(abscissaArrays('learning-curve')).toEqual(['sampleCounts']);
  });
});

describe('grouping', () => {
  const comparison: Comparison = {
    runs: [1, 2, 3, 4, 5].map((id) => ({ id, name: `r${id}`, kind: 'learning-curve', status: 'succeeded' as const })),
    parameters: [
      { path: 'ridge', values: [1e-4, 1e-3, 1e-4, 1e-3, 1e-4], differs: true },
      { path: 'seed', values: [1, 1, 2, 2, 3], differs: true },
    ],
    metrics: [{ name: 'exponentExperiment', values: [-0.5, -0.4, -0.52, -0.42, null] }],
  };

  it('summarises a metric per parameter value: mean ± sample s.d. and s.e.', () => {
    const groups = groupComparison(comparison, 'ridge', 'exponentExperiment');
    expect(groups.map((g) => g.value)).toEqual([1e-4, 1e-3]);
    const [small, large] = groups;
    expect(small.runIds).toEqual([1, 3, 5]);
    expect(small.n).toBe(2);
    expect(small.missing).toBe(1);
    expect(small.mean).toBeCloseTo(-0.51, 12);
    expect(small.std).toBeCloseTo(Math.SQRT2 * 0.01, 12);
    expect(small.stdErr).toBeCloseTo(0.01, 12);
    expect(large.mean).toBeCloseTo(-0.41, 12);
    expect(summarise([2])).toMatchObject({ n: 1, mean: 2, std: null, stdErr: null });
  });

  it('draws each group mean with an error bar and every run as a dot', () => {
    const groups = groupComparison(comparison, 'ridge', 'exponentExperiment');
    const option = buildGroupOption(groups, { path: 'ridge', metric: 'exponentExperiment' }, lightChartTheme);
    const series = option.series as Record<string, any>[];
    expect((option.xAxis as any).data).toEqual(['1e\u22124', '0.001']);
    expect(series[0].data).toHaveLength(4);
    expect(series[1].type).toBe('custom');
    expect(series[1].data[0][0]).toBe(0);
    expect(series[1].data[0][2]).toBeCloseTo(-0.51 - Math.SQRT2 * 0.01, 12);
  });
});

describe('legend layout', () => {
  it('wraps a long legend onto lines and moves the plot down; many runs scroll', async () => {
    const { fitLegend, baseOption, lineSeries } = await import('../../../src-shared/charts/builder');
    const mk = (names: string[]) => {
      const o = baseOption(lightChartTheme, { name: 'x', log: false }, { name: 'y', log: false });
      o.series = names.map((n) => lineSeries(n, [[1, 1]], { color: '#000000' }));
      return fitLegend(o);
    };
    const one = mk(['a', 'b']);
    expect(one.legend).toMatchObject({ type: 'plain' });
    expect((one.grid as { top: number }).top).toBe(46);
    const two = mk(['RG-EK (p = −0.499)', 'bare EK (p = −2)', 'eigenlearning (p = −0.5)', 'experiment (p = −0.5)', 'experiment ±1 s.e.']);
    expect((two.grid as { top: number }).top).toBe(68);
    const many = mk(Array.from({ length: 40 }, (_, i) => `#${i} a long run name`));
    expect(many.legend).toMatchObject({ type: 'scroll' });
  });
});
