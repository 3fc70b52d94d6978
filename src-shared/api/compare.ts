import type { Comparison } from './contract';
import type { RunRecord } from './runs';
import { flattenSpec } from '../experiments/spec-edit';

/** Parameters side by side (with which differ) and metrics side by side, for the given runs. */
export function compareRuns(runs: readonly RunRecord[]): Comparison {
  const flat = runs.map((r) => flattenSpec({ kind: r.kind, ...r.spec }));
  const paths = [...new Set(flat.flatMap((f) => Object.keys(f)))].sort();
  const parameters = paths.map((path) => {
    const values = flat.map((f) => f[path]);
    const first = JSON.stringify(values[0]);
    return { path, values, differs: values.some((v) => JSON.stringify(v) !== first) };
  });
  const metricNames = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))];
  const metrics = metricNames.map((name) => ({ name, values: runs.map((r) => (name in r.metrics ? r.metrics[name] : null)) }));
  return { runs: runs.map((r) => ({ id: r.id, name: r.name, kind: r.kind, status: r.status })), parameters, metrics };
}
