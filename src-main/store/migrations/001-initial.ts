import type { Migration } from '../migrate';
import { APPLICATION_ID } from '../schema';

/**
 * The run store: one row per run, its scalar metrics, its float64 arrays (little-endian blobs
 * with dtype and shape), tags, and the numeric leaves of its spec flattened to dotted paths so
 * lists can filter by parameter ranges with an index.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE runs (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        kind             TEXT    NOT NULL,
        name             TEXT    NOT NULL,
        spec_json        TEXT    NOT NULL,
        seed             INTEGER NOT NULL,
        status           TEXT    NOT NULL CHECK (status IN
                           ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
        created_at       TEXT    NOT NULL,
        started_at       TEXT,
        finished_at      TEXT,
        elapsed_ms       REAL,
        app_version      TEXT,
        node_version     TEXT,
        backend          TEXT,
        environment_json TEXT,
        error            TEXT,
        notes            TEXT    NOT NULL DEFAULT '',
        diagnostics_json TEXT    NOT NULL DEFAULT '[]',
        owner_pid        INTEGER,
        owner_host       TEXT
      );
      CREATE INDEX runs_kind_created   ON runs (kind, created_at);
      CREATE INDEX runs_status_created ON runs (status, created_at);
      CREATE INDEX runs_created        ON runs (created_at);

      CREATE TABLE run_metrics (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        name   TEXT    NOT NULL,
        value  REAL,
        PRIMARY KEY (run_id, name)
      ) WITHOUT ROWID;

      CREATE TABLE run_arrays (
        run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        name        TEXT    NOT NULL,
        dtype       TEXT    NOT NULL CHECK (dtype IN ('float64')),
        shape_json  TEXT    NOT NULL,
        data        BLOB    NOT NULL,
        description TEXT,
        PRIMARY KEY (run_id, name)
      );

      CREATE TABLE run_tags (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        tag    TEXT    NOT NULL,
        PRIMARY KEY (run_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX run_tags_tag ON run_tags (tag, run_id);

      CREATE TABLE run_params (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        path   TEXT    NOT NULL,
        value  REAL    NOT NULL,
        PRIMARY KEY (run_id, path)
      ) WITHOUT ROWID;
      CREATE INDEX run_params_path_value ON run_params (path, value, run_id);
    `);
  },
};
