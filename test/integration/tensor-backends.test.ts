/**
 * TensorFlow.js backend selection: detection of all five backends with reasons, forcing one,
 * isolation of the native probes (a throwing, crashing or hanging package never breaks detection),
 * WebGPU without an adapter as a clean 'unavailable', wasm in Node, and `rgwb backends`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultDetectOptions,
  detectTensorBackends,
  probeTfjsNodeEntry,
  probeWebgpuEntry,
  selectTensorBackend,
  TENSOR_BACKEND_NAMES,
  TensorBackendUnavailableError,
  type TensorBackendInfo,
} from '../../src-main/engine/tensor/backends';
import { backendsCommand } from '../../src-main/cli/commands/backends';
import { CliError } from '../../src-main/cli/errors';

let infos: TensorBackendInfo[];
const byName = (name: string) => infos.find((i) => i.name === name)!;
const availableList = () => infos.filter((i) => i.available).map((i) => i.name).join(', ');

beforeAll(async () => {
  infos = await detectTensorBackends();
});

describe('detectTensorBackends', () => {
  it('reports all five backends in rank order, float32, each unavailable one with a reason', () => {
    expect(infos.map((i) => i.name)).toEqual([...TENSOR_BACKEND_NAMES]);
    expect(infos.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const info of infos) {
      expect(info.precision).toBe('float32');
      if (info.available) {
        expect(info.reason).toBeNull();
        expect(info.device.length).toBeGreaterThan(0);
      } else {
        expect(info.reason, info.name).toMatch(/\S/);
      }
    }
  });

  it('always has the plain JavaScript cpu backend', () => {
    expect(byName('cpu')).toMatchObject({ available: true, threads: 1, tfBackendName: 'cpu' });
  });

  it('is cached per process', async () => {
    expect(await detectTensorBackends()).toBe(infos);
  });

  it('reports the native packages as not installed, failed to load, or without a GPU, never by throwing', () => {
    for (const name of ['tfjs-node-gpu', 'tfjs-node']) {
      const info = byName(name);
      if (!info.available) expect(info.reason).toMatch(/is not installed|failed to load|crashed|timed out|no CUDA GPU device|registered backend/);
    }
  });

  it('treats a missing WebGPU adapter as a clean "unavailable"', () => {
    const info = byName('webgpu');
    if (!info.available) {
      expect(info.reason).toMatch(/^(no WebGPU adapter: |package .* is not installed|webgpu failed: )/);
    } else {
      expect(info.device).toMatch(/^WebGPU: /);
    }
  });

  it('loads the wasm backend in Node (SIMD binaries from the package dist folder)', () => {
    // If this ever fails, the reason says why (e.g. a missing .wasm file).
    expect(byName('wasm').reason).toBeNull();
    expect(byName('wasm')).toMatchObject({ available: true, device: expect.stringMatching(/^WebAssembly/) });
    expect(byName('wasm').threads).toBeGreaterThanOrEqual(1);
  });
});

describe('selectTensorBackend', () => {
  it('picks the best available backend and makes it current', async () => {
    const best = infos.find((i) => i.available)!;
    const selected = await selectTensorBackend();
    expect(selected.name).toBe(best.name);
    expect(selected.tf.getBackend()).toBe(best.tfBackendName);
    expect(selected.precision).toBe('float32');
    expect(selected.label).toMatch(/^tfjs-[\w-]+ \(float32\)$/);
  });

  it('forces an available backend by name (also in its tfjs- spelling)', async () => {
    expect((await selectTensorBackend('cpu')).tf.getBackend()).toBe('cpu');
    const wasm = await selectTensorBackend('tfjs-wasm');
    expect(wasm.name).toBe('wasm');
    expect(wasm.tf.getBackend()).toBe('wasm');
    expect(wasm.threads).toBeGreaterThanOrEqual(1);
    expect((await selectTensorBackend('cpu')).tf.getBackend()).toBe('cpu');
  });

  it('fails clearly when a forced backend is unavailable, listing what is', async () => {
    for (const info of infos.filter((i) => !i.available)) {
      const error = await selectTensorBackend(info.name).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TensorBackendUnavailableError);
      expect((error as Error).message).toBe(`backend '${info.name}' is not available: ${info.reason}; available: ${availableList()}`);
    }
    if (!byName('tfjs-node-gpu').available && byName('tfjs-node-gpu').reason!.includes('not installed')) {
      await expect(selectTensorBackend('tfjs-node-gpu')).rejects.toThrow(
        `backend 'tfjs-node-gpu' is not available: package @tensorflow/tfjs-node-gpu is not installed; available: ${availableList()}`,
      );
    }
  });

  it("leaves no Emscripten 'rethrow' process handlers behind after starting wasm", async () => {
    await selectTensorBackend('wasm');
    for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
      const sources = (process as NodeJS.EventEmitter).listeners(event).map((l) => Function.prototype.toString.call(l));
      expect(sources.filter((s) => /ExitStatus|throw reason/.test(s))).toEqual([]);
    }
    await selectTensorBackend('cpu');
  });

  it('rejects an unknown name with the list of valid ones', async () => {
    await expect(selectTensorBackend('cuda')).rejects.toThrow(/unknown tensor backend 'cuda'; choose one of: tfjs-node-gpu, tfjs-node, webgpu, wasm, cpu/);
  });
});

describe('native probes are isolated and bounded in time', () => {
  let dir: string;
  const options = { ...defaultDetectOptions(), nativeTimeoutMs: 2_000, adapterTimeoutMs: 1_000 };
  const stub = (name: string, body: string) => {
    const path = join(dir, `${name}.mjs`);
    writeFileSync(path, body);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rgwb-probe-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a package that throws on load: "failed to load …: <first line>"', async () => {
    const entry = stub('throws', "throw new Error('The Node.js native addon module (tfjs_binding.node) can not be found at path: x\\nsecond line');");
    const result = await probeTfjsNodeEntry('@tensorflow/tfjs-node', entry, false, options);
    expect(result).toMatchObject({ available: false });
    expect(result.reason).toBe('failed to load @tensorflow/tfjs-node: The Node.js native addon module (tfjs_binding.node) can not be found at path: x');
  });

  it('a package that aborts the process: "crashed", and this process lives on', async () => {
    const entry = stub('aborts', "process.stderr.write('F tensorflow/core: fatal: CUDA driver version is insufficient\\n'); process.abort();");
    const result = await probeTfjsNodeEntry('@tensorflow/tfjs-node-gpu', entry, true, options);
    expect(result.available).toBe(false);
    expect(result.reason).toMatch(/^@tensorflow\/tfjs-node-gpu crashed while loading \(SIGABRT\): .*CUDA driver version is insufficient/);
  });

  it('a package that hangs: "timed out" after the limit', async () => {
    const entry = stub('hangs', 'await new Promise(() => setInterval(() => {}, 1000));');
    const result = await probeTfjsNodeEntry('@tensorflow/tfjs-node', entry, false, options);
    expect(result.reason).toBe('loading @tensorflow/tfjs-node timed out after 2000 ms');
  });

  it('tfjs-node-gpu that falls back to the CPU is not reported as a GPU', async () => {
    const fakeTf = `
      export const ready = async () => {};
      export const getBackend = () => 'tensorflow';
      export const version = { 'tfjs-core': '4.22.0' };
      export const tensor2d = (v) => v;
      export const matMul = () => ({ data: async () => new Float32Array([7, 10, 15, 22]) });
      process.stderr.write("W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library 'libcudart.so.11.0'\\n");`;
    const entry = stub('cpu-fallback', fakeTf);
    const gpu = await probeTfjsNodeEntry('@tensorflow/tfjs-node-gpu', entry, true, options);
    expect(gpu.available).toBe(false);
    expect(gpu.reason).toMatch(/loaded but TensorFlow created no CUDA GPU device: .*libcudart/);
    const cpu = await probeTfjsNodeEntry('@tensorflow/tfjs-node', entry, false, options);
    expect(cpu).toMatchObject({ available: true, reason: null, device: 'CPU (libtensorflow, tfjs-core 4.22.0)' });
  });

  it('tfjs-node-gpu that created a CUDA device reports it', async () => {
    const fakeTf = `
      export const ready = async () => {};
      export const getBackend = () => 'tensorflow';
      export const tensor2d = (v) => v;
      export const matMul = () => ({ data: async () => new Float32Array([7, 10, 15, 22]) });
      process.stderr.write('I tensorflow/core/common_runtime/gpu/gpu_device.cc:1616] Created device /job:localhost/replica:0/task:0/device:GPU:0 with 137000 MB memory:  -> device: 0, name: NVIDIA H200, pci bus id: 0000:00:04.0, compute capability: 9.0\\n');`;
    const result = await probeTfjsNodeEntry('@tensorflow/tfjs-node-gpu', stub('cuda', fakeTf), true, options);
    expect(result).toMatchObject({ available: true, device: 'CUDA GPU:0 NVIDIA H200' });
  });

  it('Dawn without an adapter, or one that never answers: "no WebGPU adapter: …"', async () => {
    const none = stub('dawn-none', `
      process.stderr.write("Warning: Couldn't load Vulkan: libvulkan.so.1: cannot open shared object file\\n");
      export const globals = {};
      export const create = () => ({ requestAdapter: async () => null });`);
    expect((await probeWebgpuEntry(none, options)).reason).toBe("no WebGPU adapter: Couldn't load Vulkan: libvulkan.so.1: cannot open shared object file");
    const silent = stub('dawn-silent', `
      export const globals = {};
      export const create = () => ({ requestAdapter: () => new Promise(() => {}) });`);
    expect((await probeWebgpuEntry(silent, options)).reason).toBe('no WebGPU adapter: requestAdapter() timed out after 1000 ms');
  });

  it('Dawn with an adapter reports its info', async () => {
    const ok = stub('dawn-ok', `
      export const globals = {};
      export const create = () => ({ requestAdapter: async () => ({
        info: { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200' },
        limits: { maxBufferSize: 2 ** 31 },
        requestDevice: async () => ({ destroy() {} }),
      }) });`);
    expect(await probeWebgpuEntry(ok, options)).toMatchObject({ available: true, device: 'WebGPU: nvidia / hopper / NVIDIA H200', threads: 1 });
  });
});

describe('rgwb backends', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
  };

  it('prints a table with every backend and the float64 linear algebra', async () => {
    const { out, io } = capture();
    expect(await backendsCommand.run([], io)).toBe(0);
    const text = out.join('\n');
    for (const name of TENSOR_BACKEND_NAMES) expect(text).toContain(name);
    expect(text).toMatch(/rank\s+backend\s+available\s+precision\s+threads\s+device \/ why not/);
    expect(text).toMatch(/float64 linear algebra: \S+/);
    expect(text).toMatch(/best tensor backend: .*\nMonte-Carlo kinds run on: cpu-workers \(float64/);
  });

  it('--json lists each backend, the selection and the linear algebra', async () => {
    const { out, io } = capture();
    expect(await backendsCommand.run(['--json'], io)).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(json.tensorBackends).toHaveLength(5);
    expect(json.tensorBackends.map((b: TensorBackendInfo) => b.name)).toEqual([...TENSOR_BACKEND_NAMES]);
    expect(json.selected).toMatchObject({ name: infos.find((i) => i.available)!.name, precision: 'float32', forced: false });
    expect(json.linearAlgebra).toMatchObject({ precision: 'float64', name: expect.any(String) });
  });

  it('--backend NAME forces one, and exits 1 with the reason when it is unavailable', async () => {
    const { out, io } = capture();
    expect(await backendsCommand.run(['--backend', 'cpu'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/tensor backend \(forced\): tfjs-cpu \(float32\)/);
    const missing = infos.find((i) => !i.available);
    if (missing) {
      const error = await backendsCommand.run(['--backend', missing.name], capture().io).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(1);
      expect((error as Error).message).toContain(`backend '${missing.name}' is not available: `);
    }
    const unknown = await backendsCommand.run(['--backend', 'nope'], capture().io).catch((e: unknown) => e);
    expect((unknown as CliError).exitCode).toBe(2);
  });
});
