/**
 * zod schemas for the serialisable building blocks shared by experiment specs: kernels, data
 * measures, targets and spectrum sources. Objects are strict so a misspelt field is an error,
 * not a silently ignored value.
 */
import { z } from 'zod';

export const seedSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1);

/** Smallest positive ridge accepted: below it σ²/n and σ²/κ leave float64's normal range. */
export const MIN_POSITIVE_RIDGE = 1e-300;

/** σ², a variance. Zero is allowed (ridgeless limit). */
export const ridgeSchema = z
  .number()
  .min(0, { error: 'the ridge σ² is a variance and must be ≥ 0', abort: true })
  .finite()
  .refine((r) => r === 0 || r >= MIN_POSITIVE_RIDGE, `a ridge σ² below ${MIN_POSITIVE_RIDGE} cannot be resolved in float64; use 0 for the ridgeless limit`);

/** σ² of the toy model (§5), which needs a positive ridge. */
export const positiveRidgeSchema = z
  .number()
  .finite()
  .gt(0, { error: 'the toy model needs a ridge σ² > 0', abort: true })
  // A refinement, not .min(): the form's JSON Schema keeps "> 0", which is what a user needs to read.
  .refine((r) => r >= MIN_POSITIVE_RIDGE, `the toy model needs a ridge σ² ≥ ${MIN_POSITIVE_RIDGE} (smaller cannot be resolved in float64)`);

export const thresholdSchema = z
  .number()
  .gt(0, 'the learnability threshold T must lie in (0, 1)')
  .lt(1, 'the learnability threshold T must lie in (0, 1)');

const positiveInt = (what: string) => z.number().int(`${what} must be an integer`).min(1, `${what} must be ≥ 1`);

export const hermiteKernelSchema = z.strictObject({
  type: z.literal('hermite'),
  degrees: z.array(z.number().int().min(0)).min(1).default([1, 2]),
  eigenvalues: z.array(z.number().min(0).finite()).min(1).default([1, 0.1]),
});

export const nngpKernelSchema = z.strictObject({
  type: z.literal('nngp'),
  activation: z.enum(['relu', 'erf']).default('relu'),
  depth: positiveInt('depth').max(64).default(2),
  weightVariance: z.number().min(0).finite().default(2),
  biasVariance: z.number().min(0).finite().default(0),
});

export const rbfKernelSchema = z.strictObject({
  type: z.literal('rbf'),
  lengthScale: z.number().gt(0, 'lengthScale must be > 0').finite().default(1),
  variance: z.number().gt(0, 'variance must be > 0').finite().default(1),
});

export const kernelSchema = z.discriminatedUnion('type', [hermiteKernelSchema, nngpKernelSchema, rbfKernelSchema]);

export const measureSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('gaussian'), dimension: positiveInt('dimension').max(100_000).default(1) }),
  z.strictObject({ type: z.literal('sphere'), dimension: z.number().int().min(2, 'a sphere needs dimension ≥ 2').max(100_000).default(3) }),
  z.strictObject({ type: z.literal('pool'), points: z.array(z.array(z.number().finite()).min(1)).min(2) }),
]);

export const targetSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hermite'),
    degree: z.number().int().min(0).max(60).default(1),
    coefficient: z.number().finite().default(1),
  }),
  z.strictObject({ type: z.literal('sign') }),
  z.strictObject({ type: z.literal('linear'), weights: z.array(z.number().finite()).min(1) }),
  z.strictObject({ type: z.literal('values'), values: z.array(z.number().finite()).min(2) }),
]);

/** Synthetic power law: λ_k ∝ k^-a, y_k² ∝ k^-b, k = 1..P, each trace-normalised to 1. */
export const powerLawSourceSchema = z.strictObject({
  type: z.literal('power-law'),
  modeCount: positiveInt('modeCount').max(10_000_000).default(4000),
  decayExponent: z.number().gt(0, 'decayExponent must be > 0').finite().default(1.5),
  targetDecayExponent: z.number().gt(0, 'targetDecayExponent must be > 0').finite().default(1.5),
});

/** Exact spectrum of a finite-rank Hermite feature kernel under x ~ N(0,1). */
export const hermiteSourceSchema = z.strictObject({
  type: z.literal('hermite'),
  degrees: z.array(z.number().int().min(0).max(60)).min(1).default([1, 2]),
  eigenvalues: z.array(z.number().min(0).finite()).min(1).default([1, 0.1]),
  target: z
    .strictObject({
      type: z.literal('hermite').default('hermite'),
      degree: z.number().int().min(0).max(60).default(1),
      coefficient: z.number().finite().default(1),
    })
    .prefault({}),
});

/** Numerical spectrum of a kernel on a pool of N points drawn from a measure (Gram eigendecomposition). */
export const kernelSourceSchema = z.strictObject({
  type: z.literal('kernel'),
  kernel: kernelSchema.prefault({ type: 'nngp' }),
  measure: measureSchema.prefault({ type: 'gaussian', dimension: 8 }),
  poolSize: z.number().int().min(2, 'poolSize must be ≥ 2').max(8000, 'poolSize above 8000 needs too much memory for a dense Gram matrix').default(1000),
  target: targetSchema.prefault({ type: 'sign' }),
});

export const spectrumSourceSchema = z.discriminatedUnion('type', [
  powerLawSourceSchema,
  hermiteSourceSchema,
  kernelSourceSchema,
]);

export type SpectrumSource = z.output<typeof spectrumSourceSchema>;
