/**
 * Data files for the Monte-Carlo kinds, parsed from strings and bytes (pure: the Node side reads
 * the files, src-main/engine/datasets): numeric CSV with an optional header, NPY v1–v3, and the
 * step from a table to points + labels. Errors name the file and the problem.
 */
import type { LoadedDataset } from './datasets';
// ---------------------------------------------------------------------------------------------
// CSV

export interface NumericTable {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values. */
  readonly data: Float64Array;
  /** Column names when the file has a header row. */
  readonly header: string[] | null;
}

/** Thrown for a data file that cannot be used; the message names the file and the problem. */
export class DatasetFormatError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DatasetFormatError';
  }
}

function unquote(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/**
 * Parses a numeric CSV: delimiter ',' (or ';' / tab when a line has no comma), an optional header
 * row (detected when its first line is not all numbers), blank lines and lines starting with '#'
 * skipped. Every other row must have the same number of numeric fields.
 */
export function parseCsv(text: string, file: string): NumericTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let delimiter: string | null = null;
  let header: string[] | null = null;
  let cols = -1;
  const values: number[] = [];
  let rows = 0;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    delimiter ??= line.includes(',') ? ',' : line.includes(';') ? ';' : line.includes('\t') ? '\t' : ',';
    const fields = line.split(delimiter).map(unquote);
    if (cols < 0) {
      cols = fields.length;
      if (fields.some((f) => f === '' || !Number.isFinite(Number(f)))) {
        header = fields;
        continue;
      }
    }
    if (fields.length !== cols) {
      throw new DatasetFormatError(file, `line ${li + 1} has ${fields.length} fields, expected ${cols} (as in the first row)`);
    }
    for (let j = 0; j < cols; j++) {
      const f = fields[j];
      const v = f === '' ? NaN : Number(f);
      if (!Number.isFinite(v)) throw new DatasetFormatError(file, `line ${li + 1}, column ${j + 1}: "${f}" is not a finite number`);
      values.push(v);
    }
    rows++;
  }
  if (rows === 0) throw new DatasetFormatError(file, header ? 'has a header but no data rows' : 'is empty');
  return { rows, cols, data: Float64Array.from(values), header };
}

// ---------------------------------------------------------------------------------------------
// NPY (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html)

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const NPY_DTYPES: Record<string, { size: number; read: (v: DataView, o: number) => number }> = {
  '<f8': { size: 8, read: (v, o) => v.getFloat64(o, true) },
  '<f4': { size: 4, read: (v, o) => v.getFloat32(o, true) },
  '<i8': { size: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
  '<i4': { size: 4, read: (v, o) => v.getInt32(o, true) },
  '|u1': { size: 1, read: (v, o) => v.getUint8(o) },
  '|i1': { size: 1, read: (v, o) => v.getInt8(o) },
};

/**
 * Parses an NPY file (format versions 1.0, 2.0, 3.0) holding a 1-D or 2-D C-order array of one of
 * '<f8', '<f4', '<i8', '<i4', '|u1' ('u1'), '|i1' into float64.
 */
export function parseNpy(bytes: Uint8Array, file: string): { shape: number[]; data: Float64Array } {
  if (bytes.length < 10 || NPY_MAGIC.some((b, i) => bytes[i] !== b)) throw new DatasetFormatError(file, 'not an NPY file (missing the \\x93NUMPY magic string)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new DatasetFormatError(file, 'truncated NPY header');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw new DatasetFormatError(file, `unsupported NPY format version ${major}.${bytes[7]} (supported: 1.0, 2.0, 3.0)`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw new DatasetFormatError(file, 'truncated NPY header');
  // The header is an ASCII Python dict literal (v3 allows UTF-8, only in field names we ignore).
  let header = '';
  for (let i = headerStart; i < dataStart; i++) header += String.fromCharCode(bytes[i]);
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new DatasetFormatError(file, `malformed NPY header: ${JSON.stringify(header.trim().slice(0, 120))}${header.trim().length > 120 ? '…' : ''}`);
  const dtypeName = descr === 'u1' ? '|u1' : descr === 'i1' ? '|i1' : descr;
  const dtype = NPY_DTYPES[dtypeName];
  if (!dtype) {
    const hint = descr.startsWith('>') ? ' (big-endian; save with a little-endian dtype, e.g. arr.astype("<f8"))' : '';
    throw new DatasetFormatError(file, `unsupported NPY dtype '${descr}'${hint}; supported: ${Object.keys(NPY_DTYPES).join(', ')}`);
  }
  if (fortran === 'True') throw new DatasetFormatError(file, 'Fortran-order NPY arrays are not supported; save with np.ascontiguousarray(arr)');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.length < 1 || shape.length > 2 || shape.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new DatasetFormatError(file, `NPY array must be 1-D or 2-D, got shape (${shapeText.trim()})`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = dataStart + count * dtype.size;
  if (bytes.length < expected) throw new DatasetFormatError(file, `truncated NPY data: shape (${shape.join(', ')}) needs ${count * dtype.size} bytes, the file has ${bytes.length - dataStart}`);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = dtype.read(view, dataStart + i * dtype.size);
    if (!Number.isFinite(v)) throw new DatasetFormatError(file, `value ${i} is not finite (${v})`);
    data[i] = v;
  }
  return { shape, data };
}

/** A 2-D table from an NPY array (a 1-D array is one column). */
export function npyTable(bytes: Uint8Array, file: string): NumericTable {
  const { shape, data } = parseNpy(bytes, file);
  return { rows: shape[0], cols: shape.length === 2 ? shape[1] : 1, data, header: null };
}

/**
 * Splits a table into points and labels: the label column (index, negative from the end, or a
 * header name) out, every other column a feature. With `labels` given, all columns are features.
 */
export function tableToDataset(table: NumericTable, file: string, labelColumn: number | string, labels?: NumericTable, labelsFile?: string): LoadedDataset {
  if (labels) {
    if (labels.cols !== 1) throw new DatasetFormatError(labelsFile ?? file, `a labels file needs exactly one column, got ${labels.cols}`);
    if (labels.rows !== table.rows) throw new DatasetFormatError(labelsFile ?? file, `has ${labels.rows} labels but ${file} has ${table.rows} rows`);
    return { points: { rows: table.rows, cols: table.cols, data: table.data }, labels: Float64Array.from(labels.data) };
  }
  let col: number;
  if (typeof labelColumn === 'string') {
    col = table.header?.indexOf(labelColumn) ?? -1;
    if (col < 0) throw new DatasetFormatError(file, table.header ? `no column named "${labelColumn}" (columns: ${table.header.join(', ')})` : `has no header row, so labelColumn "${labelColumn}" cannot be found; give a column index`);
  } else {
    col = labelColumn < 0 ? table.cols + labelColumn : labelColumn;
    if (col < 0 || col >= table.cols) throw new DatasetFormatError(file, `labelColumn ${labelColumn} is out of range for ${table.cols} columns`);
  }
  if (table.cols < 2) throw new DatasetFormatError(file, 'needs at least 2 columns (features and a label column), or a separate labels file');
  const d = table.cols - 1;
  const points = new Float64Array(table.rows * d);
  const out = new Float64Array(table.rows);
  for (let i = 0; i < table.rows; i++) {
    let k = 0;
    for (let j = 0; j < table.cols; j++) {
      const v = table.data[i * table.cols + j];
      if (j === col) out[i] = v;
      else points[i * d + k++] = v;
    }
  }
  return { points: { rows: table.rows, cols: d, data: points }, labels: out };
}
