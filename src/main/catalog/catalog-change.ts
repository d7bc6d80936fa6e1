import type { NewEvent } from '../engine/ports';

/**
 * What a write to the catalog changed, for whoever runs what it defines
 * (the app: the engine's exporters, the sources, the windows). `events` are
 * the configuration events the change is logged with, before it takes effect.
 */
export interface CatalogChange {
  events?: NewEvent[];
  /** Streams whose definitions changed (created, edited, deleted). */
  streams?: string[];
  /** Sources whose definitions changed; `restart`: sources whose secrets changed, to start again. */
  sources?: { ids: string[]; restart: string[] };
}

/** A configuration event, as catalog writes log them. */
export function configEvent(streamId: string | null, message: string): NewEvent {
  return { streamId, kind: 'config', level: 'info', message };
}
