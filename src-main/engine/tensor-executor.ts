/**
 * Runs a Monte-Carlo kind's float32 bulk work on a TensorFlow.js backend, in a worker thread of
 * its own (./tensor-worker.ts), with every average accumulated in float64 on the host: the worker
 * produces the same per-chunk partials as the CPU runner, and the kind's own `reduce` turns them
 * into results here. The main thread only receives partials and reports progress, so the CLI's
 * Ctrl-C, the server and the UI stay responsive whatever the backend does.
 *
 * Cancel: the abort flag is raised at once; batches already received are kept, and a batch still
 * running `cancelGraceMs` later is abandoned by terminating the worker.
 */
import { Worker } from 'node:worker_threads';
import type { ExperimentResult } from '../../src-shared/experiments/types';
import type { LinearAlgebra } from '../../src-shared/science/linalg/types';
import type { ExecuteRequest, ExecutionInfo, Executor } from './executor';
import { bundledScriptUrl } from './pool';
import type { TensorReply, TensorRunRequest } from './tensor-protocol';
import { tensorBackendLabel, tensorRunEnvironment, type TensorBackendInfo } from './tensor/backends';
import { batchTrialsFor, TENSOR_RUNNERS } from './tensor/runners';

export { hasTensorPath } from './tensor/runners';

export interface TensorExecutorOptions {
  readonly workerUrl?: URL;
  /** After a cancel, a batch still running this long is abandoned (default 300 ms). */
  readonly cancelGraceMs?: number;
}

export class TensorExecutor implements Executor {
  constructor(
    /** The backend's detection entry (available); it is loaded in the worker, not here. */
    private readonly backend: TensorBackendInfo,
    private readonly linalg: LinearAlgebra,
    private readonly options: TensorExecutorOptions = {},
  ) {}

  describe(_kind: string): ExecutionInfo {
    const env = tensorRunEnvironment({ label: `${tensorBackendLabel(this.backend.name)} (float32)`, threads: this.backend.threads });
    return { backend: env.backend, linalg: this.linalg.name, precision: env.precision, threads: env.threads };
  }

  async execute(request: ExecuteRequest): Promise<ExperimentResult> {
    const runner = TENSOR_RUNNERS[request.kind];
    if (!runner) throw new Error(`experiment kind "${request.kind}" has no tensor path`);
    const ctx = { linalg: this.linalg, onProgress: request.onProgress, signal: request.signal };
    const { plan } = runner;
    const spec = request.spec as unknown;
    const shared = await plan.prepare(spec, ctx);
    const count = plan.chunkCount(spec, shared);
    const units = Array.from({ length: count }, (_, c) => plan.chunkUnits(spec, shared, c));
    const total = units.reduce((a, b) => a + b, 0);
    const partials: unknown[] = new Array(count).fill(undefined);
    if (count === 0 || request.signal.aborted) return plan.reduce(spec, shared, partials, ctx);

    const batchTrials = batchTrialsFor(this.backend.name);
    const abort = new SharedArrayBuffer(4);
    const message: TensorRunRequest = {
      type: 'run',
      kind: request.kind,
      spec,
      backend: this.backend.name,
      chunkCount: count,
      chunksPerBatch: runner.chunksPerBatch(spec, batchTrials),
      batchTrials,
      abort,
    };
    const worker = new Worker(this.options.workerUrl ?? bundledScriptUrl('tensor-worker.mjs'), { name: 'rgwb-tensor' });
    let done = 0;
    return new Promise<ExperimentResult>((resolve, reject) => {
      let settled = false;
      let grace: ReturnType<typeof setTimeout> | undefined;
      const finish = (outcome: () => ExperimentResult | Error) => {
        if (settled) return;
        settled = true;
        if (grace !== undefined) clearTimeout(grace);
        request.signal.removeEventListener('abort', onAbort);
        void worker.terminate();
        try {
          const value = outcome();
          if (value instanceof Error) reject(value);
          else resolve(value);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      const reduce = () => plan.reduce(spec, shared, partials, ctx);
      const onAbort = () => {
        Atomics.store(new Int32Array(abort), 0, 1);
        grace = setTimeout(() => finish(reduce), this.options.cancelGraceMs ?? 300);
      };
      request.signal.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (reply: TensorReply) => {
        if (reply.type === 'partials') {
          reply.partials.forEach((partial, i) => {
            partials[reply.first + i] = partial;
            done += units[reply.first + i];
          });
          try {
            request.onProgress({ done, total, partialMetrics: plan.partialMetrics?.(spec, shared, partials) });
          } catch (error) {
            finish(() => (error instanceof Error ? error : new Error(String(error))));
          }
        } else if (reply.type === 'done') {
          finish(reduce);
        } else if (reply.type === 'failed') {
          finish(() => Object.assign(new Error(reply.message), { name: reply.name }));
        }
      });
      worker.on('error', (error: Error) => finish(() => new Error(error?.message || String(error))));
      worker.on('exit', (code) => finish(() => new Error(`the tensor worker stopped unexpectedly (exit code ${code})`)));
      try {
        worker.postMessage(message);
      } catch (error) {
        finish(() => new Error(`cannot send the run to the tensor worker: ${(error as Error).message}`));
      }
    });
  }
}
