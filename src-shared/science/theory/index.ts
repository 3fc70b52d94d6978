export {
  modeLearnability,
  modeUnlearnability,
  learnability,
  unlearnability,
  ekPredictor,
  ekVariance,
  ekMse,
  unlearnedTargetPower,
} from './ek';
export {
  solveEffectiveRidge,
  eigenlearning,
  type EffectiveRidgeOptions,
  type EffectiveRidgeSolution,
  type EigenlearningResult,
} from './eigenlearning';
export {
  learningCurve,
  predictedScalingExponents,
  type LearningCurve,
  type LearningCurveParams,
  type PredictedScaling,
  type PredictedScalingSlopes,
  type ScalingRegime,
} from './learning-curve';
export {
  TOY_DEFAULTS,
  TOY_LEARNABILITY_WARNING,
  TOY_MIXED_MOMENT,
  toyTheory,
  toyReweightedCoefficient,
  toyFiniteNCoefficient,
  toyTheoryPredictor,
  type ToyQuadratureReport,
  type ToyTheory,
  type ToyTheoryParams,
} from './toy';
export {
  assertCutoff,
  assertEigenvalues,
  assertLearnabilityThreshold,
  assertRidge,
  assertSampleCount,
  assertSpectrum,
} from './validate';
