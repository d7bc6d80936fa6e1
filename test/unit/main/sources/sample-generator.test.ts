import { describe, expect, it } from 'vitest';
import { recordsOf, spliceBatch } from '../../../support/record-batches';
import { SampleGenerator } from '../../../../src/main/sources/sample/generator';
import { SampleSource } from '../../../../src/main/sources/sample/sample-source';
import { SourceReport } from '../../../../src/main/sources/source-report';
import { BufferFullError, type AppendOutcome } from '../../../../src/main/engine/buffer/buffer';
import {
  decodeExportRequest,
  decodeLogRecord,
  decodeResource,
  type RecordBatch,
} from '../../../../src/shared/otlp';

const now = Date.UTC(2024, 4, 1, 10, 0, 0);

function attr(r: ReturnType<typeof decodeLogRecord>, key: string) {
  return r.attributes.find((a) => a.key === key)?.value;
}

describe('SampleGenerator', () => {
  it('is deterministic for a seed', () => {
    const a = new SampleGenerator(42).records(50, now);
    const b = new SampleGenerator(42).records(50, now);
    const c = new SampleGenerator(43).records(50, now);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('makes realistic OutSystems-like records: modules, severities, requests, traces, stack traces', () => {
    const records = new SampleGenerator(7).records(5_000, now).map((g) => g.record);
    const bySeverity = new Map<string, number>();
    for (const r of records)
      bySeverity.set(r.severityText, (bySeverity.get(r.severityText) ?? 0) + 1);
    expect([...bySeverity.keys()].sort()).toEqual([
      'DEBUG',
      'ERROR',
      'FATAL',
      'INFO',
      'TRACE',
      'WARN',
    ]);
    // Mostly INFO, errors rare, as in a healthy factory.
    expect(bySeverity.get('INFO')! / records.length).toBeGreaterThan(0.45);
    expect(bySeverity.get('ERROR')! / records.length).toBeLessThan(0.12);

    for (const r of records) {
      expect(r.traceId).toHaveLength(16);
      expect(r.spanId).toHaveLength(8);
      expect(r.body.kind).toBe('string');
      expect(attr(r, 'outsystems.request.key')?.kind).toBe('string');
      expect(attr(r, 'http.request.method')?.kind).toBe('string');
    }
    // Records of one request share its trace.
    const byTrace = new Map<string, number>();
    for (const r of records) {
      const k = Buffer.from(r.traceId).toString('hex');
      byTrace.set(k, (byTrace.get(k) ?? 0) + 1);
    }
    expect([...byTrace.values()].some((n) => n > 1)).toBe(true);
    // Occasional multi-line stack traces, .NET and Java style.
    const traces = records
      .map((r) => attr(r, 'exception.stacktrace'))
      .filter((v) => v?.kind === 'string')
      .map((v) => (v as { value: string }).value);
    expect(traces.length).toBeGreaterThan(50);
    expect(traces.length).toBeLessThan(records.length * 0.1);
    expect(traces.every((t) => t.split('\n').length > 3)).toBe(true);
    expect(traces.some((t) => t.includes('\n   at '))).toBe(true); // .NET
    expect(traces.some((t) => t.includes('\n\tat ') && t.includes('Caused by:'))).toBe(true); // Java
  });

  it('groups records by module resource, framed so the buffer can store them', () => {
    const batch = new SampleGenerator(1).generate(300, now);
    const services = batch.groups.map((g) => {
      const name = decodeResource(g.resource).attributes.find((a) => a.key === 'service.name');
      return name?.value.kind === 'string' ? name.value.value : '';
    });
    expect(new Set(services)).toEqual(
      new Set(['OrderManagement', 'CustomerPortal', 'InventoryService', 'BillingEngine']),
    );
    const request = decodeExportRequest(spliceBatch(batch));
    const count = request.resourceLogs.flatMap((rl) =>
      rl.scopeLogs.flatMap((s) => s.logRecords),
    ).length;
    expect(count).toBe(300);
    for (const r of recordsOf(batch)) {
      expect(Number(decodeLogRecord(r.bytes).timeUnixNano) / 1e6).toBe(r.timeMs);
    }
  });
});

describe('SampleSource', () => {
  async function harness(readers: string[]) {
    let clock = now;
    const stored: number[] = [];
    let full = false;
    const events: string[] = [];
    const target = {
      readersOf: () => readers,
      ingest: (_id: string, batch: RecordBatch): AppendOutcome => {
        if (full) throw new BufferFullError(1_000);
        const n = batch.count;
        stored.push(n);
        return { accepted: n, bytes: n * 100, unrouted: 0, dropped: 0, firstSeq: 1, lastSeq: n };
      },
    };
    const activity = new SourceReport(
      's',
      'sample',
      'Sample data',
      { add: (e) => events.push(e.message) },
      () => clock,
    );
    const source = new SampleSource({
      sourceId: 's',
      settings: { kind: 'sample', recordsPerSecond: 5 },
      target,
      report: activity,
      now: () => clock,
      seed: 1,
    });
    // The clock starts now; ticks are driven by the test, not the timer.
    await source.start();
    await source.stop();
    return {
      source,
      activity,
      stored,
      events,
      advance: (ms: number) => {
        clock += ms;
        source.tick();
      },
      setFull: (v: boolean) => {
        full = v;
      },
    };
  }

  it('generates at the configured rate while a stream reads it', async () => {
    const t = await harness(['stream']);
    for (let i = 0; i < 50; i++) t.advance(200); // 10 s
    expect(t.stored.reduce((a, b) => a + b, 0)).toBe(50);
    expect(t.activity.runtime(1)).toMatchObject({ state: 'running', totals: { records: 50 } });
  });

  it('generates nothing while idle, and catches up at most two seconds after a stall', async () => {
    const idle = await harness([]);
    idle.advance(10_000);
    expect(idle.stored).toEqual([]);
    const stalled = await harness(['stream']);
    stalled.advance(60_000);
    expect(stalled.stored).toEqual([11]);
  });

  it('pauses while the buffer is full, and says so once', async () => {
    const t = await harness(['stream']);
    t.setFull(true);
    t.advance(1_000);
    t.advance(1_000);
    expect(t.activity.runtime(1).state).toBe('backpressure');
    expect(t.events).toEqual([expect.stringMatching(/^Source "Sample data": The buffer is full/)]);
    t.setFull(false);
    t.advance(1_000);
    expect(t.stored).toEqual([5]);
    expect(t.events[1]).toMatch(/room again/);
  });
});
