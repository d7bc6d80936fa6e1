import type { SampleSourceSettings } from '../../../shared/api/sources';
import type { SourceReport } from '../source-report';
import type { IngestTarget } from '../../engine/ports';
import { ingestInto } from '../ingest';
import { storageProblem, type RunningSource } from '../running-source';
import { SampleGenerator } from './generator';

export interface SampleSourceOptions {
  sourceId: string;
  settings: SampleSourceSettings;
  target: IngestTarget;
  report: SourceReport;
  now: () => number;
  /** How often records are made; 200 ms keeps low rates smooth. */
  periodMs?: number;
  seed?: number;
}

// A stalled event loop must not produce a burst of more than this many seconds' worth.
const maxCatchUpSeconds = 2;

/**
 * Generates sample records at the configured rate while at least one stream
 * reads the source. Nothing is generated while idle or while the buffer is
 * full, so there is nothing to lose: the rate is a target, not a promise.
 */
export class SampleSource implements RunningSource {
  private readonly generator: SampleGenerator;
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  private carry = 0;

  constructor(private readonly o: SampleSourceOptions) {
    this.generator = new SampleGenerator(o.seed);
  }

  get report(): SourceReport {
    return this.o.report;
  }

  async start(): Promise<void> {
    this.last = this.o.now();
    this.timer = setInterval(() => this.tick(), this.o.periodMs ?? 200);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  readersChanged(): void {}

  /** Makes the records due since the last tick. Public for tests. */
  tick(): void {
    const now = this.o.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    if (this.o.target.readersOf(this.o.sourceId).length === 0) {
      this.carry = 0;
      return;
    }
    const rate = this.o.settings.recordsPerSecond;
    const due = Math.min(this.carry + (rate * elapsed) / 1000, rate * maxCatchUpSeconds + 1);
    const count = Math.floor(due);
    this.carry = due - count;
    if (count === 0) return;
    try {
      const result = ingestInto(
        this.o.target,
        this.o.sourceId,
        this.generator.generate(count, now),
      );
      if (result.kind === 'full') {
        this.carry = 0;
        this.o.report.full(0, result.retryAfterMs);
      } else {
        this.o.report.stored(result.outcome);
        this.o.report.setProblem(null);
      }
    } catch (err) {
      this.o.report.setProblem(storageProblem(err));
    }
  }
}
