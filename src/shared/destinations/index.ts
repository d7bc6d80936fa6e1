// The tools as data (browser-safe): schema, definitions for the wizard,
// validation, URL builders and request specs.
export * from './schema';
export * from './endpoints';
export * from './loopback';
export * from './fingerprint';
export * from './credential-hint';
export * from './request-spec';
export * from './definitions';
export * from './validate';
export * from './request-limits';
export * from './limits-of';
