/**
 * Runs a Monte-Carlo kind's float32 bulk work on a TensorFlow.js backend (a GPU where there is
 * one), with every average accumulated in float64 on the host: the tensor path produces the same
 * per-chunk partials as the CPU runner, and the kind's own `reduce` turns them into results.
 */
import type { ExperimentResult, MonteCarloPlan } from '../../src-shared/experiments/types';
import { toyHermiteChunkTrials, toyHermitePlan, type ToyHermitePartial, type ToyHermiteSpec } from '../../src-shared/experiments/toy-hermite';
import type { LinearAlgebra } from '../../src-shared/science/linalg/types';
import type { ExecuteRequest, ExecutionInfo, Executor } from './executor';
import { tensorRunEnvironment, type SelectedTensorBackend } from './tensor/backends';
import { runToyHermiteTensorChunks } from './tensor/toy-hermite';

/** Kinds that have a tensor path, and how to run a range of their chunks on a backend. */
interface TensorRunner<S, P> {
  readonly plan: MonteCarloPlan<S, unknown, P>;
  runChunks(backend: SelectedTensorBackend, spec: S, firstChunk: number, count: number, signal: AbortSignal): Promise<P[]>;
  /** Chunks per device batch (whole chunks), chosen so one batch is ~`batchTrials` trials. */
  chunksPerBatch(spec: S, batchTrials: number): number;
}

const toyHermiteRunner: TensorRunner<ToyHermiteSpec, ToyHermitePartial> = {
  plan: toyHermitePlan as MonteCarloPlan<ToyHermiteSpec, unknown, ToyHermitePartial>,
  runChunks: (backend, spec, first, count, signal) => runToyHermiteTensorChunks(backend.tf, spec, first, count, { signal, maxBatchTrials: batchTrialsFor(backend) }),
  chunksPerBatch: (spec, batchTrials) => Math.max(1, Math.floor(batchTrials / Math.max(1, toyHermiteChunkTrials(spec)))),
};

const RUNNERS: Record<string, TensorRunner<never, unknown>> = {
  'toy-hermite': toyHermiteRunner as unknown as TensorRunner<never, unknown>,
};

export function hasTensorPath(kind: string): boolean {
  return kind in RUNNERS;
}

/** GPUs want large batches; host backends smaller ones (progress and cancel stay responsive). */
function batchTrialsFor(backend: SelectedTensorBackend): number {
  return backend.name === 'tfjs-node-gpu' || backend.name === 'webgpu' ? 1_048_576 : 262_144;
}

export class TensorExecutor implements Executor {
  constructor(
    private readonly backend: SelectedTensorBackend,
    private readonly linalg: LinearAlgebra,
  ) {}

  describe(_kind: string): ExecutionInfo {
    const env = tensorRunEnvironment(this.backend);
    return { backend: env.backend, linalg: this.linalg.name, precision: env.precision, threads: env.threads };
  }

  async execute(request: ExecuteRequest): Promise<ExperimentResult> {
    const runner = RUNNERS[request.kind] as TensorRunner<unknown, unknown> | undefined;
    if (!runner) throw new Error(`experiment kind "${request.kind}" has no tensor path`);
    const ctx = { linalg: this.linalg, onProgress: request.onProgress, signal: request.signal };
    const { plan } = runner;
    const spec = request.spec as unknown;
    const shared = await plan.prepare(spec, ctx);
    const count = plan.chunkCount(spec, shared);
    const units = Array.from({ length: count }, (_, c) => plan.chunkUnits(spec, shared, c));
    const total = units.reduce((a, b) => a + b, 0);
    const partials: unknown[] = new Array(count).fill(undefined);
    const step = runner.chunksPerBatch(spec, batchTrialsFor(this.backend));
    let done = 0;
    for (let first = 0; first < count && !request.signal.aborted; first += step) {
      const n = Math.min(step, count - first);
      const results = await runner.runChunks(this.backend, spec, first, n, request.signal);
      results.forEach((partial, i) => {
        partials[first + i] = partial;
        done += units[first + i];
      });
      request.onProgress({ done, total, partialMetrics: plan.partialMetrics?.(spec, shared, partials) });
      if (results.length < n) break; // aborted inside the batch
    }
    return plan.reduce(spec, shared, partials, ctx);
  }
}
