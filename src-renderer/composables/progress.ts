/** Live progress of a run as it arrives in RunEvents, and the numbers shown from it. */
import type { RunStatus } from '../../src-shared/api/runs';

export interface LiveProgress {
  readonly runId: number;
  readonly status: RunStatus;
  readonly done: number;
  readonly total: number;
  readonly message: string | null;
  readonly elapsedMs: number;
  readonly partialMetrics: Readonly<Record<string, number | null>>;
}

export interface ProgressStats {
  /** done/total in [0, 1] (null without a total). */
  readonly fraction: number | null;
  /** Units of work (trials) per second. */
  readonly ratePerSecond: number | null;
  /** Estimated time to completion at the current average rate. */
  readonly etaMs: number | null;
}

export function progressStats(p: Pick<LiveProgress, 'done' | 'total' | 'elapsedMs'>): ProgressStats {
  const fraction = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : null;
  const seconds = p.elapsedMs / 1000;
  const ratePerSecond = seconds > 0 && p.done > 0 ? p.done / seconds : null;
  const etaMs = ratePerSecond && p.total > 0 ? (Math.max(0, p.total - p.done) / ratePerSecond) * 1000 : null;
  return { fraction, ratePerSecond, etaMs };
}

export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running'];

export function isActive(status: RunStatus | null | undefined): boolean {
  return status === 'queued' || status === 'running';
}
