export type { Spectrum } from './types';
export { hermiteSpectrum } from './hermite-spectrum';
export type { HermiteSpectrum, HermiteCoefficients } from './hermite-spectrum';
export { powerLawSpectrum } from './power-law';
export type { PowerLawSpectrumSpec } from './power-law';
export { numericalSpectrum, nystromFeatures, NYSTROM_RELATIVE_CUTOFF } from './numerical';
export type { NumericalSpectrum, NumericalSpectrumInput, NumericalSpectrumDiagnostics } from './numerical';
export { spectrumFromPool } from './from-pool';
export type { SpectrumFromPoolInput } from './from-pool';
