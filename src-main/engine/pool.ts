/**
 * The worker-thread pool that runs Monte-Carlo plans (src-shared/experiments/types.ts
 * `MonteCarloPlan`) on every core.
 *
 *  - `prepare` runs in the coordinating thread; its `shared` value is sent once to each worker
 *    that takes part in the run (structured clone), never per chunk.
 *  - Chunks are dispatched one at a time to idle workers (dynamic load balancing); each worker
 *    imports the registry and calls `plan.runChunk(spec, shared, chunk, {linalg})`.
 *  - Partials land in an array indexed by chunk and `plan.reduce` combines them in chunk order, so
 *    the result is bit-identical for any thread count and to `runMonteCarloInProcess`.
 *  - Progress after every chunk: `onProgress({done, total, partialMetrics})` (callers throttle;
 *    partialMetrics are recomputed at most every 50 ms and for the last chunk).
 *  - Cancel: on abort no new chunks start; in-flight chunks (sized to ≲ 100 ms) are awaited, and
 *    workers still busy `cancelGraceMs` (300 ms) after the abort are terminated (their chunk counts as not run). Then `reduce` runs
 *    with `undefined` for every chunk that did not complete.
 *  - A chunk that throws fails the run with the error's message (no stack); a worker that dies
 *    fails its run and is replaced on demand.
 *  - Workers start lazily (no more than there are chunks), are reused across runs, and are
 *    unref'd while idle so that a CLI process exits promptly; `close()` terminates them.
 * Several runs may share the pool; their chunks are interleaved round-robin.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findKind } from '../../src-shared/experiments/registry';
import { planOf } from '../../src-shared/experiments/monte-carlo';
import type { ExperimentContext, ExperimentResult, MonteCarloPlan } from '../../src-shared/experiments/types';
import type { LinearAlgebra } from '../../src-shared/science/linalg/types';
import type { ExecuteRequest, ExecutionInfo, Executor } from './executor';
import type { PoolReply, PoolRequest } from './pool-protocol';

export interface WorkerPoolOptions {
  /** Number of worker threads; default $RGWB_THREADS, else os.availableParallelism(). */
  readonly threads?: number;
  /** The bundled worker script; default dist/worker.mjs (see `defaultWorkerUrl`). */
  readonly workerUrl?: URL;
  /** After an abort, chunks still running this long are stopped by terminating their workers (default 300 ms). */
  readonly cancelGraceMs?: number;
}

/** Pool size: `threads` if given, else $RGWB_THREADS, else os.availableParallelism(). */
export function resolvePoolSize(threads?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (threads !== undefined) {
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be an integer ≥ 1, got ${threads}`);
    return threads;
  }
  const fromEnv = env.RGWB_THREADS?.trim();
  if (fromEnv) {
    const n = Number(fromEnv);
    if (!Number.isInteger(n) || n < 1) throw new Error(`RGWB_THREADS must be an integer ≥ 1, got "${fromEnv}"`);
    return n;
  }
  return availableParallelism();
}

/**
 * A bundled script of dist/ (e.g. "worker.mjs"): next to this module once bundled (dist/cli.mjs),
 * or ../../dist/ when running from source (tests). Throws with a hint when it has not been built.
 * (A CommonJS bundle, e.g. the Electron main process, has no import.meta.url: pass the URL there.)
 */
export function bundledScriptUrl(file: string): URL {
  const base: unknown = import.meta.url;
  if (typeof base !== 'string') throw new Error(`cannot locate dist/${file} from this bundle: pass its URL explicitly`);
  const candidates = [new URL(`./${file}`, base), new URL(`../../dist/${file}`, base)];
  for (const url of candidates) if (existsSync(fileURLToPath(url))) return url;
  throw new Error(`dist/${file} is not built (looked for ${candidates.map((u) => fileURLToPath(u)).join(', ')}); run \`npm run build\``);
}

/** dist/worker.mjs, the compute worker of the pool. */
export function defaultWorkerUrl(): URL {
  return bundledScriptUrl('worker.mjs');
}

const PARTIAL_METRICS_INTERVAL_MS = 50;

/** Marker: the run was cancelled before its plan's prepare finished. */
const CANCELLED_WHILE_PREPARING = Symbol('cancelled while preparing');

interface Slot {
  readonly worker: Worker;
  /** The run whose chunk this worker is computing (undefined: idle). */
  job: Job | undefined;
  /** Set when the pool terminates the worker on purpose (cancel overrun, close). */
  killed: boolean;
  /** Last uncaught error inside the worker (reported when it exits). */
  error: string | undefined;
}

interface Job {
  readonly id: number;
  readonly kind: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly plan: MonteCarloPlan<any, any, any>;
  readonly spec: unknown;
  readonly shared: unknown;
  readonly ctx: ExperimentContext;
  readonly units: readonly number[];
  readonly total: number;
  readonly partials: unknown[];
  /** Next chunk to dispatch. */
  next: number;
  /** Units (trials) of completed chunks. */
  done: number;
  readonly inFlight: Map<number, Slot>;
  /** Workers that received this run's `begin`. */
  readonly begun: Set<Slot>;
  stopping: boolean;
  settled: boolean;
  /** Last `partialMetrics` and when they were computed (recomputed at most every 50 ms). */
  metrics: Record<string, number | null> | undefined;
  metricsAt: number;
  graceTimer: ReturnType<typeof setTimeout> | undefined;
  readonly onAbort: () => void;
  readonly resolve: (result: ExperimentResult) => void;
  readonly reject: (error: Error) => void;
}

export class WorkerPool {
  readonly size: number;
  private readonly workerUrl: URL | undefined;
  private readonly cancelGraceMs: number;
  private readonly slots: Slot[] = [];
  private readonly jobs: Job[] = [];
  private nextJobId = 1;
  private roundRobin = 0;
  private closed = false;

  constructor(options: WorkerPoolOptions = {}) {
    this.size = resolvePoolSize(options.threads);
    this.workerUrl = options.workerUrl;
    this.cancelGraceMs = options.cancelGraceMs ?? 300;
  }

  /** Worker threads currently started (≤ size). */
  get startedWorkers(): number {
    return this.slots.length;
  }

  /** Runs a plan on the pool; resolves with `plan.reduce` of the completed chunks (all of them unless aborted). */
  async run<S, Shared, Partial>(kind: string, plan: MonteCarloPlan<S, Shared, Partial>, spec: S, ctx: ExperimentContext): Promise<ExperimentResult> {
    if (this.closed) throw new Error('the compute pool has been shut down');
    // A heavy prepare (loading data, eigendecomposing a Gram matrix) runs off the main thread.
    const prepared = plan.heavyPrepare?.(spec) ? await this.prepareOffThread(kind, spec, ctx.signal) : await plan.prepare(spec, ctx);
    if (prepared === CANCELLED_WHILE_PREPARING) {
      return { metrics: {}, arrays: {}, diagnostics: ['cancelled while preparing (loading data / computing the spectrum): no trials ran'] };
    }
    const shared = prepared as Shared;
    const count = plan.chunkCount(spec, shared);
    const units: number[] = [];
    let total = 0;
    for (let c = 0; c < count; c++) {
      units.push(plan.chunkUnits(spec, shared, c));
      total += units[c];
    }
    const partials: (Partial | undefined)[] = new Array(count).fill(undefined);
    if (count === 0 || ctx.signal.aborted) return plan.reduce(spec, shared, partials, ctx);

    return new Promise<ExperimentResult>((resolve, reject) => {
      const job: Job = {
        id: this.nextJobId++,
        kind,
        plan,
        spec,
        shared,
        ctx,
        units,
        total,
        partials,
        next: 0,
        done: 0,
        inFlight: new Map(),
        begun: new Set(),
        stopping: false,
        settled: false,
        metrics: undefined,
        metricsAt: -Infinity,
        graceTimer: undefined,
        onAbort: () => this.abort(job),
        resolve,
        reject,
      };
      this.jobs.push(job);
      ctx.signal.addEventListener('abort', job.onAbort, { once: true });
      this.pump();
    });
  }

  /**
   * Runs `prepare` of `kind`'s plan in a short-lived worker thread and returns its `shared` value
   * (structured clone). On abort the worker is terminated and CANCELLED_WHILE_PREPARING returned.
   */
  private prepareOffThread(kind: string, spec: unknown, signal: AbortSignal): Promise<unknown> {
    if (signal.aborted) return Promise.resolve(CANCELLED_WHILE_PREPARING);
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.workerUrl ?? defaultWorkerUrl(), { name: 'rgwb-prepare' });
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        fn();
        void worker.terminate();
      };
      const onAbort = () => finish(() => resolve(CANCELLED_WHILE_PREPARING));
      signal.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (reply: PoolReply) => {
        if (reply.type === 'prepared') finish(() => resolve(reply.shared));
        else if (reply.type === 'failed') finish(() => reject(Object.assign(new Error(reply.message), { name: reply.name })));
      });
      worker.on('error', (error: Error) => finish(() => reject(new Error(error?.message || String(error)))));
      worker.on('exit', (code) => finish(() => reject(new Error(`the preparing worker exited (code ${code}) before it finished`))));
      try {
        worker.postMessage({ type: 'prepare', job: 0, kind, spec } satisfies PoolRequest);
      } catch (error) {
        finish(() => reject(new Error(`cannot send the run to a worker thread: ${(error as Error).message}`)));
      }
    });
  }

  /** Terminates every worker; runs still in progress fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.jobs]) this.fail(job, 'Error', 'the compute pool was shut down');
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map((slot) => {
        slot.killed = true;
        return slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const url = this.workerUrl ?? defaultWorkerUrl();
    const worker = new Worker(url, { name: 'rgwb-compute' });
    const slot: Slot = { worker, job: undefined, killed: false, error: undefined };
    worker.on('message', (reply: PoolReply) => this.onReply(slot, reply));
    worker.on('error', (error: Error) => {
      slot.error = error?.message || String(error);
    });
    worker.on('exit', (code) => this.onExit(slot, code));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  /** Hands pending chunks to idle workers, starting workers up to `size` as needed. */
  private pump(): void {
    if (this.closed) return;
    for (;;) {
      const job = this.pickJob();
      if (!job) return;
      let slot = this.slots.find((s) => s.job === undefined && !s.killed);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        try {
          slot = this.spawn();
        } catch (error) {
          this.fail(job, 'Error', (error as Error).message);
          continue;
        }
      }
      this.dispatch(slot, job);
    }
  }

  private pickJob(): Job | undefined {
    const n = this.jobs.length;
    for (let i = 0; i < n; i++) {
      const job = this.jobs[(this.roundRobin + i) % n];
      if (!job.stopping && !job.settled && job.next < job.units.length) {
        this.roundRobin = (this.roundRobin + i + 1) % n;
        return job;
      }
    }
    return undefined;
  }

  private dispatch(slot: Slot, job: Job): void {
    const chunk = job.next++;
    slot.job = job;
    job.inFlight.set(chunk, slot);
    slot.worker.ref();
    try {
      if (!job.begun.has(slot)) {
        this.post(slot, { type: 'begin', job: job.id, kind: job.kind, spec: job.spec, shared: job.shared });
        job.begun.add(slot);
      }
      this.post(slot, { type: 'chunk', job: job.id, chunk });
    } catch (error) {
      // e.g. DataCloneError: `shared` or the spec cannot cross a thread boundary.
      job.inFlight.delete(chunk);
      slot.job = undefined;
      slot.worker.unref();
      this.fail(job, 'Error', `cannot send the run to a worker thread: ${(error as Error).message}`);
    }
  }

  private post(slot: Slot, message: PoolRequest): void {
    slot.worker.postMessage(message);
  }

  private onReply(slot: Slot, reply: PoolReply): void {
    if (reply.type === 'prepared') return; // only the short-lived preparing workers send this
    const job = slot.job;
    slot.job = undefined;
    if (job && job.id === reply.job) {
      job.inFlight.delete(reply.chunk);
      if (!job.settled) {
        if (reply.type === 'done') {
          job.partials[reply.chunk] = reply.partial;
          job.done += job.units[reply.chunk];
          try {
            // partialMetrics costs O(chunks); callers show ≤ 10 updates/s, so recompute at most
            // every 50 ms (and for the last chunk) and repeat the latest values in between.
            const now = performance.now();
            if (job.plan.partialMetrics && (now - job.metricsAt >= PARTIAL_METRICS_INTERVAL_MS || job.done === job.total)) {
              job.metrics = job.plan.partialMetrics(job.spec, job.shared, job.partials);
              job.metricsAt = now;
            }
            job.ctx.onProgress({ done: job.done, total: job.total, partialMetrics: job.metrics });
          } catch (error) {
            this.fail(job, 'Error', (error as Error).message);
          }
        } else {
          this.fail(job, reply.name, reply.message);
        }
        if (!job.settled && job.inFlight.size === 0 && (job.stopping || job.next >= job.units.length)) this.finish(job);
      }
    }
    this.pump();
    if (slot.job === undefined) slot.worker.unref();
  }

  private onExit(slot: Slot, code: number): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (slot.killed) return;
    const job = slot.job;
    slot.job = undefined;
    if (job && !job.settled) {
      const why = slot.error ?? `a compute worker thread stopped unexpectedly (exit code ${code})`;
      this.fail(job, 'Error', why);
    }
    this.pump();
  }

  private abort(job: Job): void {
    if (job.settled || job.stopping) return;
    job.stopping = true;
    if (job.inFlight.size === 0) {
      this.finish(job);
      return;
    }
    job.graceTimer = setTimeout(() => {
      if (job.settled) return;
      // Chunks overran the grace period: stop their workers; those chunks count as not run.
      for (const slot of job.inFlight.values()) this.kill(slot);
      job.inFlight.clear();
      this.finish(job);
    }, this.cancelGraceMs);
  }

  private kill(slot: Slot): void {
    slot.killed = true;
    slot.job = undefined;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
  }

  private settle(job: Job): void {
    job.settled = true;
    if (job.graceTimer !== undefined) clearTimeout(job.graceTimer);
    job.ctx.signal.removeEventListener('abort', job.onAbort);
    const index = this.jobs.indexOf(job);
    if (index >= 0) this.jobs.splice(index, 1);
    for (const slot of job.begun) {
      if (slot.killed) continue;
      try {
        this.post(slot, { type: 'end', job: job.id });
      } catch {
        // The worker is gone; nothing to forget.
      }
    }
  }

  private finish(job: Job): void {
    if (job.settled) return;
    this.settle(job);
    try {
      job.resolve(job.plan.reduce(job.spec, job.shared, job.partials, job.ctx));
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private fail(job: Job, name: string, message: string): void {
    if (job.settled) return;
    this.settle(job);
    const error = new Error(message);
    error.name = name;
    job.reject(error);
  }
}

/** Runs Monte-Carlo kinds on a worker pool: backend "cpu-workers (float64)". */
export class PoolExecutor implements Executor {
  constructor(
    private readonly pool: WorkerPool,
    private readonly linalg: LinearAlgebra,
    /** Node-only services for `plan.prepare` (runs in this thread), e.g. the data-set loader. */
    private readonly services: Pick<ExperimentContext, 'loadDataset'> = {},
  ) {}

  /** Monte-Carlo kinds use every worker; a theory kind runs whole on one. */
  describe(kind: string): ExecutionInfo {
    const threads = findKind(kind)?.monteCarlo ? this.pool.size : 1;
    return { backend: CPU_WORKERS_BACKEND, linalg: this.linalg.name, precision: 'float64', threads };
  }

  async execute(request: ExecuteRequest): Promise<ExperimentResult> {
    const experiment = findKind(request.kind);
    if (!experiment) throw new Error(`unknown experiment kind "${request.kind}"`);
    // OpenBLAS runs one thread per worker (pinned by activeLinearAlgebra): the pool uses the cores.
    return this.pool.run(request.kind, planOf(experiment), request.spec, {
      ...this.services,
      linalg: this.linalg,
      onProgress: request.onProgress,
      signal: request.signal,
    });
  }
}

/** The backend name recorded with runs executed on the pool. */
export const CPU_WORKERS_BACKEND = 'cpu-workers (float64)';
