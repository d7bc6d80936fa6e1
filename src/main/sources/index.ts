export { SourceManager, type SourceManagerDeps } from './source-manager';
