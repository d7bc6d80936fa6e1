import { z } from 'zod';
import { event, request } from './define';
import type { AppInfo, EngineSnapshot } from './engine';
import {
  createStreamInputSchema,
  setStreamActiveInputSchema,
  streamIdSchema,
  updateStreamInputSchema,
  type DeleteStreamResult,
  type Stream,
} from './streams';

/** For requests that take no argument. */
export const noInput = z
  .undefined()
  .or(z.null())
  .transform(() => undefined);

/**
 * The one contract between UI and engine (STYLE.md habit 2). Every request is
 * listed with the zod schema main parses its argument with and the type of its
 * result; every event with its payload. Both front doors serve this map and
 * the renderer's client is generated from it.
 */
export const requests = {
  'app.info': request(noInput).returns<AppInfo>(),
  'engine.snapshot': request(noInput).returns<EngineSnapshot>(),
  'streams.list': request(noInput).returns<Stream[]>(),
  'streams.get': request(streamIdSchema).returns<Stream>(),
  'streams.create': request(createStreamInputSchema).returns<Stream>(),
  'streams.update': request(updateStreamInputSchema).returns<Stream>(),
  'streams.setActive': request(setStreamActiveInputSchema).returns<Stream>(),
  'streams.delete': request(streamIdSchema).returns<DeleteStreamResult>(),
} as const;

/**
 * Events mostly say "this changed" and the client refetches; the snapshot is
 * the exception: it carries the 1 Hz figures the charts draw.
 */
export const events = {
  'engine.snapshot': event<EngineSnapshot>(),
  'streams.changed': event<{ ids: string[] }>(),
} as const;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
export type RequestArgument<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestResult<N extends RequestName> = NonNullable<Requests[N]['__result']>;

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
