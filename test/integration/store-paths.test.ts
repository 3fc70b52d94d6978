import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDatabasePath, openStore, resolveDatabasePath, StoreOpenError } from '../../src-main/store';
import { tempDir } from '../fixtures/store/helpers';

describe('where the database lives', () => {
  it("matches Electron's userData folder for productName RG Workbench on each platform", () => {
    expect(defaultDatabasePath({ platform: 'linux', env: {}, home: '/home/ada' })).toBe('/home/ada/.config/RG Workbench/runs.sqlite');
    expect(defaultDatabasePath({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/ada' })).toBe(
      '/xdg/RG Workbench/runs.sqlite',
    );
    expect(defaultDatabasePath({ platform: 'darwin', env: {}, home: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/RG Workbench/runs.sqlite',
    );
    expect(defaultDatabasePath({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, home: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\RG Workbench\\runs.sqlite',
    );
    expect(defaultDatabasePath({ platform: 'win32', env: {}, home: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\RG Workbench\\runs.sqlite',
    );
  });

  it('prefers --db, then RGWB_DB, then the default; resolves relative paths; ignores empty values', () => {
    const env = { RGWB_DB: '/env/runs.sqlite', XDG_CONFIG_HOME: '/xdg' };
    const linux = { platform: 'linux' as const, home: '/home/ada' };
    expect(resolveDatabasePath({ db: '/explicit.sqlite', env, ...linux })).toBe('/explicit.sqlite');
    expect(resolveDatabasePath({ env, ...linux })).toBe('/env/runs.sqlite');
    expect(resolveDatabasePath({ env: { ...env, RGWB_DB: ' ' }, ...linux })).toBe('/xdg/RG Workbench/runs.sqlite');
    // An explicit empty --db is refused rather than silently opening the user's real store.
    expect(() => resolveDatabasePath({ db: '', env, ...linux })).toThrow(/--db needs a file path/);
    expect(resolveDatabasePath({ db: 'rel/runs.sqlite', env: {} })).toBe(path.resolve('rel/runs.sqlite'));
  });
});

describe('opening at a path', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('creates missing parent folders (as for a first run of the app)', () => {
    const file = resolveDatabasePath({ env: { XDG_CONFIG_HOME: path.join(tmp.dir, 'config') }, platform: 'linux' });
    openStore(file).close();
    expect(existsSync(path.join(tmp.dir, 'config', 'RG Workbench', 'runs.sqlite'))).toBe(true);
  });

  it('a folder in place of the file is a clear error naming the path', () => {
    expect(() => openStore(tmp.dir)).toThrow(StoreOpenError);
    expect(() => openStore(tmp.dir)).toThrow(tmp.dir);
  });
});
