import { requestDurationBounds, type DurationHistogram } from '../../shared/api/engine';

/**
 * Counts request durations into the fixed buckets of requestDurationBounds,
 * the way a Prometheus histogram does, so /metrics can publish them from
 * the snapshot without seeing each request.
 */
export class DurationCounter {
  /** Per bucket (not cumulative), the last one for durations over every bound. */
  private readonly buckets = new Array<number>(requestDurationBounds.length + 1).fill(0);
  private count = 0;
  private sumSeconds = 0;

  observe(ms: number): void {
    const seconds = Math.max(0, ms) / 1000;
    let i = requestDurationBounds.findIndex((bound) => seconds <= bound);
    if (i < 0) i = requestDurationBounds.length;
    this.buckets[i]!++;
    this.count++;
    this.sumSeconds += seconds;
  }

  figures(): DurationHistogram {
    let running = 0;
    const cumulative = this.buckets.map((n) => (running += n));
    return { cumulative, count: this.count, sumSeconds: this.sumSeconds };
  }
}
