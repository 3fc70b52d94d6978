/**
 * Log axes: decade ends from the drawn data, a readable tick step, in-between labels on narrow
 * axes, one helper for every figure; checked on the options and on ECharts' own SVG rendering.
 */
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts/core';
import { CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { fitLogAxes, logAxisScale, logTickStep, positiveRange } from '../../../src-shared/charts/log-axis';
import { buildOverlayOption } from '../../../src-shared/charts/overlay';
import { buildRunCharts } from '../../../src-shared/charts/run-charts';
import { baseOption, lineSeries } from '../../../src-shared/charts/builder';
import { lightChartTheme } from '../../../src-shared/charts/theme';
import type { ChartOption } from '../../../src-shared/charts/types';
import { powerLawRgFlow, runRecord, wire } from './fixtures';

echarts.use([LineChart, ScatterChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, DataZoomComponent, SVGRenderer]);

type AnyAxis = Record<string, any>;

/** The axis labels ECharts draws, in document order. */
function renderedLabels(option: ChartOption): string[] {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 500 });
  try {
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  } finally {
    chart.dispose();
  }
}

const M = '\u2212';
const overlay = (y: (number | null)[], x = y.map((_, i) => i + 1), logX = false) =>
  buildOverlayOption({ runs: [{ id: 1, label: 'a', x, y }], xName: 'x', yName: 'y', logX, logY: true }, lightChartTheme);

describe('logAxisScale', () => {
  it('ends at the decades around the data, one label per decade up to 8 decades', () => {
    expect(logAxisScale(3e-7, 0.4)).toEqual({ min: 1e-7, max: 1, interval: 1, ticks: null });
    expect(logAxisScale(1e-8, 1)).toEqual({ min: 1e-8, max: 1, interval: 1, ticks: null });
  });

  it('steps 2, 5, 10 … decades on wider axes, with both ends on a tick', () => {
    expect(logAxisScale(1e-12, 1)).toEqual({ min: 1e-12, max: 1, interval: 2, ticks: null });
    expect(logAxisScale(2e-13, 1)).toEqual({ min: 1e-14, max: 1, interval: 2, ticks: null });
    expect(logAxisScale(1e-28, 0.5)).toEqual({ min: 1e-30, max: 1, interval: 5, ticks: null });
    expect(logAxisScale(1e-300, 1e-290)).toMatchObject({ min: 1e-300, max: 1e-290, interval: 2 });
    expect([1, 8, 9, 16, 17, 40, 41, 80, 81, 300].map((d) => logTickStep(d))).toEqual([1, 1, 2, 2, 5, 5, 10, 10, 20, 50]);
  });

  it('labels 1, 2, 3, 5 × 10^k on a one-decade axis and 1, 2, 5 on a two-decade one', () => {
    expect(logAxisScale(0.2, 0.8)).toEqual({ min: 0.1, max: 1, interval: 1, ticks: [0.1, 0.2, 0.3, 0.5, 1] });
    expect(logAxisScale(25, 400).ticks).toEqual([10, 20, 50, 100, 200, 500, 1000]);
    expect(logAxisScale(2e-12, 8e-12).ticks).toEqual([1e-12, 2e-12, 3e-12, 5e-12, 1e-11]);
  });

  it('treats values at (or a hair above) a power of ten as that decade', () => {
    expect(logAxisScale(1e-12, 1e-11)).toMatchObject({ min: 1e-12, max: 1e-11 });
    expect(logAxisScale(1e-5, 1 + 1e-4)).toMatchObject({ min: 1e-5, max: 1 });
    expect(logAxisScale(1, 1)).toMatchObject({ min: 1, max: 10 });
  });

  it('reads only positive finite values', () => {
    expect(positiveRange([0, -1, null, NaN, Infinity, 3, 0.5, '7'])).toEqual([0.5, 3]);
    expect(positiveRange([0, null])).toBeNull();
  });
});

describe('fitLogAxes (every figure)', () => {
  it('sets min, max and interval on log axes from series data and reference lines, leaving linear axes alone', () => {
    const option = baseOption(lightChartTheme, { name: 'x', log: false }, { name: 'y', log: true });
    const line = lineSeries('a', [[1, 3e-9], [2, null], [3, 0.2], [4, 0.5]], { color: '#000' });
    line.markLine = { data: [{ yAxis: 4 }] };
    option.series = [line, { type: 'custom', data: [[1, 2e-10, 1e-9]] }];
    const fitted = fitLogAxes(option);
    // 2e−10 … 4: 11 decades → every 2 decades, ends aligned to the step.
    expect(fitted.yAxis).toMatchObject({ type: 'log', min: 1e-10, max: 100, interval: 2 });
    expect((fitted.xAxis as AnyAxis).min).toBeUndefined();
    // An explicit extent is kept.
    const fixed = baseOption(lightChartTheme, { name: 'x', log: false }, { name: 'y', log: true, min: 1e-3, max: 1 });
    fixed.series = [lineSeries('a', [[1, 1e-9], [2, 1]], { color: '#000' })];
    expect(fitLogAxes(fixed).yAxis).toMatchObject({ min: 1e-3, max: 1 });
  });

  it('applies to the run figures: spectrum, running ridge, learning curve', () => {
    const pl = powerLawRgFlow(4000, 1e-12);
    const charts = buildRunCharts(
      runRecord('rg-flow', { ridge: 1e-12, sampleCount: 100 }, { cutoff: 248 }),
      { eigenvalues: wire(pl.eigenvalues), renormalizedRidge: wire(pl.renormalizedRidge) },
      undefined,
      lightChartTheme,
    );
    const [spectrum, ridge] = charts;
    expect(spectrum.option.xAxis).toMatchObject({ type: 'log', min: 1, max: 1e4, interval: 1 });
    expect((spectrum.option.yAxis as AnyAxis).max).toBe(1);
    // σ²(0) = 1 + 1e−12: the axis ends at 1, not 1e10.
    expect((ridge.option.yAxis as AnyAxis).max).toBe(1);
    expect((ridge.option.yAxis as AnyAxis).min).toBeGreaterThanOrEqual(1e-12);
    const lc = buildRunCharts(
      runRecord('learning-curve-theory', {}, {}),
      { sampleCounts: wire([25, 50, 100, 200, 400]), mseRg: wire([0.25, 0.17, 0.12, 0.08, 0.05]) },
      undefined,
      lightChartTheme,
    )[0];
    expect((lc.option.xAxis as AnyAxis).axisLabel.customValues).toEqual([10, 20, 50, 100, 200, 500, 1000]);
    expect((lc.option.yAxis as AnyAxis).axisLabel.customValues).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
  });
});

describe('rendered log axes (ECharts SVG)', () => {
  it('data spanning 1e−12 … 1: the axis is 1e−12 … 1, labelled every 2 decades (not 1e−20 … 1)', () => {
    const labels = renderedLabels(overlay([1e-12, 1e-9, 1e-6, 1e-3, 1]));
    for (const e of [12, 10, 8, 6, 4]) expect(labels).toContain(`1e${M}${e}`);
    expect(labels).toContain('0.01');
    expect(labels).toContain('1');
    expect(labels.join(' ')).not.toMatch(/1e\u2212(20|14|13)\b/);
  });

  it('data inside one decade: intermediate values are labelled', () => {
    const labels = renderedLabels(overlay([0.21, 0.35, 0.48, 0.62]));
    expect(labels).toEqual(expect.arrayContaining(['0.1', '0.2', '0.3', '0.5', '1']));
  });

  it('values below 1e−10 keep their exponents, in between too', () => {
    const labels = renderedLabels(overlay([2e-14, 8e-14]));
    expect(labels).toEqual(expect.arrayContaining([`1e${M}14`, `2e${M}14`, `3e${M}14`, `5e${M}14`, `1e${M}13`]));
    expect(labels).not.toContain('0');
  });

  it('a log x axis of sample counts 25 … 400 is labelled 10, 20, 50, 100, 200, 500, 1000', () => {
    const labels = renderedLabels(overlay([0.3, 0.2, 0.1, 0.05, 0.03], [25, 50, 100, 200, 400], true));
    expect(labels).toEqual(expect.arrayContaining(['10', '20', '50', '100', '200', '500', '1000']));
  });
});
