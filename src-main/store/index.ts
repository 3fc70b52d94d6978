/**
 * The run store: one SQLite file shared by the CLI, web mode and the desktop app.
 *
 *   const store = openStore(resolveDatabasePath({ db: args.db, env: process.env }));
 */
import { openDatabase, type OpenDatabaseOptions } from './open';
import { RunStore, type RunStoreOptions } from './run-store';

export interface OpenStoreOptions extends OpenDatabaseOptions, RunStoreOptions {
  /** Mark rows left by dead processes 'interrupted' on open (default true). */
  readonly recover?: boolean;
}

/** Opens (creating and migrating as needed) the run database at `file`; see `openDatabase`. */
export function openStore(file: string, options: OpenStoreOptions = {}): RunStore {
  const { db } = openDatabase(file, options);
  const store = new RunStore(db, file, options);
  try {
    if (options.recover !== false) store.recoverInterrupted();
  } catch (error) {
    store.close();
    throw error;
  }
  return store;
}

export { RunStore } from './run-store';
export type { CreateRunInput, CompleteRunOptions, RunStoreOptions } from './run-store';
export { openDatabase, DEFAULT_BUSY_TIMEOUT_MS } from './open';
export type { OpenDatabaseOptions, OpenedDatabase } from './open';
export { applyMigrations, schemaVersion } from './migrate';
export type { Migration, MigrationOutcome } from './migrate';
export { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations';
export {
  defaultDatabasePath,
  resolveDatabasePath,
  userDataDirectory,
  DATABASE_ENV_VAR,
  DATABASE_FILE_NAME,
  PRODUCT_NAME,
} from './paths';
export {
  ArrayNotFoundError,
  RunNotFoundError,
  RunStateError,
  StoreInputError,
  StoreOpenError,
  StoreVersionError,
} from './errors';
export { buildListQuery, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from './list-query';
