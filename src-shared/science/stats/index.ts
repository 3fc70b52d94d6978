export { NeumaierSum, kahanNeumaierSum, pairwiseSum, PAIRWISE_BLOCK_LENGTH } from './summation';
export {
  MeanAccumulator,
  VectorMeanAccumulator,
  type MeanAccumulatorState,
  type VectorMeanAccumulatorState,
} from './accumulator';
export { fitPowerLaw, type PowerLawFit } from './power-law';
