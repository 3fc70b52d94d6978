/**
 * Entry point of the tensor worker thread (bundled to dist/tensor-worker.mjs): loads the chosen
 * TensorFlow.js backend and runs a kind's chunks on it batch by batch, sending each batch's float64
 * partials back as soon as it is done. Everything heavy of the tensor path (host-side sampling,
 * tfjs kernels, the downloads) happens here, never on the main thread.
 *
 * Cancel: the executor sets a shared Int32 flag; it is read between batches (a synchronous tfjs
 * backend never yields to this thread's event loop, so a message would not arrive in time), and
 * a batch still running after the executor's grace period ends with the worker terminated.
 */
import { parentPort } from 'node:worker_threads';
import type { TensorReply, TensorRunRequest } from './tensor-protocol';
import { selectTensorBackend } from './tensor/backends';
import { TENSOR_RUNNERS } from './tensor/runners';

const port = parentPort;
if (!port) throw new Error('tensor-worker.mjs must run in a worker thread');

function reply(message: TensorReply) {
  port!.postMessage(message);
}

async function run(request: TensorRunRequest): Promise<void> {
  const flag = new Int32Array(request.abort);
  const signal = { get aborted() { return Atomics.load(flag, 0) !== 0; } } as AbortSignal;
  const runner = TENSOR_RUNNERS[request.kind];
  if (!runner) throw new Error(`experiment kind "${request.kind}" has no tensor path`);
  const backend = await selectTensorBackend(request.backend);
  for (let first = 0; first < request.chunkCount && !signal.aborted; first += request.chunksPerBatch) {
    const count = Math.min(request.chunksPerBatch, request.chunkCount - first);
    const partials = await runner.runChunks(backend, request.spec, first, count, signal, request.batchTrials);
    reply({ type: 'partials', first, partials });
    if (partials.length < count) break; // cancelled inside the batch
  }
  reply({ type: 'done' });
}

port.once('message', (request: TensorRunRequest) => {
  run(request).catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    reply({ type: 'failed', name: e.name, message: e.message || e.name });
  });
});
