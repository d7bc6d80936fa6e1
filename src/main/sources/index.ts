export { SourceManager, type SourceManagerDeps } from './source-manager';
export { FilePositionStore } from './file/positions';
