import type { Source, SourceRuntime } from '../../shared/api/sources';
import type { FullPolicy } from '../engine/buffer/buffer';
import type { Logger } from '../log';
import { SourceActivity, type SourceEvents } from './activity';
import { FileSource, type FileSourceTiming } from './file/file-source';
import type { FilePositionStore } from './file/positions';
import type { IngestTarget } from './ingest';
import { OtlpReceiver } from './receiver/otlp-receiver';
import type { RunningSource } from './running-source';
import { SampleSource } from './sample/sample-source';

export interface SourceManagerDeps {
  /** The engine's pipeline: where records go, who reads them, the full-buffer policy. */
  target: IngestTarget & { setPolicy(sourceId: string, policy: FullPolicy): void };
  positions: FilePositionStore;
  events: SourceEvents;
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

/**
 * Runs the configured sources: starts, stops and restarts them as their
 * configurations change (one change at a time, in order), sets each one's
 * full-buffer policy on the pipeline, and reports their runtimes.
 */
export class SourceManager {
  private readonly entries = new Map<string, Entry>();
  private order: string[] = [];
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
    const run = this.queue.then(() => this.apply(sources, restart));
    this.queue = run.catch((err: unknown) =>
      this.deps.log.error('Source sync failed', { error: (err as Error).stack }),
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
      this.deps.target.setPolicy(source.id, source.fullPolicy);
      const key = configKey(source);
      const entry = this.entries.get(source.id);
      if (entry && entry.key === key && !restart.includes(source.id)) {
        entry.source = source;
        continue;
      }
      if (entry) await this.stopEntry(entry);
      this.entries.set(source.id, await this.startEntry(source, key, entry));
    }
    this.order = sources.map((s) => s.id);
  }

  private async startEntry(source: Source, key: string, previous?: Entry): Promise<Entry> {
    const activity = new SourceActivity(
      source.id,
      source.settings.kind,
      source.name,
      this.deps.events,
      this.deps.now,
      previous?.running.activity.totals,
    );
    const running = await this.create(source, activity);
    try {
      await running.start();
    } catch (err) {
      activity.setProblem(`Could not start: ${(err as Error).message ?? String(err)}`);
    }
    return { source, key, running };
  }

  private async create(source: Source, activity: SourceActivity): Promise<RunningSource> {
    const d = this.deps;
    const common = { sourceId: source.id, target: d.target, activity };
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
          pathProblem: (path, message) => activity.pathProblem(path, message),
        });
      case 'otlp-receiver': {
        let token: string | null = null;
        if (s.requireToken) {
          token = await d.readCredential(source.id, 'token').catch(() => null);
        }
        return new OtlpReceiver({
          ...common,
          sourceName: source.name,
          settings: s,
          log: d.log,
          token,
          ...(d.timing?.relistenMs ? { relistenMs: d.timing.relistenMs } : {}),
        });
      }
    }
  }

  private async stopEntry(entry: Entry): Promise<void> {
    try {
      await entry.running.stop();
    } catch (err) {
      this.deps.log.warn('A source did not stop cleanly', { error: (err as Error).message });
    }
    entry.running.activity.stopped = true;
  }

  /** Streams changed which sources they read: idle sources may start reading. */
  readersChanged(): void {
    for (const e of this.entries.values()) e.running.readersChanged();
  }

  runtimes(): SourceRuntime[] {
    const out: SourceRuntime[] = [];
    for (const id of this.order) {
      const e = this.entries.get(id);
      if (!e) continue;
      const readers = this.deps.target.readersOf(id).length;
      out.push(e.running.activity.runtime(readers, e.running.files?.()));
    }
    return out;
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
