/**
 * The engine's composition root: picks the linear-algebra implementation and the executor for
 * each experiment kind.
 */
import { pinBlasThreads, selectLinearAlgebra } from './linalg-native';
import type { LinearAlgebra } from '../../src-shared/science/linalg/types';
import { pureLinearAlgebra } from '../../src-shared/science/linalg';
import type { Executor } from './executor';
import { InProcessExecutor } from './in-process';
import { loadDataset } from './datasets';
import { PoolExecutor, resolvePoolSize, WorkerPool } from './pool';
import { hasTensorPath, TensorExecutor } from './tensor-executor';
import { normalizeTensorBackendName, pickTensorBackend, TENSOR_BACKEND_NAMES, TensorBackendUnavailableError } from './tensor/backends';

export interface EngineOptions {
  /** Force a compute backend by name (see `rgwb backends`). */
  readonly backend?: string;
  /** Worker threads for Monte-Carlo kinds (default $RGWB_THREADS, else every core). */
  readonly threads?: number;
}

let cachedLinalg: { linalg: LinearAlgebra; fallbackReason?: string } | undefined;

/**
 * The float64 linear algebra of this process: LAPACK through the native addon when it was built
 * (`npm install` builds it where OpenBLAS/LAPACKE exist), else pure TypeScript. RGWB_LINALG=pure
 * forces the pure implementation.
 *
 * OpenBLAS is pinned to one thread. Its thread count is process-wide state shared by every worker,
 * and a blocked LAPACK routine rounds differently with a different count; pinned, the same spec
 * and seed give bit-identical numbers for any pool size and any concurrent runs, and the pool's
 * workers (one per core) are what use the cores.
 */
export function activeLinearAlgebra(): LinearAlgebra {
  if (!cachedLinalg) {
    cachedLinalg = selectLinearAlgebra(process.env.RGWB_LINALG === 'pure' ? 'pure' : 'native');
    if (cachedLinalg.linalg !== pureLinearAlgebra) pinBlasThreads(1);
  }
  return cachedLinalg.linalg;
}

/** Why the native linear algebra is not in use (undefined when it is, or when pure was asked for). */
export function linearAlgebraFallbackReason(): string | undefined {
  activeLinearAlgebra();
  return cachedLinalg?.fallbackReason;
}

/** One worker pool per size, shared by every executor of this process (workers are reused across runs). */
const pools = new Map<number, WorkerPool>();

export function workerPool(threads?: number): WorkerPool {
  const size = resolvePoolSize(threads);
  let pool = pools.get(size);
  if (!pool) {
    pool = new WorkerPool({ threads: size });
    pools.set(size, pool);
  }
  return pool;
}

/** Terminates the worker pools (idle workers are unref'd anyway, so this is for orderly shutdown). */
export async function shutdownEngine(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}

/** Names accepted by `--backend` besides the tensor backends. */
export const FLOAT64_BACKENDS = ['typed-arrays', 'cpu-workers'] as const;

/**
 * Picks the executor of each kind. Nothing runs on the calling (main) thread unless asked:
 * - every kind runs on the worker pool ("cpu-workers (float64)"): Monte-Carlo kinds in chunks over
 *   every core, a theory kind as one chunk on one worker;
 * - `backend` forces one: 'typed-arrays' (in the calling thread: debugging, scripts),
 *   'cpu-workers', or a tensor backend by name for a kind with a tensor path (toy-hermite), which
 *   then runs in a tensor worker thread: float32 bulk work, float64 accumulation on the host.
 *   Kinds without a tensor path then fail clearly.
 * The tensor path is not chosen automatically, even on a GPU: tfjs 4 has no on-device random
 * numbers, so its datasets are drawn on the host in one thread, and the pool, which draws and
 * solves on every core, is faster (bench/tensor-toy.ts vs bench/toy-mc.ts).
 */
export function createExecutorFor(options: EngineOptions = {}): (kind: string) => Promise<Executor> {
  const linalg = activeLinearAlgebra();
  const inProcess = new InProcessExecutor(linalg, { loadDataset });
  let pooled: PoolExecutor | undefined;
  const pool = () => (pooled ??= new PoolExecutor(workerPool(options.threads), linalg, { loadDataset }));
  const forced = options.backend?.trim();
  const tensorName = forced ? normalizeTensorBackendName(forced) : null;
  if (forced && !tensorName && !(FLOAT64_BACKENDS as readonly string[]).includes(forced)) {
    throw new TensorBackendUnavailableError(
      `unknown backend '${forced}'; choose one of ${[...FLOAT64_BACKENDS, ...TENSOR_BACKEND_NAMES].join(', ')} (see \`rgwb backends\`)`,
    );
  }
  return async (kind) => {
    if (forced === 'typed-arrays') return inProcess;
    if (forced === 'cpu-workers') return pool();
    if (tensorName) {
      if (!hasTensorPath(kind)) {
        throw new TensorBackendUnavailableError(
          `experiment kind "${kind}" has no tensor path: its float64 work runs on 'typed-arrays' or 'cpu-workers'; drop --backend or choose one of those`,
        );
      }
      return new TensorExecutor((await pickTensorBackend(tensorName)).info, linalg);
    }
    return pool();
  };
}

/** Every compute backend with its availability (filled in by the tensor-backend selection). */
export function describeBackends(): { name: string; available: boolean; active: boolean; detail: string }[] {
  return [
    { name: 'typed-arrays', available: true, active: true, detail: `float64 typed arrays; linear algebra: ${activeLinearAlgebra().name}` },
    {
      name: 'cpu-workers',
      available: true,
      active: true,
      detail: `worker_threads pool for Monte-Carlo kinds: ${safePoolSize()} thread(s) (RGWB_THREADS), float64`,
    },
  ];
}

function safePoolSize(): string {
  try {
    return String(resolvePoolSize());
  } catch (error) {
    return `? (${(error as Error).message})`;
  }
}
