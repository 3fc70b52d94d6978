/**
 * Data sets from CSV / NPY files on disk; parsing is the pure code of src-shared/experiments/data-files.
 * Errors name the file and the problem.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { FileDatasetSpec, LoadedDataset } from '../../../src-shared/experiments/datasets';
import { DatasetFormatError, npyTable, parseCsv, tableToDataset, type NumericTable } from '../../../src-shared/experiments/data-files';

export function fileFormat(path: string, format?: 'csv' | 'npy'): 'csv' | 'npy' {
  if (format) return format;
  const ext = extname(path).toLowerCase();
  if (ext === '.npy') return 'npy';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  throw new DatasetFormatError(path, `cannot tell the format from the extension "${ext}"; set format to "csv" or "npy"`);
}

export async function readTable(path: string, format: 'csv' | 'npy', baseDir: string): Promise<NumericTable> {
  const full = resolve(baseDir, path);
  let bytes: Buffer;
  try {
    bytes = await readFile(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new DatasetFormatError(full, `cannot read: ${why}`);
  }
  if (format === 'npy') return npyTable(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), full);
  return parseCsv(bytes.toString('utf8'), full);
}

export async function loadDatasetFile(spec: FileDatasetSpec, baseDir = process.cwd()): Promise<LoadedDataset> {
  const format = fileFormat(spec.path, spec.format);
  const table = await readTable(spec.path, format, baseDir);
  const labels = spec.labelsPath ? await readTable(spec.labelsPath, fileFormat(spec.labelsPath, spec.format), baseDir) : undefined;
  const file = resolve(baseDir, spec.path);
  const data = tableToDataset(table, file, spec.labelColumn, labels, spec.labelsPath ? resolve(baseDir, spec.labelsPath) : undefined);
  if (spec.count === undefined) return data;
  if (spec.count > data.points.rows) throw new DatasetFormatError(file, `count ${spec.count} exceeds its ${data.points.rows} rows`);
  const d = data.points.cols;
  return {
    points: { rows: spec.count, cols: d, data: data.points.data.slice(0, spec.count * d) },
    labels: data.labels.slice(0, spec.count),
  };
}
