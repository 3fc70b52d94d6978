export {
  gaussHermite,
  normalExpectation,
  MAX_GAUSS_HERMITE_ORDER,
  type GaussHermiteRule,
} from './gauss-hermite';
export {
  adaptiveGaussKronrod,
  type AdaptiveQuadratureOptions,
  type AdaptiveQuadratureResult,
} from './gauss-kronrod';
