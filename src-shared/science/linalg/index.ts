/** Dense float64 linear algebra: the interface, small helpers and the pure-TypeScript implementation. */
export * from './types';
export {
  assertMatrix,
  assertSquare,
  assertSymmetric,
  column,
  diagonal,
  frobeniusNorm,
  fromRows,
  identity,
  matmul,
  matrix,
  matvec,
  maxAbs,
  row,
  shapeOf,
  subtract,
  symmetrize,
  symmetryDefect,
  SYMMETRY_TOLERANCE,
  toRows,
  transpose,
  type SymmetryDefect,
} from './dense';
export { assertFactor, checkJitter, cholesky, choleskySolve } from './cholesky';
export { assertNonSingularDiagonal, solveLowerTriangular, solveUpperTriangular } from './triangular';
export { assembleDescending, MAX_QL_ITERATIONS, symmetricEigen } from './eigen';
export { pureLinearAlgebra } from './pure';
