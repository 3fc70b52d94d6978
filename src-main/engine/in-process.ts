import { findKind } from '../../src-shared/experiments/registry';
import type { ExperimentContext } from '../../src-shared/experiments/types';
import type { LinearAlgebra } from '../../src-shared/science/linalg/types';
import type { ExecuteRequest, ExecutionInfo, Executor } from './executor';

/**
 * Runs theory experiments in the calling process on float64 typed arrays. Theory kinds are cheap
 * (spectra, closed forms, quadrature); the pool-spectrum source is the heaviest part and goes
 * through the selected linear-algebra implementation.
 */
export class InProcessExecutor implements Executor {
  constructor(
    private readonly linalg: LinearAlgebra,
    /** Node-only services injected into the experiment context, e.g. the data-set loader. */
    private readonly services: Pick<ExperimentContext, 'loadDataset'> = {},
  ) {}

  describe(_kind: string): ExecutionInfo {
    return { backend: 'typed-arrays (float64)', linalg: this.linalg.name, precision: 'float64', threads: 1 };
  }

  async execute(request: ExecuteRequest) {
    const experiment = findKind(request.kind);
    if (!experiment) throw new Error(`unknown experiment kind "${request.kind}"`);
    return experiment.run(request.spec, { ...this.services, linalg: this.linalg, onProgress: request.onProgress, signal: request.signal });
  }
}
