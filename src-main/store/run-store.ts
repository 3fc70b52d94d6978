import type Database from 'better-sqlite3';
import type { RunEnvironment, RunFilter, RunPage, RunRecord, RunStatus, RunSummary } from '../../src-shared/api/runs';
import type { ArrayResult, ExperimentResult } from '../../src-shared/experiments/types';
import { decodeArray, encodeResult, flattenNumericParams, type EncodedResult } from './codec';
import { ArrayNotFoundError, RunNotFoundError, RunStateError, StoreInputError } from './errors';
import { buildListQuery } from './list-query';
import { currentHost, isProcessAlive } from './liveness';
import { schemaVersion } from './migrate';
import { parseEnvironment, parseJson, toArrayInfo, toSummary, type ArrayInfoRow, type ArrayRow, type RunRow, type SummaryRow } from './rows';

export interface CreateRunInput {
  readonly kind: string;
  readonly name: string;
  /** The validated spec (defaults filled in); stored as JSON, numeric leaves indexed as params. */
  readonly spec: Record<string, unknown>;
  readonly seed: number;
  readonly environment?: RunEnvironment | null;
  readonly tags?: readonly string[];
  readonly notes?: string;
}

export interface CompleteRunOptions {
  readonly status: 'succeeded' | 'cancelled';
  readonly elapsedMs: number;
  /** Replaces the environment recorded at creation (e.g. the backend actually used). */
  readonly environment?: RunEnvironment;
}

export interface RunStoreOptions {
  /** Clock for timestamps (tests); defaults to `new Date()`. */
  readonly now?: () => Date;
}

/** Statuses a run may still leave; everything else is final. */
const OPEN_STATUSES: readonly RunStatus[] = ['queued', 'running'];

/**
 * The run repository over one better-sqlite3 connection. Every write is a short synchronous
 * `BEGIN IMMEDIATE` transaction (so concurrent processes queue on `busy_timeout` instead of
 * failing), and every multi-statement read runs in one read transaction (one snapshot).
 * Obtain one with `openStore`.
 */
export class RunStore {
  private readonly now: () => Date;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    readonly path: string,
    options: RunStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /**
   * Runs `fn` in one write transaction; store calls inside it join it (as savepoints).
   * For bulk imports; keep `fn` synchronous and short, other processes wait while it runs.
   */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Inserts a 'queued' run owned by this process, with its params and tags; returns its id. */
  createRun(input: CreateRunInput): number {
    if (typeof input.kind !== 'string' || input.kind === '') throw new StoreInputError('kind must be a non-empty string');
    if (typeof input.name !== 'string') throw new StoreInputError('name must be a string');
    if (!Number.isSafeInteger(input.seed)) throw new StoreInputError(`seed must be an integer, not ${input.seed}`);
    if (input.spec === null || typeof input.spec !== 'object' || Array.isArray(input.spec)) {
      throw new StoreInputError('spec must be an object');
    }
    const specJson = JSON.stringify(input.spec);
    const params = flattenNumericParams(input.spec);
    const tags = normaliseTags(input.tags ?? []);
    const env = input.environment ?? null;
    const insert = this.sql(`
      INSERT INTO runs (kind, name, spec_json, seed, status, created_at, app_version, node_version, backend,
                        environment_json, notes, owner_pid, owner_host)
      VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertParam = this.sql('INSERT INTO run_params (run_id, path, value) VALUES (?, ?, ?)');
    const insertTag = this.sql('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)');
    return this.batch(() => {
      const id = Number(
        insert.run(
          input.kind, input.name, specJson, input.seed, this.timestamp(),
          env?.appVersion ?? null, env?.nodeVersion ?? null, env?.backend ?? null,
          env === null ? null : JSON.stringify(env), input.notes ?? '', process.pid, currentHost(),
        ).lastInsertRowid,
      );
      for (const [path, value] of params) insertParam.run(id, path, value);
      for (const tag of tags) insertTag.run(id, tag);
      return id;
    });
  }

  /** queued → running; records the start time and this process as owner. */
  markRunning(id: number): void {
    this.batch(() => {
      this.requireStatus(id, ['queued'], 'mark it running');
      this.sql(`UPDATE runs SET status = 'running', started_at = ?, owner_pid = ?, owner_host = ? WHERE id = ?`).run(
        this.timestamp(), process.pid, currentHost(), id,
      );
    });
  }

  /** queued|running → succeeded|cancelled, writing metrics, arrays and diagnostics at once. */
  completeRun(id: number, result: ExperimentResult, options: CompleteRunOptions): void {
    if (options.status !== 'succeeded' && options.status !== 'cancelled') {
      throw new StoreInputError(`a run completes as succeeded or cancelled, not ${JSON.stringify(options.status)}`);
    }
    const encoded = encodeResult(result); // outside the lock: validation and copying can be slow
    const elapsedMs = checkElapsed(options.elapsedMs);
    const env = options.environment;
    this.batch(() => {
      this.requireStatus(id, OPEN_STATUSES, `complete it as ${options.status}`);
      this.writeResult(id, encoded);
      this.sql('UPDATE runs SET status = ?, finished_at = ?, elapsed_ms = ? WHERE id = ?').run(
        options.status, this.timestamp(), elapsedMs, id,
      );
      if (env !== undefined) {
        this.sql('UPDATE runs SET app_version = ?, node_version = ?, backend = ?, environment_json = ? WHERE id = ?').run(
          env.appVersion, env.nodeVersion, env.backend, JSON.stringify(env), id,
        );
      }
    });
  }

  /** queued|running → failed, keeping whatever partial results there are. */
  failRun(id: number, errorText: string, elapsedMs: number, partial?: ExperimentResult): void {
    const encoded = partial === undefined ? undefined : encodeResult(partial);
    const elapsed = checkElapsed(elapsedMs);
    this.batch(() => {
      this.requireStatus(id, OPEN_STATUSES, 'mark it failed');
      if (encoded !== undefined) this.writeResult(id, encoded);
      this.sql(`UPDATE runs SET status = 'failed', finished_at = ?, elapsed_ms = ?, error = ? WHERE id = ?`).run(
        this.timestamp(), elapsed, String(errorText), id,
      );
    });
  }

  /**
   * Marks as 'interrupted' the queued or running rows whose owner process on this host is gone
   * (crash, kill, power loss). Rows owned by live processes or by other hosts are left alone.
   * Returns how many rows changed. `openStore` calls it.
   */
  recoverInterrupted(): number {
    const host = currentHost();
    const candidates = this.sql(`
      SELECT id, owner_pid FROM runs
       WHERE status IN ('queued', 'running') AND owner_host = ? AND owner_pid IS NOT NULL`).all(host) as Array<{
      id: number;
      owner_pid: number;
    }>;
    const dead = candidates.filter((row) => !isProcessAlive(row.owner_pid));
    if (dead.length === 0) return 0;
    const update = this.sql(`
      UPDATE runs SET status = 'interrupted', finished_at = ?,
             error = 'interrupted: process ' || owner_pid || ' on ' || owner_host || ' ended before the run finished'
       WHERE id = ? AND status IN ('queued', 'running') AND owner_pid = ? AND owner_host = ?`);
    return this.batch(() => {
      const at = this.timestamp();
      let changed = 0;
      for (const row of dead) changed += update.run(at, row.id, row.owner_pid, host).changes;
      return changed;
    });
  }

  /** The full record of a run; throws RunNotFoundError for an unknown id. */
  getRun(id: number): RunRecord {
    const run = this.findRun(id);
    if (run === undefined) throw new RunNotFoundError(id);
    return run;
  }

  /** The full record of a run, or undefined for an unknown id. */
  findRun(id: number): RunRecord | undefined {
    return this.db
      .transaction((): RunRecord | undefined => {
        const row = this.sql('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
        if (row === undefined) return undefined;
        const arrays = this.sql(
          'SELECT name, dtype, shape_json, description FROM run_arrays WHERE run_id = ? ORDER BY rowid',
        ).all(id) as ArrayInfoRow[];
        return {
          ...toSummary(row, this.tagsOf([id]).get(id) ?? [], this.metricsOf([id]).get(id) ?? {}),
          spec: parseJson<Record<string, unknown>>(row.spec_json, {}),
          environment: parseEnvironment(row),
          notes: row.notes,
          error: row.error,
          diagnostics: parseJson<string[]>(row.diagnostics_json, []),
          arrays: arrays.map(toArrayInfo),
        };
      })
      .deferred();
  }

  getArray(id: number, name: string): ArrayResult {
    return this.db
      .transaction(() => {
        const row = this.sql('SELECT * FROM run_arrays WHERE run_id = ? AND name = ?').get(id, name) as
          | ArrayRow
          | undefined;
        if (row !== undefined) return decodeArray(id, row);
        this.requireRun(id);
        throw new ArrayNotFoundError(id, name);
      })
      .deferred();
  }

  /** All arrays of a run by name, in the order they were written. */
  getArrays(id: number): Record<string, ArrayResult> {
    return this.db
      .transaction(() => {
        this.requireRun(id);
        const rows = this.sql('SELECT * FROM run_arrays WHERE run_id = ? ORDER BY rowid').all(id) as ArrayRow[];
        return Object.fromEntries(rows.map((row) => [row.name, decodeArray(id, row)]));
      })
      .deferred();
  }

  /** One page of runs matching the filter, newest first by default, with the total match count. */
  listRuns(filter: RunFilter = {}): RunPage {
    const query = buildListQuery(filter);
    return this.db
      .transaction((): RunPage => {
        const { total } = this.db.prepare(query.countSql).get(...query.params) as { total: number };
        const rows = this.db.prepare(query.pageSql).all(...query.params, query.limit, query.offset) as SummaryRow[];
        const ids = rows.map((r) => r.id);
        const tags = this.tagsOf(ids);
        const metrics = this.metricsOf(ids);
        const runs: RunSummary[] = rows.map((r) => toSummary(r, tags.get(r.id) ?? [], metrics.get(r.id) ?? {}));
        return { total, runs };
      })
      .deferred();
  }

  /** Every tag in use with its run count, alphabetically (for filter menus). */
  listTags(): Array<{ tag: string; count: number }> {
    return this.sql('SELECT tag, count(*) AS count FROM run_tags GROUP BY tag ORDER BY tag').all() as Array<{
      tag: string;
      count: number;
    }>;
  }

  /** Adds tags (trimmed; duplicates ignored); returns the run's tags afterwards. */
  addTags(id: number, tags: readonly string[]): string[] {
    const clean = normaliseTags(tags);
    const insert = this.sql('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)');
    return this.batch(() => {
      this.requireRun(id);
      for (const tag of clean) insert.run(id, tag);
      return [...(this.tagsOf([id]).get(id) ?? [])];
    });
  }

  /** Removes tags (absent ones ignored); returns the run's tags afterwards. */
  removeTags(id: number, tags: readonly string[]): string[] {
    const clean = normaliseTags(tags);
    const remove = this.sql('DELETE FROM run_tags WHERE run_id = ? AND tag = ?');
    return this.batch(() => {
      this.requireRun(id);
      for (const tag of clean) remove.run(id, tag);
      return [...(this.tagsOf([id]).get(id) ?? [])];
    });
  }

  setNotes(id: number, notes: string): void {
    this.updateColumn(id, 'notes', String(notes));
  }

  setName(id: number, name: string): void {
    this.updateColumn(id, 'name', String(name));
  }

  /** Deletes runs with their metrics, arrays, tags and params; unknown ids are skipped. Returns the count deleted. */
  deleteRuns(ids: readonly number[]): number {
    const remove = this.sql('DELETE FROM runs WHERE id = ?');
    return this.batch(() => ids.reduce((n, id) => n + remove.run(id).changes, 0));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private updateColumn(id: number, column: 'notes' | 'name', value: string): void {
    this.batch(() => {
      if (this.sql(`UPDATE runs SET ${column} = ? WHERE id = ?`).run(value, id).changes === 0) {
        throw new RunNotFoundError(id);
      }
    });
  }

  private writeResult(id: number, result: EncodedResult): void {
    const metric = this.sql(`
      INSERT INTO run_metrics (run_id, name, value) VALUES (?, ?, ?)
      ON CONFLICT (run_id, name) DO UPDATE SET value = excluded.value`);
    const array = this.sql(`
      INSERT INTO run_arrays (run_id, name, dtype, shape_json, data, description) VALUES (?, ?, 'float64', ?, ?, ?)
      ON CONFLICT (run_id, name) DO UPDATE SET
        dtype = excluded.dtype, shape_json = excluded.shape_json, data = excluded.data, description = excluded.description`);
    for (const [name, value] of result.metrics) metric.run(id, name, value);
    for (const a of result.arrays) array.run(id, a.name, a.shapeJson, a.data, a.description);
    this.sql('UPDATE runs SET diagnostics_json = ? WHERE id = ?').run(result.diagnosticsJson, id);
  }

  private requireRun(id: number): void {
    if (this.sql('SELECT 1 FROM runs WHERE id = ?').get(id) === undefined) throw new RunNotFoundError(id);
  }

  private requireStatus(id: number, allowed: readonly RunStatus[], action: string): void {
    const row = this.sql('SELECT status FROM runs WHERE id = ?').get(id) as { status: RunStatus } | undefined;
    if (row === undefined) throw new RunNotFoundError(id);
    if (!allowed.includes(row.status)) throw new RunStateError(id, row.status, action);
  }

  private tagsOf(ids: readonly number[]): Map<number, string[]> {
    const out = new Map<number, string[]>();
    if (ids.length === 0) return out;
    const rows = this.sql(
      'SELECT run_id, tag FROM run_tags WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, tag',
    ).all(JSON.stringify(ids)) as Array<{ run_id: number; tag: string }>;
    for (const { run_id, tag } of rows) {
      const list = out.get(run_id);
      if (list === undefined) out.set(run_id, [tag]);
      else list.push(tag);
    }
    return out;
  }

  private metricsOf(ids: readonly number[]): Map<number, Record<string, number | null>> {
    const out = new Map<number, Record<string, number | null>>();
    if (ids.length === 0) return out;
    const rows = this.sql(
      'SELECT run_id, name, value FROM run_metrics WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, name',
    ).all(JSON.stringify(ids)) as Array<{ run_id: number; name: string; value: number | null }>;
    for (const { run_id, name, value } of rows) {
      let record = out.get(run_id);
      if (record === undefined) out.set(run_id, (record = {}));
      record[name] = value;
    }
    return out;
  }

  /** A prepared statement, compiled once per connection. */
  private sql(source: string): Database.Statement {
    let statement = this.statements.get(source);
    if (statement === undefined) this.statements.set(source, (statement = this.db.prepare(source)));
    return statement;
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}

function normaliseTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of tags) {
    const tag = typeof raw === 'string' ? raw.trim() : '';
    if (tag === '') throw new StoreInputError(`tags must be non-empty strings, got ${JSON.stringify(raw)}`);
    out.add(tag);
  }
  return [...out];
}

function checkElapsed(elapsedMs: number): number {
  if (typeof elapsedMs !== 'number' || !Number.isFinite(elapsedMs) || elapsedMs < 0) {
    throw new StoreInputError(`elapsedMs must be a non-negative number, not ${elapsedMs}`);
  }
  return elapsedMs;
}
