export {
  DEFAULT_LEARNABILITY_THRESHOLD,
  DEFAULT_MINIMUM_TAIL_RATIO,
  SpectrumTooShortError,
  integratedSpectralMass,
  renormalizedRidge,
  learnabilityCutoff,
  rgMse,
  rgMseAtCutoff,
  rgPredictor,
  type LearnabilityCutoff,
  type LearnabilityCutoffParams,
  type RgErrorBreakdown,
  type RgMseParams,
  type RgMseResult,
} from './flow';
export {
  ridgeField,
  ridgeFieldDecomposition,
  reweightedEk,
  firstOrderCorrection,
  type RidgeFieldDecomposition,
  type ReweightedEkParams,
  type ReweightedEkResult,
  type FirstOrderCorrectionResult,
} from './ridge-field';
export { solveSmallSpd } from './small-spd-solve';
