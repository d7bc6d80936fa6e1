import type { Database } from 'better-sqlite3';
import { recordShape } from '../../../../shared/otlp/record-shape';
import { encodeGroups, SegmentIndexWriter, type SegmentGroup } from '../../buffer/segment-format';
import { segmentMaxPayloadBytes, segmentMaxRecords } from '../../buffer/segment-plan';
import type { Migration } from '../migration';

/**
 * The buffer stores batches (docs/buffer.md, "Segments"): one row per
 * stretch of a received request instead of one per record, so writing,
 * reading and deleting cost one row per few hundred records.
 *
 * - segments: the records first_seq..last_seq of one source, where
 *   first_seq = last_seq - count + 1. `last_seq` is the key and, with
 *   AUTOINCREMENT, SQLite remembers the largest ever used, so a seq is never
 *   handed out twice even after the newest segments are deleted (cursors
 *   compare seqs). `payload` is the records' LogRecord bytes as received,
 *   `idx` a fixed-size entry per record, `groups` the interned resource and
 *   scope ids the entries point at (buffer/segment-format.ts).
 * - `oldest_time_ms`: the oldest record timestamp in the segment (0: none),
 *   for the log-age checks without reading payloads.
 *
 * Records already buffered are moved into segments with the same seqs, so
 * every cursor keeps its meaning and no stream loses or repeats a record.
 */
export const migration006Segments: Migration = {
  version: 6,
  name: 'segments',
  up(db) {
    db.exec(`
      CREATE TABLE segments (
        last_seq INTEGER PRIMARY KEY AUTOINCREMENT,
        source_key INTEGER NOT NULL,
        count INTEGER NOT NULL,
        record_bytes INTEGER NOT NULL,
        received_ms INTEGER NOT NULL,
        oldest_time_ms REAL NOT NULL,
        payload BLOB NOT NULL,
        idx BLOB NOT NULL,
        groups BLOB NOT NULL
      ) STRICT;
      CREATE INDEX segments_by_source ON segments (source_key, last_seq);
    `);
    moveRecords(db);
    db.exec('DROP TABLE records');
  },
};

interface RecordRow {
  seq: number;
  source_key: number;
  resource_id: number;
  scope_id: number;
  time_unix_nano: number;
  severity_number: number;
  received_ms: number;
  encoded: Buffer;
}

/** Runs of consecutive seqs of one source become segments, within the usual limits. */
function moveRecords(db: Database): void {
  const insert = db.prepare(
    'INSERT INTO segments (last_seq, source_key, count, record_bytes, received_ms, oldest_time_ms, payload, idx, groups) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let run: RecordRow[] = [];
  let runBytes = 0;
  const flush = () => {
    if (run.length === 0) return;
    const index = new SegmentIndexWriter(run.length);
    const groups: SegmentGroup[] = [];
    const groupOf = new Map<string, number>();
    const payload = new Uint8Array(runBytes);
    let at = 0;
    let oldest = 0;
    let received = Number.MAX_SAFE_INTEGER;
    for (const r of run) {
      const key = `${r.resource_id}/${r.scope_id}`;
      let g = groupOf.get(key);
      if (g === undefined) {
        g = groups.push({ resourceId: r.resource_id, scopeId: r.scope_id }) - 1;
        groupOf.set(key, g);
      }
      const timeMs = r.time_unix_nano > 0 ? r.time_unix_nano / 1e6 : 0;
      if (timeMs > 0 && (oldest === 0 || timeMs < oldest)) oldest = timeMs;
      received = Math.min(received, r.received_ms);
      payload.set(r.encoded, at);
      const severity = r.severity_number > 0 && r.severity_number <= 24 ? r.severity_number : 0;
      index.add(at, r.encoded.length, timeMs, g, severity, recordShape(r.encoded));
      at += r.encoded.length;
    }
    const last = run[run.length - 1]!;
    insert.run(
      last.seq,
      last.source_key,
      run.length,
      runBytes,
      received,
      oldest,
      payload,
      index.bytes,
      encodeGroups(groups),
    );
    run = [];
    runBytes = 0;
  };
  // In pages: a statement cannot write while another one is still iterating.
  const page = db.prepare(
    'SELECT seq, source_key, resource_id, scope_id, time_unix_nano, severity_number, received_ms, encoded FROM records WHERE seq > ? ORDER BY seq LIMIT 10000',
  );
  for (let after = 0; ;) {
    const rows = page.all(after) as RecordRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const prev = run[run.length - 1];
      const continues =
        prev !== undefined &&
        prev.source_key === r.source_key &&
        prev.seq + 1 === r.seq &&
        run.length < segmentMaxRecords &&
        runBytes + r.encoded.length <= segmentMaxPayloadBytes;
      if (!continues) flush();
      run.push(r);
      runBytes += r.encoded.length;
    }
    after = rows[rows.length - 1]!.seq;
  }
  flush();
  // Seqs handed out before (even of records since deleted) are never reused.
  const handedOut = db
    .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'records'")
    .pluck()
    .get() as number | undefined;
  if (handedOut !== undefined) {
    db.prepare("DELETE FROM sqlite_sequence WHERE name = 'segments'").run();
    db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('segments', ?)").run(handedOut);
  }
}
