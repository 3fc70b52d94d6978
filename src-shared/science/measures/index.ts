export {
  measureDimension,
  validateMeasure,
  poolPoints,
  samplePoolIndices,
  selectRows,
  sampleMeasure,
} from './measures';
export type { MeasureSpec } from '../kernels/types';
