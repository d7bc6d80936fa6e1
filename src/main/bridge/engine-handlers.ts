import type { Engine } from '../engine/engine';
import { EngineError } from '../errors';
import type { Handlers } from './handlers';

function notBuiltYet(what: string): never {
  throw new EngineError('unavailable', `${what} is not available in this version of Sluice yet.`);
}

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
    'streams.duplicate': () => notBuiltYet('Duplicating a stream'),
    'streams.setActive': ({ id, active }) => engine.streams.setActive(id, active),
    'streams.retryNow': () => notBuiltYet('Retrying'),
    'streams.delete': async ({ id }) => {
      await engine.streams.delete(id);
      return { id, discardedRecords: 0 };
    },
    'streams.test': () => notBuiltYet('Test stream'),
    'streams.history': () => notBuiltYet('Metrics history'),

    'events.list': () => notBuiltYet('The event log'),

    'deadLetters.list': () => notBuiltYet('Dead letters'),
    'deadLetters.get': () => notBuiltYet('Dead letters'),
    'deadLetters.replay': () => notBuiltYet('Dead letters'),
    'deadLetters.delete': () => notBuiltYet('Dead letters'),

    'sources.list': () => notBuiltYet('Sources'),
    'sources.create': () => notBuiltYet('Sources'),
    'sources.update': () => notBuiltYet('Sources'),
    'sources.delete': () => notBuiltYet('Sources'),

    'inspector.tail': () => notBuiltYet('The live inspector'),

    'settings.get': () => notBuiltYet('Settings'),
    'settings.update': () => notBuiltYet('Settings'),

    'demo.start': () => notBuiltYet('The demo stream'),
  };
}
