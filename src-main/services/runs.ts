/**
 * RunService: the one place a run is validated, recorded, executed and finished. The CLI, web mode
 * and the desktop app all start runs here, so they never disagree about a run.
 *
 * Order of events: validate (nothing is written for an invalid spec) → insert 'queued' → 'running'
 * → execute → results in one transaction → 'succeeded' | 'cancelled' | 'failed'.
 */
import { EventEmitter } from 'node:events';
import type { RunRecord } from '../../src-shared/api/runs';
import type { RunEvent } from '../../src-shared/api/contract';
import { validateSpec } from '../../src-shared/experiments/registry';
import type { ExperimentResult, Progress } from '../../src-shared/experiments/types';
import { ExperimentInputError, nonFiniteMetricDiagnostics } from '../../src-shared/experiments/types';
import type { SpecIssue } from '../../src-shared/experiments/validate';
import { issuesToText } from '../../src-shared/experiments/validate';
import type { Executor } from '../engine/executor';
import type { RunStore } from '../store';
import { dataFileIssues } from './data-preflight';
import { runEnvironment } from './environment';

export class SpecValidationError extends Error {
  constructor(
    readonly kind: string,
    readonly issues: readonly SpecIssue[],
  ) {
    super(`invalid ${kind} spec: ${issuesToText(issues)}`);
    this.name = 'SpecValidationError';
  }
}

export interface RunRequest {
  readonly kind: string;
  readonly spec: unknown;
  readonly name?: string;
  readonly tags?: readonly string[];
}

export interface StartOptions {
  readonly signal?: AbortSignal;
  /** Minimum interval between progress events (default 100 ms: at most 10 per second). */
  readonly progressIntervalMs?: number;
  /** Called once the run row exists, before execution starts. */
  readonly onCreated?: (runId: number) => void;
}

export class RunService {
  readonly events = new EventEmitter<{ event: [RunEvent] }>();

  constructor(
    private readonly store: RunStore,
    private readonly executorFor: (kind: string) => Executor | Promise<Executor>,
  ) {}

  /**
   * Validates and fills defaults; throws SpecValidationError naming every bad field, including a
   * data file that cannot be read (checked here so that no run is recorded for it).
   */
  validate(kind: string, spec: unknown): { seed: number } & Record<string, unknown> {
    const validation = validateSpec(kind, spec);
    if (!validation.ok) throw new SpecValidationError(kind, validation.issues);
    const fileIssues = dataFileIssues(validation.spec);
    if (fileIssues.length > 0) throw new SpecValidationError(kind, fileIssues);
    return validation.spec;
  }

  private readonly active = new Map<number, AbortController>();

  /**
   * Validates, records and starts a run in the background; resolves with its id once the row
   * exists. Used by web mode and the desktop app; progress and completion arrive as events.
   */
  start(request: RunRequest): Promise<number> {
    const controller = new AbortController();
    return new Promise((resolve, reject) => {
      this.run(request, { signal: controller.signal, onCreated: (id) => resolve(id), controller }).catch(reject);
    });
  }

  /** Cancels an active run; false when it is not running in this process. */
  cancel(runId: number): boolean {
    const controller = this.active.get(runId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Ids of runs executing in this process. */
  activeRuns(): number[] {
    return [...this.active.keys()];
  }

  /** Cancels every active run and waits (bounded) for them to store what they completed. */
  async shutdown(timeoutMs = 5000): Promise<void> {
    for (const controller of this.active.values()) controller.abort();
    const deadline = Date.now() + timeoutMs;
    while (this.active.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  /** Runs to completion (or cancel/failure) and returns the stored record. */
  async run(request: RunRequest, options: StartOptions & { controller?: AbortController } = {}): Promise<RunRecord> {
    const spec = this.validate(request.kind, request.spec);
    const executor = await this.executorFor(request.kind);
    const environment = runEnvironment(executor.describe(request.kind));
    const runId = this.store.createRun({
      kind: request.kind,
      name: request.name?.trim() || defaultRunName(request.kind, spec),
      spec,
      seed: spec.seed,
      environment,
    });
    if (request.tags?.length) this.store.addTags(runId, request.tags);
    const controller = options.controller ?? new AbortController();
    if (options.signal && options.signal !== controller.signal) {
      if (options.signal.aborted) controller.abort();
      else options.signal.addEventListener('abort', () => controller.abort(), { once: true });
    }
    const signal = controller.signal;
    this.active.set(runId, controller);
    this.emit({ type: 'created', runId });
    options.onCreated?.(runId);
    try {
      return await this.execute(runId, request.kind, spec, executor, signal, options);
    } finally {
      this.active.delete(runId);
    }
  }

  private async execute(
    runId: number,
    kind: string,
    spec: { seed: number } & Record<string, unknown>,
    executor: Executor,
    signal: AbortSignal,
    options: StartOptions,
  ): Promise<RunRecord> {
    const interval = options.progressIntervalMs ?? 100;
    const started = performance.now();
    let lastProgress = -Infinity;
    const onProgress = (progress: Progress) => {
      const now = performance.now();
      if (now - lastProgress < interval && progress.done < progress.total) return;
      lastProgress = now;
      this.emit({ type: 'progress', runId, done: progress.done, total: progress.total, message: progress.message, partialMetrics: progress.partialMetrics, elapsedMs: Math.round(now - started) });
    };

    this.store.markRunning(runId);
    let result: ExperimentResult;
    try {
      result = await executor.execute({ kind, spec, signal, onProgress });
    } catch (error) {
      const elapsedMs = Math.round(performance.now() - started);
      this.store.failRun(runId, describeRunError(error), elapsedMs);
      this.emit({ type: 'finished', runId, status: 'failed' });
      return this.store.getRun(runId);
    }
    const flagged = nonFiniteMetricDiagnostics(result.metrics);
    if (flagged.length > 0) result = { ...result, diagnostics: [...result.diagnostics, ...flagged] };
    const elapsedMs = Math.round(performance.now() - started);
    const status = signal.aborted ? 'cancelled' : 'succeeded';
    this.store.completeRun(runId, result, { status, elapsedMs });
    this.emit({ type: 'finished', runId, status });
    return this.store.getRun(runId);
  }

  private emit(event: RunEvent) {
    this.events.emit('event', event);
  }
}

function defaultRunName(kind: string, spec: Record<string, unknown>): string {
  const source = spec.source as { type?: string } | undefined;
  return source?.type ? `${kind} (${source.type})` : kind;
}

/** The error text stored with a failed run: the message a person needs, not a stack trace. */
export function describeRunError(error: unknown): string {
  if (error instanceof ExperimentInputError) return error.message;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
