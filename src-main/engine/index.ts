/**
 * The engine's composition root: picks the linear-algebra implementation and the executor for
 * each experiment kind.
 */
import { pureLinearAlgebra } from '../../src-shared/science/linalg';
import type { LinearAlgebra } from '../../src-shared/science/linalg/types';
import type { Executor } from './executor';
import { InProcessExecutor } from './in-process';

export interface EngineOptions {
  /** Force a compute backend by name (see `rgwb backends`). */
  readonly backend?: string;
}

let cachedLinalg: LinearAlgebra | undefined;

export function activeLinearAlgebra(): LinearAlgebra {
  cachedLinalg ??= pureLinearAlgebra;
  return cachedLinalg;
}

export function createExecutorFor(_options: EngineOptions = {}): (kind: string) => Executor {
  const inProcess = new InProcessExecutor(activeLinearAlgebra());
  return () => inProcess;
}

/** Every compute backend with its availability (filled in by the tensor-backend selection). */
export function describeBackends(): { name: string; available: boolean; active: boolean; detail: string }[] {
  return [{ name: 'typed-arrays', available: true, active: true, detail: `float64 typed arrays; linear algebra: ${activeLinearAlgebra().name}` }];
}
