import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../../support/app-internals';
import type { OutgoingBatch, Sender } from '../../../../src/main/destinations/sender';
import type { App } from '../../../../src/main/app/app';
import { dynatraceSettings, openTestEngine, quietSource } from '../../../support/engine';
import { numberedRequestBytes } from '../../../support/otlp-records';
import { eventually, ok } from '../../../support/scripted-sender';

/** A FAKE sender that answers only when the test says so, and notices being cut short. */
class FakeHeldSender implements Sender {
  inFlight = 0;
  aborted = 0;
  private release: (() => void) | null = null;

  async send(_batch: OutgoingBatch, signal?: AbortSignal) {
    this.inFlight++;
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      this.release = () => {
        settled = true;
        resolve();
      };
      signal?.addEventListener('abort', () => {
        if (settled) return;
        this.aborted++;
        reject(new Error('aborted'));
      });
    });
    return ok();
  }

  answer(): void {
    this.release?.();
  }

  async close(): Promise<void> {}
}

const opened: App[] = [];
afterEach(async () => {
  for (const e of opened.splice(0)) await e.close();
});

async function streamInFlight() {
  const sender = new FakeHeldSender();
  const t = openTestEngine(undefined, undefined, () => sender);
  const src = quietSource(t.engine);
  const stream = await t.engine.createStream(dynatraceSettings({ sourceIds: [src] }), {}, true);
  appInternals(t.engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 3));
  await eventually(() => expect(sender.inFlight).toBe(1));
  return { ...t, sender, stream };
}

function backlogAfterReopen(dataDir: string, streamId: string): number {
  const { engine } = openTestEngine(undefined, dataDir);
  opened.push(engine);
  return appInternals(engine)
    .pipeline.runtimes()
    .find((r) => r.id === streamId)!.backlogRecords;
}

describe('closing the engine with requests in flight', () => {
  it('with drainMs, lets the request finish and commits it, so nothing is sent twice', async () => {
    const { engine, sender, stream, dataDir } = await streamInFlight();
    const closing = engine.close({ drainMs: 10_000 });
    setTimeout(() => sender.answer(), 20);
    await closing;
    expect(sender.aborted).toBe(0);
    expect(sender.inFlight).toBe(1);
    expect(backlogAfterReopen(dataDir, stream.id)).toBe(0);
  });

  it('cuts the request short once drainMs has passed, and keeps its records buffered', async () => {
    const { engine, sender, stream, dataDir } = await streamInFlight();
    await engine.close({ drainMs: 50 });
    expect(sender.aborted).toBe(1);
    expect(backlogAfterReopen(dataDir, stream.id)).toBe(3);
  });

  it('without drainMs, cuts it short at once (as before)', async () => {
    const { engine, sender } = await streamInFlight();
    await engine.close();
    expect(sender.aborted).toBe(1);
  });
});
