import { openStore, resolveDatabasePath, type RunStore } from '../store';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Opens the run store named by --db, RGWB_DB or the per-user default. */
export function openCliStore(db: string | undefined): RunStore {
  return openStore(resolveDatabasePath({ db, env: process.env }));
}
