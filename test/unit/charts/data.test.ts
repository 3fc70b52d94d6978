import { describe, expect, it } from 'vitest';
import { band, bandRuns, matrixColumn, xyPoints } from '../../../src-shared/charts/data';
import { wire } from './fixtures';

describe('xyPoints', () => {
  const x = [1, 2, 3, 4, 5];
  const y = [1e-12, 0, -3, null, 1e-300];
  it('drops zero, negative and null values on a log y axis', () => {
    expect(xyPoints(x, y, { logX: true, logY: true })).toEqual([
      [1, 1e-12],
      [5, 1e-300],
    ]);
  });
  it('keeps them on a linear axis (except null)', () => {
    expect(xyPoints(x, y, { logX: false, logY: false })).toEqual([
      [1, 1e-12],
      [2, 0],
      [3, -3],
      [5, 1e-300],
    ]);
  });
  it('drops non-positive x on a log x axis', () => {
    expect(xyPoints([0, 1, 2], [1, 2, 3], { logX: true, logY: false })).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });
  it('leaves one null gap marker per run of dropped points when asked', () => {
    expect(xyPoints(x, y, { logX: false, logY: true }, { gaps: true })).toEqual([
      [1, 1e-12],
      [2, null],
      [5, 1e-300],
    ]);
    // no leading or trailing gap markers
    expect(xyPoints([1, 2, 3], [0, 1, 0], { logX: false, logY: true }, { gaps: true })).toEqual([[2, 1]]);
  });
});

describe('bands', () => {
  it('builds mean ± k·s.e.', () => {
    const { lower, upper } = band([1, 2, null], [0.1, -0.2, 0.1], 3);
    expect(lower[0]).toBeCloseTo(0.7, 15);
    expect(upper[0]).toBeCloseTo(1.3, 15);
    expect(lower[1]).toBeCloseTo(1.4, 15); // |s.e.|
    expect(upper[1]).toBeCloseTo(2.6, 15);
    expect(lower[2]).toBeNull();
  });
  it('splits the band into contiguous runs where a bound cannot be drawn (≤ 0 on a log axis)', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const lo = [0.5, 0.4, -0.1, 0.5, 0.6, 0.7];
    const hi = [1.5, 1.4, 1.1, 1.5, 1.6, 1.7];
    expect(bandRuns(x, lo, hi, { logX: false, logY: false })).toHaveLength(1);
    expect(bandRuns(x, lo, hi, { logX: false, logY: true })).toEqual([
      [
        [1, 0.5, 1.5],
        [2, 0.4, 1.4],
      ],
      [
        [4, 0.5, 1.5],
        [5, 0.6, 1.6],
        [6, 0.7, 1.7],
      ],
    ]);
    // a lone drawable point makes no polygon
    expect(bandRuns([1, 2, 3], [0.5, -1, 0.5], [1, 1, 1], { logX: false, logY: true })).toEqual([]);
  });
});

describe('matrices', () => {
  it('reads a column of a row-major [N, M] array', () => {
    const m = wire([1, 2, 3, 4, 5, 6], [3, 2]);
    expect(matrixColumn(m, 1)).toEqual([2, 4, 6]);
    expect(matrixColumn(m, 2)).toEqual([]);
  });
});
