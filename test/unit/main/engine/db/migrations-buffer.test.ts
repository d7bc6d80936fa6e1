import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../src/main/engine/db/migrate';
import { migrations } from '../../../../../src/main/engine/db/migrations';
import { tempDir } from '../../../../support/temp-dir';

function dbAt(version: number) {
  const db = new BetterSqlite3(join(tempDir(), 'm.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, version));
  db.prepare(
    "INSERT INTO streams (id, name, active, settings_json, created_at, updated_at) VALUES ('s1', 'One', 1, '{}', 't', 't')",
  ).run();
  return db;
}

const insertRecord = (db: BetterSqlite3.Database) =>
  Number(
    db
      .prepare(
        "INSERT INTO records (source_key, resource_id, scope_id, time_unix_nano, severity_number, received_ms, encoded) VALUES (1, 1, 1, 0, 9, 0, x'01')",
      )
      .run().lastInsertRowid,
  );

describe('migration 002 (buffer)', () => {
  it('never reuses a record seq, even after the newest rows are deleted (cursors depend on it)', () => {
    const db = dbAt(2);
    const a = insertRecord(db);
    const b = insertRecord(db);
    db.prepare('DELETE FROM records').run();
    expect(insertRecord(db)).toBe(b + 1);
    expect(b).toBe(a + 1);
  });

  it('interns resources and scopes by a unique hash', () => {
    const db = dbAt(2);
    const ins = db.prepare(
      "INSERT INTO resources (hash, bytes, schema_url) VALUES (x'AA', x'01', '')",
    );
    ins.run();
    expect(() => ins.run()).toThrow(/UNIQUE/);
  });

  it('drops a stream cursor with its stream', () => {
    const db = dbAt(2);
    db.prepare("INSERT INTO stream_cursors (stream_id, acked_seq) VALUES ('s1', 5)").run();
    expect(() =>
      db.prepare("INSERT INTO stream_cursors (stream_id, acked_seq) VALUES ('nope', 5)").run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM streams WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) FROM stream_cursors').pluck().get()).toBe(0);
  });

  it('reads a source after a cursor with the (source_key, seq) index', () => {
    const db = dbAt(2);
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT seq FROM records WHERE source_key = ? AND seq > ? ORDER BY seq LIMIT 10',
      )
      .all(1, 0) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(
      /USING (COVERING )?INDEX records_by_source/,
    );
  });
});

describe('migration 003 (activity)', () => {
  it('keeps dead letters with their stream and drops them with it', () => {
    const db = dbAt(3);
    db.prepare(
      "INSERT INTO dead_letters (stream_id, at, http_status, reason, response_body, record_count, request) VALUES ('s1', 1, 400, 'bad', 'body', 2, x'0A00')",
    ).run();
    db.prepare("DELETE FROM streams WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) FROM dead_letters').pluck().get()).toBe(0);
  });

  it('keeps one metrics row per stream and minute', () => {
    const db = dbAt(3);
    const ins = db.prepare(
      "INSERT INTO metrics_minutes (stream_id, minute, records_in, bytes_in, records_out, bytes_out, errors, retries, backlog_records) VALUES ('s1', 60000, 1, 1, 1, 1, 0, 0, 0)",
    );
    ins.run();
    expect(() => ins.run()).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it("keeps events without a stream (engine-wide) and finds a stream's events by index", () => {
    const db = dbAt(3);
    db.prepare(
      "INSERT INTO events (stream_id, at, kind, level, message) VALUES (NULL, 1, 'error', 'error', 'x')",
    ).run();
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM events WHERE stream_id = ? ORDER BY id DESC LIMIT 10',
      )
      .all('s1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/events_by_stream/);
  });
});
