import { afterEach } from 'vitest';
import { createSender } from '../../../../../src/main/destinations/create-sender';
import { App } from '../../../../../src/main/app/app';
import { silentLogger } from '../../../../../src/main/base/log';
import type { ApplyConfigInput } from '../../../../../src/shared/api/config';
import { applyConfigInputSchema } from '../../../../../src/shared/api/config';
import { FakeMemoryTokenStore } from '../../../../support/memory-token-store';
import { tempDir } from '../../../../support/temp-dir';

export const dtUrl = 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs';
export const envToken = `dt0c01.ENVPUBLIC0123456789ABCDE.${'E'.repeat(64)}`;
export const stdinToken = `dt0c01.STDINPUBLIC0123456789ABC.${'S'.repeat(64)}`;

const open: App[] = [];
afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
});

/** A passive engine (nothing runs, by default) on a real SQLite folder with a FAKE keychain. */
export function configEngine(
  options: {
    env?: NodeJS.ProcessEnv;
    tokens?: FakeMemoryTokenStore;
    dataDir?: string;
    passive?: boolean;
  } = {},
) {
  const tokens = options.tokens ?? new FakeMemoryTokenStore();
  const dataDir = options.dataDir ?? tempDir();
  const engine = App.open({
    dataDir,
    tokens,
    log: silentLogger,
    senderFactory: createSender,
    env: options.env ?? {},
    passive: options.passive ?? true,
  });
  open.push(engine);
  const apply = (input: ApplyConfigInput) =>
    engine.applyConfig(applyConfigInputSchema.parse(input));
  const close = async () => {
    open.splice(open.indexOf(engine), 1);
    await engine.close();
  };
  return { engine, tokens, dataDir, apply, close };
}

/** A file with a file source and a Dynatrace stream reading it and the default sample data. */
export function document(token: unknown = { env: 'DT_API_TOKEN' }): Record<string, unknown> {
  return {
    version: 1,
    sources: [{ name: 'App logs', settings: { kind: 'file', paths: ['/var/log/app/*.log'] } }],
    streams: [
      {
        name: 'Production',
        destination: { tool: 'dynatrace', url: dtUrl },
        credentials: { token },
        sources: ['App logs', 'Sample data'],
      },
    ],
  };
}
