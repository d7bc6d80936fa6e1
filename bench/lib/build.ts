import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The child processes of the benchmark, by name (bench/procs/<name>.ts). */
export const childNames = [
  'engine',
  'engine-worker',
  'endpoint',
  'loadgen',
  'encode',
  'mask',
  'sink',
] as const;
export type ChildName = (typeof childNames)[number];

export interface BuiltChildren {
  file(name: ChildName): string;
  remove(): void;
}

/**
 * Bundles the child processes into plain JavaScript, as electron-vite builds
 * the app: the engine then runs as it does for users, without a TypeScript
 * loader (tsx adds a loader thread per isolate: about 60 MB of memory and
 * some CPU that the app does not have). Dependencies stay external and
 * resolve from the project's node_modules, so the output lives under out/
 * (one folder per run, removed afterwards).
 */
export async function buildChildren(): Promise<BuiltChildren> {
  const dir = join(root, 'out', 'bench', String(process.pid));
  mkdirSync(dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  await build({
    entryPoints: Object.fromEntries(
      childNames.map((name) => [name, join(root, 'bench', 'procs', `${name}.ts`)]),
    ),
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    define: { __SLUICE_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'silent',
  });
  return {
    file: (name) => join(dir, `${name}.mjs`),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
