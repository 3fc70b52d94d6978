/**
 * Benchmark: the toy-model Monte Carlo (rg-theory.md §5; 10⁶ datasets of n = 100 by default)
 * on the worker pool (all cores, and one thread) against a vectorised numpy implementation of the
 * same computation (bench/toy_mc_numpy.py).
 *
 *   node scripts/build-node.mjs && npx tsx bench/toy-mc.ts [--trials 1e6] [--repeat 3] [--threads N]
 *
 * Reports the fastest of `repeat` runs (wall clock) and the process CPU time of that run (all
 * threads), prints a table and writes bench/results/toy-mc.json with machine information. The
 * chunks run in dist/worker.mjs (bundled), so tsx only drives the coordinating thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, arch, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toyHermitePlan, toyHermiteSchema } from '../src-shared/experiments/toy-hermite';
import type { ExperimentContext } from '../src-shared/experiments/types';
import { pureLinearAlgebra } from '../src-shared/science/linalg';
import { WorkerPool } from '../src-main/engine/pool';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '1e6' },
    repeat: { type: 'string', default: '3' },
    threads: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const trials = Number(values.trials);
const repeat = Number(values.repeat);
const allThreads = values.threads ? Number(values.threads) : availableParallelism();
const seed = Number(values.seed);

interface Row {
  implementation: string;
  threads: number;
  trials: number;
  seconds: number;
  cpuSeconds: number;
  trialsPerSecond: number;
  a: number;
  aStdErr: number;
  b: number | null;
  bStdErr: number | null;
}

const ctx: ExperimentContext = { linalg: pureLinearAlgebra, onProgress: () => {}, signal: new AbortController().signal };

async function timePool(threads: number): Promise<Row> {
  const pool = new WorkerPool({ threads });
  try {
    // Warm-up: start every worker and let the JIT optimise the chunk kernel.
    await pool.run('toy-hermite', toyHermitePlan, toyHermiteSchema.parse({ seed: seed + 1, trialCount: 40_000 * threads }), ctx);
    const spec = toyHermiteSchema.parse({ seed, trialCount: trials });
    let best: Row | undefined;
    for (let r = 0; r < repeat; r++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await pool.run('toy-hermite', toyHermitePlan, spec, ctx);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const m = result.metrics;
      const row: Row = {
        implementation: `rgwb cpu-workers (xoshiro128**/ziggurat, Philox-seeded)`,
        threads,
        trials,
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        trialsPerSecond: trials / seconds,
        a: m.a as number,
        aStdErr: m.aStdErr as number,
        b: m.b,
        bStdErr: m.bStdErr,
      };
      if (!best || row.seconds < best.seconds) best = row;
    }
    return best!;
  } finally {
    await pool.close();
  }
}

function timeNumpy(): Row & { numpy: string; python: string } {
  const run = spawnSync('python3', [join(ROOT, 'bench', 'toy_mc_numpy.py'), '--trials', String(trials), '--repeat', String(repeat), '--seed', String(seed), '--json'], {
    encoding: 'utf8',
    timeout: 30 * 60_000,
  });
  if (run.status !== 0) throw new Error(`numpy baseline failed: ${run.stderr || run.error}`);
  const out = JSON.parse(run.stdout);
  return { ...out, trialsPerSecond: out.trials / out.seconds };
}

const load0 = loadavg();
const rows: Row[] = [];
rows.push(await timePool(allThreads));
if (allThreads !== 1) rows.push(await timePool(1));
const numpy = timeNumpy();
rows.push(numpy);
const load1 = loadavg();

const fmt = (x: number, d = 3) => x.toFixed(d);
const sci = (x: number | null) => (x === null ? '—' : x.toExponential(3));
const header = ['implementation', 'threads', 'trials', 'seconds', 'CPU s', 'trials/s', 'a ± s.e.', 'vs numpy'];
const lines = rows.map((r) => [
  r.implementation,
  String(r.threads),
  r.trials.toExponential(0),
  fmt(r.seconds),
  fmt(r.cpuSeconds),
  Math.round(r.trialsPerSecond).toLocaleString('en-US'),
  `${sci(r.a)} ± ${r.aStdErr.toExponential(2)}`,
  `${(numpy.seconds / r.seconds).toFixed(2)}×`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const print = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(widths[i])).join('  '));
print(header);
print(widths.map((w) => '─'.repeat(w)));
for (const l of lines) print(l);

const cpu = cpus();
const report = {
  benchmark: 'toy-model Monte Carlo (rg-theory.md §5): n = 100, σ² = 400, λ₁ = 1, λ₂ = 0.1',
  date: new Date().toISOString(),
  trials,
  repeat,
  note: 'fastest of `repeat` runs; CPU seconds = process user+system time of that run (all threads). Different generators: a differs between implementations within the Monte-Carlo error.',
  machine: {
    cpuModel: cpu[0]?.model ?? 'unknown',
    logicalCpus: cpu.length,
    availableParallelism: availableParallelism(),
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${platform()}-${arch()} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
    python: numpy.python,
    numpy: numpy.numpy,
    loadAverageBefore: load0,
    loadAverageAfter: load1,
  },
  results: rows,
  speedupAllCoresVsNumpy: numpy.seconds / rows[0].seconds,
  speedupOneThreadVsNumpy: numpy.seconds / (rows.find((r) => r.threads === 1 && r !== numpy)?.seconds ?? rows[0].seconds),
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'toy-mc.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nall cores vs numpy: ${report.speedupAllCoresVsNumpy.toFixed(2)}×; one thread vs numpy: ${report.speedupOneThreadVsNumpy.toFixed(2)}×`);
console.log(`load average before/after: ${load0.map((x) => x.toFixed(2)).join(' ')} / ${load1.map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`);
console.log('written bench/results/toy-mc.json');
