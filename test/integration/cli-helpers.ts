import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'rgwb.mjs');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `rgwb` (bin/rgwb.mjs → dist/cli.mjs) as a user would. */
export function rgwb(args: readonly string[], env: Record<string, string | undefined> = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, RGWB_DEBUG: '', ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'rgwb-test-')), 'runs.sqlite');
}
