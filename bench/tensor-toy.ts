/**
 * Times the float32 tensor path of the toy model (rg-theory.md §5) on every available tfjs backend
 * and writes bench/results/tensor-toy.json.
 *
 *   npx tsx bench/tensor-toy.ts [--datasets 100000] [--n 100] [--batch 100000]
 *                               [--backends wasm,cpu] [--sampler trial-streams|tfjs|both]
 *
 * On a GPU machine (goal: 5·10⁶ datasets of n = 100 in under a second):
 *   npx tsx bench/tensor-toy.ts --datasets 5000000 --batch 1000000 --backends tfjs-node-gpu,webgpu
 *
 * Reported per backend and sampler: total wall time and datasets/s for the whole pipeline (host
 * sampling + upload + device sums and solves + download + float64 host accumulation), and the
 * time of the sampling step alone (host draws + upload) for one batch, so the host-bound share
 * is visible. The datasets are split into the toy-hermite chunk layout (20 000 trials per chunk at
 * n ≤ 100) and whole chunks are grouped into device batches of at most --batch datasets.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, hostname, platform, arch } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { detectTensorBackends, selectTensorBackend } from '../src-main/engine/tensor/backends';
import { runToyHermiteTensorChunks, toyHermiteSample, type ToyHermiteSampler } from '../src-main/engine/tensor/toy-hermite';
import { toyHermiteChunkCount, toyHermiteChunkRange, toyHermiteMoments } from '../src-shared/experiments/toy-hermite';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: '100000' },
    n: { type: 'string', default: '100' },
    batch: { type: 'string', default: '100000' },
    backends: { type: 'string' },
    sampler: { type: 'string', default: 'both' },
    out: { type: 'string' },
  },
});
const datasets = Number(values.datasets);
const sampleCount = Number(values.n);
const batch = Math.min(Number(values.batch), datasets);
const spec = { seed: 1, trialCount: datasets, sampleCount, ridge: 400, lambda1: 1, lambda2: 0.1 };
const chunkCount = toyHermiteChunkCount(spec);
const samplers: ToyHermiteSampler[] = values.sampler === 'both' ? ['trial-streams', 'tfjs'] : [values.sampler as ToyHermiteSampler];
const outPath = values.out ?? join(dirname(fileURLToPath(import.meta.url)), 'results', 'tensor-toy.json');

const infos = await detectTensorBackends();
const wanted = values.backends ? values.backends.split(',').map((s) => s.trim()) : infos.filter((i) => i.available).map((i) => i.name);

interface BenchResult {
  backend: string;
  sampler?: ToyHermiteSampler;
  label?: string;
  device?: string;
  threads?: number | null;
  skipped?: string;
  datasets?: number;
  sampleCount?: number;
  maxBatchTrials?: number;
  elapsedMs?: number;
  datasetsPerSecond?: number;
  /** Host draws + upload of one batch (≤ maxBatchTrials datasets). */
  samplingMsPerBatch?: number;
  samplingBatchTrials?: number;
  meanC1?: number | null;
  standardErrorC1?: number | null;
  tensorsLeaked?: number;
}

const results: BenchResult[] = [];
for (const name of wanted) {
  let selected;
  try {
    selected = await selectTensorBackend(name);
  } catch (error) {
    results.push({ backend: name, skipped: (error as Error).message });
    console.log(`${name}: skipped — ${(error as Error).message}`);
    continue;
  }
  const { tf } = selected;
  for (const sampler of samplers) {
    // Warm-up with one full batch (kernel compilation, wasm heap growth, GPU buffer pools) so the
    // timed run is steady state.
    await runToyHermiteTensorChunks(tf, { ...spec, trialCount: batch }, 0, toyHermiteChunkCount({ ...spec, trialCount: batch }), { sampler, maxBatchTrials: batch });
    const before = tf.memory().numTensors;

    // Sampling alone for one batch: the chunks that fit in --batch.
    const group: { index: number; first: number; count: number }[] = [];
    for (let c = 0, total = 0; c < chunkCount; c++) {
      const range = toyHermiteChunkRange(spec, c);
      if (group.length > 0 && total + range.count > batch) break;
      group.push({ index: c, ...range });
      total += range.count;
    }
    let started = performance.now();
    const x = tf.tidy(() => toyHermiteSample(tf, spec, group, sampler));
    await x.data();
    const samplingMsPerBatch = performance.now() - started;
    x.dispose();

    started = performance.now();
    const partials = await runToyHermiteTensorChunks(tf, spec, 0, chunkCount, { sampler, maxBatchTrials: batch });
    const elapsedMs = performance.now() - started;
    const m = toyHermiteMoments(partials);
    const result: BenchResult = {
      backend: name,
      sampler,
      label: selected.label,
      device: selected.device,
      threads: selected.threads,
      datasets,
      sampleCount,
      maxBatchTrials: batch,
      elapsedMs: Math.round(elapsedMs),
      datasetsPerSecond: Math.round(datasets / (elapsedMs / 1000)),
      samplingMsPerBatch: Math.round(samplingMsPerBatch),
      samplingBatchTrials: group.reduce((s, g) => s + g.count, 0),
      meanC1: m.a,
      standardErrorC1: m.varA === null ? null : Math.sqrt(m.varA / m.trials),
      tensorsLeaked: tf.memory().numTensors - before,
    };
    results.push(result);
    console.log(
      `${name.padEnd(14)} ${sampler.padEnd(13)} ${String(datasets).padStart(9)} datasets × n=${sampleCount} in ${String(result.elapsedMs).padStart(6)} ms ` +
        `(${result.datasetsPerSecond!.toLocaleString('en')} /s; sampling+upload ${result.samplingMsPerBatch} ms per ${result.samplingBatchTrials}) ` +
        `⟨c₁⟩ = ${m.a?.toExponential(3)} ± ${result.standardErrorC1?.toExponential(2)}`,
    );
  }
}

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(
  outPath,
  `${JSON.stringify(
    {
      bench: 'tensor-toy',
      description: 'toy model (rg-theory.md §5) on the float32 tensor path: sample, sums, batched 2×2 solves, float64 host accumulation',
      goal: 'GPU: 5e6 datasets of n = 100 in under 1 s',
      date: new Date().toISOString(),
      machine: { host: hostname(), platform: platform(), arch: arch(), cpu: cpus()[0]?.model ?? '', threads: availableParallelism(), node: process.version },
      spec,
      detection: infos,
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${outPath}`);
