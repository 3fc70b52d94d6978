/**
 * Executors run one experiment and report how they ran it. The in-process executor is used by the
 * CLI for theory kinds; the worker-thread pool (Monte-Carlo kinds) implements the same interface.
 */
import type { ExperimentResult, Progress } from '../../src-shared/experiments/types';

export interface ExecutionInfo {
  /** Compute backend actually used, e.g. "typed-arrays (float64)". */
  readonly backend: string;
  readonly linalg: string;
  readonly precision: string;
  readonly threads: number;
}

export interface ExecuteRequest {
  readonly kind: string;
  readonly spec: { seed: number } & Record<string, unknown>;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: Progress) => void;
}

export interface Executor {
  /** How this executor will run `kind` (recorded before the run starts). */
  describe(kind: string): ExecutionInfo;
  execute(request: ExecuteRequest): Promise<ExperimentResult>;
}
