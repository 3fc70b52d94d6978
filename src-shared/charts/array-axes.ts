/**
 * How each known array is plotted against its abscissa (mode index k, cutoff κ, sample count n,
 * input x), shared by the run figures' overlays in Compare and by export.
 */
import { column, indexColumn } from './data';
import { prefersLogScale } from './kinds/generic';
import type { Column, WireArrays } from './types';

export interface ArrayAxes {
  /** Abscissa: another array of the run, or the index starting at `start`. */
  readonly x: { readonly array: string } | { readonly index: number };
  readonly xName: string;
  readonly yName: string;
  readonly logX: boolean;
  readonly logY: boolean;
}

const mode = (yName: string, logY: boolean): ArrayAxes => ({ x: { index: 1 }, xName: 'mode k', yName, logX: true, logY });
const vsN = (yName: string): ArrayAxes => ({ x: { array: 'sampleCounts' }, xName: 'training-set size n', yName, logX: true, logY: true });
/** Flow-check cutoffs are geometric: log κ (the overlay falls back to linear when a κ is 0). */
const vsKappa = (yName: string): ArrayAxes => ({ x: { array: 'cutoffs' }, xName: 'cutoff κ', yName, logX: true, logY: true });
const vsX = (yName: string): ArrayAxes => ({ x: { array: 'x' }, xName: 'x', yName, logX: false, logY: false });

export const ARRAY_AXES: Readonly<Record<string, Readonly<Record<string, ArrayAxes>>>> = {
  'rg-flow': {
    eigenvalues: mode('λ_k', true),
    targetCoefficients: mode('y_k', false),
    renormalizedRidge: { x: { index: 0 }, xName: 'cutoff κ', yName: 'σ²(κ)', logX: true, logY: true },
    learnability: mode('L_k (bare)', false),
    learnabilityRenormalized: mode('L_k (renormalised)', false),
    eigenlearningLearnability: mode('L_k (eigenlearning)', false),
  },
  'learning-curve-theory': {
    mseRg: vsN('MSE (RG-improved EK)'),
    mseEk: vsN('MSE (bare EK)'),
    mseEigenlearning: vsN('MSE (eigenlearning)'),
    cutoff: vsN('κ*(n)'),
  },
  'learning-curve': {
    mseMean: vsN('MSE (experiment)'),
    mseStdErr: vsN('s.e. of MSE'),
    mseRg: vsN('MSE (RG-improved EK)'),
    mseEk: vsN('MSE (bare EK)'),
    mseEigenlearning: vsN('MSE (eigenlearning)'),
  },
  'flow-check': {
    relativeDistance: vsKappa('relative L2 distance'),
    relativeDistanceStdErr: vsKappa('s.e. of relative distance'),
    mseFull: vsKappa('MSE (full kernel)'),
    mseTruncated: vsKappa('MSE (truncated kernel)'),
    mseFullStdErr: vsKappa('s.e. of MSE (full kernel)'),
    mseTruncatedStdErr: vsKappa('s.e. of MSE (truncated kernel)'),
    renormalizedRidge: vsKappa('σ²(κ) = σ² + Σ_{k>κ} λ_k'),
  },
  'toy-theory': {
    predictorLeading: vsX('a₁·x'),
    predictorReweighted: vsX('a_W·x'),
    predictorFiniteN: vsX('E[a]·x'),
  },
  'toy-hermite': {
    predictorMean: vsX('average predictor (Monte Carlo)'),
    predictorStdErr: vsX('s.e. of average predictor'),
    predictorLeading: vsX('a₁·x'),
    predictorReweighted: vsX('a_W·x'),
    predictorFiniteN: vsX('E[a]·x'),
  },
  'feature-gaussianity': {
    excessKurtosis: { x: { array: 'modes' }, xName: 'mode k', yName: 'excess kurtosis', logX: false, logY: false },
    skewness: { x: { array: 'modes' }, xName: 'mode k', yName: 'skewness', logX: false, logY: false },
  },
};

/** Axes for an array of a kind; unknown arrays are plotted against their index. */
export function arrayAxes(kind: string, name: string, values?: Column): ArrayAxes {
  return ARRAY_AXES[kind]?.[name] ?? { x: { index: 0 }, xName: 'index i', yName: name, logX: false, logY: values ? prefersLogScale(values) : false };
}

/** Names of arrays that serve as an abscissa for the kind (not worth overlaying on their own). */
export function abscissaArrays(kind: string): string[] {
  const names = new Set<string>();
  for (const axes of Object.values(ARRAY_AXES[kind] ?? {})) if ('array' in axes.x) names.add(axes.x.array);
  return [...names];
}

/** The abscissa column for `length` values of an array with these axes. */
export function abscissa(axes: ArrayAxes, arrays: WireArrays, length: number): Column {
  if ('array' in axes.x) {
    const x = column(arrays, axes.x.array);
    if (x.length >= length) return x;
    return indexColumn(length, 0);
  }
  return indexColumn(length, axes.x.index);
}
