import type { App } from '../../src/main/app/app';
import type { DemoManager } from '../../src/main/app/demo';
import type { Catalog } from '../../src/main/catalog/catalog';
import type { ConfigService } from '../../src/main/catalog/config/config-service';
import type { SourceService } from '../../src/main/catalog/sources/source-service';
import type { StreamService } from '../../src/main/catalog/streams/stream-service';
import type { Engine } from '../../src/main/engine';
import type { DeadLetterStore } from '../../src/main/engine/dead-letters';
import type { EventLog } from '../../src/main/engine/events/event-log';
import type { Pipeline } from '../../src/main/engine/pipeline';
import type { SettingsStore } from '../../src/main/engine/settings-store';
import type { Store } from '../../src/main/engine/ports';
import type { SessionTokenStore } from '../../src/main/secrets/session-token-store';
import type { SourceManager } from '../../src/main/sources';

/** The private parts of an App, by the names its fields have. */
interface AppParts {
  catalog: Catalog;
  engine: Engine;
  sources: SourceManager;
  demo: DemoManager;
  tokens: SessionTokenStore;
  store: Store;
}

interface EngineParts {
  pipeline: Pipeline;
  eventLog: EventLog;
  deadLetters: DeadLetterStore;
  settingsStore: SettingsStore;
}

interface CatalogParts {
  streams: StreamService;
  sources: SourceService;
  config: ConfigService;
}

/**
 * TEST SUPPORT ONLY. The parts an App assembles and keeps private, for tests
 * that check the data plane or the catalog from inside: feeding the pipeline
 * records, stepping its tick, reading the buffer, the event log and dead
 * letters, calling a catalog service directly. Production code reaches these
 * only through App's methods (src/main/app/app.ts); reading private fields by
 * name is deliberate here and nowhere else. The names keep the ones the old
 * Engine's public fields had, so the tests read as they did.
 */
export function appInternals(app: App) {
  const a = app as unknown as AppParts;
  const engine = a.engine as unknown as EngineParts;
  const catalog = a.catalog as unknown as CatalogParts;
  return {
    /** The data folder's SQLite connection. */
    db: a.store.db,
    catalog: a.catalog,
    engine: a.engine,
    /** The catalog's stream definitions. */
    streams: catalog.streams,
    /** The catalog's source definitions. */
    sources: catalog.sources,
    config: catalog.config,
    /** The running sources. */
    sourceManager: a.sources,
    demo: a.demo,
    tokens: a.tokens,
    pipeline: engine.pipeline,
    eventLog: engine.eventLog,
    deadLetters: engine.deadLetters,
    /** The settings table itself: writing it here logs and publishes nothing. */
    settings: engine.settingsStore,
  };
}
