/**
 * A sleep that can be cut short. `data` wakes only an idle wait (new records
 * must not shorten a backoff); `control` (pause, retry now, new settings,
 * shutdown) wakes any wait.
 */
export class WakeSignal {
  private waiter: { resolve: () => void; idle: boolean } | null = null;
  private stopped = false;

  sleep(ms: number, idle: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const waiter = {
        idle,
        resolve: () => {
          if (timer) clearTimeout(timer);
          if (this.waiter === waiter) this.waiter = null;
          resolve();
        },
      };
      if (Number.isFinite(ms)) timer = setTimeout(waiter.resolve, Math.max(0, ms));
      this.waiter = waiter;
    });
  }

  /** Ends the current wait and every later one at once (the exporter is draining). */
  stop(): void {
    this.stopped = true;
    this.waiter?.resolve();
  }

  wake(reason: 'data' | 'control'): void {
    if (!this.waiter) return;
    if (reason === 'data' && !this.waiter.idle) return;
    this.waiter.resolve();
  }
}
