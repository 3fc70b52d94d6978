export type {
  HermiteKernelSpec,
  NngpKernelSpec,
  RbfKernelSpec,
  KernelSpec,
  MeasureSpec,
  TargetSpec,
} from './types';
export { probabilistsHermite, hermiteValues, factorial, MAX_HERMITE_DEGREE } from './hermite';
export { reluLayer, erfLayer, inputLayer, nngpDiagonal, nngpLayerDiagonals, nngpPair } from './nngp';
export { kernelGram, kernelDiagonal, hermiteFeatureMatrix } from './gram';
export { validateKernel, validateTarget } from './validate';
export { evaluateTarget } from './targets';
export { relu, erf, activationFunction } from './activations';
