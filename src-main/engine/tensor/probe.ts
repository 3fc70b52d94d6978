/**
 * Out-of-process probes for the native TensorFlow.js backends (tfjs-node-gpu, tfjs-node, webgpu).
 *
 * Loading a native addon can abort the whole process (a missing CUDA library, an incompatible
 * driver) or hang in a driver call that no JavaScript timeout can interrupt. So each native probe
 * runs in a short-lived child Node process with a hard wall-clock limit: a crash, a hang or a
 * noisy driver (Dawn writes its Vulkan warnings straight to stderr) stays in the child, and its
 * stderr becomes the "why not" of the report. Only a backend whose probe passed is then loaded in
 * this process (see ./backends).
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface ProbeOutcome {
  /** The JSON object the child printed, or null when it printed none (crash, timeout). */
  readonly result: Record<string, unknown> | null;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly elapsedMs: number;
}

const RESULT_MARK = 'RGWB_PROBE_RESULT ';
const MAX_CAPTURE = 64 * 1024;

/** Prints one result line and exits (pipes are flushed before exit via the write callback). */
const FINISH = `
function finish(r) {
  process.stdout.write('\\n${RESULT_MARK}' + JSON.stringify(r) + '\\n', () => process.exit(0));
}
function firstLine(e) { return String((e && e.message) || e).split('\\n')[0]; }
`;

/** tfjs-node / tfjs-node-gpu: load, run a 2×2 matMul, report the tf backend and version. */
export const TFJS_NODE_PROBE = `${FINISH}
try {
  const tf = await import(process.env.RGWB_PROBE_URL);
  await tf.ready();
  const a = tf.tensor2d([[1, 2], [3, 4]]);
  const v = await tf.matMul(a, a).data();
  if (v[0] !== 7 || v[3] !== 22) throw new Error('self-test matMul gave ' + Array.from(v).join(','));
  finish({ ok: true, backend: tf.getBackend(), version: tf.version && tf.version['tfjs-core'] });
} catch (e) {
  finish({ ok: false, error: firstLine(e) });
}
`;

/** webgpu (Dawn): request an adapter with a timeout, then a device; report the adapter info. */
export const WEBGPU_PROBE = `${FINISH}
try {
  const { create, globals } = await import(process.env.RGWB_PROBE_URL);
  Object.assign(globalThis, globals);
  const gpu = create([]);
  const ms = Number(process.env.RGWB_PROBE_ADAPTER_MS);
  const adapter = await Promise.race([
    gpu.requestAdapter({ powerPreference: 'high-performance' }),
    new Promise((r) => setTimeout(() => r('timeout'), ms)),
  ]);
  if (adapter === 'timeout') finish({ ok: false, noAdapter: true, error: 'requestAdapter() timed out after ' + ms + ' ms' });
  else if (!adapter) finish({ ok: false, noAdapter: true });
  else {
    const info = adapter.info ?? (adapter.requestAdapterInfo ? await adapter.requestAdapterInfo() : {});
    const adapterInfo = { vendor: info.vendor ?? '', architecture: info.architecture ?? '', device: info.device ?? '', description: info.description ?? '' };
    const device = await adapter.requestDevice();
    device.destroy();
    finish({ ok: true, adapter: adapterInfo, maxBufferSize: adapter.limits.maxBufferSize });
  }
} catch (e) {
  finish({ ok: false, error: firstLine(e) });
}
`;

/**
 * Runs `script` (an ES module body) in a child Node process with `env` added, and returns what it
 * printed. Never rejects: a crash or timeout is reported in the outcome.
 */
export function runProbe(script: string, env: Record<string, string>, timeoutMs: number): Promise<ProbeOutcome> {
  const started = performance.now();
  return new Promise((resolvePromise) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const finish = (exitCode: number | null, signal: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const line = stdout.split('\n').reverse().find((l) => l.startsWith(RESULT_MARK));
      let result: Record<string, unknown> | null = null;
      if (line) {
        try {
          result = JSON.parse(line.slice(RESULT_MARK.length)) as Record<string, unknown>;
        } catch {
          result = null;
        }
      }
      resolvePromise({ result, stderr, exitCode, signal, timedOut, elapsedMs: performance.now() - started });
    };
    let child: ReturnType<typeof spawn>;
    try {
      // ELECTRON_RUN_AS_NODE makes process.execPath behave as plain Node inside Electron.
      child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      stderr = String((error as Error).message);
      finish(null, null);
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_CAPTURE) stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_CAPTURE) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => {
      stderr += String(error.message);
      finish(null, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
}

export function fileUrl(path: string): string {
  return pathToFileURL(path).href;
}

/** Non-empty, trimmed stderr lines (driver warnings), without stack-frame lines. */
export function stderrLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('at ') && !l.startsWith('at\t'));
}
