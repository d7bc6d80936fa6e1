/**
 * A sleep that can be cut short. `data` wakes only an idle wait (new records
 * must not shorten a backoff); `control` (pause, retry now, new settings,
 * shutdown) wakes any wait.
 */
export class WakeSignal {
  private waiter: { resolve: () => void; idle: boolean } | null = null;

  sleep(ms: number, idle: boolean): Promise<void> {
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

  wake(reason: 'data' | 'control'): void {
    if (!this.waiter) return;
    if (reason === 'data' && !this.waiter.idle) return;
    this.waiter.resolve();
  }
}
