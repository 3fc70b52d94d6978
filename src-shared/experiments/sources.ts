/**
 * Resolves a spectrum source (power law, exact Hermite, or numerical kernel-on-a-pool) into a
 * Spectrum, reporting progress and honouring cancellation for the expensive pool case.
 */
import { hermiteSpectrum, powerLawSpectrum, spectrumFromPool } from '../science/spectra';
import type { Spectrum } from '../science/spectra/types';
import type { SpectrumSource } from './schemas';
import { ExperimentInputError, type ExperimentContext } from './types';

export interface ResolvedSpectrum {
  readonly spectrum: Spectrum;
  readonly diagnostics: string[];
}

export function resolveSpectrum(source: SpectrumSource, seed: number, ctx: ExperimentContext): ResolvedSpectrum {
  switch (source.type) {
    case 'power-law':
      return {
        spectrum: powerLawSpectrum({
          modeCount: source.modeCount,
          decayExponent: source.decayExponent,
          targetDecayExponent: source.targetDecayExponent,
        }),
        diagnostics: [],
      };
    case 'hermite': {
      if (source.degrees.length !== source.eigenvalues.length) {
        throw new ExperimentInputError('source.eigenvalues', `needs one value per degree (${source.degrees.length} degrees, ${source.eigenvalues.length} values)`);
      }
      if (new Set(source.degrees).size !== source.degrees.length) {
        throw new ExperimentInputError('source.degrees', 'each degree may appear once');
      }
      const spectrum = hermiteSpectrum(
        { type: 'hermite', degrees: source.degrees, eigenvalues: source.eigenvalues },
        { type: 'hermite', degree: source.target.degree, coefficient: source.target.coefficient },
      );
      return { spectrum, diagnostics: [] };
    }
    case 'kernel': {
      ctx.onProgress({ done: 0, total: 1, message: `Gram eigendecomposition, N = ${source.poolSize}` });
      const result = spectrumFromPool({
        kernel: source.kernel,
        measure: source.measure,
        poolSize: source.poolSize,
        target: source.target,
        seed,
        linalg: ctx.linalg,
      });
      ctx.onProgress({ done: 1, total: 1 });
      const d = result.diagnostics;
      const diagnostics: string[] = [];
      if (d.clampedEigenvalueCount > 0) {
        diagnostics.push(
          `${d.clampedEigenvalueCount} eigenvalue(s) of K_N/N were negative from round-off (most negative ${d.mostNegativeEigenvalue.toExponential(2)}) and were set to 0.`,
        );
      }
      return { spectrum: result.spectrum, diagnostics };
    }
  }
}
