/**
 * Data-file export of a run: CSV (one column per array, metrics as leading `#` comment lines that
 * pandas reads with `comment="#"`) or JSON (the full record plus every array as plain numbers).
 */
import type { RunRecord } from '../../src-shared/api/runs';
import type { ArrayResult } from '../../src-shared/experiments/types';

export function runToJson(run: RunRecord, arrays: Record<string, ArrayResult>): string {
  const data = Object.fromEntries(
    Object.entries(arrays).map(([name, a]) => [
      name,
      { dtype: a.dtype, shape: a.shape, description: a.description ?? null, data: Array.from(a.data, (x) => (Number.isFinite(x) ? x : null)) },
    ]),
  );
  return JSON.stringify({ ...run, arrays: data }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/**
 * CSV: 1-D arrays become columns; an r×c array becomes columns name[0]..name[c−1] over r rows.
 * Shorter columns are left empty below their end; non-finite values are written empty.
 */
export function runToCsv(run: RunRecord, arrays: Record<string, ArrayResult>): string {
  const lines: string[] = [];
  lines.push(`# run ${run.id}: ${run.name} (${run.kind}, ${run.status}, seed ${run.seed})`);
  lines.push(`# spec ${JSON.stringify(run.spec)}`);
  for (const [name, value] of Object.entries(run.metrics)) lines.push(`# metric ${name} = ${value === null ? '' : repr(value)}`);
  const columns: { header: string; values: (i: number) => number; length: number }[] = [];
  for (const [name, a] of Object.entries(arrays)) {
    if (a.shape.length <= 1) {
      columns.push({ header: name, values: (i) => a.data[i], length: a.data.length });
    } else if (a.shape.length === 2) {
      const [rows, cols] = a.shape;
      for (let j = 0; j < cols; j++) columns.push({ header: `${name}[${j}]`, values: (i) => a.data[i * cols + j], length: rows });
    } else {
      lines.push(`# array ${name} with shape ${a.shape.join('×')} is not written to CSV; use --format json`);
    }
  }
  if (columns.length === 0) return lines.join('\n') + '\n';
  lines.push(columns.map((c) => csvField(c.header)).join(','));
  const rows = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < rows; i++) {
    lines.push(columns.map((c) => (i < c.length && Number.isFinite(c.values(i)) ? repr(c.values(i)) : '')).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Shortest round-tripping decimal for a float64. */
function repr(x: number): string {
  return String(x);
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
