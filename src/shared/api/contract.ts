import { z } from 'zod';
import {
  deadLetterIdsSchema,
  listDeadLettersInputSchema,
  type DeadLetter,
  type DeadLetterDetail,
  type ReplayResult,
} from './dead-letters';
import { listEventsInputSchema, type StreamEvent } from './event-log';
import { historyInputSchema, type HistoryPoint } from './history';
import {
  applyConfigInputSchema,
  exportCollectorInputSchema,
  type CollectorExport,
  type ConfigApplyResult,
  type ConfigDocument,
} from './config';
import { event, request } from './define';
import type { AppInfo, KeychainStatus, EngineSnapshot } from './engine';
import { tailInputSchema, type TailResult } from './inspector';
import { processingPreviewInputSchema, type ProcessingPreview } from './processing';
import { appSettingsSchema, type AppSettings, type DemoResult } from './settings';
import { createSourceInputSchema, updateSourceInputSchema, type Source } from './sources';
import {
  createStreamInputSchema,
  duplicateStreamInputSchema,
  setStreamActiveInputSchema,
  streamIdSchema,
  updateStreamInputSchema,
  type DeleteStreamResult,
  type Stream,
} from './streams';
import { testStreamInputSchema, type TestStreamResult } from './test-stream';

/** For requests that take no argument. */
export const noInput = z
  .undefined()
  .or(z.null())
  .transform(() => undefined);

const idInput = z.object({ id: z.string().min(1) });

/**
 * The one contract between UI and engine (STYLE.md habit 2). Every request is
 * listed with the zod schema main parses its argument with and the type of its
 * result; every event with its payload. Both front doors serve this map and
 * the renderer's client is generated from it.
 */
export const requests = {
  'app.info': request(noInput).returns<AppInfo>(),
  /** Whether a token could be saved in the OS keychain now, and if not the real cause (the wizard asks when it opens). */
  'keychain.status': request(noInput).returns<KeychainStatus>(),
  'engine.snapshot': request(noInput).returns<EngineSnapshot>(),

  'streams.list': request(noInput).returns<Stream[]>(),
  'streams.get': request(streamIdSchema).returns<Stream>(),
  'streams.create': request(createStreamInputSchema).returns<Stream>(),
  'streams.update': request(updateStreamInputSchema).returns<Stream>(),
  'streams.duplicate': request(duplicateStreamInputSchema).returns<Stream>(),
  'streams.setActive': request(setStreamActiveInputSchema).returns<Stream>(),
  /** After a stop (401/403/404) or during a backoff: try sending again now. */
  'streams.retryNow': request(streamIdSchema).returns<null>(),
  'streams.delete': request(streamIdSchema).returns<DeleteStreamResult>(),
  'streams.test': request(testStreamInputSchema).returns<TestStreamResult>(),
  'streams.history': request(historyInputSchema).returns<HistoryPoint[]>(),

  'events.list': request(listEventsInputSchema).returns<StreamEvent[]>(),

  'deadLetters.list': request(listDeadLettersInputSchema).returns<DeadLetter[]>(),
  'deadLetters.get': request(
    z.object({ id: z.number().int().positive() }),
  ).returns<DeadLetterDetail>(),
  'deadLetters.replay': request(deadLetterIdsSchema).returns<ReplayResult>(),
  'deadLetters.delete': request(deadLetterIdsSchema).returns<{ deleted: number }>(),

  'sources.list': request(noInput).returns<Source[]>(),
  'sources.create': request(createSourceInputSchema).returns<Source>(),
  'sources.update': request(updateSourceInputSchema).returns<Source>(),
  'sources.delete': request(idInput).returns<{ id: string }>(),

  'inspector.tail': request(tailInputSchema).returns<TailResult>(),
  /** Rules applied to sample, buffered or given records: before, after and what changed (docs/processing.md). */
  'processing.preview': request(processingPreviewInputSchema).returns<ProcessingPreview>(),

  'settings.get': request(noInput).returns<AppSettings>(),
  'settings.update': request(appSettingsSchema).returns<AppSettings>(),

  /** The sources and streams as a configuration file (docs/config.md); no secrets. */
  'config.export': request(noInput).returns<ConfigDocument>(),
  /** Streams as an OpenTelemetry Collector configuration or Helm values (docs/outgrowing.md); no secrets. */
  'config.exportCollector': request(exportCollectorInputSchema).returns<CollectorExport>(),
  /** Validate a configuration file and apply it all or nothing (or, dryRun, say what would change). */
  'config.apply': request(applyConfigInputSchema).returns<ConfigApplyResult>(),

  /** Sample data into the local Dynatrace-compatible endpoint: everything working, zero configuration. */
  'demo.start': request(noInput).returns<DemoResult>(),
} as const;

/**
 * Events mostly say "this changed" and the client refetches; the snapshot is
 * the exception: it carries the 1 Hz figures the charts draw.
 */
export const events = {
  'engine.snapshot': event<EngineSnapshot>(),
  'streams.changed': event<{ ids: string[] }>(),
  'sources.changed': event<{ ids: string[] }>(),
  'settings.changed': event<AppSettings>(),
  /** A new entry in the event log (status change, error, dead letter...). */
  'events.added': event<StreamEvent>(),
  'deadLetters.changed': event<{ streamId: string }>(),
} as const;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
export type RequestArgument<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestResult<N extends RequestName> = Exclude<Requests[N]['__result'], undefined>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = NonNullable<Events[E]['__payload']>;

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** A message on the event channel, as both transports carry it; narrows on `event`. */
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
