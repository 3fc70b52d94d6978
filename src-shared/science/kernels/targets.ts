/**
 * Regression targets y(x) (rg-theory.md §1) evaluated on the rows of X.
 *   hermite: coefficient · He_degree(x₁)   (coefficient defaults to 1)
 *   sign:    sign(x₁) ∈ {−1, 0, +1}          (sign(0) = 0)
 *   linear:  Σ_j w_j x_j
 *   values:  the given values, one per row (point-aligned with a pool; length must equal X.rows)
 */
import type { Matrix } from '../linalg/types';
import type { TargetSpec } from './types';
import { probabilistsHermite } from './hermite';
import { validateTarget } from './validate';

export function evaluateTarget(target: TargetSpec, X: Matrix): Float64Array {
  validateTarget(target, X.cols, X.rows);
  const n = X.rows;
  const d = X.cols;
  const out = new Float64Array(n);
  switch (target.type) {
    case 'hermite': {
      const coefficient = target.coefficient ?? 1;
      for (let i = 0; i < n; i++) out[i] = coefficient * probabilistsHermite(target.degree, X.data[i * d]);
      return out;
    }
    case 'sign':
      for (let i = 0; i < n; i++) out[i] = Math.sign(X.data[i * d]);
      return out;
    case 'linear':
      for (let i = 0; i < n; i++) {
        let y = 0;
        for (let j = 0; j < d; j++) y += target.weights[j] * X.data[i * d + j];
        out[i] = y;
      }
      return out;
    case 'values':
      out.set(target.values);
      return out;
  }
}
