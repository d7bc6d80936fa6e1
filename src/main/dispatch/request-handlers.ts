import { CollectorExportError, exportCollectorConfig } from '../../shared/otelcol';
import type { Engine } from '../engine/engine';
import { tail } from '../engine/inspector-tail';
import { previewProcessing } from '../engine/processing/preview';
import { EngineError } from '../base/errors';
import type { Handlers } from './handlers';

/** For contract requests whose engine side is not built yet: a sentence, not a crash. */
export function notBuiltYet(what: string): never {
  throw new EngineError('unavailable', `${what} is not available in this version of Sluice yet.`);
}

/** The contract served by an engine. Arguments arrive already parsed by zod. */
export function createEngineHandlers(engine: Engine): Handlers {
  return {
    'app.info': () => engine.info(),
    'keychain.status': () => engine.tokens.status(),
    'engine.snapshot': () => engine.snapshot(),

    'streams.list': () => engine.streams.list(),
    'streams.get': ({ id }) => engine.streams.get(id),
    'streams.create': ({ settings, credentials, active }) =>
      engine.streams.create(settings, credentials, active),
    'streams.update': ({ id, settings, credentials }) =>
      engine.streams.update(id, settings, credentials),
    'streams.duplicate': ({ id, name }) => engine.streams.duplicate(id, name),
    'streams.setActive': ({ id, active }) => engine.streams.setActive(id, active),
    'streams.retryNow': ({ id }) => {
      engine.streams.get(id);
      engine.pipeline.retryNow(id);
      return null;
    },
    'streams.delete': async ({ id }) => {
      const discardedRecords = engine.pipeline.discardedIfRemoved(id);
      await engine.streams.delete(id);
      return { id, discardedRecords };
    },
    'streams.test': (input) => engine.testStream(input),
    'streams.history': ({ streamId, range }) => {
      engine.streams.get(streamId);
      return engine.pipeline.history(streamId, range);
    },

    'events.list': (q) => engine.eventLog.list(q),

    'deadLetters.list': ({ streamId }) => engine.deadLetters.list(streamId),
    'deadLetters.get': ({ id }) => engine.deadLetterDetail(id),
    'deadLetters.replay': ({ ids }) => engine.replayDeadLetters(ids),
    'deadLetters.delete': ({ ids }) => engine.deleteDeadLetters(ids),

    'sources.list': () => engine.sources.list(),
    'sources.create': ({ source, credentials }) => engine.sources.create(source, credentials),
    'sources.update': ({ id, source, credentials }) =>
      engine.sources.update(id, source, credentials),
    'sources.delete': async ({ id }) => {
      await engine.sources.delete(id);
      return { id };
    },

    'inspector.tail': ({ streamId, afterId, limit }) =>
      tail(engine.streams.get(streamId), engine.pipeline.sampler(streamId), afterId, limit),
    'processing.preview': (input) =>
      previewProcessing(
        {
          tokens: engine.tokens,
          stream: (id) => engine.streams.get(id),
          buffer: engine.pipeline.buffer,
          now: Date.now,
        },
        input,
      ),

    'settings.get': () => engine.settings.get(),
    'settings.update': (settings) => engine.updateSettings(settings),

    'config.export': () => engine.config.export(),
    'config.exportCollector': (options) => {
      try {
        return exportCollectorConfig(engine.config.export(), options);
      } catch (err) {
        // What cannot be exported as asked is the user's to fix, said in full.
        if (err instanceof CollectorExportError)
          throw new EngineError('invalid-input', err.message);
        throw err;
      }
    },
    'config.apply': (input) => engine.config.apply(input),

    'demo.start': async () => {
      const result = await engine.demo.start();
      const settings = engine.settings.get();
      if (settings.demoOffered) engine.updateSettings({ ...settings, demoOffered: false });
      return result;
    },
  };
}
