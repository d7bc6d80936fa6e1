import protobuf from 'protobufjs';
import { appInternals } from '../../support/app-internals';
import { storedRecords } from '../../support/record-batches';
import { expect } from 'vitest';
import { App } from '../../../src/main/app/app';
import { silentLogger } from '../../../src/main/base/log';
import type { SourceManagerDeps } from '../../../src/main/sources';
import type { TokenStore } from '../../../src/main/secrets/token-store';
import type { SourceInput } from '../../../src/shared/api/sources';
import { sourceInputSchema } from '../../../src/shared/api/sources';
import { decodeExportRequest, decodeLogRecord, type LogRecord } from '../../../src/shared/otlp';
import { dynatraceSettings } from '../../support/engine';
import { FakeMemoryTokenStore } from '../../support/memory-token-store';
import { eventually, FakeScriptedSender, ok } from '../../support/scripted-sender';
import { tempDir } from '../../support/temp-dir';
import { afterFilePollsDelivered } from './file-polls';

/** Fast polling so tests wait milliseconds, not seconds. */
export const fastTiming: SourceManagerDeps['timing'] = {
  file: { pollIntervalMs: 20, quietFlushMs: 300 },
  samplePeriodMs: 20,
  relistenMs: 100,
};

export interface Harness {
  engine: App;
  sender: FakeScriptedSender;
  dataDir: string;
  tokens: TokenStore;
}

/**
 * An engine whose destinations are a FakeScriptedSender (the subject is the
 * source, not delivery): what the "destination" received is in sender.calls.
 */
export function openHarness(
  o: {
    dataDir?: string;
    tokens?: TokenStore;
    sender?: FakeScriptedSender;
    timing?: SourceManagerDeps['timing'];
    /** Let the engine create its default sources, as in a new data folder. */
    defaults?: boolean;
  } = {},
): Harness {
  const sender = o.sender ?? new FakeScriptedSender(() => ok());
  const dataDir = o.dataDir ?? tempDir();
  const tokens = o.tokens ?? new FakeMemoryTokenStore();
  const engine = App.open({
    dataDir,
    tokens,
    log: silentLogger,
    senderFactory: sender.factory(),
    createDefaultSources: o.defaults ?? false,
    sourceTiming: o.timing ?? fastTiming,
  });
  return { engine, sender, dataDir, tokens };
}

export async function addSource(
  engine: App,
  input: SourceInput,
  credentials: Record<string, string | null> = {},
) {
  const source = await engine.createSource(sourceInputSchema.parse(input), credentials);
  await appInternals(engine).sourceManager.sync(engine.listSources());
  return source;
}

/** A stream reading `sourceIds`, delivering to the harness's fake sender. */
export async function addStream(
  engine: App,
  sourceIds: string[],
  name = 'Test stream',
  active = true,
) {
  // Sources' fixtures carry timestamps from the past: sent as they are, not
  // held back by Dynatrace's log age (that is the exporter's tests' subject).
  return engine.createStream(
    dynatraceSettings({ name, sourceIds, delivery: { logAge: 'send' } }),
    {},
    active,
  );
}

/** The bodies of a source's records in the buffer, in order (a paused stream keeps them there). */
export function bufferedBodies(engine: App, sourceId: string): string[] {
  return storedRecords(appInternals(engine).pipeline.buffer, [sourceId]).map((r) =>
    bodyText(decodeLogRecord(r.bytes)),
  );
}

/** Where a receiver listens, once it does. */
export async function endpointOf(engine: App, sourceId: string): Promise<string> {
  let endpoint: string | null = null;
  await eventually(() => {
    endpoint = appInternals(engine).sourceManager.runtime(sourceId)?.endpoint ?? null;
    if (!endpoint) throw new Error('not listening yet');
  });
  return endpoint!;
}

/** Every record the fake destination received, in order. */
export function delivered(sender: FakeScriptedSender): LogRecord[] {
  const out: LogRecord[] = [];
  for (const call of sender.calls) {
    for (const rl of decodeExportRequest(call.body).resourceLogs) {
      for (const sl of rl.scopeLogs) out.push(...sl.logRecords);
    }
  }
  return out;
}

/** The `test.id` attributes delivered so far that start with `${run}-` (SDK tests tag records so). */
export function testIdsOf(sender: FakeScriptedSender, run: string): string[] {
  return delivered(sender)
    .map((r) => stringAttr(r, 'test.id'))
    .filter((id): id is string => id?.startsWith(`${run}-`) ?? false);
}

/** Every record of `run` arrived, each exactly once. */
export function expectEveryOnce(sender: FakeScriptedSender, run: string, count: number): void {
  const ids = testIdsOf(sender, run);
  expect(ids).toHaveLength(count);
  expect(new Set(ids).size).toBe(count);
}

export function stringAttr(r: LogRecord, key: string): string | undefined {
  const v = r.attributes.find((a) => a.key === key)?.value;
  return v?.kind === 'string' ? v.value : undefined;
}

export function bodyText(r: LogRecord): string {
  return r.body.kind === 'string' ? r.body.value : JSON.stringify(r.body);
}

/** google.rpc.Status, declared here independently of the receiver's encoder. */
const statusType = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        rpc: {
          nested: {
            Status: {
              fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } },
            },
          },
        },
      },
    },
  },
}).lookupType('google.rpc.Status');

export function decodeStatus(bytes: Uint8Array): { code: number; message: string } {
  const m = statusType.toObject(statusType.decode(bytes), { defaults: true });
  return { code: m.code as number, message: m.message as string };
}

/** A file source on `paths` read by a stream; returns the source. */
export async function addFileSource(
  engine: App,
  settings: Record<string, unknown> & { paths: string[] },
  o: { stream?: boolean; name?: string } = {},
) {
  const source = await addSource(engine, {
    name: o.name ?? 'Files',
    settings: { kind: 'file', startAt: 'beginning', ...settings },
  });
  if (o.stream !== false) await addStream(engine, [source.id], `${o.name ?? 'Files'} stream`);
  return source;
}

/** The bodies delivered so far, as text, in order. */
export function deliveredBodies(sender: FakeScriptedSender): string[] {
  return delivered(sender).map(bodyText);
}

/**
 * Waits until exactly `expected` (in any order) was delivered, then that
 * nothing more arrives: the file sources poll again and everything they
 * stored is sent (the positive signal that the moment has passed), and the
 * delivery is still exactly `expected`.
 */
export async function expectDeliveredOnce(h: Harness, expected: readonly string[]): Promise<void> {
  const sorted = [...expected].sort();
  await eventually(() => expect(deliveredBodies(h.sender).sort()).toEqual(sorted), 10_000);
  await afterFilePollsDelivered(h.engine);
  expect(deliveredBodies(h.sender).sort()).toEqual(sorted);
}

/** `prefix from` .. `prefix to`, one string per line. */
export const numbered = (from: number, to: number, prefix = 'line'): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix} ${from + i}`);

/** Lines as a file holds them, each ended by a newline. */
export const linesText = (lines: string[]): string => lines.map((l) => `${l}\n`).join('');
