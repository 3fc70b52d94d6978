/**
 * Renders the builders' options with ECharts' server-side SVG renderer (what the figure exporter
 * does): the options must be accepted as they are, and tiny values must label as 1e−12.
 */
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { buildRunCharts } from '../../../src-shared/charts/run-charts';
import { buildOverlayOption } from '../../../src-shared/charts/overlay';
import { lightChartTheme } from '../../../src-shared/charts/theme';
import type { ChartOption } from '../../../src-shared/charts/types';
import { powerLawRgFlow, runRecord, wire } from './fixtures';

echarts.use([LineChart, ScatterChart, BarChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, DataZoomComponent, SVGRenderer]);

function renderSvg(option: ChartOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 500 });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

describe('server-side rendering of the options', () => {
  it('labels a log axis spanning 1e−14 … 1e−10', () => {
    const svg = renderSvg(
      buildOverlayOption({ runs: [{ id: 1, label: 'a', x: [1, 2, 3, 4], y: [1e-14, 1e-12, 0, 1e-10] }], xName: 'k', yName: 'y', logX: false, logY: true }, lightChartTheme),
    );
    expect(svg).toContain('1e\u221212');
    expect(svg).toContain('1e\u221210');
    expect(svg).not.toMatch(/>0<\/text>/);
  });

  it('labels values near 1e−300', () => {
    const svg = renderSvg(
      buildOverlayOption({ runs: [{ id: 1, label: 'a', x: [1, 2, 3], y: [1e-300, 1e-295, 1e-290] }], xName: 'k', yName: 'y', logX: false, logY: true }, lightChartTheme),
    );
    expect(svg).toMatch(/1e\u2212(29\d|300)/);
  });

  it('renders every rg-flow figure, with the κ* markArea and bands, without throwing', () => {
    const pl = powerLawRgFlow(100);
    const run = runRecord('rg-flow', { ridge: 1e-4, sampleCount: 100, learnabilityThreshold: 0.5 }, { cutoff: 12, renormalizedRidge: 0.02 });
    const charts = buildRunCharts(
      run,
      {
        eigenvalues: wire(pl.eigenvalues),
        targetCoefficients: wire(pl.targetCoefficients),
        renormalizedRidge: wire(pl.renormalizedRidge),
        learnability: wire(pl.learnability),
      },
      undefined,
      lightChartTheme,
    );
    for (const c of charts) {
      const svg = renderSvg(c.option);
      expect(svg.length).toBeGreaterThan(1000);
    }
    expect(renderSvg(charts[0].option)).toContain('κ* = 12');
  });

  it('renders Monte-Carlo bands and feature charts', () => {
    const charts = [
      ...buildRunCharts(
        runRecord('toy-hermite', {}, { a: -5e-3, aStdErr: 3e-4, learnability1: 0.2 }),
        { x: wire([-1, 0, 1]), predictorMean: wire([0.005, 0, -0.005]), predictorStdErr: wire([0.001, 0.001, 0.001]) },
        undefined,
        lightChartTheme,
      ),
      ...buildRunCharts(
        runRecord('feature-gaussianity', {}, {}),
        { modes: wire([1, 2]), features: wire([0.1, 0.2, -1, 1, 2, -0.5], [3, 2]), excessKurtosis: wire([0.1, 2]), skewness: wire([0, 0.3]) },
        undefined,
        lightChartTheme,
      ),
    ];
    for (const c of charts) expect(renderSvg(c.option)).toContain('<svg');
    expect(renderSvg(charts[0].option)).toContain('<path');
  });
});
