import type Database from 'better-sqlite3';

/**
 * One forward-only schema step. Released migrations are never edited: a change is a new file
 * with the next number. `up` runs inside the migration's transaction and must be synchronous.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export interface MigrationOutcome {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly string[];
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws unless versions run 1, 2, 3, … in order (a gap or duplicate is a programming error). */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration list out of order: position ${i + 1} holds v${m.version} (${m.name})`);
    }
  });
}

/**
 * Applies the migrations above the database's `user_version`, each in its own `BEGIN IMMEDIATE`
 * transaction together with the `user_version` bump, so a failed step leaves the previous
 * version intact. The version is re-read inside the write lock: several processes opening the
 * same fresh file at once each see the work done by the first and skip it.
 *
 * `target` stops early (tests use it to build a database as of an older version).
 */
export function applyMigrations(
  db: Database.Database,
  migrations: readonly Migration[],
  target: number = migrations.length,
): MigrationOutcome {
  checkMigrationList(migrations);
  const from = schemaVersion(db);
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.version > target) break;
    if (migration.version <= from) continue;
    const step = db.transaction(() => {
      const current = schemaVersion(db);
      if (current >= migration.version) return false;
      if (current !== migration.version - 1) {
        throw new Error(`cannot apply migration v${migration.version} to a database at v${current}`);
      }
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (step.immediate()) applied.push(`${String(migration.version).padStart(3, '0')}-${migration.name}`);
  }
  return { from, to: schemaVersion(db), applied };
}
