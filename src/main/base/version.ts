// Injected at build time by electron-vite (define); under vitest it falls back.
declare const __SLUICE_VERSION__: string | undefined;

export const appVersion: string =
  typeof __SLUICE_VERSION__ === 'string' ? __SLUICE_VERSION__ : '0.0.0-dev';
