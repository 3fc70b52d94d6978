/**
 * Dense linear-algebra benchmark: Cholesky, Cholesky solve (one right-hand side) and the
 * symmetric eigendecomposition at n = 500, 1000, 2000, for every LinearAlgebra implementation
 * that loads (pure-ts always; the native LAPACK addon when built), plus NumPy reference rows when
 * `python3` with numpy is available (bench/linalg_numpy.py).
 *
 *   npx tsx bench/linalg.ts [--sizes 500,1000,2000] [--no-numpy] [--out bench/results/linalg.json]
 *
 * Matrix: A = S + (√n + 1) I, S symmetric with entries uniform on [−0.5, 0.5) from a seeded LCG;
 * SPD with eigenvalues in about [0.4√n, 1.6√n] (Wigner semicircle), so every op is well posed.
 * Time: the best of up to 5 repetitions within ~1 s (eigendecompositions: up to 3).
 * Residuals are O(n²) probes with a random vector z, so checking stays cheap at n = 2000:
 *   cholesky  ‖L(Lᵀz) − Az‖ / (‖A‖_F ‖z‖)
 *   solve     ‖Ax − b‖ / (‖A‖_F ‖x‖)
 *   eigh      ‖A(Vz) − V(Λz)‖ / (‖A‖_F ‖z‖),  orthogonality ‖Vᵀ(Vz) − z‖ / ‖z‖
 * Pure TypeScript runs on one thread; OpenBLAS (native and NumPy) uses all cores.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNativeLinearAlgebra } from '../src-main/engine/linalg-native';
import {
  frobeniusNorm,
  matrix,
  matvec,
  pureLinearAlgebra,
  type LinearAlgebra,
  type Matrix,
} from '../src-shared/science/linalg';

interface Row {
  implementation: string;
  op: 'cholesky' | 'solve' | 'eigh';
  n: number;
  ms: number;
  reps: number;
  residual: number;
  orthogonality?: number;
  detail?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function parseArgs(argv: string[]): { sizes: number[]; numpy: boolean; out: string } {
  let sizes = [500, 1000, 2000];
  let numpy = true;
  let out = join(here, 'results', 'linalg.json');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') {
      sizes = (argv[++i] ?? '').split(',').filter(Boolean).map(Number);
      if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
        throw new Error(`--sizes needs positive integers, e.g. --sizes 500,1000`);
      }
    } else if (a === '--no-numpy') numpy = false;
    else if (a === '--out') out = argv[++i];
    else throw new Error(`unknown option ${a} (use --sizes 500,1000 | --no-numpy | --out FILE)`);
  }
  return { sizes, numpy, out };
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
}

function benchMatrix(n: number, rnd: () => number): Matrix {
  const a = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = rnd();
      a.data[i * n + j] = v;
      a.data[j * n + i] = v;
    }
    a.data[i * n + i] = rnd() + Math.sqrt(n) + 1;
  }
  return a;
}

function norm(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s);
}
function diff(x: Float64Array, y: Float64Array): Float64Array {
  return x.map((v, i) => v - y[i]);
}
function transposeTimes(a: Matrix, x: Float64Array): Float64Array {
  const out = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) {
    const xi = x[i];
    for (let j = 0; j < a.cols; j++) out[j] += a.data[i * a.cols + j] * xi;
  }
  return out;
}

/** Best time of up to maxReps runs within about budgetMs (at least one run). */
function timed<T>(fn: () => T, budgetMs = 1000, maxReps = 5): { ms: number; reps: number; result: T } {
  let best = Infinity;
  let total = 0;
  let reps = 0;
  let result!: T;
  while (reps < maxReps && (reps === 0 || total < budgetMs)) {
    const t0 = performance.now();
    result = fn();
    const dt = performance.now() - t0;
    best = Math.min(best, dt);
    total += dt;
    reps++;
  }
  return { ms: best, reps, result };
}

function benchImplementation(la: LinearAlgebra, a: Matrix, rnd: () => number): Row[] {
  const n = a.rows;
  const aNorm = frobeniusNorm(a);
  const z = Float64Array.from({ length: n }, rnd);
  const b = Float64Array.from({ length: n }, rnd);
  const rows: Row[] = [];

  const chol = timed(() => la.cholesky(a));
  const l: Matrix = { rows: n, cols: n, data: chol.result.lower };
  const llz = matvec(l, transposeTimes(l, z));
  rows.push({
    implementation: la.name,
    op: 'cholesky',
    n,
    ms: chol.ms,
    reps: chol.reps,
    residual: norm(diff(llz, matvec(a, z))) / (aNorm * norm(z)),
  });

  const solve = timed(() => la.choleskySolve(chol.result, { rows: n, cols: 1, data: b }));
  const x = solve.result.data;
  rows.push({
    implementation: la.name,
    op: 'solve',
    n,
    ms: solve.ms,
    reps: solve.reps,
    residual: norm(diff(matvec(a, x), b)) / (aNorm * norm(x)),
  });

  const eig = timed(() => la.symmetricEigen(a), 1000, 3);
  const { values, vectors } = eig.result;
  const vz = matvec(vectors, z);
  const vlz = matvec(vectors, z.map((v, k) => v * values[k]));
  rows.push({
    implementation: la.name,
    op: 'eigh',
    n,
    ms: eig.ms,
    reps: eig.reps,
    residual: norm(diff(matvec(a, vz), vlz)) / (aNorm * norm(z)),
    orthogonality: norm(diff(transposeTimes(vectors, vz), z)) / norm(z),
  });
  return rows;
}

function runNumpy(sizes: number[]): { rows: Row[]; meta?: unknown; skipped?: string } {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return { rows: [], skipped: probe.error ? `python3 not found` : 'python3 has no numpy' };
  }
  const res = spawnSync('python3', [join(here, 'linalg_numpy.py'), '--sizes', sizes.join(',')], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (res.error || res.status !== 0) {
    return { rows: [], skipped: `linalg_numpy.py failed: ${(res.stderr || String(res.error)).trim().split('\n').pop()}` };
  }
  const parsed = JSON.parse(res.stdout) as { meta: unknown; rows: Row[] };
  return { rows: parsed.rows, meta: parsed.meta };
}

function fmt(x: number | undefined, digits = 2): string {
  if (x === undefined) return '';
  return Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6 ? x.toExponential(digits) : x.toFixed(digits);
}

function printTable(rows: Row[]): void {
  const head = ['implementation', 'op', 'n', 'ms', 'residual', 'orthogonality'];
  const body = rows.map((r) => [
    r.implementation,
    r.op,
    String(r.n),
    r.ms >= 100 ? r.ms.toFixed(0) : r.ms.toFixed(2),
    fmt(r.residual, 1),
    fmt(r.orthogonality, 1),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const loadAtStart = loadavg()[0];
  const implementations: LinearAlgebra[] = [pureLinearAlgebra];
  const notes: string[] = [];
  const native = loadNativeLinearAlgebra();
  if ('linalg' in native) implementations.push(native.linalg);
  else notes.push(native.unavailable);

  // Warm-up: let V8 optimise the pure kernels and OpenBLAS start its threads.
  for (const la of implementations) for (let r = 0; r < 2; r++) benchImplementation(la, benchMatrix(64, lcg(7)), lcg(8));

  const rows: Row[] = [];
  for (const n of opts.sizes) {
    const a = benchMatrix(n, lcg(n));
    for (const la of implementations) {
      const got = benchImplementation(la, a, lcg(n + 1));
      rows.push(...got);
      for (const r of got) process.stderr.write(`  ${r.implementation} ${r.op} n=${r.n}: ${r.ms.toFixed(1)} ms\n`);
    }
  }
  let numpyMeta: unknown;
  if (opts.numpy) {
    const np = runNumpy(opts.sizes);
    rows.push(...np.rows);
    numpyMeta = np.meta;
    if (np.skipped) notes.push(`numpy rows skipped: ${np.skipped}`);
  } else {
    notes.push('numpy rows skipped: --no-numpy');
  }
  const opOrder = ['cholesky', 'solve', 'eigh'];
  const implOrder = [...implementations.map((la) => la.name), 'numpy'];
  rows.sort(
    (p, q) =>
      p.n - q.n ||
      opOrder.indexOf(p.op) - opOrder.indexOf(q.op) ||
      implOrder.indexOf(p.implementation) - implOrder.indexOf(q.implementation),
  );

  printTable(rows);
  for (const note of notes) console.log(`note: ${note}`);

  const cpuList = cpus();
  const result = {
    machine: {
      node: process.version,
      cpu: cpuList[0]?.model ?? 'unknown',
      cores: cpuList.length,
      platform: `${platform()} ${arch()}`,
      totalMemGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      date: new Date().toISOString(),
      // 1-minute load average: other processes on the machine distort multi-threaded BLAS most
      loadAverage: { start: loadAtStart, end: loadavg()[0] },
    },
    sizes: opts.sizes,
    implementations: implementations.map((la) => la.name),
    numpy: numpyMeta ?? null,
    notes: [
      'matrix: S + (sqrt(n)+1) I, S symmetric uniform[-0.5,0.5); ms = best of up to 5 runs (eigh: 3)',
      'residuals are probes with a random vector (see bench/linalg.ts); pure-ts is single-threaded, OpenBLAS uses all cores',
      ...notes,
    ],
    rows,
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${relative(root, opts.out) || opts.out}`);
}

main();
