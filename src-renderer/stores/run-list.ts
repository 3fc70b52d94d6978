/**
 * The runs browser's query (filters, sort) as the user edits it, and how it becomes a RunFilter
 * page request for runs.list. Pure, so it is tested without a store.
 */
import type { RunFilter, RunStatus } from '../../src-shared/api/runs';

export const PAGE_SIZE = 100;

export interface ParamRange {
  readonly path: string;
  /** As typed; empty means unbounded. */
  readonly min: string;
  readonly max: string;
}

export interface RunQuery {
  readonly kind: string;
  readonly tag: string;
  readonly status: RunStatus | '';
  readonly text: string;
  readonly params: readonly ParamRange[];
  readonly sortBy: NonNullable<RunFilter['sortBy']>;
  readonly sortDir: NonNullable<RunFilter['sortDir']>;
}

export const DEFAULT_QUERY: RunQuery = { kind: '', tag: '', status: '', text: '', params: [], sortBy: 'id', sortDir: 'desc' };

function bound(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** The runs.list request for one page of the query (empty filters are left out). */
export function toRunFilter(query: RunQuery, offset: number, limit = PAGE_SIZE): RunFilter {
  const params: Record<string, { min?: number; max?: number }> = {};
  for (const range of query.params) {
    const path = range.path.trim();
    if (!path) continue;
    const min = bound(range.min);
    const max = bound(range.max);
    if (min === undefined && max === undefined) continue;
    params[path] = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  }
  return {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.text.trim() ? { text: query.text.trim() } : {}),
    ...(Object.keys(params).length ? { params } : {}),
    sortBy: query.sortBy,
    sortDir: query.sortDir,
    offset,
    limit,
  };
}

/** Page indices covering rows [start, end). */
export function pagesFor(start: number, end: number, pageSize = PAGE_SIZE): number[] {
  if (end <= start) return [];
  const first = Math.floor(Math.max(0, start) / pageSize);
  const last = Math.floor((end - 1) / pageSize);
  const out: number[] = [];
  for (let p = first; p <= last; p++) out.push(p);
  return out;
}
