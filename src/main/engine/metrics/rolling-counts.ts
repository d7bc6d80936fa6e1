/**
 * Counts by key over the last `seconds`, in one-second buckets: what each
 * processing rule changed in the last minute (docs/processing.md). Memory
 * is one small array per key, whatever the rate.
 */
export class RollingCounts {
  private readonly buckets = new Map<string, { second: number; counts: number[] }>();

  constructor(private readonly seconds = 60) {}

  add(key: string, n: number, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    let b = this.buckets.get(key);
    if (!b) {
      b = { second, counts: new Array<number>(this.seconds).fill(0) };
      this.buckets.set(key, b);
    }
    this.advance(b, second);
    b.counts[second % this.seconds]! += n;
  }

  /** Every key's count over the window ending now (keys with nothing left in it are forgotten). */
  totals(nowMs: number): Record<string, number> {
    const second = Math.floor(nowMs / 1000);
    const out: Record<string, number> = {};
    for (const [key, b] of this.buckets) {
      this.advance(b, second);
      const sum = b.counts.reduce((a, c) => a + c, 0);
      if (sum > 0) out[key] = sum;
      else this.buckets.delete(key);
    }
    return out;
  }

  /** Clears the buckets of the seconds that passed since the last write. */
  private advance(b: { second: number; counts: number[] }, second: number): void {
    const gap = Math.min(this.seconds, second - b.second);
    for (let s = 1; s <= gap; s++) b.counts[(b.second + s) % this.seconds] = 0;
    if (second > b.second) b.second = second;
  }
}
