/**
 * `rgwb backends [--json] [--backend NAME]`: every TensorFlow.js backend in rank order, available
 * or not and why, plus the float64 linear algebra in use. With --backend NAME it also loads that
 * backend in this process (as `--backend` on a run would) and fails clearly if it cannot.
 */
import { parseArgs } from 'node:util';
import { activeLinearAlgebra, linearAlgebraFallbackReason } from '../../engine/index';
import { resolvePoolSize } from '../../engine/pool';
import { detectTensorBackends, selectTensorBackend, TensorBackendUnavailableError, type SelectedTensorBackend } from '../../engine/tensor/backends';
import { CliError } from '../errors';
import type { Output } from '../context';
import type { ExtraCommand } from '../extra-commands';
import { table, toJson } from '../format';

const USAGE = `usage: rgwb backends [--json] [--backend NAME]
Lists the TensorFlow.js backends, best first (tfjs-node-gpu, tfjs-node, webgpu, wasm, cpu), whether
each is available here and why not, and the float64 linear algebra in use. --backend NAME also
starts that backend here and exits 1 with the reason if it is unavailable.`;

async function backends(args: string[], io: Output): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        backend: { type: 'string' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message} (see \`rgwb backends --help\`)`);
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const infos = await detectTensorBackends();
  let selected: SelectedTensorBackend;
  try {
    selected = await selectTensorBackend(values.backend);
  } catch (error) {
    if (error instanceof TensorBackendUnavailableError) {
      if (values.backend === undefined) {
        // Nothing usable at all: still show the table, then fail.
        if (!values.json) io.out(render(infos, null));
        throw new CliError(error.message, 1);
      }
      throw new CliError(error.message, /^unknown/.test(error.message) ? 2 : 1);
    }
    throw error;
  }
  const linalg = activeLinearAlgebra().name;
  const linalgFallback = linearAlgebraFallbackReason();
  const threads = resolvePoolSize();
  const monteCarlo = `cpu-workers (float64, ${threads} threads); toy-hermite on a tensor backend only with --backend NAME (tfjs draws its datasets on the host in one thread, so the workers are faster)`;
  if (values.json) {
    io.out(
      toJson({
        tensorBackends: infos,
        selected: { name: selected.name, label: selected.label, precision: selected.precision, threads: selected.threads, device: selected.device, forced: values.backend !== undefined },
        linearAlgebra: { name: linalg, precision: 'float64', fallbackReason: linalgFallback ?? null },
        workerThreads: threads,
        monteCarlo,
      }),
    );
    return 0;
  }
  io.out(render(infos, selected));
  io.out('');
  io.out(`${values.backend === undefined ? 'best tensor backend' : 'tensor backend (forced)'}: ${selected.label}, ${selected.threads ?? '?'} thread(s)`);
  io.out(`Monte-Carlo kinds run on: ${monteCarlo}`);
  io.out(`float64 linear algebra: ${linalg}${linalgFallback ? ` (native LAPACK unavailable: ${linalgFallback})` : ''}`);
  io.out(`Theory kinds run whole on one worker thread in float64. Force an engine with \`rgwb run … --backend NAME\` (typed-arrays = the calling thread, cpu-workers, or a tensor backend above).`);
  return 0;
}

function render(infos: Awaited<ReturnType<typeof detectTensorBackends>>, selected: SelectedTensorBackend | null): string {
  const rows = infos.map((i) => [
    String(i.rank),
    `${i.name}${selected?.name === i.name ? ' *' : ''}`,
    i.available ? 'yes' : 'no',
    i.precision,
    i.threads === null ? '—' : String(i.threads),
    i.available ? i.device : (i.reason ?? ''),
  ]);
  return table(['rank', 'backend', 'available', 'precision', 'threads', 'device / why not'], rows, [true, false, false, false, true, false]);
}

export const backendsCommand: ExtraCommand = {
  name: 'backends',
  help: `
compute
  backends [--json] [--backend NAME]
                                   tensor backends (best first), available or not and why; float64 linear algebra
`,
  run: backends,
};
