/** Messages between the tensor executor (./tensor-executor.ts) and its worker (./tensor-worker.ts). */
import type { TensorBackendName } from './tensor/backends';

export interface TensorRunRequest {
  readonly type: 'run';
  readonly kind: string;
  readonly spec: unknown;
  readonly backend: TensorBackendName;
  readonly chunkCount: number;
  readonly chunksPerBatch: number;
  readonly batchTrials: number;
  /** Int32Array(1) over it: set to 1 by the executor to cancel; read by the worker between batches. */
  readonly abort: SharedArrayBuffer;
}

export type TensorReply =
  /** Partials of chunks [first, first + partials.length), in chunk order. */
  | { readonly type: 'partials'; readonly first: number; readonly partials: unknown[] }
  /** Every chunk ran, or the run was cancelled between batches. */
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly name: string; readonly message: string };
