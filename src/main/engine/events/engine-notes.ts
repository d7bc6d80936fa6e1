import type { StreamRuntime } from '../../../shared/api/engine';
import type { TestStreamResult } from '../../../shared/api/test-stream';
import { appVersion } from '../../base/version';
import type { StateStore } from '../state-store';
import type { EventLog } from './event-log';

/** Set while an engine runs on the data folder, cleared when it stops cleanly. */
const runningKey = 'engine.running';

/**
 * What the engine itself writes to the event log, beside what the streams
 * write: started and stopped (and an unclean stop, noticed at the next
 * start), Test stream's outcomes, and the retries of one failing batch
 * counted on the failure's event.
 */
export class EngineNotes {
  /** Each stream's last failure, as last seen at a beat. */
  private readonly failureSeenAt = new Map<string, number>();

  constructor(
    private readonly log: EventLog,
    private readonly state: StateStore,
  ) {}

  /** "Sluice started", saying so when the last run's running flag was never cleared. */
  started(): void {
    const unclean = this.state.get<boolean>(runningKey) === true;
    this.state.set(runningKey, true);
    this.log.add({
      streamId: null,
      kind: 'info',
      level: unclean ? 'warn' : 'info',
      message: `Sluice started (version ${appVersion}).${
        unclean
          ? ' The last run did not stop cleanly (it crashed or was killed); buffered records were kept and are sent from where they were.'
          : ''
      }`,
    });
  }

  stopped(): void {
    this.log.add({ streamId: null, kind: 'info', level: 'info', message: 'Sluice stopped.' });
    this.state.set(runningKey, false);
  }

  /** At each beat: a stream whose last failure happened again (a retry) gets it counted. */
  beat(runtimes: readonly StreamRuntime[]): void {
    for (const rt of runtimes) {
      const e = rt.lastError;
      if (!e) continue;
      const seen = this.failureSeenAt.get(rt.id);
      this.failureSeenAt.set(rt.id, e.at);
      if (seen !== undefined && e.at !== seen) this.log.repeated(rt.id, e.message, e.at);
    }
  }

  /** "Test stream passed" or "failed", with what the destination said. */
  tested(streamId: string, result: TestStreamResult, of: string): void {
    const ok = result.outcome === 'success';
    this.log.add({
      streamId,
      kind: 'test',
      level: ok ? 'info' : 'warn',
      message: ok
        ? `Test stream passed (${of}): ${result.summary}`
        : `Test stream failed (${of}): ${result.summary}${result.advice ? ` ${result.advice}` : ''}`,
      httpStatus: result.httpStatus,
      responseBody: result.responseBody,
    });
  }
}
