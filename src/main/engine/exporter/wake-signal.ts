interface Waiter {
  idle: boolean;
  resolve: () => void;
}

/**
 * Sleeps that can be cut short; several may be waiting at once (the loop,
 * and each request in flight that is backing off). `data` wakes only idle
 * waits (new records must not shorten a backoff); `control` (pause, retry
 * now, new settings, shutdown, an answer that frees a slot) wakes every wait.
 */
export class WakeSignal {
  private readonly waiters = new Set<Waiter>();
  private stopped = false;

  sleep(ms: number, idle: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const waiter: Waiter = {
        idle,
        resolve: () => {
          if (timer) clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      if (Number.isFinite(ms)) timer = setTimeout(waiter.resolve, Math.max(0, ms));
      this.waiters.add(waiter);
    });
  }

  /** Ends every wait, now and later (the exporter is draining). */
  stop(): void {
    this.stopped = true;
    for (const w of [...this.waiters]) w.resolve();
  }

  wake(reason: 'data' | 'control'): void {
    for (const w of [...this.waiters]) if (reason === 'control' || w.idle) w.resolve();
  }
}
