/** Pure ECharts option builders: the renderer and the figure exporter both use these. */
export * from './types';
export * from './theme';
export * from './format';
export * from './data';
export * from './builder';
export * from './log-axis';
export * from './context';
export * from './run-charts';
export * from './array-axes';
export * from './overlay';
export * from './grouping';
export { cutoffRanges } from './kinds/rg-flow';
export { withExponent } from './kinds/learning-curve';
export { TOY_LEARNABILITY_WARNING, learnabilityWarning } from './kinds/toy';
export { circle, densityHistogram, featurePair, normalDensity } from './kinds/feature-gaussianity';
export { prefersLogScale, GENERIC_CHART_LIMIT } from './kinds/generic';
