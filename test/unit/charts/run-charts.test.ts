import { describe, expect, it } from 'vitest';
import { buildRunCharts } from '../../../src-shared/charts/run-charts';
import { lightChartTheme, darkChartTheme } from '../../../src-shared/charts/theme';
import { cutoffRanges } from '../../../src-shared/charts/kinds/rg-flow';
import { axisPointerLabel, squarePlot } from '../../../src-shared/charts/builder';
import type { ChartSpec } from '../../../src-shared/charts/types';
import { powerLawRgFlow, runRecord, wire } from './fixtures';

type AnySeries = Record<string, any>;
const seriesOf = (chart: ChartSpec): AnySeries[] => chart.option.series as AnySeries[];
const byId = (charts: ChartSpec[], id: string) => {
  const c = charts.find((x) => x.id === id);
  if (!c) throw new Error(`no chart ${id}: ${charts.map((x) => x.id).join(', ')}`);
  return c;
};
const numbersIn = (data: unknown[]): number[] => data.flatMap((p) => (Array.isArray(p) ? p.filter((v): v is number => typeof v === 'number') : []));

describe('rg-flow figures', () => {
  const P = 200;
  const pl = powerLawRgFlow(P);
  const arrays = {
    eigenvalues: wire(pl.eigenvalues),
    targetCoefficients: wire(pl.targetCoefficients.map((y, i) => (i % 7 === 3 ? 0 : y))),
    renormalizedRidge: wire(pl.renormalizedRidge),
    learnability: wire(pl.learnability),
    learnabilityRenormalized: wire(pl.learnability),
    eigenlearningLearnability: wire(pl.learnability),
  };
  const run = runRecord(
    'rg-flow',
    { ridge: 1e-4, sampleCount: 100, learnabilityThreshold: 0.5, source: { type: 'power-law' } },
    { cutoff: 23, renormalizedRidge: 0.0123, modeCount: P },
  );
  const charts = buildRunCharts(run, arrays, undefined, lightChartTheme);

  it('draws the spectrum, the running ridge and learnability', () => {
    expect(charts.map((c) => c.id)).toEqual(['spectrum', 'running-ridge', 'learnability']);
    const spectrum = byId(charts, 'spectrum');
    expect((spectrum.option.xAxis as AnySeries).type).toBe('log');
    expect((spectrum.option.yAxis as AnySeries).type).toBe('log');
    expect((byId(charts, 'running-ridge').option.yAxis as AnySeries).type).toBe('log');
  });

  it('draws σ²(κ) against κ on a log axis, κ = 1..P, with σ²(0) stated in a note', () => {
    const ridge = byId(charts, 'running-ridge');
    expect((ridge.option.xAxis as AnySeries).type).toBe('log');
    const points = seriesOf(ridge)[0].data as [number, number][];
    expect(points[0][0]).toBe(1);
    expect(points.at(-1)![0]).toBe(P);
    expect(ridge.notes.join(' ')).toMatch(/κ = 0 \(off the log axis\): σ²\(0\) = /);
  });

  it('shades learnable k ≤ κ* and unlearnable k > κ* with the split between κ* and κ*+1', () => {
    const lambda = seriesOf(byId(charts, 'spectrum'))[0];
    const areas = lambda.markArea.data as [{ name: string; xAxis: number }, { xAxis: number }][];
    expect(areas).toHaveLength(2);
    expect(areas[0][0]).toMatchObject({ name: 'learnable k ≤ κ*', xAxis: 1 });
    expect(areas[0][1].xAxis).toBe(23.5);
    expect(areas[1][0]).toMatchObject({ name: 'unlearnable k > κ*', xAxis: 23.5 });
    expect(areas[1][1].xAxis).toBe(P);
    const lines = lambda.markLine.data as { name: string; xAxis?: number; yAxis?: number }[];
    expect(lines).toContainEqual(expect.objectContaining({ name: 'κ* = 23', xAxis: 23.5 }));
    expect(lines).toContainEqual(expect.objectContaining({ name: 'σ²/η', yAxis: 1e-6 }));
  });

  it('omits the split when κ* is undefined and says so', () => {
    const noCut = buildRunCharts({ ...run, metrics: { cutoff: null } }, arrays, undefined, lightChartTheme);
    expect(seriesOf(byId(noCut, 'spectrum'))[0].markArea).toBeUndefined();
    expect(byId(noCut, 'spectrum').warnings?.[0]).toMatch(/κ\* is undefined/);
    expect(cutoffRanges(0, 10, lightChartTheme)?.ranges).toHaveLength(1);
    expect(cutoffRanges(10, 10, lightChartTheme)?.ranges).toHaveLength(1);
  });

  it('drops zero y_k² from the log series and breaks the line there', () => {
    const y2 = seriesOf(byId(charts, 'spectrum'))[1];
    const data = y2.data as [number, number | null][];
    expect(numbersIn(data.map((p) => [p[1]])).every((v) => v > 0)).toBe(true);
    expect(data.some((p) => p[1] === null)).toBe(true);
    expect(data.find((p) => p[0] === 4)).toEqual([4, null]);
  });

  it('learnability has a threshold line at T and a [0, 1] axis', () => {
    const chart = byId(charts, 'learnability');
    expect(seriesOf(chart)).toHaveLength(3);
    expect(seriesOf(chart)[0].markLine.data).toContainEqual(expect.objectContaining({ name: 'T = 0.5', yAxis: 0.5 }));
    expect(chart.option.yAxis).toMatchObject({ min: 0, max: 1 });
  });

  it('uses the theme palette', () => {
    const dark = buildRunCharts(run, arrays, undefined, darkChartTheme);
    expect(seriesOf(byId(dark, 'spectrum'))[0].color).toBe(darkChartTheme.palette[0]);
    expect(byId(dark, 'spectrum').option.backgroundColor).toBe(darkChartTheme.background);
  });
});

describe('learning-curve figures', () => {
  const n = [10, 20, 50, 100];
  it('puts fitted exponents in the legend (theory kind)', () => {
    const run = runRecord('learning-curve-theory', {}, { exponentRg: -0.4987, exponentEk: -0.31, exponentEigenlearning: null });
    const charts = buildRunCharts(
      run,
      { sampleCounts: wire(n), mseRg: wire([0.5, 0.3, 0.2, 0.1]), mseEk: wire([0.4, 0.2, 0.1, 0.05]), mseEigenlearning: wire([0.5, 0.35, 0.2, 0.12]), cutoff: wire([3, 6, null, 30]) },
      undefined,
      lightChartTheme,
    );
    const names = seriesOf(byId(charts, 'learning-curve')).map((s) => s.name);
    expect(names).toEqual(['RG-EK (p = \u22120.499)', 'bare EK (p = \u22120.31)', 'eigenlearning']);
    expect(byId(charts, 'cutoff')).toBeDefined();
  });

  it('draws the Monte-Carlo mean with a ±1 s.e. band (learning-curve)', () => {
    const mean = [0.5, 0.3, 0.2, 0.1];
    const se = [0.02, 0.01, 0.3, 0.004];
    const run = runRecord('learning-curve', {}, { exponentExperiment: -0.5 });
    const charts = buildRunCharts(run, { sampleCounts: wire(n), mseMean: wire(mean), mseStdErr: wire(se), mseRg: wire(mean) }, undefined, lightChartTheme);
    const series = seriesOf(byId(charts, 'learning-curve'));
    expect(series[0].type).toBe('custom');
    expect(series[0].name).toBe('experiment ±1 s.e.');
    // n = 50 has mean − s.e. < 0: dropped on the log axis, leaving the first two points (n = 100 alone draws nothing)
    expect(series[0].data).toEqual([
      [10, 0.48, 0.52],
      [20, 0.29, 0.31],
    ]);
    expect(series[1].name).toBe('experiment (p = \u22120.5)');
  });
});

describe('toy-model figures', () => {
  const x = [-1, 0, 1];
  it('toy-theory: three theory lines a·x with slopes in the legend', () => {
    const run = runRecord('toy-theory', {}, { theoryLeading: -6e-3, theoryReweighted: -5.59e-3, theoryFiniteN: -4.8e-3, learnability1: 0.2 });
    const charts = buildRunCharts(
      run,
      { x: wire(x), predictorLeading: wire(x.map((v) => -6e-3 * v)), predictorReweighted: wire(x.map((v) => -5.59e-3 * v)), predictorFiniteN: wire(x.map((v) => -4.8e-3 * v)) },
      undefined,
      lightChartTheme,
    );
    const chart = byId(charts, 'predictor');
    expect(seriesOf(chart).map((s) => s.name)).toEqual(['leading a₁ = \u22120.006', 're-weighted a_W = \u22120.00559', 'finite-n E[a] = \u22120.0048']);
    expect(chart.warnings).toEqual([]);
  });

  it('toy-hermite: ±1 and ±3 s.e. bands around the Monte-Carlo mean, and the L₁ > 0.3 warning', () => {
    const mean = [0.005, 0, -0.005];
    const se = [0.001, 0.001, 0.001];
    const run = runRecord('toy-hermite', {}, { a: -5.07e-3, aStdErr: 3e-4, b: 1e-5, bStdErr: 2e-5, learnability1: 0.5 });
    const charts = buildRunCharts(run, { x: wire(x), predictorMean: wire(mean), predictorStdErr: wire(se), predictorLeading: wire([0.006, 0, -0.006]) }, undefined, lightChartTheme);
    const chart = byId(charts, 'predictor');
    const [three, one, mc] = seriesOf(chart);
    expect(three.name).toBe('MC ±3 s.e.');
    expect(three.data[0]).toEqual([-1, 0.005 - 0.003, 0.005 + 0.003]);
    expect(three.data[1]).toEqual([0, -0.003, 0.003]);
    expect(one.data[0][1]).toBeCloseTo(0.004, 15);
    expect(one.data[0][2]).toBeCloseTo(0.006, 15);
    expect(mc.name).toMatch(/^MC a = /);
    expect(chart.warnings?.[0]).toMatch(/L₁ = 0\.5 > 0\.3/);
    expect(chart.notes.some((t) => t.includes('parity predicts 0'))).toBe(true);
  });
});

describe('flow-check and feature-gaussianity figures', () => {
  it('flow-check: distance with band and both MSEs vs κ, log y', () => {
    const run = runRecord('flow-check', {}, { cutoff: 2 });
    const charts = buildRunCharts(
      run,
      { cutoffs: wire([1, 2, 3]), relativeDistance: wire([1e-3, 1e-2, 0.2]), relativeDistanceStdErr: wire([1e-4, 1e-3, 0.01]), mseFull: wire([0.1, 0.1, 0.1]), mseTruncated: wire([0.1, 0.11, 0.3]) },
      undefined,
      lightChartTheme,
    );
    expect(charts.map((c) => c.id)).toEqual(['flow-distance', 'flow-mse']);
    expect((byId(charts, 'flow-distance').option.yAxis as AnySeries).type).toBe('log');
    expect(seriesOf(byId(charts, 'flow-mse'))).toHaveLength(2);
  });

  it('feature-gaussianity: scatter of the chosen pair with N(0, I) circles, marginals, kurtosis bars', () => {
    // N = 4 points, M = 3 modes, row-major
    const features = wire([0.1, 1, -2, 0.2, 2, -1, 0.3, 3, 0, 0.4, 4, 1], [4, 3]);
    const run = runRecord('feature-gaussianity', {}, {});
    const arrays = { modes: wire([1, 5, 40]), features, excessKurtosis: wire([0.01, 0.2, 3.5]), skewness: wire([0, 0.1, null]) };
    const charts = buildRunCharts(run, arrays, undefined, lightChartTheme, { featurePair: [1, 2] });
    expect(charts.map((c) => c.id)).toEqual(['feature-scatter', 'feature-marginals', 'feature-moments']);
    const scatter = byId(charts, 'feature-scatter');
    expect(scatter.title).toContain('φ_5');
    expect(scatter.title).toContain('φ_40');
    expect(seriesOf(scatter)[0].data).toEqual([[1, -2], [2, -1], [3, 0], [4, 1]]);
    expect(seriesOf(scatter).filter((s) => s.name === 'N(0, I): 1, 2, 3 s.d.')).toHaveLength(3);
    const moments = byId(charts, 'feature-moments');
    expect((moments.option.xAxis as AnySeries).data).toEqual(['k = 1', 'k = 5', 'k = 40']);
    expect(seriesOf(moments)[1].data).toEqual([0, 0.1, '-']);
  });
});

describe('feature-gaussianity with many modes and flow-check MSE bands', () => {
  it('draws moments against k (not 400 bars) with the Gaussian ±2 s.e. band', () => {
    const modes = Array.from({ length: 400 }, (_, i) => i + 1);
    const run = runRecord('feature-gaussianity', {}, { gaussianKurtosisStdErr: 0.155, gaussianSkewnessStdErr: 0.077 });
    const charts = buildRunCharts(run, { modes: wire(modes), excessKurtosis: wire(modes.map((k) => k / 100)), skewness: wire(modes.map(() => 0)) }, undefined, lightChartTheme);
    const moments = byId(charts, 'feature-moments');
    expect(seriesOf(moments).map((s) => s.type)).toEqual(['line', 'line']);
    expect((moments.option.xAxis as AnySeries).type).toBe('log');
    const band = seriesOf(moments)[0].markArea.data[0];
    expect(band[0].yAxis).toBeCloseTo(-0.31, 12);
    expect(band[1].yAxis).toBeCloseTo(0.31, 12);
    expect(moments.notes[0]).toContain('kurtosis 0 ± 0.15');
  });

  it('flow-check: ±1 s.e. bands around both MSEs when their standard errors are stored', () => {
    const run = runRecord('flow-check', {}, {});
    const charts = buildRunCharts(
      run,
      { cutoffs: wire([1, 2]), mseFull: wire([0.1, 0.1]), mseFullStdErr: wire([0.01, 0.01]), mseTruncated: wire([0.2, 0.1]), mseTruncatedStdErr: wire([0.02, 0.01]) },
      undefined,
      lightChartTheme,
    );
    expect(seriesOf(byId(charts, 'flow-mse')).map((s) => s.type)).toEqual(['custom', 'line', 'custom', 'line']);
  });

  it('flow-check: geometric cutoffs on a log κ axis (decade ends) with κ* marked; κ = 0 keeps it linear', () => {
    const cutoffs = [5, 10, 20, 50, 100, 200, 400, 700, 1000];
    const d = cutoffs.map((k) => 1 / k);
    const arrays = { cutoffs: wire(cutoffs), relativeDistance: wire(d), mseFull: wire(cutoffs.map(() => 0.5)), mseTruncated: wire(cutoffs.map(() => 0.6)) };
    const charts = buildRunCharts(runRecord('flow-check', {}, { cutoff: 44 }), arrays, undefined, lightChartTheme);
    for (const id of ['flow-distance', 'flow-mse']) {
      expect(byId(charts, id).option.xAxis).toMatchObject({ type: 'log', min: 1, max: 1000 });
    }
    const line = seriesOf(byId(charts, 'flow-distance')).find((s) => s.type === 'line')!;
    expect(line.data[0]).toEqual([5, 0.2]);
    expect(line.markLine.data).toContainEqual(expect.objectContaining({ name: 'κ* = 44', xAxis: 44 }));
    const withZero = buildRunCharts(runRecord('flow-check', {}, { cutoff: 44 }), { ...arrays, cutoffs: wire([0, ...cutoffs.slice(1)]) }, undefined, lightChartTheme);
    expect((byId(withZero, 'flow-distance').option.xAxis as AnySeries).type).toBe('value');
    expect(seriesOf(byId(withZero, 'flow-distance')).find((s) => s.type === 'line')!.data[0]).toEqual([0, 0.2]);
  });
});

describe('generic fallback', () => {
  it('plots every 1-D array of an unknown kind vs index, skipping matrices', () => {
    const run = runRecord('mystery', {}, {});
    const charts = buildRunCharts(run, { b: wire([1, 2, 3]), a: wire([1e-8, 1e-2, 1]), m: wire([1, 2, 3, 4], [2, 2]) }, undefined, lightChartTheme);
    expect(charts.map((c) => c.id)).toEqual(['array-a', 'array-b']);
    expect((charts[0].option.yAxis as AnySeries).type).toBe('log');
    expect((charts[1].option.yAxis as AnySeries).type).toBe('value');
  });
  it('falls back when a known kind lacks its arrays (e.g. cancelled early)', () => {
    const run = runRecord('rg-flow', {}, {});
    expect(buildRunCharts(run, { partial: wire([1, 2]) }, undefined, lightChartTheme).map((c) => c.id)).toEqual(['array-partial']);
  });
});

describe('reading the figures', () => {
  it('the axis tooltip header prints n = 200 as "200", not "200.00"', () => {
    const lc = buildRunCharts(runRecord('learning-curve-theory', {}, {}), { sampleCounts: wire([100, 200]), mseRg: wire([0.2, 0.1]) }, undefined, lightChartTheme)[0];
    const formatter = (lc.option.xAxis as AnySeries).axisPointer.label.formatter as typeof axisPointerLabel;
    expect(formatter({ value: 200 })).toBe('200');
    expect(formatter({ value: 1e-12 })).toBe('1e\u221212');
    expect(axisPointerLabel({ value: 0.123456 })).toBe('0.1235');
  });

  it('the feature scatter has equal whole-unit ranges and a square plot, so N(0, I) circles are circles', () => {
    const features = wire([0.1, 1, -2, 0.2, 2, -1, 4.4, 3, 0, 0.4], [5, 2]);
    const scatter = byId(buildRunCharts(runRecord('feature-gaussianity', {}, {}), { modes: wire([1, 2]), features }, undefined, lightChartTheme), 'feature-scatter');
    const x = scatter.option.xAxis as AnySeries;
    const y = scatter.option.yAxis as AnySeries;
    expect([x.min, x.max]).toEqual([-5, 5]);
    expect([y.min, y.max]).toEqual([x.min, x.max]);
    expect(scatter.square).toBe(true);
    const grid = squarePlot(scatter.option, 420).grid as AnySeries;
    expect(grid.width).toBe(grid.height);
    expect(grid.width).toBe(420 - grid.top - grid.bottom);
    expect(grid.left).toBe('center');
  });
});
