import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { RecordBuffer } from '../../src/main/engine/buffer/buffer';
import { openDatabase } from '../../src/main/engine/db/open-database';
import { BatchAssembler } from '../../src/main/engine/exporter/assemble';
import { SegmentReader } from '../../src/main/engine/exporter/segment-reader';
import { streamSettingsSchema, type Stream } from '../../src/shared/api/streams';
import { decodeExportRequest } from '../../src/shared/otlp';
import { toOtelRecords } from '../lib/otel-records';
import { realisticBatch } from '../lib/records';
import { exitSoon, serveRpc } from '../lib/rpc';
import { median } from '../lib/stats';

/**
 * Encoding, in a fresh process: Sluice builds ExportLogsServiceRequest bytes
 * from the buffer's stored form exactly as the exporter does (BatchAssembler
 * over segments read from a real SQLite buffer, default Dynatrace stream
 * settings), and the official serializer encodes the same records, in the
 * same requests, from the SDK's ReadableLogRecord objects.
 */
const settings: Stream = {
  id: 'bench',
  active: true,
  createdAt: '',
  updatedAt: '',
  credentials: {},
  ...streamSettingsSchema.parse({
    name: 'bench',
    destination: { tool: 'dynatrace', url: 'http://127.0.0.1:9/api/v2/otlp/v1/logs' },
  }),
};

// Each request is handed to `use` and then dropped, as the exporter sends
// one and lets it go: holding every request of a round would measure the
// garbage collector's handling of 60 MB of live buffers instead.

function sluiceEncodeAll(
  assembler: BatchAssembler,
  segments: SegmentSource,
  use: (body: Uint8Array) => void = () => {},
): void {
  const { maxBatchRecords, maxBatchBytes } = settings.delivery;
  const reader = new SegmentReader(segments, ['bench'], 0);
  for (;;) {
    const batch = assembler.assemble(reader, maxBatchRecords, maxBatchBytes, Date.now());
    if (batch.looked === 0) return;
    use(batch.body);
  }
}

function otelEncodeAll(
  records: ReadableLogRecord[],
  sizes: number[],
  use: (body: Uint8Array) => void = () => {},
): void {
  let i = 0;
  for (const n of sizes) {
    const body = ProtobufLogsSerializer.serializeRequest(records.slice(i, i + n));
    if (!body) throw new Error('the OpenTelemetry serializer returned nothing');
    use(body);
    i += n;
  }
}

type SegmentSource = Pick<RecordBuffer, 'readSegments'>;

/**
 * The stored segments, read from SQLite once and outside the timing: the
 * official serializer is timed from records already in memory, so Sluice is
 * too (reading is measured by the export and steady scenarios).
 */
function segmentsInMemory(buffer: RecordBuffer): SegmentSource {
  const all = buffer.readSegments(['bench'], 0, Number.MAX_SAFE_INTEGER);
  return {
    readSegments(_sourceIds, afterSeq, limit) {
      const from = all.findIndex((s) => s.lastSeq > afterSeq);
      return from < 0 ? [] : all.slice(from, from + limit);
    },
  };
}

function countRecords(body: Uint8Array): number {
  let n = 0;
  for (const rl of decodeExportRequest(body).resourceLogs)
    for (const sl of rl.scopeLogs) n += sl.logRecords.length;
  return n;
}

function timed(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

serveRpc({
  measure({ records, rounds }: { records: number; rounds: number }) {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-encode-'));
    const { db } = openDatabase(join(dir, 'sluice.db'));
    try {
      const buffer = new RecordBuffer(db, {
        readersOf: () => ['bench'],
        policyOf: () => 'block',
        capBytes: () => Number.MAX_SAFE_INTEGER,
        now: Date.now,
        inFlightUpTo: () => 0,
        onDropped: () => {},
      });
      for (let done = 0; done < records; done += 5_000)
        buffer.append('bench', realisticBatch(Math.min(5_000, records - done), 42 + done));
      const rows = [...buffer.storedRecords(['bench'])].map((r) => ({ ...r, encoded: r.bytes }));
      const assembler = new BatchAssembler(settings, buffer);
      const segments = segmentsInMemory(buffer);
      const otel = toOtelRecords(
        rows,
        (id) => buffer.resource(id),
        (id) => buffer.scope(id),
      );

      // Check both produce the same records, in the same requests (and warm up).
      const sizes: number[] = [];
      let sluiceBytes = 0;
      let otelBytes = 0;
      sluiceEncodeAll(assembler, segments, (b) => {
        sizes.push(countRecords(b));
        sluiceBytes += b.length;
      });
      let otelCount = 0;
      otelEncodeAll(otel, sizes, (b) => {
        otelCount += countRecords(b);
        otelBytes += b.length;
      });
      const sluiceCount = sizes.reduce((a, b) => a + b, 0);
      if (sluiceCount !== rows.length || otelCount !== rows.length)
        throw new Error(
          `record counts differ: ${rows.length} stored, encoded ${sluiceCount} and ${otelCount}`,
        );

      // Alternate, so both see the same machine noise.
      const sluiceMs: number[] = [];
      const otelMs: number[] = [];
      for (let r = 0; r < rounds; r++) {
        sluiceMs.push(timed(() => sluiceEncodeAll(assembler, segments)));
        otelMs.push(timed(() => otelEncodeAll(otel, sizes)));
      }
      return {
        records: rows.length,
        requests: sizes.length,
        sluiceBytes,
        otelBytes,
        sluiceMs: median(sluiceMs),
        otelMs: median(otelMs),
      };
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
  close: () => exitSoon(),
});
