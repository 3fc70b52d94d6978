/**
 * Benchmark: cancel latency, from the abort to the run stored as 'cancelled' with its partial
 * results (target: under a second), through the RunService on a real SQLite file: the worker pool
 * for a Monte-Carlo kind (toy-hermite) and a kind with a heavy prepare (feature-gaussianity), and
 * the float32 tensor path's worker on the cpu and wasm tfjs backends (toy-hermite).
 *
 *   node scripts/build-node.mjs && npx tsx bench/cancel.ts [--repeat 5]
 *
 * Prints a table and writes bench/results/cancel.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PoolExecutor, WorkerPool } from '../src-main/engine/pool';
import { activeLinearAlgebra } from '../src-main/engine';
import { loadDataset } from '../src-main/engine/datasets';
import type { Executor } from '../src-main/engine/executor';
import { TensorExecutor } from '../src-main/engine/tensor-executor';
import { detectTensorBackends } from '../src-main/engine/tensor/backends';
import { RunService } from '../src-main/services/runs';
import { openStore } from '../src-main/store';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { repeat: { type: 'string', default: '5' } } });
const repeat = Number(values.repeat);

const store = openStore(join(mkdtempSync(join(tmpdir(), 'rgwb-bench-cancel-')), 'runs.sqlite'));
const pool = new WorkerPool({ threads: availableParallelism() });
const pooled: Executor = new PoolExecutor(pool, activeLinearAlgebra(), { loadDataset });
const tensor = async (name: string): Promise<Executor | null> => {
  const info = (await detectTensorBackends()).find((b) => b.name === name && b.available);
  return info ? new TensorExecutor(info, activeLinearAlgebra()) : null;
};

const cases = [
  { label: 'toy-hermite, 5e7 trials, abort after 300 ms', kind: 'toy-hermite', spec: { trialCount: 50_000_000 }, abortAfterMs: 300, executor: pooled },
  { label: 'feature-gaussianity, N = 4000 pool, abort mid-eigendecomposition', kind: 'feature-gaussianity', spec: { data: { type: 'synthetic-gaussian', dimension: 8, count: 4000 }, modes: [1, 2, 3] }, abortAfterMs: 200, executor: pooled },
  { label: 'toy-hermite on tfjs-cpu (tensor worker), abort after 1500 ms', kind: 'toy-hermite', spec: { trialCount: 50_000_000 }, abortAfterMs: 1500, executor: await tensor('cpu') },
  { label: 'toy-hermite on tfjs-wasm (tensor worker), abort after 1500 ms', kind: 'toy-hermite', spec: { trialCount: 50_000_000 }, abortAfterMs: 1500, executor: await tensor('wasm') },
].filter((c): c is typeof c & { executor: Executor } => c.executor !== null);

let current: Executor = pooled;
const service = new RunService(store, () => current);

const rows: { case: string; runs: number; medianMs: number; maxMs: number; status: string }[] = [];
for (const c of cases) {
  current = c.executor;
  const latencies: number[] = [];
  let status = '';
  for (let r = 0; r < repeat; r++) {
    const controller = new AbortController();
    let abortedAt = 0;
    const timer = setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, c.abortAfterMs);
    const record = await service.run({ kind: c.kind, spec: c.spec }, { signal: controller.signal });
    clearTimeout(timer);
    latencies.push(performance.now() - abortedAt);
    status = record.status;
  }
  latencies.sort((a, b) => a - b);
  rows.push({ case: c.label, runs: repeat, medianMs: Math.round(latencies[Math.floor(repeat / 2)]), maxMs: Math.round(latencies[repeat - 1]), status });
}
await pool.close();
store.close();

const width = Math.max(...rows.map((r) => r.case.length));
console.log(`${'case'.padEnd(width)}  runs  median ms  max ms  status`);
for (const r of rows) console.log(`${r.case.padEnd(width)}  ${String(r.runs).padStart(4)}  ${String(r.medianMs).padStart(9)}  ${String(r.maxMs).padStart(6)}  ${r.status}`);
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(ROOT, 'bench', 'results', 'cancel.json'),
  JSON.stringify({ benchmark: 'cancel latency: abort → stored as cancelled (target < 1000 ms)', date: new Date().toISOString(), machine: { cpu: cpus()[0]?.model, cores: availableParallelism(), node: process.version, loadAverage: loadavg() }, rows }, null, 2) + '\n',
);
console.log('written bench/results/cancel.json');
