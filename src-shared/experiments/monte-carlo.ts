/**
 * Runs a Monte-Carlo plan chunk by chunk in the calling thread: the reference the worker pool must
 * reproduce exactly, and the `run` of every Monte-Carlo kind when no pool is available.
 */
import type { ExperimentContext, ExperimentResult, MonteCarloPlan } from './types';

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
    partials[c] = plan.runChunk(spec, shared, c, { linalg: ctx.linalg });
    done += plan.chunkUnits(spec, shared, c);
    ctx.onProgress({ done, total, partialMetrics: plan.partialMetrics?.(spec, shared, partials) });
    // Yield so cancellation (and progress consumers) get a turn between chunks.
    await new Promise<void>((resolve) => setTimeout(() => resolve(), 0));
  }
  return plan.reduce(spec, shared, partials, ctx);
}
