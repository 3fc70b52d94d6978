import type { Progress } from '../../src-shared/experiments/types';

/**
 * A one-line progress bar on stderr when it is a terminal (nothing otherwise, so pipes and --json
 * stay clean). Shows done/total, rate and ETA.
 */
export class ProgressBar {
  private readonly enabled: boolean;
  private lastLength = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    enabled?: boolean,
  ) {
    this.enabled = enabled ?? Boolean(stream.isTTY);
  }

  update(progress: Progress, elapsedMs: number) {
    if (!this.enabled) return;
    const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
    const width = 28;
    const filled = Math.round(fraction * width);
    const rate = elapsedMs > 0 ? (progress.done / elapsedMs) * 1000 : 0;
    const etaS = rate > 0 ? (progress.total - progress.done) / rate : NaN;
    const text =
      `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}%` +
      ` ${progress.done}/${progress.total}` +
      (rate > 0 ? `  ${formatRate(rate)}/s` : '') +
      (Number.isFinite(etaS) ? `  ETA ${Math.ceil(etaS)} s` : '') +
      (progress.message ? `  ${progress.message}` : '');
    const columns = this.stream.columns ?? 100;
    const clipped = text.slice(0, columns - 1);
    this.stream.write(`\r${clipped}${' '.repeat(Math.max(0, this.lastLength - clipped.length))}`);
    this.lastLength = clipped.length;
  }

  done() {
    if (!this.enabled || this.lastLength === 0) return;
    this.stream.write(`\r${' '.repeat(this.lastLength)}\r`);
    this.lastLength = 0;
  }
}

function formatRate(rate: number): string {
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(2)}M`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(1)}k`;
  return rate.toFixed(rate < 10 ? 2 : 0);
}
