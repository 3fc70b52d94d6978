/**
 * `learning-curve-theory`: MSE(n) from the RG-improved EK, bare EK and eigenlearning for one
 * spectrum over a list of sample counts, with fitted power-law exponents (rg-theory.md §3).
 */
import { z } from 'zod';
import { learningCurve, predictedScalingExponents } from '../science/theory';
import { ridgeField, seedField, sourceFields, thresholdField } from './fields';
import { ridgeSchema, seedSchema, spectrumSourceSchema, thresholdSchema } from './schemas';
import { resolveSpectrum } from './sources';
import type { ExperimentKind, ExperimentResult } from './types';

export const learningCurveTheorySchema = z.strictObject({
  seed: seedSchema,
  source: spectrumSourceSchema.prefault({ type: 'power-law' }),
  ridge: ridgeSchema.default(1e-4),
  learnabilityThreshold: thresholdSchema.default(0.5),
  sampleCounts: z
    .array(z.number().gt(0, 'every sample count must be > 0').finite())
    .min(2, 'sampleCounts needs at least 2 values to fit an exponent')
    .max(10_000)
    .default([10, 20, 50, 100, 200, 500, 1000])
    .refine((v) => v.every((x, i) => i === 0 || x > v[i - 1]), 'sampleCounts must be strictly increasing'),
});

export type LearningCurveTheorySpec = z.output<typeof learningCurveTheorySchema>;

const f64 = (data: Float64Array, description: string) => ({ dtype: 'float64' as const, shape: [data.length], data, description });

export const learningCurveTheoryExperiment: ExperimentKind<LearningCurveTheorySpec> = {
  kind: 'learning-curve-theory',
  title: 'Learning curves and scaling laws (theory)',
  description: 'MSE(n) from the RG-improved EK, bare EK and eigenlearning, with fitted power-law exponents and the predicted scaling-law exponents for power-law spectra.',
  schema: learningCurveTheorySchema,
  fields: {
    seed: seedField,
    ...sourceFields,
    ridge: ridgeField,
    learnabilityThreshold: thresholdField,
    sampleCounts: { label: 'Sample counts', symbol: 'n', help: 'Strictly increasing list of training-set sizes at which the curves are evaluated.' },
  },
  presets: [
    {
      name: 'scaling-law-power-law',
      title: 'Scaling law of MSE vs n, ridgeless (σ² = 1e-8), power-law spectrum',
      description:
        "The talk's scaling-law slide: σ² = 1e-8, T = 0.5, λ_k ∝ k^-1.5, y_k² ∝ k^-1.5 (α = β = 0.5) with P = 20000 modes; ridgeless theory predicts MSE ∝ n^-β = n^-0.5.",
      spec: {
        seed: 1,
        source: { type: 'power-law', modeCount: 20000, decayExponent: 1.5, targetDecayExponent: 1.5 },
        ridge: 1e-8,
        learnabilityThreshold: 0.5,
        sampleCounts: [10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
      },
    },
    {
      name: 'learning-curve-reference',
      title: 'Learning curve at the rg-theory.md §7 reference settings (σ² = 1e-4)',
      description: 'P = 4000, λ_k ∝ k^-1.5, y_k² ∝ k^-1.5, σ² = 1e-4, T = 0.5; empirical reference MSE(25) = 0.271, MSE(100) = 0.127, MSE(400) = 0.0536.',
      spec: {
        seed: 1,
        source: { type: 'power-law', modeCount: 4000, decayExponent: 1.5, targetDecayExponent: 1.5 },
        ridge: 1e-4,
        learnabilityThreshold: 0.5,
        sampleCounts: [25, 50, 100, 200, 400, 800],
      },
    },
  ],
  metrics: {
    exponentRg: 'fitted exponent p of MSE_RG ∝ n^p',
    exponentEk: 'fitted exponent p of MSE_EK ∝ n^p',
    exponentEigenlearning: 'fitted exponent p of MSE_eigenlearning ∝ n^p',
    predictedExponentRidgeless: 'power law only: −β (ridgeless)',
    predictedExponentRidgeDominated: 'power law only: −β/(1+α) (ridge-dominated)',
  },
  async run(spec, ctx): Promise<ExperimentResult> {
    const { spectrum, diagnostics } = resolveSpectrum(spec.source, spec.seed, ctx);
    const n = Float64Array.from(spec.sampleCounts);
    const curve = learningCurve({ spectrum, ridge: spec.ridge, learnabilityThreshold: spec.learnabilityThreshold, sampleCounts: n });
    diagnostics.push(...curve.diagnostics);
    const metrics: Record<string, number | null> = {
      exponentRg: curve.fits.rg?.exponent ?? null,
      exponentEk: curve.fits.ek?.exponent ?? null,
      exponentEigenlearning: curve.fits.eigenlearning?.exponent ?? null,
    };
    const alpha = spec.source.type === 'power-law' ? spec.source.decayExponent - 1 : NaN;
    const beta = spec.source.type === 'power-law' ? spec.source.targetDecayExponent - 1 : NaN;
    if (alpha > 0 && beta > 0) {
      const predicted = predictedScalingExponents(alpha, beta);
      metrics.predictedExponentRidgeless = predicted.ridgeless;
      metrics.predictedExponentRidgeDominated = predicted.ridgeDominated;
    }
    return {
      metrics,
      arrays: {
        sampleCounts: f64(n, 'n'),
        mseRg: f64(nullsToNaN(curve.mseRg), 'RG-improved EK MSE(n) (NaN where the spectrum is too short for κ*)'),
        mseEk: f64(curve.mseEk, 'bare EK MSE(n)'),
        mseEigenlearning: f64(curve.mseEigenlearning, 'eigenlearning MSE(n)'),
        cutoff: f64(nullsToNaN(curve.cutoff), 'κ*(n) (NaN where undefined)'),
      },
      diagnostics,
    };
  },
};

/** Array results are float64; an undefined point (null) is stored as NaN and explained in diagnostics. */
function nullsToNaN(values: readonly (number | null)[]): Float64Array {
  return Float64Array.from(values, (v) => (v === null ? NaN : v));
}
