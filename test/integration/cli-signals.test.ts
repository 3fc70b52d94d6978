/**
 * Nothing lost on a cancel or a crash, through the real CLI: Ctrl-C (SIGINT) stores the completed
 * trials as 'cancelled' and exits 130; a killed process leaves a 'running' row that the next
 * process marks 'interrupted'.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, rgwb, tempDb } from './cli-helpers';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startRun(db: string, backend?: string) {
  const child = spawn(process.execPath, [BIN, 'run', 'fig3-toy-model', '--set', 'trialCount=200000000', '--db', db, '--json', ...(backend ? ['--backend', backend] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RGWB_THREADS: '1' },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** Waits (up to 45 s) until the store shows the run executing; fails at once if the child exits. */
async function waitRunning(db: string, run: ReturnType<typeof startRun>): Promise<number> {
  let exitCode: number | null | undefined;
  void run.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 45_000;
  let last = 'no run yet';
  while (Date.now() < deadline) {
    const page = JSON.parse(rgwb(['runs', '--db', db, '--json']).stdout || '{"runs":[]}');
    const row = page.runs?.[0];
    if (row?.status === 'running') return row.id;
    if (row) last = `run ${row.id} is ${row.status}`;
    if (exitCode !== undefined) throw new Error(`rgwb run exited (${exitCode}) before running: ${run.output().stderr.trim()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the run never started within 45 s (${last}); stderr: ${run.output().stderr.trim()}`);
}

describe('rgwb run under signals', () => {
  // cpu-workers: the worker pool; cpu / wasm: the float32 tensor path in its own worker thread
  // (a synchronous tfjs backend must not keep the main thread from handling the signal).
  it.each([
    ['cpu-workers', 500],
    ['cpu', 3000],
    ['wasm', 3000],
  ])('Ctrl-C cancels on %s, keeps the completed trials and exits 130 (latency: bench/cancel.ts)', async (backend, waitMs) => {
    const db = tempDb();
    const run = startRun(db, backend);
    const id = await waitRunning(db, run);
    await new Promise((r) => setTimeout(r, waitMs));
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
  }, 120_000);

  it('a killed process leaves its run interrupted, not running', async () => {
    const db = tempDb();
    const run = startRun(db);
    const id = await waitRunning(db, run);
    run.child.kill('SIGKILL');
    await run.exited;
    // The next process to open the store recovers the orphaned row.
    const record = JSON.parse(rgwb(['show', String(id), '--db', db, '--json']).stdout);
    expect(record.status).toBe('interrupted');
    expect(record.finishedAt).not.toBeNull();
  }, 120_000);
});
