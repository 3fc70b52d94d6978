/**
 * Runs a Monte-Carlo plan chunk by chunk in the calling thread: the reference the worker pool must
 * reproduce exactly, and the `run` of every Monte-Carlo kind when no pool is available.
 */
import type { ChunkContext, ExperimentContext, ExperimentKind, ExperimentResult, MonteCarloPlan } from './types';

export async function runMonteCarloInProcess<S, Shared, Partial>(
  plan: MonteCarloPlan<S, Shared, Partial>,
  spec: S,
  ctx: ExperimentContext,
): Promise<ExperimentResult> {
  const shared = await plan.prepare(spec, ctx);
  const count = plan.chunkCount(spec, shared);
  const partials: (Partial | undefined)[] = new Array(count).fill(undefined);
  let total = 0;
  for (let c = 0; c < count; c++) total += plan.chunkUnits(spec, shared, c);
  let done = 0;
  for (let c = 0; c < count; c++) {
    if (ctx.signal.aborted) break;
    partials[c] = await plan.runChunk(spec, shared, c, { linalg: ctx.linalg });
    done += plan.chunkUnits(spec, shared, c);
    ctx.onProgress({ done, total, partialMetrics: plan.partialMetrics?.(spec, shared, partials) });
    // Yield so cancellation (and progress consumers) get a turn between chunks.
    await new Promise<void>((resolve) => setTimeout(() => resolve(), 0));
  }
  return plan.reduce(spec, shared, partials, ctx);
}

/** A signal that never fires: a whole run inside a worker is cancelled by ending the worker. */
const NEVER_ABORTED = { aborted: false } as AbortSignal;

/**
 * The plan the engine uses to run a kind: its Monte-Carlo plan, or, for a theory kind, its whole
 * `run` as one chunk (whose partial is the promised result: the engine awaits every chunk), so
 * that every kind executes on a worker thread and never on the main thread.
 */
export function planOf<S extends { seed: number }>(kind: ExperimentKind<S>): MonteCarloPlan<S, unknown, unknown> {
  if (kind.monteCarlo) return kind.monteCarlo;
  return {
    prepare: () => null,
    chunkCount: () => 1,
    chunkUnits: () => 1,
    runChunk: (spec: S, _shared: unknown, _chunk: number, ctx: ChunkContext): unknown =>
      kind.run(spec, { linalg: ctx.linalg, onProgress: () => undefined, signal: NEVER_ABORTED }),
    reduce: (_spec: S, _shared: unknown, partials: readonly unknown[]): ExperimentResult =>
      (partials[0] as ExperimentResult | undefined) ?? { metrics: {}, arrays: {}, diagnostics: ['cancelled before the computation finished: nothing to keep'] },
  };
}
