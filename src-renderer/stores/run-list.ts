/**
 * The runs browser's query (filters, sort) as the user edits it, and how it becomes a RunFilter
 * page request for runs.list. Pure, so it is tested without a store.
 */
import { RUN_STATUSES, type RunFilter, type RunStatus } from '../../src-shared/api/runs';

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

/** A typed bound as a number; undefined when empty or not a number (see boundError). */
function bound(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Why a typed bound is not used as a filter, or null when it is fine (or empty: unbounded). */
export function boundError(text: string): string | null {
  const t = text.trim();
  if (t === '' || bound(t) !== undefined) return null;
  return `"${t}" is not a number (e.g. 0.5, 1e-3); this bound is ignored`;
}

/** Messages for one parameter range as typed: per bound, and min > max. */
export function rangeErrors(range: ParamRange): { min: string | null; max: string | null; order: string | null } {
  const min = boundError(range.min);
  const max = boundError(range.max);
  const lo = bound(range.min);
  const hi = bound(range.max);
  const order = lo !== undefined && hi !== undefined && lo > hi ? `min ${lo} is above max ${hi}: no run can match` : null;
  return { min, max, order };
}

const SORT_COLUMNS: readonly RunQuery['sortBy'][] = ['id', 'createdAt', 'name', 'kind', 'status', 'elapsedMs'];

/**
 * A query read back from storage (a reload): every field checked, anything odd replaced by its
 * default, so a stale or hand-edited value can never break the runs view.
 */
export function parseQuery(raw: unknown): RunQuery {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ...DEFAULT_QUERY };
  const r = raw as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const params = Array.isArray(r.params)
    ? r.params
        .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object')
        .map((p) => ({ path: text(p.path), min: text(p.min), max: text(p.max) }))
    : [];
  return {
    kind: text(r.kind),
    tag: text(r.tag),
    status: (RUN_STATUSES as readonly unknown[]).includes(r.status) ? (r.status as RunStatus) : '',
    text: text(r.text),
    params,
    sortBy: SORT_COLUMNS.includes(r.sortBy as RunQuery['sortBy']) ? (r.sortBy as RunQuery['sortBy']) : DEFAULT_QUERY.sortBy,
    sortDir: r.sortDir === 'asc' || r.sortDir === 'desc' ? r.sortDir : DEFAULT_QUERY.sortDir,
  };
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
