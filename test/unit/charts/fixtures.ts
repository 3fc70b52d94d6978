import type { WireArray } from '../../../src-shared/api/contract';
import type { RunRecord } from '../../../src-shared/api/runs';

export function wire(data: readonly (number | null)[], shape: readonly number[] = [data.length], description: string | null = null): WireArray {
  return { dtype: 'float64', shape, description, data };
}

export function runRecord(kind: string, spec: Record<string, unknown>, metrics: Record<string, number | null>, over: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 1,
    kind,
    name: `${kind} test`,
    status: 'succeeded',
    seed: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    startedAt: '2025-01-01T00:00:01.000Z',
    finishedAt: '2025-01-01T00:00:02.000Z',
    elapsedMs: 1000,
    backend: 'typed-arrays (float64)',
    tags: [],
    metrics,
    spec,
    environment: null,
    notes: '',
    error: null,
    diagnostics: [],
    arrays: [],
    ...over,
  };
}

/** λ_k ∝ k^-a and y_k² ∝ k^-b, trace-normalised; σ²(κ) = σ² + Σ_{k>κ} λ_k; L_k. */
export function powerLawRgFlow(P = 200, ridge = 1e-4, eta = 100) {
  const lam = Array.from({ length: P }, (_, i) => (i + 1) ** -1.5);
  const sl = lam.reduce((a, b) => a + b, 0);
  const eigenvalues = lam.map((v) => v / sl);
  const y2 = Array.from({ length: P }, (_, i) => (i + 1) ** -1.5);
  const sy = y2.reduce((a, b) => a + b, 0);
  const targetCoefficients = y2.map((v) => Math.sqrt(v / sy));
  const renormalizedRidge: number[] = [];
  for (let kappa = 0; kappa <= P; kappa++) renormalizedRidge.push(ridge + eigenvalues.slice(kappa).reduce((a, b) => a + b, 0));
  const learnability = eigenvalues.map((l) => (eta * l) / (ridge + eta * l));
  return { eigenvalues, targetCoefficients, renormalizedRidge, learnability };
}
