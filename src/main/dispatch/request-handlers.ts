import type { App } from '../app/app';
import type { Handlers } from './handlers';

/**
 * The contract served by an app: one line per request, each a use case of
 * the app (src/main/app/app.ts). Arguments arrive already parsed by zod.
 */
export function createRequestHandlers(app: App): Handlers {
  return {
    'app.info': () => app.info(),
    'keychain.status': () => app.keychainStatus(),
    'engine.snapshot': () => app.snapshot(),

    'streams.list': () => app.listStreams(),
    'streams.get': ({ id }) => app.getStream(id),
    'streams.create': ({ settings, credentials, active }) =>
      app.createStream(settings, credentials, active),
    'streams.update': ({ id, settings, credentials }) =>
      app.updateStream(id, settings, credentials),
    'streams.duplicate': ({ id, name }) => app.duplicateStream(id, name),
    'streams.setActive': ({ id, active }) => app.setStreamActive(id, active),
    'streams.retryNow': ({ id }) => app.retryNow(id),
    'streams.delete': ({ id }) => app.deleteStream(id),
    'streams.test': (input) => app.testStream(input),
    'streams.history': (input) => app.streamHistory(input),

    'events.list': (query) => app.listEvents(query),

    'deadLetters.list': ({ streamId }) => app.listDeadLetters(streamId),
    'deadLetters.get': ({ id }) => app.deadLetterDetail(id),
    'deadLetters.replay': ({ ids }) => app.replayDeadLetters(ids),
    'deadLetters.delete': ({ ids }) => app.deleteDeadLetters(ids),

    'sources.list': () => app.listSources(),
    'sources.create': ({ source, credentials }) => app.createSource(source, credentials),
    'sources.update': ({ id, source, credentials }) => app.updateSource(id, source, credentials),
    'sources.delete': ({ id }) => app.deleteSource(id),

    'inspector.tail': (input) => app.inspectorTail(input),
    'processing.preview': (input) => app.previewProcessing(input),

    'settings.get': () => app.settings(),
    'settings.update': (settings) => app.updateSettings(settings),

    'config.export': () => app.exportConfig(),
    'config.exportCollector': (options) => app.exportCollectorConfig(options),
    'config.apply': (input) => app.applyConfig(input),

    'demo.start': () => app.startDemo(),
  };
}
