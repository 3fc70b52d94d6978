import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  openDatabase,
  openStore,
  StoreOpenError,
  StoreVersionError,
  type Migration,
} from '../../src-main/store';
import { ENVIRONMENT, tempDir } from '../fixtures/store/helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

function names(db: Database.Database, type: 'table' | 'index'): string[] {
  return (db.prepare('SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE ? ORDER BY name').all(type, 'sqlite_%') as Array<{ name: string }>).map(
    (r) => r.name,
  );
}

describe('opening a run database', () => {
  it('creates the file and parent folders, migrates to the latest version, sets the pragmas', () => {
    const file = tmp.file('nested/deeper/runs.sqlite');
    const store = openStore(file);
    try {
      expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(store.db.pragma('application_id', { simple: true })).toBe(0x52475742);
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(10_000);
    } finally {
      store.close();
    }
  });

  it('reopens idempotently, keeping data and applying nothing', () => {
    const file = tmp.file();
    const first = openDatabase(file);
    expect(first.migration).toMatchObject({ from: 0, to: LATEST_SCHEMA_VERSION, applied: ['001-initial'] });
    first.db.close();
    const store = openStore(file);
    const id = store.createRun({ kind: 'k', name: 'kept', spec: { seed: 1 }, seed: 1, environment: ENVIRONMENT });
    store.close();
    const again = openDatabase(file);
    expect(again.migration).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] });
    again.db.close();
    const reopened = openStore(file);
    expect(reopened.getRun(id).name).toBe('kept');
    reopened.close();
  });

  it('migration list is numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('refuses a database written by a newer build, without changing it', () => {
    const file = tmp.file();
    openStore(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 5');
    raw.close();
    const before = readFileSync(file);
    expect(() => openStore(file)).toThrow(StoreVersionError);
    expect(() => openStore(file)).toThrow(
      `database ${file} was written by a newer RG Workbench (schema v5, this build knows v${LATEST_SCHEMA_VERSION}); ` +
        'upgrade the app or use --db to choose another file',
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite, naming the path, and leaves it untouched', () => {
    const file = tmp.file('notes.txt');
    const text = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(file, text);
    let error: unknown;
    try {
      openStore(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('is not a SQLite database');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it("refuses another application's SQLite database without converting it to WAL", () => {
    const file = tmp.file('other.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE contacts (name TEXT)');
    raw.close();
    expect(() => openStore(file)).toThrow(/is a SQLite database but not an RG Workbench run database/);
    const check = new Database(file);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('accepts an existing empty file as a new database', () => {
    const file = tmp.file();
    writeFileSync(file, '');
    const store = openStore(file);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    store.close();
  });
});

describe('migrations', () => {
  it('001-initial creates the run tables and indexes', () => {
    const { db } = openDatabase(tmp.file(), { targetVersion: 1 });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(names(db, 'table')).toEqual(['run_arrays', 'run_metrics', 'run_params', 'run_tags', 'runs']);
      expect(names(db, 'index')).toEqual([
        'run_params_path_value',
        'run_tags_tag',
        'runs_created',
        'runs_kind_created',
        'runs_status_created',
      ]);
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all('runs') as Array<{ name: string }>).map((c) => c.name);
      expect(columns).toEqual([
        'id', 'kind', 'name', 'spec_json', 'seed', 'status', 'created_at', 'started_at', 'finished_at', 'elapsed_ms',
        'app_version', 'node_version', 'backend', 'environment_json', 'error', 'notes', 'diagnostics_json', 'owner_pid', 'owner_host',
      ]);
      expect(() =>
        db.prepare(`INSERT INTO runs (kind, name, spec_json, seed, status, created_at) VALUES ('k', 'n', '{}', 1, 'bogus', 'x')`).run(),
      ).toThrow(/CHECK constraint failed/);
      expect(() => db.prepare(`INSERT INTO run_tags (run_id, tag) VALUES (999, 't')`).run()).toThrow(/FOREIGN KEY constraint failed/);
    } finally {
      db.close();
    }
  });

  it('applies each pending step in its own transaction and rolls back a failing one', () => {
    const db = new Database(tmp.file('synthetic.sqlite'));
    const steps: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'two', up: (d) => d.exec('CREATE TABLE b (x)') },
      {
        version: 3,
        name: 'broken',
        up: (d) => {
          d.exec('CREATE TABLE c (x)');
          throw new Error('boom');
        },
      },
    ];
    try {
      expect(applyMigrations(db, steps.slice(0, 1))).toEqual({ from: 0, to: 1, applied: ['001-one'] });
      expect(() => applyMigrations(db, steps)).toThrow('boom');
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(names(db, 'table')).toEqual(['a', 'b']);
      expect(() => applyMigrations(db, [steps[1]])).toThrow(/out of order/);
    } finally {
      db.close();
    }
  });
});
