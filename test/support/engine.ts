import { App } from '../../src/main/app/app';
import { appInternals } from './app-internals';
import { createSender } from '../../src/main/destinations/create-sender';
import type { SenderFactory } from '../../src/main/destinations/sender';
import { silentLogger } from '../../src/main/base/log';
import type { TokenStore } from '../../src/main/secrets/token-store';
import type { StreamSettingsInput } from '../../src/shared/api/streams';
import { streamSettingsSchema } from '../../src/shared/api/streams';
import { sourceInputSchema } from '../../src/shared/api/sources';
import { join } from 'node:path';
import { FakeMemoryTokenStore } from './memory-token-store';
import { tempDir } from './temp-dir';

export function openTestEngine(
  tokens: TokenStore = new FakeMemoryTokenStore(),
  dataDir = tempDir(),
  senderFactory: SenderFactory = createSender,
) {
  const engine = App.open({ dataDir, tokens, log: silentLogger, senderFactory });
  return { engine, dataDir, tokens };
}

export function dynatraceSettings(overrides: Partial<StreamSettingsInput> = {}) {
  return streamSettingsSchema.parse({
    name: 'Production logs',
    destination: {
      tool: 'dynatrace',
      url: 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs',
    },
    ...overrides,
  });
}

/**
 * A real, configured source that produces nothing by itself (a file source
 * over an empty folder): tests feed its records with `pipeline.ingest`.
 */
export function quietSource(
  engine: App,
  options: { name?: string; fullPolicy?: 'block' | 'drop-oldest' } = {},
): string {
  return appInternals(engine).sources.createWithoutSecrets(
    sourceInputSchema.parse({
      name: options.name ?? 'test source',
      settings: { kind: 'file', paths: [join(tempDir(), '*.log')] },
      fullPolicy: options.fullPolicy ?? 'block',
    }),
  ).id;
}
