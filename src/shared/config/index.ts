// The configuration file (docs/config.md): schema, validation, export and
// diff. Browser-safe, so the CLI, the engine and the window share it.
export * from './schema';
export * from './issues';
export * from './json-schema';
export * from './validate';
export * from './document';
export * from './diff';
