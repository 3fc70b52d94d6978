/**
 * Entry point of a compute worker thread (bundled to dist/worker.mjs). Runs the chunks of any
 * registered kind (a theory kind is one chunk: its whole run) for the pool in ./pool.ts. Protocol (see PoolRequest / PoolReply):
 *   begin {job, kind, spec, shared}  once per worker per run: the plan's inputs are kept here;
 *   chunk {job, chunk}               run plan.runChunk(spec, shared, chunk, {linalg}), reply done | failed;
 *   end   {job}                      forget the run;
 *   prepare {job, kind, spec}        run plan.prepare (data sets, pool spectra) here, reply prepared | failed.
 * Errors are reported as messages (name + message, no stack) so the run fails with a clear text.
 */
import { parentPort } from 'node:worker_threads';
import { findKind } from '../../src-shared/experiments/registry';
import { planOf } from '../../src-shared/experiments/monte-carlo';
import type { ChunkContext, MonteCarloPlan } from '../../src-shared/experiments/types';
import { activeLinearAlgebra } from './index';
import { loadDataset } from './datasets';
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

/** A signal that never fires: a preparing worker is cancelled by terminating it. */
const NEVER_ABORTED = { aborted: false } as AbortSignal;

async function prepare(jobId: number, kindName: string, spec: unknown): Promise<void> {
  try {
    const kind = findKind(kindName);
    if (!kind) throw new Error(`experiment kind "${kindName}" is unknown in the worker`);
    const shared = await planOf(kind).prepare(spec as never, {
      linalg: activeLinearAlgebra(),
      loadDataset,
      onProgress: () => undefined,
      signal: NEVER_ABORTED,
    });
    reply({ type: 'prepared', job: jobId, shared });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply({ type: 'failed', job: jobId, chunk: -1, name: e.name, message: e.message || e.name });
  }
}

async function runChunk(jobId: number, job: JobState, chunk: number): Promise<void> {
  let partial: unknown;
  try {
    partial = await job.plan.runChunk(job.spec, job.shared, chunk, chunkContext);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply({ type: 'failed', job: jobId, chunk, name: e.name, message: e.message || e.name });
    return;
  }
  try {
    reply({ type: 'done', job: jobId, chunk, partial });
  } catch (error) {
    reply({ type: 'failed', job: jobId, chunk, name: 'DataCloneError', message: `chunk result cannot be sent between threads: ${(error as Error).message}` });
  }
}

port.on('message', (message: PoolRequest) => {
  switch (message.type) {
    case 'begin': {
      const kind = findKind(message.kind);
      if (!kind) jobs.set(message.job, { error: `experiment kind "${message.kind}" is unknown in the worker` });
      else jobs.set(message.job, { plan: planOf(kind) as MonteCarloPlan<unknown, unknown, unknown>, spec: message.spec, shared: message.shared });
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
      void runChunk(message.job, job, message.chunk);
      return;
    }
    case 'end':
      jobs.delete(message.job);
      return;
    case 'prepare':
      void prepare(message.job, message.kind, message.spec);
      return;
  }
});
