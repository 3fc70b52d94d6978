/**
 * Errors the run store throws on purpose. Each carries a message a user can act on; callers
 * (CLI, server, app) may show `message` as is.
 */

/** The database file was written by a newer build whose schema this build does not know. */
export class StoreVersionError extends Error {
  constructor(
    readonly path: string,
    readonly foundVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `database ${path} was written by a newer RG Workbench (schema v${foundVersion}, this build knows ` +
        `v${knownVersion}); upgrade the app or use --db to choose another file`,
    );
    this.name = 'StoreVersionError';
  }
}

/** The file cannot be used as a run database: not SQLite, another application's, unreadable. */
export class StoreOpenError extends Error {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

export class RunNotFoundError extends Error {
  constructor(readonly runId: number) {
    super(`no run with id ${runId}`);
    this.name = 'RunNotFoundError';
  }
}

export class ArrayNotFoundError extends Error {
  constructor(
    readonly runId: number,
    readonly arrayName: string,
  ) {
    super(`run ${runId} has no array ${JSON.stringify(arrayName)}`);
    this.name = 'ArrayNotFoundError';
  }
}

/** A status change the run's current status does not allow (e.g. completing a finished run). */
export class RunStateError extends Error {
  constructor(
    readonly runId: number,
    readonly status: string,
    action: string,
  ) {
    super(`run ${runId} is ${status}; cannot ${action}`);
    this.name = 'RunStateError';
  }
}

/** Invalid input to a store method (bad shape, unknown sort column, …). */
export class StoreInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreInputError';
  }
}
