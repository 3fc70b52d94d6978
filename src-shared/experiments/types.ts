import type { z } from 'zod';
import type { LinearAlgebra, Matrix } from '../science/linalg/types';
import type { LoadableDatasetSpec } from './datasets';

/** A numeric array result: first-class, stored compactly with dtype and shape. */
export interface ArrayResult {
  readonly dtype: 'float64';
  /** Row-major shape; product equals data.length. */
  readonly shape: readonly number[];
  readonly data: Float64Array;
  /** What the array holds, with its index meaning, e.g. "λ_k for k = 1..P". */
  readonly description?: string;
}

export interface ExperimentResult {
  /** Scalar metrics by name (finite numbers; null marks an explicitly undefined value). */
  readonly metrics: Record<string, number | null>;
  readonly arrays: Record<string, ArrayResult>;
  /** Warnings and notes for the user (e.g. "L₁ = 0.5 > 0.3: EK theory not accurate"). */
  readonly diagnostics: readonly string[];
}

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly message?: string;
  /** Partial results so far (e.g. the running average of a Monte Carlo), where the kind streams them. */
  readonly partialMetrics?: Readonly<Record<string, number | null>>;
}

export interface ExperimentContext {
  readonly linalg: LinearAlgebra;
  /** Throttled by the caller; experiments may call it as often as they like. */
  readonly onProgress: (progress: Progress) => void;
  /** Aborted on cancel: experiments check it between units of work and return partial results. */
  readonly signal: AbortSignal;
  /**
   * Loads a data set from disk or a package (MNIST, CSV/NPY files): Node only, injected by the
   * engine. Absent in pure contexts; kinds that need it fail with "this data set needs the Node engine".
   */
  readonly loadDataset?: (spec: LoadableDatasetSpec) => Promise<{ points: Matrix; labels: Float64Array }>;
}

/** Thrown by an experiment for a spec that validated but cannot be computed (clear, user-facing). */
export class ExperimentInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ExperimentInputError';
  }
}

export interface Preset<S> {
  readonly name: string;
  readonly title: string;
  /** What it reproduces (e.g. "the talk's Figure 3") and why these values. */
  readonly description: string;
  readonly spec: S;
}

/** Documentation for one spec field: shown in the CLI and the UI form. */
export interface FieldDoc {
  readonly label: string;
  readonly symbol?: string;
  readonly unit?: string;
  readonly help: string;
}

export interface ExperimentKind<S extends { seed: number } = { seed: number }> {
  readonly kind: string;
  readonly title: string;
  readonly description: string;
  /** zod schema: validates a spec and fills defaults. */
  readonly schema: z.ZodType<S>;
  /** Docs by dotted path, e.g. "source.modeCount". */
  readonly fields: Readonly<Record<string, FieldDoc>>;
  readonly presets: readonly Preset<S>[];
  /** Metric names, in display order, with one-line meanings. */
  readonly metrics: Readonly<Record<string, string>>;
  run(spec: S, ctx: ExperimentContext): Promise<ExperimentResult>;
  /** Present for Monte-Carlo kinds: the engine runs the chunks on worker threads. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly monteCarlo?: MonteCarloPlan<S, any, any>;
}

/** What a Monte-Carlo chunk sees: the float64 linear algebra of the thread it runs on. */
export interface ChunkContext {
  readonly linalg: LinearAlgebra;
}

/**
 * Monte-Carlo kinds split their trials into a fixed number of chunks (independent of the number
 * of threads), run the chunks anywhere (worker threads, in process, a tensor backend), and reduce
 * the per-chunk partial sums in chunk order, so the numbers do not depend on threads or batching.
 * Everything that crosses a thread boundary (shared, partials) must be structured-cloneable.
 */
export interface MonteCarloPlan<S, Shared = unknown, Partial = unknown> {
  /** One-off setup in the coordinating thread (e.g. a spectrum or a data set), given to every chunk. */
  prepare(spec: S, ctx: ExperimentContext): Promise<Shared> | Shared;
  /**
   * True when `prepare` does heavy work (loads a data set, eigendecomposes a Gram matrix): the
   * engine then runs it on a worker thread. Cheap prepares run where the plan is coordinated.
   */
  heavyPrepare?(spec: S): boolean;
  /** Number of chunks: a function of the spec only. */
  chunkCount(spec: S, shared: Shared): number;
  /** Work units (e.g. trials) in a chunk, for progress and rates. */
  chunkUnits(spec: S, shared: Shared, chunk: number): number;
  /**
   * Runs one chunk; pure given (spec, shared, chunk): each trial draws from its own counter-based
   * stream. (The engine awaits the value, so the whole-run plan of a theory kind, see `planOf`,
   * may return a promise as its partial.)
   */
  runChunk(spec: S, shared: Shared, chunk: number, ctx: ChunkContext): Partial;
  /**
   * Combines the partials in chunk order. `undefined` marks chunks that never ran (the run was
   * cancelled): the result then describes the completed chunks only and says so in diagnostics.
   */
  reduce(spec: S, shared: Shared, partials: readonly (Partial | undefined)[], ctx: ExperimentContext): ExperimentResult;
  /** Live metrics from the chunks completed so far (shown while the run is in progress). */
  partialMetrics?(spec: S, shared: Shared, partials: readonly (Partial | undefined)[]): Record<string, number | null>;
}

/**
 * One diagnostic per metric that came out NaN or ±∞ (a metric is a finite number, or null when it
 * is undefined by design). The store keeps such a value as null, so without this line a reader
 * would never learn that the number overflowed or was 0/0.
 */
export function nonFiniteMetricDiagnostics(metrics: Readonly<Record<string, number | null>>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== 'number' || Number.isFinite(value)) continue;
    const what = Number.isNaN(value) ? 'NaN (undefined: e.g. 0/0 or ∞ − ∞)' : value > 0 ? '+∞' : '−∞';
    out.push(`metric ${name} is ${what}; it is stored as null. Check the parameters that set its scale.`);
  }
  return out;
}
