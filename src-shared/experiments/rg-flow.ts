/**
 * `rg-flow`: the universal Wilsonian flow of the ridge for one spectrum (rg-theory.md §3).
 * σ²(κ) = σ² + Σ_{k>κ} λ_k for every cutoff κ, the learnable-mode cutoff κ* at threshold T, the
 * RG-improved error beside bare EK and the exact eigenlearning/Canatar theory.
 */
import { z } from 'zod';
import { eigenlearning, ekMse, learnability } from '../science/theory';
import { integratedSpectralMass, learnabilityCutoff, renormalizedRidge, rgMseAtCutoff, SpectrumTooShortError } from '../science/rg';
import { ridgeField, sampleCountField, seedField, sourceFields, thresholdField } from './fields';
import { ridgeSchema, seedSchema, spectrumSourceSchema, thresholdSchema } from './schemas';
import { resolveSpectrum } from './sources';
import type { ExperimentKind, ExperimentResult } from './types';

export const rgFlowSchema = z.strictObject({
  seed: seedSchema,
  source: spectrumSourceSchema.prefault({ type: 'power-law' }),
  ridge: ridgeSchema.default(1e-4),
  sampleCount: z.number().gt(0, 'sampleCount must be > 0').finite().default(100),
  learnabilityThreshold: thresholdSchema.default(0.5),
});

export type RgFlowSpec = z.output<typeof rgFlowSchema>;

const f64 = (data: Float64Array, description: string) => ({ dtype: 'float64' as const, shape: [data.length], data, description });

export const rgFlowExperiment: ExperimentKind<RgFlowSpec> = {
  kind: 'rg-flow',
  title: 'Universal RG flow of the ridge',
  description:
    'Integrates out modes k > κ: σ²(κ) = σ² + Σ_{k>κ} λ_k for every κ, the learnable-mode cutoff κ*, and the RG-improved MSE beside bare EK and eigenlearning.',
  schema: rgFlowSchema,
  fields: {
    seed: seedField,
    ...sourceFields,
    ridge: ridgeField,
    sampleCount: sampleCountField,
    learnabilityThreshold: thresholdField,
  },
  presets: [
    {
      name: 'universal-flow-power-law',
      title: 'Universal flow on a power-law spectrum (λ_k ∝ k^-1.5, y_k² ∝ k^-1.5)',
      description:
        'P = 4000 modes, λ_k ∝ k^-1.5 and y_k² ∝ k^-1.5 (both trace-normalised), σ² = 1e-4, n = 100, T = 0.5: the setting of the talk\'s universal-flow and scaling-law slides, as checked in rg-theory.md §3/§7.',
      spec: {
        seed: 1,
        source: { type: 'power-law', modeCount: 4000, decayExponent: 1.5, targetDecayExponent: 1.5 },
        ridge: 1e-4,
        sampleCount: 100,
        learnabilityThreshold: 0.5,
      },
    },
    {
      name: 'universal-flow-nngp-relu',
      title: 'Universal flow for a depth-2 ReLU NNGP on Gaussian inputs (numerical spectrum)',
      description: 'ReLU NNGP, L = 2, σ_w² = 2, σ_b² = 0, x ~ N(0, I₈), pool of N = 1000 points, target sign(x₁), σ² = 1e-3, n = 100, T = 0.5.',
      spec: {
        seed: 1,
        source: {
          type: 'kernel',
          kernel: { type: 'nngp', activation: 'relu', depth: 2, weightVariance: 2, biasVariance: 0 },
          measure: { type: 'gaussian', dimension: 8 },
          poolSize: 1000,
          target: { type: 'sign' },
        },
        ridge: 1e-3,
        sampleCount: 100,
        learnabilityThreshold: 0.5,
      },
    },
  ],
  metrics: {
    cutoff: 'κ*: number of learnable modes kept by the flow (threshold T)',
    renormalizedRidge: 'σ²(κ*) = σ² + c(κ*)',
    integratedSpectralMass: 'c(κ*) = Σ_{k>κ*} λ_k',
    rgMse: 'RG-improved EK error with σ²(κ*) on kept modes',
    ekMse: 'bare EK error Σ(1 − L_k)² y_k² + ‖y_⊥‖²',
    effectiveRidge: 'κ_S: eigenlearning/Canatar self-consistent ridge',
    eigenlearningMse: 'eigenlearning test MSE E₀(Σ(1 − L_i)² y_i² + ε²)',
    modeCount: 'P: number of modes in the spectrum',
  },
  async run(spec, ctx): Promise<ExperimentResult> {
    const { spectrum, diagnostics } = resolveSpectrum(spec.source, spec.seed, ctx);
    const { eigenvalues, targetCoefficients } = spectrum;
    const eta = spec.sampleCount;
    const runningRidge = renormalizedRidge(spec.ridge, eigenvalues);
    const bareLearnability = learnability(eigenvalues, spec.ridge, eta);
    const exact = eigenlearning(spectrum, spec.ridge, eta);

    let cutoff: number | null = null;
    let ridgeAtCutoff: number | null = null;
    let massAtCutoff: number | null = null;
    let improvedMse: number | null = null;
    try {
      const result = learnabilityCutoff({ eigenvalues, ridge: spec.ridge, sampleCount: eta, learnabilityThreshold: spec.learnabilityThreshold });
      cutoff = result.cutoff;
      ridgeAtCutoff = result.renormalizedRidge;
      massAtCutoff = result.integratedSpectralMass;
      improvedMse = rgMseAtCutoff(spectrum, spec.ridge, eta, cutoff).mse;
    } catch (error) {
      if (!(error instanceof SpectrumTooShortError)) throw error;
      diagnostics.push(error.message);
    }
    if (exact.note) diagnostics.push(`eigenlearning: ${exact.note}`);
    if (!exact.converged) diagnostics.push(`eigenlearning: the κ_S solver did not converge in ${exact.iterations} iterations; effectiveRidge and eigenlearningMse are approximate.`);
    // Without κ* there is no σ²(κ*): the array is then omitted rather than filled at the bare ridge.
    const renormalizedLearnability = ridgeAtCutoff === null ? null : learnability(eigenvalues, ridgeAtCutoff, eta);
    return {
      metrics: {
        cutoff,
        renormalizedRidge: ridgeAtCutoff,
        integratedSpectralMass: massAtCutoff,
        rgMse: improvedMse,
        ekMse: ekMse(spectrum, spec.ridge, eta),
        effectiveRidge: exact.effectiveRidge,
        eigenlearningMse: exact.mse,
        modeCount: eigenvalues.length,
      },
      arrays: {
        eigenvalues: f64(eigenvalues, 'λ_k for k = 1..P (descending)'),
        targetCoefficients: f64(targetCoefficients, 'y_k = ⟨φ_k y⟩ for k = 1..P'),
        renormalizedRidge: f64(runningRidge, 'σ²(κ) = σ² + Σ_{k>κ} λ_k for κ = 0..P'),
        integratedSpectralMass: f64(integratedSpectralMass(eigenvalues), 'c(κ) = Σ_{k>κ} λ_k for κ = 0..P'),
        learnability: f64(bareLearnability, 'L_k = ηλ_k/(σ² + ηλ_k) at the bare ridge, k = 1..P'),
        ...(renormalizedLearnability ? { learnabilityRenormalized: f64(renormalizedLearnability, 'ηλ_k/(σ²(κ*) + ηλ_k), k = 1..P') } : {}),
        eigenlearningLearnability: f64(exact.learnability, 'λ_k/(λ_k + κ_S), k = 1..P'),
      },
      diagnostics,
    };
  },
};
