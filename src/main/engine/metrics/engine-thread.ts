import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { EngineThreadFigures } from '../../../shared/api/engine';

/**
 * The engine thread's own health: event-loop delay and heap, measured in the
 * thread the engine runs in (the worker, in the app and `sluice serve`), so
 * /metrics shows the thread that does the work, not the one that serves it.
 */
export class EngineThreadMonitor {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private last: EngineThreadFigures = {
    eventLoopLagP99Ms: 0,
    eventLoopLagMaxMs: 0,
    heapUsedBytes: 0,
  };

  start(): void {
    this.delay.enable();
  }

  /** Called once a second: the delay since the last call, and the heap now. */
  sample(): void {
    const measured = this.delay.count > 0;
    this.last = {
      eventLoopLagP99Ms: measured ? this.delay.percentile(99) / 1e6 : 0,
      eventLoopLagMaxMs: measured ? this.delay.max / 1e6 : 0,
      heapUsedBytes: process.memoryUsage().heapUsed,
    };
    this.delay.reset();
  }

  figures(): EngineThreadFigures {
    return { ...this.last };
  }

  stop(): void {
    this.delay.disable();
  }
}
