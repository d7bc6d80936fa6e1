import type { Source, SourceRuntime } from '../../shared/api/sources';
import { DurationCounter } from '../base/duration-counter';
import { EngineError } from '../base/errors';
import type { Logger } from '../base/log';
import { SourceReport, zeroSourceTotals } from './source-report';
import { FileSource, type FileSourceTiming } from './file/file-source';
import type { EventSink, FilePositions, IngestTarget } from '../engine/ports';
import { OtlpReceiver } from './receiver/otlp-receiver';
import type { RunningSource } from './running-source';
import { SampleSource } from './sample/sample-source';

export interface SourceManagerDeps {
  /** The engine's pipeline: where records go, who reads them, the full-buffer policy. */
  target: IngestTarget;
  positions: FilePositions;
  events: EventSink;
  log: Logger;
  now: () => number;
  /** A source's secret from the keychain (a receiver's bearer token). */
  readCredential(sourceId: string, name: string): Promise<string | null>;
  timing?: {
    file?: FileSourceTiming;
    samplePeriodMs?: number;
    relistenMs?: number;
  };
}

interface Entry {
  source: Source;
  /** What, when it changes, needs the source started again. */
  key: string;
  running: RunningSource;
}

/** Everything but the full-buffer policy, which is applied without a restart. */
const configKey = (s: Source) => JSON.stringify([s.name, s.settings]);

/** A source whose (re)start is still under way. */
function starting(source: Source, report?: SourceReport): SourceRuntime {
  const totals = report?.totals;
  return {
    id: source.id,
    kind: source.settings.kind,
    state: 'stopped',
    message: 'Starting.',
    warning: null,
    endpoint: null,
    recordsInPerSec: 0,
    totals: totals ? { ...totals } : zeroSourceTotals(),
    requestDurations: (report?.requestDurations ?? new DurationCounter()).figures(),
  };
}

/**
 * Runs the configured sources: starts, stops and restarts them as their
 * configurations change (one change at a time, in order), sets each one's
 * full-buffer policy on the pipeline, and reports their runtimes.
 */
export class SourceManager {
  private readonly entries = new Map<string, Entry>();
  /** The configurations of the latest sync, in order (some may still be starting). */
  private wanted: readonly Source[] = [];
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly deps: SourceManagerDeps) {}

  /**
   * Brings the running sources in line with `sources`. `restart` names
   * sources to start again even if their settings did not change (their
   * token changed). Resolves when done; never rejects (problems show in the
   * runtimes and the event log).
   */
  sync(sources: readonly Source[], restart: readonly string[] = []): Promise<void> {
    this.wanted = sources;
    const run = this.queue.then(() => this.apply(sources, restart));
    this.queue = run.catch((err: unknown) =>
      this.deps.log.error('Source sync failed', { error: (err as Error).stack }),
    );
    return this.queue;
  }

  /** Stops one source now (before its configuration is deleted, so it writes nothing more). */
  stop(id: string): Promise<void> {
    this.wanted = this.wanted.filter((s) => s.id !== id);
    const run = this.queue.then(async () => {
      const entry = this.entries.get(id);
      if (!entry) return;
      this.entries.delete(id);
      await this.stopEntry(entry);
    });
    this.queue = run.catch((err: unknown) =>
      this.deps.log.error('Source stop failed', { error: (err as Error).stack }),
    );
    return this.queue;
  }

  private async apply(sources: readonly Source[], restart: readonly string[]): Promise<void> {
    if (this.closed) return;
    const wanted = new Set(sources.map((s) => s.id));
    for (const [id, entry] of this.entries) {
      if (wanted.has(id)) continue;
      this.entries.delete(id);
      await this.stopEntry(entry);
    }
    for (const source of sources) {
      const key = configKey(source);
      const entry = this.entries.get(source.id);
      if (entry && entry.key === key && !restart.includes(source.id)) {
        entry.source = source;
        continue;
      }
      if (entry) await this.stopEntry(entry);
      this.entries.set(source.id, await this.startEntry(source, key, entry));
    }
  }

  private async startEntry(source: Source, key: string, previous?: Entry): Promise<Entry> {
    const report = new SourceReport(
      source.id,
      source.settings.kind,
      source.name,
      this.deps.events,
      this.deps.now,
      previous?.running.report.totals,
      previous?.running.report.requestDurations,
    );
    const running = await this.create(source, report);
    try {
      await running.start();
    } catch (err) {
      report.setProblem(`Could not start: ${(err as Error).message ?? String(err)}`);
    }
    return { source, key, running };
  }

  private async create(source: Source, report: SourceReport): Promise<RunningSource> {
    const d = this.deps;
    const common = { sourceId: source.id, target: d.target, report };
    const s = source.settings;
    switch (s.kind) {
      case 'sample':
        return new SampleSource({
          ...common,
          settings: s,
          now: d.now,
          ...(d.timing?.samplePeriodMs ? { periodMs: d.timing.samplePeriodMs } : {}),
        });
      case 'file':
        return new FileSource({
          ...common,
          ...d.timing?.file,
          settings: s,
          positions: d.positions,
          now: d.now,
          pathProblem: (path, message) => report.pathProblem(path, message),
        });
      case 'otlp-receiver':
      case 'otlp-grpc-receiver': {
        let token: string | null = null;
        let tokenProblem: string | null = null;
        if (s.requireToken) {
          try {
            token = await d.readCredential(source.id, 'token');
          } catch (err) {
            tokenProblem = tokenProblemOf(err);
          }
        }
        const options = {
          ...common,
          sourceName: source.name,
          log: d.log,
          token,
          tokenProblem,
          ...(d.timing?.relistenMs ? { relistenMs: d.timing.relistenMs } : {}),
        };
        if (s.kind === 'otlp-receiver') return new OtlpReceiver({ ...options, settings: s });
        // gRPC costs about 13 MB per engine: loaded by the first gRPC receiver only.
        const { GrpcReceiver } = await import('./receiver/grpc-receiver');
        return new GrpcReceiver({ ...options, settings: s });
      }
    }
  }

  private async stopEntry(entry: Entry): Promise<void> {
    try {
      await entry.running.stop();
    } catch (err) {
      this.deps.log.warn('A source did not stop cleanly', { error: (err as Error).message });
    }
    entry.running.report.stopped = true;
  }

  /** Streams changed which sources they read: idle sources may start reading. */
  readersChanged(): void {
    for (const e of this.entries.values()) e.running.readersChanged();
  }

  runtimes(): SourceRuntime[] {
    return this.wanted.map((source) => {
      const e = this.entries.get(source.id);
      if (!e || e.key !== configKey(source)) return starting(source, e?.running.report);
      const readers = this.deps.target.readersOf(source.id).length;
      return e.running.report.runtime(readers, e.running.files?.());
    });
  }

  runtime(id: string): SourceRuntime | null {
    return this.runtimes().find((r) => r.id === id) ?? null;
  }

  /** Stops every source; resolves when none will store anything more. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    for (const entry of this.entries.values()) await this.stopEntry(entry);
    this.entries.clear();
  }
}

/**
 * Why a receiver cannot read the token its clients must send. An unset
 * environment variable says so itself (the lookup's message names the
 * variable and what to do); anything else is the keychain failing to answer.
 */
function tokenProblemOf(err: unknown): string {
  if (err instanceof EngineError && err.code === 'unavailable') return err.message;
  const detail = err instanceof Error ? err.message : String(err);
  return `The OS keychain did not answer, so the token clients must send cannot be read: ${detail}`;
}
