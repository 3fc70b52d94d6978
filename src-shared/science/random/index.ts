export { philox4x32, mulHi32, PHILOX_ROUNDS, PHILOX_M0, PHILOX_M1, PHILOX_W0, PHILOX_W1 } from './philox';
export { createStream, MAX_SEED } from './stream';
export type { RandomStream } from './stream';
export { TrialNormalGenerator, ZIGGURAT_R, ZIGGURAT_AREA } from './trial-normals';
