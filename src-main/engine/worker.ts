/**
 * Entry point of a compute worker thread (bundled to dist/worker.mjs). Runs Monte-Carlo chunks of
 * any registered kind for the pool in ./pool.ts. Protocol (see PoolRequest / PoolReply):
 *   begin {job, kind, spec, shared}  once per worker per run: the plan's inputs are kept here;
 *   chunk {job, chunk}               run plan.runChunk(spec, shared, chunk, {linalg}), reply done | failed;
 *   end   {job}                      forget the run.
 * Errors are reported as messages (name + message, no stack) so the run fails with a clear text.
 */
import { parentPort } from 'node:worker_threads';
import { findKind } from '../../src-shared/experiments/registry';
import type { ChunkContext, MonteCarloPlan } from '../../src-shared/experiments/types';
import { activeLinearAlgebra } from './index';
import type { PoolReply, PoolRequest } from './pool-protocol';

interface JobState {
  readonly plan: MonteCarloPlan<unknown, unknown, unknown>;
  readonly spec: unknown;
  readonly shared: unknown;
}

const port = parentPort;
if (!port) throw new Error('worker.mjs must run in a worker thread');

/** Lazy: the linear algebra (possibly a native addon) is loaded only by chunks that use it. */
const chunkContext: ChunkContext = {
  get linalg() {
    return activeLinearAlgebra();
  },
};

const jobs = new Map<number, JobState | { readonly error: string }>();

function reply(message: PoolReply) {
  port!.postMessage(message);
}

port.on('message', (message: PoolRequest) => {
  switch (message.type) {
    case 'begin': {
      const kind = findKind(message.kind);
      if (!kind?.monteCarlo) jobs.set(message.job, { error: `experiment kind "${message.kind}" has no Monte-Carlo plan in the worker` });
      else jobs.set(message.job, { plan: kind.monteCarlo, spec: message.spec, shared: message.shared });
      return;
    }
    case 'chunk': {
      const job = jobs.get(message.job);
      if (!job) {
        reply({ type: 'failed', job: message.job, chunk: message.chunk, name: 'Error', message: `worker has no run ${message.job}` });
        return;
      }
      if ('error' in job) {
        reply({ type: 'failed', job: message.job, chunk: message.chunk, name: 'Error', message: job.error });
        return;
      }
      let partial: unknown;
      try {
        partial = job.plan.runChunk(job.spec, job.shared, message.chunk, chunkContext);
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        reply({ type: 'failed', job: message.job, chunk: message.chunk, name: e.name, message: e.message || e.name });
        return;
      }
      try {
        reply({ type: 'done', job: message.job, chunk: message.chunk, partial });
      } catch (error) {
        reply({ type: 'failed', job: message.job, chunk: message.chunk, name: 'DataCloneError', message: `chunk result cannot be sent between threads: ${(error as Error).message}` });
      }
      return;
    }
    case 'end':
      jobs.delete(message.job);
      return;
  }
});
