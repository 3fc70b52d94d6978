/**
 * Nothing lost on a cancel or a crash, through the real CLI: Ctrl-C (SIGINT) stores the completed
 * trials as 'cancelled' and exits 130; a killed process leaves a 'running' row that the next
 * process marks 'interrupted'.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, rgwb, tempDb } from './cli-helpers';

function startRun(db: string) {
  const child = spawn(process.execPath, [BIN, 'run', 'fig3-toy-model', '--set', 'trialCount=200000000', '--db', db, '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RGWB_THREADS: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** Waits until the store shows the run executing. */
async function waitRunning(db: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const page = JSON.parse(rgwb(['runs', '--db', db, '--json']).stdout || '{"runs":[]}');
    const run = page.runs?.[0];
    if (run?.status === 'running') return run.id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the run never started');
}

describe('rgwb run under signals', () => {
  it('Ctrl-C cancels, keeps the completed trials and exits 130 (latency: bench/cancel.ts)', async () => {
    const db = tempDb();
    const run = startRun(db);
    const id = await waitRunning(db);
    await new Promise((r) => setTimeout(r, 500));
    run.child.kill('SIGINT');
    const code = await run.exited;
    expect(code).toBe(130);
    expect(run.output().stderr).toContain('cancelling');
    const record = JSON.parse(rgwb(['show', String(id), '--db', db, '--json']).stdout);
    expect(record.status).toBe('cancelled');
    expect(record.metrics.trialsCompleted).toBeGreaterThan(0);
    expect(record.metrics.trialsCompleted).toBeLessThan(200_000_000);
    expect(record.diagnostics.join(' ')).toMatch(/cancelled after \d+ of 200000000 trials/);
    expect(record.arrays.map((a: { name: string }) => a.name)).toContain('predictorMean');
  });

  it('a killed process leaves its run interrupted, not running', async () => {
    const db = tempDb();
    const run = startRun(db);
    const id = await waitRunning(db);
    run.child.kill('SIGKILL');
    await run.exited;
    // The next process to open the store recovers the orphaned row.
    const record = JSON.parse(rgwb(['show', String(id), '--db', db, '--json']).stdout);
    expect(record.status).toBe('interrupted');
    expect(record.finishedAt).not.toBeNull();
  });
});
