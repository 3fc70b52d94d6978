import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { StoreOpenError, StoreVersionError } from './errors';
import { applyMigrations, type MigrationOutcome, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';
import { APPLICATION_ID } from './schema';

/** How long a connection waits for another process's write lock before SQLITE_BUSY. */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

export interface OpenDatabaseOptions {
  readonly busyTimeoutMs?: number;
  /** Migration list; tests pass a prefix or synthetic list. Defaults to the app's. */
  readonly migrations?: readonly Migration[];
  /** Stop at this schema version (tests only). */
  readonly targetVersion?: number;
}

export interface OpenedDatabase {
  readonly db: Database.Database;
  readonly migration: MigrationOutcome;
}

/**
 * Opens (creating if needed) a run database with the house pragmas: WAL, `busy_timeout`,
 * `synchronous = NORMAL`, `foreign_keys = ON`; then applies pending migrations.
 *
 * Before changing anything it checks the file is ours: a non-SQLite file, another
 * application's SQLite file, or a schema newer than this build all throw without touching it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? MIGRATIONS;
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) ensureFolder(path.dirname(file), file);

  let db: Database.Database;
  try {
    db = new Database(file, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new StoreOpenError(file, `cannot open run database ${file}: ${messageOf(error)}`, { cause: error });
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    checkIdentity(db, file, migrations.length);
    const mode = inMemory ? (db.pragma('journal_mode = WAL', { simple: true }) as string) : switchToWal(db, busyTimeoutMs);
    if (!inMemory && mode !== 'wal') {
      throw new StoreOpenError(file, `cannot switch ${file} to WAL journal mode (got ${mode})`);
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const migration = applyMigrations(db, migrations, options.targetVersion);
    return { db, migration };
  } catch (error) {
    db.close();
    if (isSqliteCode(error, 'SQLITE_NOTADB')) {
      throw new StoreOpenError(
        file,
        `${file} is not a SQLite database (${messageOf(error)}); use --db to choose another file`,
        { cause: error },
      );
    }
    if (isSqliteCode(error, 'SQLITE_CORRUPT')) {
      throw new StoreOpenError(file, `run database ${file} is damaged (${messageOf(error)})`, { cause: error });
    }
    throw error;
  }
}

/**
 * Creates the database's folder one level at a time from its nearest existing ancestor (a
 * recursive mkdir can spin for ever under /proc), with a message naming the folder on failure.
 */
function ensureFolder(dir: string, file: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    let isDirectory: boolean | undefined;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new StoreOpenError(file, `cannot use the folder ${current} for the run database ${file}: ${messageOf(error)}`, { cause: error });
      }
    }
    if (isDirectory === false) throw new StoreOpenError(file, `cannot create the run database ${file}: ${current} is a file, not a folder`);
    if (isDirectory) break;
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue; // another process made it
      throw new StoreOpenError(file, `cannot create the folder ${folder} for the run database ${file}: ${messageOf(error)}`, { cause: error });
    }
  }
}

/**
 * Puts the file in WAL mode (persistent: after the first time this only reads the mode). While
 * another process is switching a new file to WAL, this can answer SQLITE_BUSY without calling the
 * busy handler (seen as "database is locked" in about 1 of 12 tries when a `rgwb run` and
 * `rgwb runs` polls opened a new file together), so it is retried here for up to the busy timeout.
 */
function switchToWal(db: Database.Database, busyTimeoutMs: number): string {
  const deadline = Date.now() + busyTimeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      const current = db.pragma('journal_mode', { simple: true }) as string;
      return current === 'wal' ? current : (db.pragma('journal_mode = WAL', { simple: true }) as string);
    } catch (error) {
      if (!isSqliteCode(error, 'SQLITE_BUSY') || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, Math.min(50, 5 * (attempt + 1)));
    }
  }
}

/**
 * Reads `application_id`, `user_version` and the table count in one snapshot (a concurrent
 * opener may be migrating the same fresh file) and refuses files that are not ours.
 */
function checkIdentity(db: Database.Database, file: string, knownVersion: number): void {
  const read = db.transaction(() => ({
    applicationId: db.pragma('application_id', { simple: true }) as number,
    version: db.pragma('user_version', { simple: true }) as number,
    tables: (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n,
  }));
  const { applicationId, version, tables } = read.deferred();
  const ours = applicationId === APPLICATION_ID;
  const blank = applicationId === 0 && version === 0 && tables === 0;
  if (!ours && !blank) {
    throw new StoreOpenError(
      file,
      `${file} is a SQLite database but not an RG Workbench run database ` +
        `(application_id 0x${(applicationId >>> 0).toString(16)}, user_version ${version}, ${tables} tables); ` +
        'use --db to choose another file',
    );
  }
  if (version > knownVersion) throw new StoreVersionError(file, version, knownVersion);
}

function isSqliteCode(error: unknown, code: string): boolean {
  return error instanceof Database.SqliteError && (error.code === code || error.code.startsWith(`${code}_`));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
