/**
 * Loading and starting TensorFlow.js backends in this process: tfjs-core itself, the wasm backend
 * (with its .wasm files as file paths), Dawn's WebGPU for Node, the libtensorflow packages. Each
 * registration happens once per process. Used by the in-process probes and by selection
 * (./backends).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';

export type Tfjs = typeof TF;

const requireHere = createRequire(import.meta.url);

/** Resolved entry file of a package, or null if it is not installed. */
export function resolvePackage(packageName: string): string | null {
  try {
    return requireHere.resolve(packageName);
  } catch {
    return null;
  }
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].trim();
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function hostThreads(): number {
  const fromEnv = Number(process.env.TF_NUM_INTRAOP_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
}

// ── tfjs-core, loaded once ────────────────────────────────────────────────────────────────────

let tfPromise: Promise<Tfjs> | undefined;

/** tfjs-core with the plain-JS cpu backend registered; prod mode (no Node speed-up banner). */
export function loadTfjs(): Promise<Tfjs> {
  tfPromise ??= (async () => {
    const tf = (await import('@tensorflow/tfjs-core')) as Tfjs;
    await import('@tensorflow/tfjs-backend-cpu');
    // PROD silences tfjs's console warnings (e.g. the "install tfjs-node" banner on first use).
    tf.enableProdMode();
    return tf;
  })();
  return tfPromise;
}

// ── in-process registration of each backend (used by the probes and by selection) ──────────────

let wasmRegistration: Promise<{ getThreadsCount(): number }> | undefined;

/** Threads of the wasm backend once registered (null before). */
export async function wasmThreads(): Promise<number | null> {
  return wasmRegistration ? (await wasmRegistration).getThreadsCount() : null;
}

/** Imports the wasm backend and points it at its .wasm files (file paths in Node). Once per process. */
export function registerWasm(): Promise<{ getThreadsCount(): number }> {
  wasmRegistration ??= (async () => {
    const entry = resolvePackage('@tensorflow/tfjs-backend-wasm');
    if (!entry) throw new Error('package @tensorflow/tfjs-backend-wasm is not installed');
    const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as typeof import('@tensorflow/tfjs-backend-wasm');
    // The package's main file sits in dist/ next to the tfjs-backend-wasm*.wasm binaries.
    wasm.setWasmPaths(`${dirname(entry)}/`);
    return wasm;
  })();
  return wasmRegistration;
}

let webgpuRegistration: Promise<void> | undefined;

/** Installs Dawn's navigator.gpu into this process and registers tfjs's webgpu backend. Once. */
export function registerWebgpu(): Promise<void> {
  webgpuRegistration ??= (async () => {
    const { create, globals } = (await import('webgpu')) as { create(flags: string[]): unknown; globals: Record<string, unknown> };
    Object.assign(globalThis, globals);
    const g = globalThis as { navigator?: Record<string, unknown> };
    g.navigator ??= {};
    const gpu = create([]);
    try {
      g.navigator.gpu = gpu;
    } catch {
      Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
    }
    // The backend registers itself only if navigator.gpu exists when it is imported.
    await import('@tensorflow/tfjs-backend-webgpu');
  })();
  return webgpuRegistration;
}

const nativeRegistrations = new Map<string, Promise<unknown>>();

/** libtensorflow packages imported in this process so far. */
export function loadedNativePackages(): string[] {
  return [...nativeRegistrations.keys()];
}

export function registerNative(packageName: string): Promise<unknown> {
  let promise = nativeRegistrations.get(packageName);
  if (!promise) {
    promise = import(packageName);
    nativeRegistrations.set(packageName, promise);
  }
  return promise;
}

/** Makes `tfBackendName` current; throws if it fails to initialise. Restores nothing. */
export async function activate(tf: Tfjs, tfBackendName: string, timeoutMs: number): Promise<void> {
  const ok = await withoutEmscriptenProcessHandlers(() => withTimeout(tf.setBackend(tfBackendName), timeoutMs, `initialising the ${tfBackendName} backend`));
  if (!ok || tf.getBackend() !== tfBackendName) throw new Error(`tf.setBackend('${tfBackendName}') failed`);
}

const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * The Emscripten runtime of tfjs-backend-wasm, when instantiated under Node, adds process
 * listeners that rethrow every uncaught exception and unhandled rejection (so the process dies
 * with exit code 7 and a stack from inside the wasm glue, and the app's own handlers are
 * defeated). Runs `fn` and removes exactly those listeners if they appeared meanwhile.
 */
async function withoutEmscriptenProcessHandlers<T>(fn: () => Promise<T>): Promise<T> {
  const emitter = process as NodeJS.EventEmitter;
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  try {
    return await fn();
  } finally {
    for (const event of PROCESS_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (before.get(event)!.has(listener)) continue;
        const source = Function.prototype.toString.call(listener);
        if (/ExitStatus|throw reason/.test(source)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}

/** 2×2 matMul on the current backend: catches a backend that initialises but computes nonsense. */
export async function selfTest(tf: Tfjs): Promise<void> {
  const a = tf.tensor2d([
    [1, 2],
    [3, 4],
  ]);
  const p = tf.matMul(a, a);
  const v = await p.data();
  tf.dispose([a, p]);
  if (v[0] !== 7 || v[1] !== 10 || v[2] !== 15 || v[3] !== 22) throw new Error(`self-test matMul gave [${Array.from(v).join(', ')}]`);
}


/** tf.getBackend() without its side effect of initialising the best registered backend. */
export function currentBackendName(tf: Tfjs): string | null {
  return (tf.engine() as unknown as { backendName: string | null }).backendName ?? null;
}
