/**
 * A sleep that can be cut short. `data` wakes only an idle wait (new records
 * must not shorten a backoff); `control` (pause, retry now, new settings,
 * shutdown) wakes any wait.
 */
export class WakeSignal {
  private waiter: { resolve: () => void; idle: boolean } | null = null;

  sleep(ms: number, idle: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, ms)) : null;
      const self = this;
      function done(): void {
        if (timer) clearTimeout(timer);
        if (self.waiter?.resolve === done) self.waiter = null;
        resolve();
      }
      this.waiter = { resolve: done, idle };
    });
  }

  wake(reason: 'data' | 'control'): void {
    if (!this.waiter) return;
    if (reason === 'data' && !this.waiter.idle) return;
    this.waiter.resolve();
  }
}
