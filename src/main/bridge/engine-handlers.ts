import type { Engine } from '../engine/engine';
import type { Handlers } from './handlers';

/** The contract served by an engine. Arguments arrive already parsed by zod. */
export function createEngineHandlers(engine: Engine): Handlers {
  return {
    'app.info': () => engine.info(),
    'engine.snapshot': () => engine.snapshot(),
    'streams.list': () => engine.streams.list(),
    'streams.get': ({ id }) => engine.streams.get(id),
    'streams.create': ({ settings, credentials, active }) =>
      engine.streams.create(settings, credentials, active),
    'streams.update': ({ id, settings, credentials }) =>
      engine.streams.update(id, settings, credentials),
    'streams.setActive': ({ id, active }) => engine.streams.setActive(id, active),
    'streams.delete': async ({ id }) => {
      await engine.streams.delete(id);
      return { id, discardedRecords: 0 };
    },
  };
}
