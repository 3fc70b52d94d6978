import { homedir } from 'node:os';
import path from 'node:path';
import { StoreOpenError } from './errors';

/** Electron's `app.getName()` for our productName; `app.getPath('userData')` ends in it. */
export const PRODUCT_NAME = 'RG Workbench';
export const DATABASE_FILE_NAME = 'runs.sqlite';
/** Environment variable naming the database file (below `--db`, above the default). */
export const DATABASE_ENV_VAR = 'RGWB_DB';

export interface PlatformInfo {
  readonly platform?: NodeJS.Platform;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
}

/**
 * The per-user application-data folder Electron uses as `app.getPath('userData')`:
 * Linux `$XDG_CONFIG_HOME/RG Workbench` (default `~/.config`), macOS
 * `~/Library/Application Support/RG Workbench`, Windows `%APPDATA%\RG Workbench`.
 * The CLI and web mode use the same folder, so every door opens the same file.
 */
export function userDataDirectory(info: PlatformInfo = {}): string {
  const platform = info.platform ?? process.platform;
  const env = info.env ?? process.env;
  const home = info.home ?? homedir();
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, PRODUCT_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  }
  const config = nonEmpty(env.XDG_CONFIG_HOME) ?? path.posix.join(home, '.config');
  return path.posix.join(config, PRODUCT_NAME);
}

/** `<userData>/runs.sqlite`. */
export function defaultDatabasePath(info: PlatformInfo = {}): string {
  const dir = userDataDirectory(info);
  return (info.platform ?? process.platform) === 'win32'
    ? path.win32.join(dir, DATABASE_FILE_NAME)
    : path.posix.join(dir, DATABASE_FILE_NAME);
}

/**
 * Which file to open: an explicit path (`--db`) beats `RGWB_DB`, which beats the default.
 * Relative paths are resolved against the working directory. Creates nothing; `openStore`
 * creates the parent folders.
 */
export function resolveDatabasePath(options: {
  readonly db?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}): string {
  const env = options.env ?? process.env;
  // An explicit but empty --db is a mistake, not a request for the default (the user's real store).
  if (options.db !== undefined && options.db.trim() === '') throw new StoreOpenError('', '--db needs a file path (it was empty)');
  const chosen = nonEmpty(options.db) ?? nonEmpty(env[DATABASE_ENV_VAR]);
  if (chosen !== undefined) return path.resolve(chosen);
  return defaultDatabasePath({ platform: options.platform, env, home: options.home });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
