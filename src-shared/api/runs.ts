/**
 * Run records: the shape every door into the house (CLI, web mode, desktop app) agrees on.
 */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Where and how a run was computed. */
export interface RunEnvironment {
  readonly appVersion: string;
  readonly nodeVersion: string;
  /** Compute backend actually used, e.g. "typed-arrays (float64)", "tfjs-wasm (float32)". */
  readonly backend: string;
  /** Linear-algebra implementation, e.g. "pure-ts", "lapack (OpenBLAS)". */
  readonly linalg: string;
  /** Numeric precision of the bulk work, e.g. "float64". */
  readonly precision: string;
  readonly threads: number;
  readonly host: string;
  readonly platform: string;
}

export interface ArrayInfo {
  readonly name: string;
  readonly dtype: 'float64';
  readonly shape: readonly number[];
  readonly description: string | null;
}

export interface RunSummary {
  readonly id: number;
  readonly kind: string;
  readonly name: string;
  readonly status: RunStatus;
  readonly seed: number;
  /** ISO-8601 UTC timestamps. */
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly elapsedMs: number | null;
  readonly backend: string | null;
  readonly tags: readonly string[];
  readonly metrics: Readonly<Record<string, number | null>>;
}

export interface RunRecord extends RunSummary {
  /** The full validated spec (defaults filled in). */
  readonly spec: Record<string, unknown>;
  readonly environment: RunEnvironment | null;
  readonly notes: string;
  /** Error text of a failed run. */
  readonly error: string | null;
  readonly diagnostics: readonly string[];
  readonly arrays: readonly ArrayInfo[];
}

export interface RunFilter {
  readonly kind?: string;
  readonly tag?: string;
  readonly status?: RunStatus;
  /** Case-insensitive substring of name, kind or notes. */
  readonly text?: string;
  /** Numeric spec parameter ranges by dotted path, e.g. { "ridge": { min: 0, max: 1 } }. */
  readonly params?: Readonly<Record<string, { readonly min?: number; readonly max?: number }>>;
  readonly sortBy?: 'id' | 'createdAt' | 'name' | 'kind' | 'status' | 'elapsedMs';
  readonly sortDir?: 'asc' | 'desc';
  readonly offset?: number;
  readonly limit?: number;
}

export interface RunPage {
  readonly total: number;
  readonly runs: readonly RunSummary[];
}
