/**
 * Files of the build, found relative to out/main/cli.js. Every module of the
 * CLI is bundled into that one entry file (see electron.vite.config.ts), so
 * import.meta.url here is out/main/cli.js once built.
 */
export function builtFile(relative: string): URL {
  return new URL(relative, import.meta.url);
}
