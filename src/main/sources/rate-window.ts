/**
 * Records per second over the last whole second, independent of how often it
 * is read: the snapshot asks once a second, a request may ask any time.
 */
export class RateWindow {
  private second = -1;
  private current = 0;
  private previous = 0;

  add(count: number, nowMs: number): void {
    this.roll(nowMs);
    this.current += count;
  }

  perSecond(nowMs: number): number {
    this.roll(nowMs);
    return this.previous;
  }

  private roll(nowMs: number): void {
    const s = Math.floor(nowMs / 1000);
    if (s === this.second) return;
    this.previous = s === this.second + 1 ? this.current : 0;
    this.current = 0;
    this.second = s;
  }
}
