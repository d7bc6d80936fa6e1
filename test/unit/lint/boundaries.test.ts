import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/sluice-process';

const eslint = new ESLint({ cwd: projectRoot });

/** The messages of one rule for `code` placed at `filePath`. */
async function lintErrors(filePath: string, code: string, ruleId: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(projectRoot, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

const restrictedImports = (filePath: string, code: string) =>
  lintErrors(filePath, code, 'no-restricted-imports');

// STYLE.md habit 1: the layer boundaries are lint errors, and this proves it.
describe('layer boundaries in lint', () => {
  it('forbids Node built-ins and electron in src/shared', async () => {
    expect(
      await restrictedImports(
        'src/shared/probe.ts',
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src/shared/probe.ts',
        "import fs from 'fs';\nexport const x = fs;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src/shared/probe.ts',
        "import { app } from 'electron';\nexport const x = app;\n",
      ),
    ).toHaveLength(1);
  });

  it('forbids electron in the engine and the rest of main, but not in the shell', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await restrictedImports('src/main/engine/probe.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src/main/host/probe.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src/main/shell/probe.ts', code)).toHaveLength(0);
    expect(await restrictedImports('src/main/index.ts', code)).toHaveLength(0);
    expect(await restrictedImports('src/preload/probe.ts', code)).toHaveLength(0);
  });

  it('lets main import the AWS SDK only lazily (types are fine)', async () => {
    const file = 'src/main/destinations/s3/probe.ts';
    expect(
      await restrictedImports(
        file,
        "import { S3Client } from '@aws-sdk/client-s3';\nexport const x = S3Client;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        file,
        "import type { S3Client } from '@aws-sdk/client-s3';\nexport type X = S3Client;\n",
      ),
    ).toHaveLength(0);
  });

  it('lets main import the gRPC receiver only lazily (types are fine)', async () => {
    const file = 'src/main/sources/probe.ts';
    expect(
      await restrictedImports(
        file,
        "import { GrpcReceiver } from './receiver/grpc-receiver';\nexport const x = GrpcReceiver;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        file,
        "import type { GrpcReceiver } from './receiver/grpc-receiver';\nexport type X = GrpcReceiver;\n",
      ),
    ).toHaveLength(0);
  });

  it('keeps the renderer away from main, preload and Node', async () => {
    expect(
      await restrictedImports(
        'src/renderer/src/probe.ts',
        "import { Engine } from '../../main/engine/engine';\nexport const x = Engine;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src/renderer/src/probe.ts',
        "import { join } from 'node:path';\nexport const x = join;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src/renderer/src/probe.ts',
        "import { requests } from '../../shared/api/contract';\nexport const x = requests;\n",
      ),
    ).toHaveLength(0);
  });
});

// The stack in src/main (docs/architecture.md, "The stack"): each rule fails on a violation.
describe('the stack in src/main, in lint', () => {
  it('forbids an import of a layer above, at any depth', async () => {
    const upward: [string, string][] = [
      ['src/main/engine/probe.ts', '../app/app'],
      ['src/main/engine/buffer/probe.ts', '../../catalog/catalog'],
      ['src/main/catalog/probe.ts', '../sources'],
      ['src/main/catalog/streams/probe.ts', '../../sources/source-manager'],
      ['src/main/sources/file/probe.ts', '../../app/app'],
      ['src/main/app/probe.ts', '../dispatch/request-handlers'],
      ['src/main/host/probe.ts', '../serve/server'],
      ['src/main/secrets/probe.ts', '../engine'],
      ['src/main/destinations/http/probe.ts', '../../engine/ports'],
      ['src/main/base/probe.ts', '../data-dir/paths'],
    ];
    for (const [file, target] of upward) {
      const code = `import { x } from '${target}';\nexport const y = x;\n`;
      expect(await restrictedImports(file, code), `${file} -> ${target}`).toHaveLength(1);
    }
  });

  it('allows imports down the stack and within a folder', async () => {
    const downward: [string, string][] = [
      ['src/main/cli/commands/streams/probe.ts', '../../../host/engine-host'],
      ['src/main/host/probe.ts', '../app/app'],
      ['src/main/app/probe.ts', '../sources'],
      ['src/main/sources/probe.ts', '../catalog/catalog'],
      ['src/main/catalog/probe.ts', '../engine'],
      // catalog/sources is the catalog's own folder, not src/main/sources.
      ['src/main/catalog/streams/probe.ts', '../sources/source-repository'],
      ['src/main/engine/probe.ts', '../destinations/sender'],
      ['src/main/engine/buffer/probe.ts', '../pipeline'],
    ];
    for (const [file, target] of downward) {
      const code = `import { x } from '${target}';\nexport const y = x;\n`;
      expect(await restrictedImports(file, code), `${file} -> ${target}`).toHaveLength(0);
    }
  });

  it('lets nothing outside the engine import more of it than engine/index and engine/ports', async () => {
    const code = (target: string) => `import { x } from '${target}';\nexport const y = x;\n`;
    expect(
      await restrictedImports('src/main/app/probe.ts', code('../engine/pipeline')),
    ).toHaveLength(1);
    expect(
      await restrictedImports('src/main/sources/file/probe.ts', code('../../engine/buffer/buffer')),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src/main/cli/commands/streams/probe.ts',
        code('../../../engine/engine'),
      ),
    ).toHaveLength(1);
    expect(await restrictedImports('src/main/index.ts', code('./engine/store'))).toHaveLength(1);
    expect(await restrictedImports('src/main/app/probe.ts', code('../engine'))).toHaveLength(0);
    expect(await restrictedImports('src/main/app/probe.ts', code('../engine/index'))).toHaveLength(
      0,
    );
    expect(
      await restrictedImports('src/main/sources/probe.ts', code('../engine/ports')),
    ).toHaveLength(0);
  });

  it('lets only the engine and the catalog import better-sqlite3', async () => {
    const code = "import Database from 'better-sqlite3';\nexport const x = Database;\n";
    expect(await restrictedImports('src/main/sources/probe.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src/main/app/probe.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src/main/serve/control/probe.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src/main/index.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src/main/engine/probe.ts', code)).toHaveLength(0);
    expect(await restrictedImports('src/main/catalog/streams/probe.ts', code)).toHaveLength(0);
  });

  it('lets only secrets/ import keytar', async () => {
    const code = "import keytar from 'keytar';\nexport const x = keytar;\n";
    expect(await restrictedImports('src/main/host/probe.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src/main/catalog/credentials/probe.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src/main/cli/probe.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src/main/secrets/probe.ts', code)).toHaveLength(0);
  });

  it('forbids a dynamic import of electron outside the shell, the preload and src/main/index.ts', async () => {
    const code = "export const load = () => import('electron');\n";
    const dynamic = (file: string) => lintErrors(file, code, 'no-restricted-syntax');
    expect(await dynamic('src/main/host/probe.ts')).toHaveLength(1);
    expect(await dynamic('src/main/engine/buffer/probe.ts')).toHaveLength(1);
    expect(await dynamic('src/shared/probe.ts')).toHaveLength(1);
    expect(await dynamic('test/unit/probe.test.ts')).toHaveLength(1);
    expect(
      await lintErrors(
        'src/main/host/probe.ts',
        "export const load = () => import('electron/main');\n",
        'no-restricted-syntax',
      ),
    ).toHaveLength(1);
    expect(await dynamic('src/main/shell/probe.ts')).toHaveLength(0);
    expect(await dynamic('src/main/index.ts')).toHaveLength(0);
    expect(await dynamic('src/preload/probe.ts')).toHaveLength(0);
  });

  it('refuses a source file over 400 lines of code, not counting blank lines and comments', async () => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    const padding = '\n// a comment\n\n'.repeat(200);
    expect(await lintErrors('src/main/base/probe.ts', lines(401), 'max-lines')).toHaveLength(1);
    expect(await lintErrors('src/renderer/src/probe.ts', lines(401), 'max-lines')).toHaveLength(1);
    expect(
      await lintErrors('src/main/base/probe.ts', lines(400) + padding, 'max-lines'),
    ).toHaveLength(0);
  });
});

describe('layer boundaries do not over-reach', () => {
  it('allows a local module whose name is also a Node built-in (./inspector, ./events)', async () => {
    expect(
      await restrictedImports(
        'src/shared/api/probe.ts',
        "import { x } from './inspector';\nexport const y = x;\n",
      ),
    ).toHaveLength(0);
    expect(
      await restrictedImports(
        'src/shared/api/probe.ts',
        "import { x } from './events';\nexport const y = x;\n",
      ),
    ).toHaveLength(0);
    expect(
      await restrictedImports(
        'src/shared/api/probe.ts',
        "import { x } from 'events';\nexport const y = x;\n",
      ),
    ).toHaveLength(1);
  });
});
