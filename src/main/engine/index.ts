/**
 * The engine's public face (with ./ports for types): what builds and runs
 * the data plane. The app opens the store, builds the Engine on it with
 * what it needs from above (EngineSupply), and hands the engine to the
 * sources as their IngestTarget. Nothing outside src/main/engine imports
 * any other engine module (eslint.config.js).
 */
export { Engine, type EngineOptions, type EngineSupply } from './engine';
export { openStore, type Store } from './store';
export { StateStore } from './state-store';
export { FilePositionStore } from './file-positions';
