import { RUN_STATUSES, type RunFilter } from '../../src-shared/api/runs';
import { StoreInputError } from './errors';

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

/** Sortable columns: the only strings ever placed into ORDER BY. */
const SORT_COLUMNS: Readonly<Record<NonNullable<RunFilter['sortBy']>, string>> = {
  id: 'r.id',
  createdAt: 'r.created_at',
  name: 'r.name COLLATE NOCASE',
  kind: 'r.kind',
  status: 'r.status',
  elapsedMs: 'r.elapsed_ms',
};

export interface ListQuery {
  /** Selects the page's run rows (`SUMMARY_COLUMNS`); bind `params` then limit and offset. */
  readonly pageSql: string;
  readonly countSql: string;
  readonly params: readonly (string | number)[];
  readonly limit: number;
  readonly offset: number;
}

export const SUMMARY_COLUMNS =
  'r.id, r.kind, r.name, r.status, r.seed, r.created_at, r.started_at, r.finished_at, r.elapsed_ms, r.backend';

/** `%`, `_` and the escape character itself match literally in `LIKE … ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Builds the list and count queries for a filter. Every user value is a bound parameter; the
 * sort column comes from a whitelist. Tag and parameter filters are `id IN (subquery)` over the
 * `run_tags_tag` and `run_params_path_value` indexes; kind and status use their indexes.
 * Text search is `LIKE '%…%'` (ASCII case-insensitive) and therefore scans the candidate rows.
 */
export function buildListQuery(filter: RunFilter = {}): ListQuery {
  const where: string[] = [];
  const params: (string | number)[] = [];

  if (filter.kind !== undefined) {
    where.push('r.kind = ?');
    params.push(filter.kind);
  }
  if (filter.status !== undefined) {
    if (!(RUN_STATUSES as readonly string[]).includes(filter.status)) {
      throw new StoreInputError(`unknown status ${JSON.stringify(filter.status)}`);
    }
    where.push('r.status = ?');
    params.push(filter.status);
  }
  if (filter.tag !== undefined) {
    where.push('r.id IN (SELECT t.run_id FROM run_tags t WHERE t.tag = ?)');
    params.push(filter.tag);
  }
  if (filter.text !== undefined && filter.text !== '') {
    const pattern = `%${escapeLike(filter.text)}%`;
    where.push("(r.name LIKE ? ESCAPE '\\' OR r.kind LIKE ? ESCAPE '\\' OR r.notes LIKE ? ESCAPE '\\')");
    params.push(pattern, pattern, pattern);
  }
  for (const [path, range] of Object.entries(filter.params ?? {})) {
    const conditions = ['p.path = ?'];
    params.push(path);
    if (range.min !== undefined) {
      checkNumber(path, 'min', range.min);
      conditions.push('p.value >= ?');
      params.push(range.min);
    }
    if (range.max !== undefined) {
      checkNumber(path, 'max', range.max);
      conditions.push('p.value <= ?');
      params.push(range.max);
    }
    where.push(`r.id IN (SELECT p.run_id FROM run_params p WHERE ${conditions.join(' AND ')})`);
  }

  const sortBy = filter.sortBy ?? 'id';
  const column = Object.hasOwn(SORT_COLUMNS, sortBy) ? SORT_COLUMNS[sortBy] : undefined;
  if (column === undefined) throw new StoreInputError(`cannot sort runs by ${JSON.stringify(sortBy)}`);
  const sortDir = filter.sortDir ?? 'desc';
  if (sortDir !== 'asc' && sortDir !== 'desc') {
    throw new StoreInputError(`sort direction must be "asc" or "desc", not ${JSON.stringify(sortDir)}`);
  }
  const dir = sortDir === 'asc' ? 'ASC' : 'DESC';
  const order = sortBy === 'id' ? `r.id ${dir}` : `${column} ${dir} NULLS LAST, r.id ${dir}`;

  const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
  const offset = filter.offset ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new StoreInputError(`limit must be a positive integer, not ${limit}`);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new StoreInputError(`offset must be a non-negative integer, not ${offset}`);

  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return {
    pageSql: `SELECT ${SUMMARY_COLUMNS} FROM runs r ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    countSql: `SELECT count(*) AS total FROM runs r ${whereSql}`,
    params,
    limit: Math.min(limit, MAX_LIST_LIMIT),
    offset,
  };
}

function checkNumber(path: string, bound: string, value: number): void {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new StoreInputError(`parameter ${JSON.stringify(path)}: ${bound} must be a number`);
  }
}
