import type { ArrayInfo, RunEnvironment, RunStatus, RunSummary } from '../../src-shared/api/runs';

/** A `runs` row as SELECTed with `SUMMARY_COLUMNS`. */
export interface SummaryRow {
  id: number;
  kind: string;
  name: string;
  status: RunStatus;
  seed: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  elapsed_ms: number | null;
  backend: string | null;
}

/** A full `runs` row. */
export interface RunRow extends SummaryRow {
  spec_json: string;
  app_version: string | null;
  node_version: string | null;
  environment_json: string | null;
  error: string | null;
  notes: string;
  diagnostics_json: string;
  owner_pid: number | null;
  owner_host: string | null;
}

export interface ArrayInfoRow {
  name: string;
  dtype: 'float64';
  shape_json: string;
  description: string | null;
}

export interface ArrayRow extends ArrayInfoRow {
  data: Buffer;
}

export function toSummary(
  row: SummaryRow,
  tags: readonly string[],
  metrics: Readonly<Record<string, number | null>>,
): RunSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    seed: row.seed,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    elapsedMs: row.elapsed_ms,
    backend: row.backend,
    tags,
    metrics,
  };
}

export function toArrayInfo(row: ArrayInfoRow): ArrayInfo {
  return {
    name: row.name,
    dtype: row.dtype,
    shape: parseJson<number[]>(row.shape_json, []),
    description: row.description,
  };
}

export function parseEnvironment(row: RunRow): RunEnvironment | null {
  return parseJson<RunEnvironment | null>(row.environment_json, null);
}

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  return JSON.parse(text) as T;
}
