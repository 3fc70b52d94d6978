/**
 * Kinds with a tensor path, and how to run a range of their chunks on a loaded tfjs backend. Used
 * inside the tensor worker (../tensor-worker.ts); the executor (../tensor-executor.ts) only needs
 * the plan and the batch layout.
 */
import { toyHermiteChunkTrials, toyHermitePlan, type ToyHermitePartial, type ToyHermiteSpec } from '../../../src-shared/experiments/toy-hermite';
import type { MonteCarloPlan } from '../../../src-shared/experiments/types';
import type { SelectedTensorBackend, TensorBackendName } from './backends';
import { runToyHermiteTensorChunks } from './toy-hermite';

export interface TensorRunner<S, P> {
  readonly plan: MonteCarloPlan<S, unknown, P>;
  /** Chunks [first, first + count) as one device batch; fewer partials when aborted. */
  runChunks(backend: SelectedTensorBackend, spec: S, first: number, count: number, signal: AbortSignal, batchTrials: number): Promise<P[]>;
  /** Chunks per device batch (whole chunks), chosen so one batch is ~`batchTrials` trials. */
  chunksPerBatch(spec: S, batchTrials: number): number;
}

const toyHermiteRunner: TensorRunner<ToyHermiteSpec, ToyHermitePartial> = {
  plan: toyHermitePlan as MonteCarloPlan<ToyHermiteSpec, unknown, ToyHermitePartial>,
  runChunks: (backend, spec, first, count, signal, batchTrials) => runToyHermiteTensorChunks(backend.tf, spec, first, count, { signal, maxBatchTrials: batchTrials }),
  chunksPerBatch: (spec, batchTrials) => Math.max(1, Math.floor(batchTrials / Math.max(1, toyHermiteChunkTrials(spec)))),
};

export const TENSOR_RUNNERS: Readonly<Record<string, TensorRunner<unknown, unknown>>> = {
  'toy-hermite': toyHermiteRunner as unknown as TensorRunner<unknown, unknown>,
};

export function hasTensorPath(kind: string): boolean {
  return kind in TENSOR_RUNNERS;
}

/**
 * Datasets per device batch. GPUs want large batches; the host backends smaller ones, so that a
 * batch takes well under a second there (progress keeps coming and a cancel lands quickly).
 */
export function batchTrialsFor(backend: TensorBackendName): number {
  if (backend === 'tfjs-node-gpu' || backend === 'webgpu') return 1_048_576;
  if (backend === 'cpu') return 16_384;
  return 65_536;
}
