/** Messages between the worker pool (./pool.ts) and its worker threads (./worker.ts). */

export type PoolRequest =
  /** Sent once per worker per run, before its first chunk of that run. */
  | { readonly type: 'begin'; readonly job: number; readonly kind: string; readonly spec: unknown; readonly shared: unknown }
  | { readonly type: 'chunk'; readonly job: number; readonly chunk: number }
  | { readonly type: 'end'; readonly job: number }
  /** Runs `plan.prepare` (data loading, pool spectra) off the main thread; answered by 'prepared'. */
  | { readonly type: 'prepare'; readonly job: number; readonly kind: string; readonly spec: unknown };

export type PoolReply =
  | { readonly type: 'done'; readonly job: number; readonly chunk: number; readonly partial: unknown }
  | { readonly type: 'failed'; readonly job: number; readonly chunk: number; readonly name: string; readonly message: string }
  | { readonly type: 'prepared'; readonly job: number; readonly shared: unknown };
