import type { Migration } from '../migrate';
import { migration001 } from './001-initial';

/** Every migration, in order. Append only; never edit one that has been released. */
export const MIGRATIONS: readonly Migration[] = [migration001];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
