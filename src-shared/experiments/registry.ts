/**
 * Every experiment kind the workbench knows, and preset lookup. The CLI, the web server and the UI
 * all go through this one table.
 */
import type { ExperimentKind, Preset } from './types';
import { validateWith, type Validation } from './validate';
import { rgFlowExperiment } from './rg-flow';
import { learningCurveTheoryExperiment } from './learning-curve-theory';
import { toyTheoryExperiment } from './toy-theory';
import { toyHermiteExperiment } from './toy-hermite';
import { learningCurveExperiment } from './learning-curve';
import { flowCheckExperiment } from './flow-check';
import { featureGaussianityExperiment } from './feature-gaussianity';

// The registry is heterogeneous; each kind validates its own spec before running it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKind = ExperimentKind<any>;

export const experimentKinds: readonly AnyKind[] = [rgFlowExperiment, learningCurveTheoryExperiment, toyTheoryExperiment, toyHermiteExperiment, learningCurveExperiment, flowCheckExperiment, featureGaussianityExperiment];

export function findKind(kind: string): AnyKind | undefined {
  return experimentKinds.find((k) => k.kind === kind);
}

export interface PresetEntry {
  readonly kind: string;
  readonly preset: Preset<{ seed: number }>;
}

export function allPresets(): PresetEntry[] {
  return experimentKinds.flatMap((k) => k.presets.map((preset) => ({ kind: k.kind, preset })));
}

export function findPreset(name: string): PresetEntry | undefined {
  return allPresets().find((p) => p.preset.name === name);
}

export function validateSpec(kind: string, input: unknown): Validation<{ seed: number } & Record<string, unknown>> {
  const experiment = findKind(kind);
  if (!experiment) {
    return {
      ok: false,
      issues: [{ path: 'kind', message: `unknown experiment kind "${kind}" (known: ${experimentKinds.map((k) => k.kind).join(', ')})` }],
    };
  }
  return validateWith(experiment.schema, input);
}
