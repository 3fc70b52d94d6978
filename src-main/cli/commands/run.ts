import type { RunRecord } from '../../../src-shared/api/runs';
import type { RunEvent } from '../../../src-shared/api/contract';
import { findKind } from '../../../src-shared/experiments/registry';
import { RunService, SpecValidationError } from '../../services/runs';
import { createExecutorFor } from '../../engine';
import { CliError } from '../errors';
import { openCliStore, type Output } from '../context';
import { formatDuration, formatNumber, keyValues, table, toJson } from '../format';
import { ProgressBar } from '../progress';
import { applyAssignments, loadSpecInput } from '../spec-input';

export interface RunOptions {
  readonly db?: string;
  readonly set: readonly string[];
  readonly name?: string;
  readonly tags: readonly string[];
  readonly json: boolean;
  readonly backend?: string;
}

export async function runCommand(io: Output, ref: string | undefined, opts: RunOptions): Promise<number> {
  if (!ref) throw new CliError('usage: rgwb run <preset | spec.json> [--set path=value ...] [--name N] [--tag T] [--json]');
  const input = loadSpecInput(ref);
  const spec = applyAssignments(input.spec, opts.set);
  const store = openCliStore(opts.db);
  try {
    const service = new RunService(store, createExecutorFor({ backend: opts.backend }));
    // Validate before anything touches the store: an invalid spec creates no run.
    try {
      service.validate(input.kind, spec);
    } catch (error) {
      if (error instanceof SpecValidationError) {
        throw new CliError(error.issues.map((i) => `${i.path || input.kind}: ${i.message}`).join('; '));
      }
      throw error;
    }

    const controller = new AbortController();
    let interrupts = 0;
    const onSigint = () => {
      interrupts += 1;
      if (interrupts === 1) {
        io.err('\ncancelling… (partial results are kept; press Ctrl-C again to quit at once)');
        controller.abort();
      } else {
        process.exit(130);
      }
    };
    process.on('SIGINT', onSigint);
    const bar = new ProgressBar(process.stderr, opts.json ? false : undefined);
    const listener = (event: RunEvent) => {
      if (event.type === 'progress') bar.update(event, event.elapsedMs);
    };
    service.events.on('event', listener);
    let record: RunRecord;
    try {
      record = await service.run(
        { kind: input.kind, spec, name: opts.name ?? input.name, tags: [...input.tags, ...opts.tags] },
        { signal: controller.signal },
      );
    } finally {
      bar.done();
      service.events.off('event', listener);
      process.off('SIGINT', onSigint);
    }

    if (opts.json) io.out(toJson(record));
    else io.out(describeRun(record));
    if (record.status === 'failed') {
      if (opts.json) io.err(`run ${record.id} failed: ${record.error}`);
      return 1;
    }
    return record.status === 'cancelled' ? 130 : 0;
  } finally {
    store.close();
  }
}

/** Human-readable run summary: provenance, metrics, diagnostics. */
export function describeRun(run: RunRecord): string {
  const kind = findKind(run.kind);
  const parts = [
    keyValues([
      ['run', `#${run.id}  ${run.name}`],
      ['kind', run.kind],
      ['status', run.status],
      ['seed', String(run.seed)],
      ['created', run.createdAt],
      ['elapsed', formatDuration(run.elapsedMs)],
      ['backend', run.environment ? `${run.environment.backend}; linalg ${run.environment.linalg}; ${run.environment.threads} thread(s)` : '—'],
      ['tags', run.tags.length ? run.tags.join(', ') : '—'],
      ...(run.notes ? [['notes', run.notes] as [string, string]] : []),
    ]),
  ];
  if (run.error) parts.push(`\nerror: ${run.error}`);
  const metricNames = Object.keys(run.metrics);
  if (metricNames.length) {
    const known = kind ? Object.keys(kind.metrics) : [];
    const ordered = [...known.filter((m) => m in run.metrics), ...metricNames.filter((m) => !known.includes(m))];
    parts.push(
      '\n' +
        table(
          ['metric', 'value', 'meaning'],
          ordered.map((m) => [m, formatNumber(run.metrics[m]), kind?.metrics[m] ?? '']),
          [false, true, false],
        ),
    );
  }
  if (run.diagnostics.length) parts.push('\n' + run.diagnostics.map((d) => `note: ${d}`).join('\n'));
  if (run.arrays.length) parts.push(`\narrays: ${run.arrays.map((a) => `${a.name}[${a.shape.join('×')}]`).join(', ')}`);
  return parts.join('\n');
}
