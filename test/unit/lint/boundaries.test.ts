import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/sluice-process';

const eslint = new ESLint({ cwd: projectRoot });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(projectRoot, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

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
