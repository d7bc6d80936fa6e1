import { describe, expect, it } from 'vitest';
import { appInternals } from '../../support/app-internals';
import { KeytarTokenStore } from '../../../src/main/secrets/keytar-token-store';
import { loadProcessingKey, processingKeyName } from '../../../src/main/secrets/processing-key';
import { credentialAccount } from '../../../src/main/secrets/token-store';
import { av, createLogRecord, exportRequestToJson } from '../../../src/shared/otlp';
import { dynatraceSettings, openTestEngine } from '../../support/engine';
import { tempDir } from '../../support/temp-dir';

// The REAL OS keychain (gnome-keyring on the D-Bus session `npm test`
// starts), under a test service name so a user's entries are never touched.
const keychain = () => new KeytarTokenStore('sluice-test');

function requestWith(body: string): unknown {
  return exportRequestToJson({
    resourceLogs: [
      {
        resource: { attributes: [], droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeLogs: [
          {
            scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
            schemaUrl: '',
            logRecords: [createLogRecord({ body: av.string(body) })],
          },
        ],
      },
    ],
  });
}

/** The body after the stream's rules, through the engine's processing.preview. */
async function hashedBody(
  engine: ReturnType<typeof openTestEngine>['engine'],
  streamId: string,
): Promise<string> {
  const preview = await engine.previewProcessing({
    streamId,
    rules: null,
    records: { from: 'request', request: requestWith('mail jo@example.com') },
  });
  expect(preview.hashKey).toBe('stream');
  const after = preview.records[0]!.after as {
    resourceLogs: { scopeLogs: { logRecords: { body: { stringValue: string } }[] }[] }[];
  };
  return after.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.body.stringValue;
}

describe('the keyed hash with the real keychain', () => {
  it('is stable across an engine restart and differs between streams', async () => {
    const dataDir = tempDir();
    let first = openTestEngine(keychain(), dataDir);
    const a = await first.engine.createStream(
      dynatraceSettings({ name: 'A', processing: [{ mask: ['email'], replace: 'hash' }] }),
      {},
      true,
    );
    const b = await first.engine.createStream(
      dynatraceSettings({ name: 'B', processing: [{ mask: ['email'], replace: 'hash' }] }),
      {},
      true,
    );
    const beforeRestart = await hashedBody(first.engine, a.id);
    expect(beforeRestart).toMatch(/^mail \[masked:email:[0-9a-f]{16}\]$/);
    const otherStream = await hashedBody(first.engine, b.id);
    expect(otherStream).not.toBe(beforeRestart);
    await first.engine.close();

    first = openTestEngine(keychain(), dataDir);
    try {
      expect(await hashedBody(first.engine, a.id)).toBe(beforeRestart);
      // The key lives in the keychain under the stream, and goes when the stream does.
      const account = credentialAccount(a.id, processingKeyName);
      expect(await keychain().get(account)).not.toBeNull();
      await appInternals(first.engine).streams.delete(a.id);
      expect(await keychain().get(account)).toBeNull();
      await appInternals(first.engine).streams.delete(b.id);
    } finally {
      await first.engine.close();
    }
  });

  it('makes one key when asked twice at once', async () => {
    const tokens = keychain();
    const id = `test-${Date.now()}`;
    const [x, y] = await Promise.all([
      loadProcessingKey(tokens, id),
      loadProcessingKey(tokens, id),
    ]);
    expect(x.keyedHash('v')).toBe(y.keyedHash('v'));
    expect((await loadProcessingKey(tokens, id)).keyedHash('v')).toBe(x.keyedHash('v'));
    await tokens.delete(credentialAccount(id, processingKeyName));
  });
});
