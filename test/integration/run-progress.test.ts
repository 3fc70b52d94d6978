/**
 * RunService forwards progress at most once per `progressIntervalMs` (default 100 ms: ≤ 10 per
 * second to the CLI bar and the UI), always forwards the final report, and stores the run. The
 * clock is faked, so the test counts events against simulated time, not the machine's speed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '../../src-shared/api/contract';
import type { Executor } from '../../src-main/engine/executor';
import { RunService } from '../../src-main/services/runs';
import { openStore } from '../../src-main/store';
import { tempDir } from '../fixtures/store/helpers';

afterEach(() => {
  vi.useRealTimers();
});

/** An executor that reports progress `reports` times, `stepMs` of (fake) time apart. */
function chattyExecutor(reports: number, stepMs: number): Executor {
  return {
    describe: () => ({ backend: 'test', linalg: 'pure-ts', precision: 'float64', threads: 1 }),
    async execute({ onProgress }) {
      for (let i = 1; i <= reports; i++) {
        vi.advanceTimersByTime(stepMs);
        onProgress({ done: i, total: reports });
      }
      return { metrics: { value: 1 }, arrays: {}, diagnostics: [] };
    },
  };
}

describe('RunService progress throttle', () => {
  it.each([
    [100, undefined, 1000, 1],
    [250, 250, 2000, 1],
  ])('%i ms interval: ≤ one progress event per interval, the last one always', async (interval, given, reports, stepMs) => {
    vi.useFakeTimers({ toFake: ['performance', 'Date', 'setTimeout'] });
    const tmp = tempDir();
    const store = openStore(tmp.file());
    try {
      const service = new RunService(store, () => chattyExecutor(reports, stepMs));
      const events: RunEvent[] = [];
      service.events.on('event', (e) => events.push(e));
      const record = await service.run({ kind: 'toy-theory', spec: {} }, given === undefined ? {} : { progressIntervalMs: given });
      expect(record.status).toBe('succeeded');
      const progress = events.filter((e) => e.type === 'progress');
      const effective = given ?? interval;
      const simulatedMs = reports * stepMs;
      // One at t = stepMs, then one per full interval, plus the final report.
      expect(progress.length).toBeLessThanOrEqual(Math.floor(simulatedMs / effective) + 2);
      expect(progress.length).toBeGreaterThanOrEqual(Math.floor(simulatedMs / effective));
      expect(progress.at(-1)).toMatchObject({ done: reports, total: reports });
      for (let i = 1; i < progress.length - 1; i++) {
        const gap = (progress[i] as { elapsedMs: number }).elapsedMs - (progress[i - 1] as { elapsedMs: number }).elapsedMs;
        expect(gap).toBeGreaterThanOrEqual(effective);
      }
    } finally {
      store.close();
      tmp.cleanup();
    }
  });
});
