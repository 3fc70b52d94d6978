/**
 * The plain-TypeScript implementation of LinearAlgebra: no dependencies, runs everywhere
 * (renderer, worker, web). A native LAPACK implementation with the same semantics lives on the
 * Node side (src-main/engine/linalg-native.ts) and is preferred when it loads.
 */
import { cholesky, choleskySolve } from './cholesky';
import { matmul } from './dense';
import { symmetricEigen } from './eigen';
import { solveLowerTriangular, solveUpperTriangular } from './triangular';
import type { LinearAlgebra } from './types';

export const pureLinearAlgebra: LinearAlgebra = {
  name: 'pure-ts',
  cholesky,
  choleskySolve,
  solveLowerTriangular,
  solveUpperTriangular,
  symmetricEigen: (a) => symmetricEigen(a),
  matmul,
};
