/**
 * TensorFlow.js backend selection at run time: the one place that decides which tfjs backend the
 * float32 batched work (sampling, feature maps, Gram blocks, batched small solves) runs on.
 *
 * Ranking, best first:
 *   1. tfjs-node-gpu  @tensorflow/tfjs-node-gpu  libtensorflow + CUDA        (optionalDependency)
 *   2. tfjs-node      @tensorflow/tfjs-node      libtensorflow, native CPU    (optionalDependency)
 *   3. webgpu         @tensorflow/tfjs-backend-webgpu over `webgpu` (Dawn; Vulkan / Metal / D3D12)
 *   4. wasm           @tensorflow/tfjs-backend-wasm (SIMD; threads where the runtime allows)
 *   5. cpu            @tensorflow/tfjs-backend-cpu (plain JavaScript, always there)
 *
 * tfjs-node-gpu downloads libtensorflow at install time and so fails on an offline machine; the
 * webgpu path installs from the registry alone (Dawn binaries ship inside the `webgpu` package).
 *
 * Every backend is float32 only. Averages over trials are accumulated on the host in float64
 * (see ./toy-hermite): the backend does the bulk, the host does the sums that need the digits.
 *
 * Detection is cached per process. Each probe is bounded in time and isolated: the native ones
 * (tfjs-node-gpu, tfjs-node, webgpu) run in a child process (./probe), the pure-JS/wasm ones in
 * process under a timeout, and every probe's failure becomes that backend's `reason`, never an
 * exception. `selectTensorBackend` then loads the chosen one in this process.
 */
import { fileUrl, runProbe, stderrLines, TFJS_NODE_PROBE, WEBGPU_PROBE } from './probe';
import {
  activate,
  currentBackendName,
  firstLine,
  hostThreads,
  loadedNativePackages,
  loadTfjs,
  registerNative,
  registerWasm,
  registerWebgpu,
  resolvePackage,
  selfTest,
  wasmThreads,
  withTimeout,
  type Tfjs,
} from './register';

export { loadTfjs, type Tfjs } from './register';

export const TENSOR_BACKEND_NAMES = ['tfjs-node-gpu', 'tfjs-node', 'webgpu', 'wasm', 'cpu'] as const;
export type TensorBackendName = (typeof TENSOR_BACKEND_NAMES)[number];

/** All tfjs backends compute in float32. */
export type TensorPrecision = 'float32';

export interface TensorBackendInfo {
  readonly name: TensorBackendName;
  /** 1 = best. */
  readonly rank: number;
  /** The npm package that provides it. */
  readonly packageName: string;
  /** Name under which tfjs registers it (tf.getBackend()). */
  readonly tfBackendName: string;
  readonly available: boolean;
  /** Why it is not available (null when available). */
  readonly reason: string | null;
  readonly precision: TensorPrecision;
  /** What it runs on: CUDA device, WebGPU adapter, "WebAssembly SIMD", … ('' when unknown). */
  readonly device: string;
  /** Host threads the backend computes with (intra-op threads for libtensorflow); null if unknown. */
  readonly threads: number | null;
  /** Wall-clock time of the probe. */
  readonly probeMs: number;
}

/** A backend loaded and made current in this process. */
export interface SelectedTensorBackend {
  readonly tf: Tfjs;
  readonly name: TensorBackendName;
  readonly info: TensorBackendInfo;
  readonly precision: TensorPrecision;
  readonly threads: number | null;
  readonly device: string;
  /** For run records, e.g. "tfjs-wasm (float32)". */
  readonly label: string;
}

export class TensorBackendUnavailableError extends Error {
  override readonly name = 'TensorBackendUnavailableError';
}

export interface DetectOptions {
  /** Re-probe even if this process already detected (default false). */
  readonly refresh?: boolean;
  /** Limit for each native child-process probe (default 30 s: libtensorflow + CUDA init is slow). */
  readonly nativeTimeoutMs?: number;
  /** Limit for the WebGPU requestAdapter() call (default 5 s). */
  readonly adapterTimeoutMs?: number;
  /** Limit for the in-process wasm / cpu initialisation (default 15 s). */
  readonly inProcessTimeoutMs?: number;
}

interface BackendDefinition {
  readonly name: TensorBackendName;
  readonly packageName: string;
  readonly tfBackendName: string;
}

const DEFINITIONS: readonly BackendDefinition[] = [
  { name: 'tfjs-node-gpu', packageName: '@tensorflow/tfjs-node-gpu', tfBackendName: 'tensorflow' },
  { name: 'tfjs-node', packageName: '@tensorflow/tfjs-node', tfBackendName: 'tensorflow' },
  { name: 'webgpu', packageName: '@tensorflow/tfjs-backend-webgpu', tfBackendName: 'webgpu' },
  { name: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm', tfBackendName: 'wasm' },
  { name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', tfBackendName: 'cpu' },
];

// ── probes ─────────────────────────────────────────────────────────────────────────────────────

export type ProbeResult = Omit<TensorBackendInfo, 'name' | 'rank' | 'packageName' | 'tfBackendName' | 'precision' | 'probeMs'>;

const unavailable = (reason: string, device = '', threads: number | null = null): ProbeResult => ({ available: false, reason, device, threads });

async function probeTfjsNode(def: BackendDefinition, options: Required<DetectOptions>): Promise<ProbeResult> {
  const entry = resolvePackage(def.packageName);
  if (!entry) return unavailable(`package ${def.packageName} is not installed`);
  return probeTfjsNodeEntry(def.packageName, entry, def.name === 'tfjs-node-gpu', options);
}

/**
 * Probes a tfjs-node(-gpu) build whose entry file is `entry`, in a child process (exported for
 * tests, which point it at stand-in modules that throw, crash or hang).
 */
export async function probeTfjsNodeEntry(
  packageName: string,
  entry: string,
  wantGpu: boolean,
  options: Required<DetectOptions>,
): Promise<ProbeResult> {
  const def = { packageName };
  const outcome = await runProbe(
    TFJS_NODE_PROBE,
    // Log level 0 makes TensorFlow print "Created device …GPU:0… name: <GPU>" on stderr.
    { RGWB_PROBE_URL: fileUrl(entry), TF_CPP_MIN_LOG_LEVEL: wantGpu ? '0' : (process.env.TF_CPP_MIN_LOG_LEVEL ?? '2') },
    options.nativeTimeoutMs,
  );
  const lines = stderrLines(outcome.stderr);
  if (outcome.timedOut) return unavailable(`loading ${def.packageName} timed out after ${options.nativeTimeoutMs} ms`);
  const r = outcome.result;
  if (!r) {
    const line = lines.find((l) => /error|abort|fatal|cannot|not found|undefined symbol/i.test(l)) ?? lines[0] ?? 'no output';
    return unavailable(`${def.packageName} crashed while loading (${outcome.signal ?? `exit code ${outcome.exitCode}`}): ${line}`);
  }
  if (r.ok !== true) return unavailable(`failed to load ${def.packageName}: ${String(r.error ?? 'unknown error')}`);
  if (r.backend !== 'tensorflow') return unavailable(`${def.packageName} loaded but registered backend '${String(r.backend)}', not 'tensorflow'`);
  const threads = hostThreads();
  if (!wantGpu) return { available: true, reason: null, device: `CPU (libtensorflow, tfjs-core ${String(r.version ?? '?')})`, threads };
  // tfjs-node-gpu silently falls back to the CPU when CUDA is missing: require a GPU device.
  const created = lines.map((l) => /Created device .*GPU:(\d+).*?name: ([^,]+)/.exec(l)).find((m) => m !== null);
  if (created) return { available: true, reason: null, device: `CUDA GPU:${created[1]} ${created[2].trim()}`, threads };
  const hint = lines.find((l) => /Could not load dynamic library|cuda|CUDA|cudnn|GPU/.test(l));
  return unavailable(`${def.packageName} loaded but TensorFlow created no CUDA GPU device${hint ? `: ${hint}` : ' (no CUDA GPU or libraries found)'}`);
}

async function probeWebgpu(def: BackendDefinition, options: Required<DetectOptions>): Promise<ProbeResult> {
  if (!resolvePackage(def.packageName)) return unavailable(`package ${def.packageName} is not installed`);
  const dawn = resolvePackage('webgpu');
  if (!dawn) return unavailable('package webgpu (Dawn for Node) is not installed');
  return probeWebgpuEntry(dawn, options);
}

/** Probes the Dawn module at `dawn` (the `webgpu` package's entry) in a child process. */
export async function probeWebgpuEntry(dawn: string, options: Required<DetectOptions>): Promise<ProbeResult> {
  const outcome = await runProbe(
    WEBGPU_PROBE,
    { RGWB_PROBE_URL: fileUrl(dawn), RGWB_PROBE_ADAPTER_MS: String(options.adapterTimeoutMs) },
    // The adapter request has its own limit; leave room for loading dawn.node.
    options.adapterTimeoutMs + 10_000,
  );
  // Dawn prints e.g. "Warning: Couldn't load Vulkan: libvulkan.so.1: cannot open shared object file".
  const driverNote = stderrLines(outcome.stderr)
    .filter((l) => /warning|error|vulkan|adapter|driver/i.test(l))
    .map((l) => l.replace(/^Warning:\s*/i, ''))
    .slice(0, 2)
    .join('; ');
  if (outcome.timedOut) return unavailable(`no WebGPU adapter: probe timed out after ${options.adapterTimeoutMs + 10_000} ms`);
  const r = outcome.result;
  if (!r) return unavailable(`no WebGPU adapter: Dawn crashed (${outcome.signal ?? `exit code ${outcome.exitCode}`})${driverNote ? `: ${driverNote}` : ''}`);
  if (r.noAdapter === true) {
    const why = [typeof r.error === 'string' ? r.error : '', driverNote].filter((s) => s).join('; ');
    return unavailable(`no WebGPU adapter: ${why || 'Dawn found no usable Vulkan / Metal / D3D12 device'}`);
  }
  if (r.ok !== true) return unavailable(`webgpu failed: ${String(r.error ?? 'unknown error')}${driverNote ? ` (${driverNote})` : ''}`);
  const a = (r.adapter ?? {}) as Record<string, string>;
  const device = [a.vendor, a.architecture, a.device, a.description].filter((s) => s).join(' / ') || 'WebGPU adapter';
  return { available: true, reason: null, device: `WebGPU: ${device}`, threads: 1 };
}

/**
 * In-process probe of a pure-JS / wasm backend: make it current, self-test, then put the previous
 * backend back so detection has no lasting effect.
 */
async function probeInProcess(def: BackendDefinition, options: Required<DetectOptions>): Promise<ProbeResult> {
  if (!resolvePackage(def.packageName)) return unavailable(`package ${def.packageName} is not installed`);
  let tf: Tfjs;
  try {
    tf = await withTimeout(loadTfjs(), options.inProcessTimeoutMs, 'loading @tensorflow/tfjs-core');
  } catch (error) {
    return unavailable(`failed to load @tensorflow/tfjs-core: ${firstLine(error)}`);
  }
  const previous = currentBackendName(tf);
  try {
    let device = 'JavaScript (main thread)';
    let threads: number | null = 1;
    if (def.name === 'wasm') {
      const wasm = await withTimeout(registerWasm(), options.inProcessTimeoutMs, 'loading @tensorflow/tfjs-backend-wasm');
      await activate(tf, 'wasm', options.inProcessTimeoutMs);
      threads = wasm.getThreadsCount();
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      device = `WebAssembly${simd ? ' SIMD' : ''}`;
    } else {
      await activate(tf, 'cpu', options.inProcessTimeoutMs);
    }
    await selfTest(tf);
    return { available: true, reason: null, device, threads };
  } catch (error) {
    const text = firstLine(error);
    return unavailable(text.startsWith('package ') ? text : `failed to load ${def.packageName}: ${text}`);
  } finally {
    if (previous && previous !== def.tfBackendName) {
      try {
        await tf.setBackend(previous);
      } catch {
        /* the previous backend stays whatever tfjs left it */
      }
    }
  }
}


// ── public API ─────────────────────────────────────────────────────────────────────────────────

/** Runs one probe, timing it; a probe that throws becomes an unavailable backend. */
async function timed(def: BackendDefinition, probe: () => Promise<ProbeResult>): Promise<TensorBackendInfo> {
  const started = performance.now();
  let result: ProbeResult;
  try {
    result = await probe();
  } catch (error) {
    result = unavailable(`probe failed: ${firstLine(error)}`);
  }
  return {
    name: def.name,
    rank: DEFINITIONS.indexOf(def) + 1,
    packageName: def.packageName,
    tfBackendName: def.tfBackendName,
    precision: 'float32',
    probeMs: Math.round(performance.now() - started),
    ...result,
  };
}

let detection: Promise<TensorBackendInfo[]> | undefined;

/** The limits `detectTensorBackends` uses when none are given. */
export function defaultDetectOptions(options: DetectOptions = {}): Required<DetectOptions> {
  return {
    refresh: options.refresh ?? false,
    nativeTimeoutMs: options.nativeTimeoutMs ?? 30_000,
    adapterTimeoutMs: options.adapterTimeoutMs ?? 5_000,
    inProcessTimeoutMs: options.inProcessTimeoutMs ?? 15_000,
  };
}

/**
 * Probes every backend in rank order and reports availability, the reason when unavailable,
 * precision, device and threads. Cached per process (pass `refresh` to re-probe). Never rejects.
 */
export function detectTensorBackends(options: DetectOptions = {}): Promise<TensorBackendInfo[]> {
  if (detection && !options.refresh) return detection;
  const opts = defaultDetectOptions(options);
  detection = (async () => {
    const byName = (name: TensorBackendName) => DEFINITIONS.find((d) => d.name === name)!;
    // Native probes run in parallel child processes; the in-process ones one after the other
    // (they switch the current tfjs backend while they test it).
    const native = Promise.all([
      timed(byName('tfjs-node-gpu'), () => probeTfjsNode(byName('tfjs-node-gpu'), opts)),
      timed(byName('tfjs-node'), () => probeTfjsNode(byName('tfjs-node'), opts)),
      timed(byName('webgpu'), () => probeWebgpu(byName('webgpu'), opts)),
    ]);
    const wasm = await timed(byName('wasm'), () => probeInProcess(byName('wasm'), opts));
    const cpu = await timed(byName('cpu'), () => probeInProcess(byName('cpu'), opts));
    return [...(await native), wasm, cpu];
  })();
  return detection;
}

/** Accepts the canonical names and the "tfjs-" spellings used in run records (tfjs-wasm, …). */
export function normalizeTensorBackendName(name: string): TensorBackendName | null {
  const n = name.trim().toLowerCase();
  if ((TENSOR_BACKEND_NAMES as readonly string[]).includes(n)) return n as TensorBackendName;
  if (n === 'tfjs-webgpu' || n === 'tfjs-wasm' || n === 'tfjs-cpu') return n.slice(5) as TensorBackendName;
  return null;
}

/** "tfjs-wasm", "tfjs-node-gpu", …: the backend's name in run records. */
export function tensorBackendLabel(name: TensorBackendName): string {
  return name.startsWith('tfjs-') ? name : `tfjs-${name}`;
}

let selected: SelectedTensorBackend | undefined;

/**
 * The detection entry of the best available backend, or of the one named, without loading it in
 * this process (the tensor worker loads it: see ../tensor-executor.ts). Throws
 * `TensorBackendUnavailableError` with the same messages as `selectTensorBackend`.
 */
export async function pickTensorBackend(name?: string, options: DetectOptions = {}): Promise<{ info: TensorBackendInfo; availableList: string }> {
  const infos = await detectTensorBackends(options);
  const available = infos.filter((i) => i.available);
  const availableList = available.map((i) => i.name).join(', ') || 'none';
  if (name === undefined) {
    const best = available[0];
    if (!best) throw new TensorBackendUnavailableError(`no tensor backend is available: ${infos.map((i) => `${i.name}: ${i.reason}`).join('; ')}`);
    return { info: best, availableList };
  }
  const canonical = normalizeTensorBackendName(name);
  if (!canonical) {
    throw new TensorBackendUnavailableError(`unknown tensor backend '${name}'; choose one of: ${TENSOR_BACKEND_NAMES.join(', ')} (available: ${availableList})`);
  }
  const info = infos.find((i) => i.name === canonical)!;
  if (!info.available) throw new TensorBackendUnavailableError(`backend '${canonical}' is not available: ${info.reason}; available: ${availableList}`);
  return { info, availableList };
}

/**
 * Loads and makes current the best available backend, or the one named (`--backend NAME`).
 * Throws `TensorBackendUnavailableError` with the reason and the available alternatives when the
 * named one cannot be used, e.g.
 *   backend 'tfjs-node-gpu' is not available: package @tensorflow/tfjs-node-gpu is not installed;
 *   available: wasm, cpu
 */
export async function selectTensorBackend(name?: string, options: DetectOptions = {}): Promise<SelectedTensorBackend> {
  const { info, availableList } = await pickTensorBackend(name, options);
  if (selected?.name === info.name && currentBackendName(selected.tf) === info.tfBackendName) return selected;

  const tf = await loadTfjs();
  const timeoutMs = options.inProcessTimeoutMs ?? 15_000;
  try {
    if (info.name === 'tfjs-node-gpu' || info.name === 'tfjs-node') {
      // Both register under 'tensorflow' and bind their own libtensorflow: one per process.
      const other = loadedNativePackages().find((p) => p !== info.packageName);
      if (other) throw new Error(`${other} is already loaded in this process (one libtensorflow per process)`);
      await withTimeout(registerNative(info.packageName), options.nativeTimeoutMs ?? 30_000, `loading ${info.packageName}`);
    } else if (info.name === 'webgpu') {
      await withTimeout(registerWebgpu(), timeoutMs, 'loading the webgpu backend');
    } else if (info.name === 'wasm') {
      await withTimeout(registerWasm(), timeoutMs, 'loading the wasm backend');
    }
    await activate(tf, info.tfBackendName, info.name === 'webgpu' ? timeoutMs + (options.adapterTimeoutMs ?? 5_000) : timeoutMs);
    await selfTest(tf);
  } catch (error) {
    throw new TensorBackendUnavailableError(`backend '${info.name}' passed detection but failed to start in this process: ${firstLine(error)}; available: ${availableList}`);
  }
  const threads = info.name === 'wasm' ? ((await wasmThreads()) ?? info.threads) : info.threads;
  selected = {
    tf,
    name: info.name,
    info,
    precision: 'float32',
    threads,
    device: info.device,
    label: `${tensorBackendLabel(info.name)} (float32)`,
  };
  return selected;
}

/** The fields a run records about the tensor backend it actually used. */
export function tensorRunEnvironment(backend: Pick<SelectedTensorBackend, 'label' | 'threads'>): { backend: string; precision: string; threads: number } {
  return {
    backend: backend.label,
    precision: 'float32 (device), float64 accumulation (host)',
    threads: backend.threads ?? 1,
  };
}
