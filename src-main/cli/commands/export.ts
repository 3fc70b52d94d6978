import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runToCsv, runToJson } from '../../export/data';
import { CliError } from '../errors';
import { openCliStore, type Output } from '../context';
import { toJson } from '../format';
import { parseRunId } from './browse';

export function exportDataCommand(io: Output, idText: string | undefined, opts: { db?: string; format?: string; out?: string; json?: boolean }) {
  const usage = 'usage: rgwb export-data <id> --format csv|json --out PATH';
  const id = parseRunId(idText, usage);
  const format = opts.format ?? (opts.out?.endsWith('.json') ? 'json' : opts.out?.endsWith('.csv') ? 'csv' : undefined);
  if (format !== 'csv' && format !== 'json') throw new CliError(`--format must be csv or json${opts.format ? `, got "${opts.format}"` : ''} (${usage})`);
  if (!opts.out) throw new CliError(`--out PATH is required (${usage})`);
  const store = openCliStore(opts.db);
  try {
    const run = store.getRun(id);
    const arrays = store.getArrays(id);
    const text = format === 'csv' ? runToCsv(run, arrays) : runToJson(run, arrays);
    const path = resolve(opts.out);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    const arrayCount = Object.keys(arrays).length;
    io.out(opts.json ? toJson({ id, format, path, arrays: arrayCount }) : `wrote ${format.toUpperCase()} of run ${id} (${arrayCount} arrays) to ${path}`);
  } finally {
    store.close();
  }
}
