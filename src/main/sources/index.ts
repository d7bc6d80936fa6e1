export { SourceManager, type SourceManagerDeps } from './source-manager';
export { SourceService, type SourceServiceDeps } from './source-service';
export { SourceRepository } from './source-repository';
export { FilePositionStore } from './file/positions';
export { ensureDefaultSources, ensureSampleSource, defaultSampleSource } from './defaults';
