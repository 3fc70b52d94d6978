/**
 * Data sets: MNIST from the `mnist` package, CSV / NPY fixtures (written by numpy, see
 * test/fixtures/datasets/make-fixtures.py), label → target transforms, and clear errors.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatasetLoader, loadDataset, loadMnist, MNIST_PIXELS } from '../../src-main/engine/datasets';
import {
  datasetSpecSchema,
  labelsToTargets,
  materializeDataset,
  type DatasetSpec,
  type FileDatasetSpec,
} from '../../src-shared/experiments/datasets';
import { parseCsv, parseNpy } from '../../src-shared/experiments/data-files';

const fixtures = join(__dirname, '..', 'fixtures', 'datasets');
const load = createDatasetLoader({ baseDir: fixtures });
const file = (extra: Partial<FileDatasetSpec> & { path: string }) => datasetSpecSchema.parse({ type: 'file', ...extra }) as FileDatasetSpec;

const POINTS = [
  [0, 0.5, 1],
  [1.5, -2, 0.25],
  [3, 4, -5.5],
  [0.125, 0, 7],
];
const LABELS = [0, 1, 1, 0];
const rows = (m: { rows: number; cols: number; data: Float64Array }) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

describe('MNIST from the mnist package', () => {
  it('loads flattened 28×28 images in [0, 1], round-robin over the listed digits', async () => {
    const data = await loadMnist({ digits: [0, 1], count: 200 });
    expect(data.points.rows).toBe(200);
    expect(data.points.cols).toBe(MNIST_PIXELS);
    expect(MNIST_PIXELS).toBe(784);
    expect(Array.from(data.labels.slice(0, 6))).toEqual([0, 1, 0, 1, 0, 1]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of data.points.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.9);
    // Every image has ink, and a "1" has less ink than a "0" on average.
    const ink = (i: number) => data.points.data.subarray(i * 784, (i + 1) * 784).reduce((s, v) => s + v, 0);
    let zeros = 0;
    let ones = 0;
    for (let i = 0; i < 200; i++) {
      expect(ink(i)).toBeGreaterThan(10);
      if (data.labels[i] === 0) zeros += ink(i);
      else ones += ink(i);
    }
    expect(ones).toBeLessThan(zeros);
  });

  it('ships 10 000 images; asking for more fails clearly', async () => {
    const all = await loadMnist({ digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], count: 10000 });
    const counts = new Array(10).fill(0);
    for (const l of all.labels) counts[l]++;
    expect(counts.reduce((a, b) => a + b)).toBe(10000);
    expect(Math.min(...counts)).toBeGreaterThan(800);
    await expect(loadMnist({ digits: [5], count: 900 })).rejects.toThrow(/count 900 exceeds the 863 images of digits 5/);
  });

  it('targets: binary halves, parity, centred one-hot', async () => {
    const spec = (extra: object) => datasetSpecSchema.parse({ type: 'mnist', digits: [3, 5, 7, 8], count: 40, ...extra }) as DatasetSpec;
    const binary = await materializeDataset(spec({ target: 'binary' }), 1, { loadDataset });
    // Labels cycle 3, 5, 7, 8: the first half of the listed digits (3, 5) → +1.
    expect(Array.from(binary.targetValues.slice(0, 4))).toEqual([1, 1, -1, -1]);
    const parity = await materializeDataset(spec({ target: 'parity' }), 1, { loadDataset });
    expect(Array.from(parity.targetValues.slice(0, 4))).toEqual([-1, -1, -1, 1]);
    const oneHot = await materializeDataset(spec({ target: 'centred-one-hot', targetClass: 7 }), 1, { loadDataset });
    expect(Array.from(oneHot.targetValues.slice(0, 4))).toEqual([-0.25, -0.25, 0.75, -0.25]);
    expect(oneHot.targetValues.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
    expect(binary.description).toContain('MNIST digits 3,5,7,8: 40 points, d = 784');
  });

  it('without the Node loader the pure side says so', async () => {
    const spec = datasetSpecSchema.parse({ type: 'mnist' });
    await expect(materializeDataset(spec, 1, {})).rejects.toThrow(/this data set needs the Node engine/);
  });
});

describe('CSV', () => {
  it('header row, label column last (default) or by name', async () => {
    const data = await load(file({ path: 'table-header.csv' }));
    expect(rows(data.points)).toEqual(POINTS);
    expect(Array.from(data.labels)).toEqual(LABELS);
    const byName = await load(file({ path: 'table-header.csv', labelColumn: 'x2' }));
    expect(Array.from(byName.labels)).toEqual([0.5, -2, 4, 0]);
    expect(byName.points.cols).toBe(3);
  });

  it('no header, ";" delimiter, comments and blank lines, label column 0, separate labels file, count', async () => {
    const data = await load(file({ path: 'table-noheader-semicolon.csv', labelColumn: 0 }));
    expect(rows(data.points)).toEqual(POINTS);
    expect(Array.from(data.labels)).toEqual(LABELS);
    const withLabels = await load(file({ path: 'table-noheader-semicolon.csv', labelsPath: 'labels.csv' }));
    expect(withLabels.points.cols).toBe(4);
    expect(Array.from(withLabels.labels)).toEqual(LABELS);
    const firstTwo = await load(file({ path: 'table-header.csv', count: 2 }));
    expect(rows(firstTwo.points)).toEqual(POINTS.slice(0, 2));
  });

  it('bad files give errors that name the file and the problem', async () => {
    await expect(load(file({ path: 'bad-ragged.csv' }))).rejects.toThrow(/bad-ragged\.csv: line 3 has 2 fields, expected 3/);
    await expect(load(file({ path: 'bad-value.csv' }))).rejects.toThrow(/bad-value\.csv: line 3, column 2: "abc" is not a finite number/);
    await expect(load(file({ path: 'bad-header-only.csv' }))).rejects.toThrow(/bad-header-only\.csv: has a header but no data rows/);
    await expect(load(file({ path: 'missing.csv' }))).rejects.toThrow(/missing\.csv: cannot read: no such file/);
    await expect(load(file({ path: 'table-header.csv', labelColumn: 'y' }))).rejects.toThrow(/no column named "y" \(columns: x1, x2, x3, label\)/);
    await expect(load(file({ path: 'table-header.csv', labelColumn: 7 }))).rejects.toThrow(/labelColumn 7 is out of range for 4 columns/);
    await expect(load(file({ path: 'table-header.csv', count: 9 }))).rejects.toThrow(/count 9 exceeds its 4 rows/);
    await expect(load(file({ path: 'table.xyz' }))).rejects.toThrow(/cannot tell the format from the extension ".xyz"/);
    expect(() => parseCsv('', 'empty.csv')).toThrow(/empty\.csv: is empty/);
  });
});

describe('NPY', () => {
  it('reads <f8, <f4, v2 headers, u1 and 1-D <i4 / <i8 label files written by numpy', async () => {
    for (const path of ['table-f8.npy', 'table-f4.npy', 'table-v2.npy']) {
      const data = await load(file({ path }));
      expect(rows(data.points)).toEqual(POINTS);
      expect(Array.from(data.labels)).toEqual(LABELS);
    }
    for (const labelsPath of ['labels-i4.npy', 'labels-i8.npy']) {
      const data = await load(file({ path: 'points-f8.npy', labelsPath }));
      expect(rows(data.points)).toEqual(POINTS);
      expect(Array.from(data.labels)).toEqual(LABELS);
    }
    const { readFileSync } = await import('node:fs');
    const pixels = parseNpy(readFileSync(join(fixtures, 'pixels-u1.npy')), 'pixels-u1.npy');
    expect(pixels.shape).toEqual([2, 3]);
    expect(Array.from(pixels.data)).toEqual([0, 128, 255, 1, 2, 3]);
  });

  it('bad files give errors that name the file and the problem', async () => {
    await expect(load(file({ path: 'not-npy.npy' }))).rejects.toThrow(/not-npy\.npy: not an NPY file/);
    await expect(load(file({ path: 'table-fortran.npy' }))).rejects.toThrow(/table-fortran\.npy: Fortran-order NPY arrays are not supported/);
    await expect(load(file({ path: 'table-big-endian.npy' }))).rejects.toThrow(/table-big-endian\.npy: unsupported NPY dtype '>f8' \(big-endian/);
    await expect(load(file({ path: 'table-c16.npy' }))).rejects.toThrow(/unsupported NPY dtype '<c16'/);
    await expect(load(file({ path: 'table-3d.npy' }))).rejects.toThrow(/table-3d\.npy: NPY array must be 1-D or 2-D, got shape \(2, 2, 2\)/);
    await expect(load(file({ path: 'table-truncated.npy' }))).rejects.toThrow(/table-truncated\.npy: truncated NPY data/);
    await expect(load(file({ path: 'points-f8.npy', labelsPath: 'table-f8.npy' }))).rejects.toThrow(/table-f8\.npy: a labels file needs exactly one column, got 4/);
  });
});

describe('label transforms', () => {
  it('binary on file labels uses the distinct labels ascending; errors are clear', () => {
    expect(Array.from(labelsToTargets(Float64Array.from([2, 9, 4, 9]), 'binary'))).toEqual([1, -1, 1, -1]);
    expect(() => labelsToTargets(Float64Array.from([1, 1]), 'binary')).toThrow(/binary needs at least 2 classes/);
    expect(() => labelsToTargets(Float64Array.from([0.5, 1]), 'parity')).toThrow(/parity needs integer labels/);
    expect(() => labelsToTargets(Float64Array.from([0, 1]), 'centred-one-hot', { targetClass: 3 })).toThrow(/no point has label 3/);
    expect(Array.from(labelsToTargets(Float64Array.from([0.5, 2]), 'label'))).toEqual([0.5, 2]);
  });
});
