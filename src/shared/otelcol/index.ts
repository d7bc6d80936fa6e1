// Streams as an OpenTelemetry Collector configuration (docs/outgrowing.md).
// Pure, browser-safe: the CLI, the engine and the window's preview share it.
export * from './types';
export { exportCollectorConfig } from './export';
export { toYaml, type YamlValue } from './yaml';
export { goDuration } from './builder';
