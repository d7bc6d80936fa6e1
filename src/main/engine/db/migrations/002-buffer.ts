import type { Migration } from '../migration';

/**
 * The durable buffer (docs/buffer.md).
 *
 * - records: one row per LogRecord, its own protobuf bytes in `encoded`, stored
 *   once however many streams read its source. `seq` is AUTOINCREMENT so it is
 *   never reused, even after the newest rows are deleted: cursors compare seqs.
 * - resources, scopes: the Resource / InstrumentationScope message bytes (and
 *   schema URL), interned by hash; `last_seq` is the newest record using the
 *   row, so unused rows can be found without scanning records.
 * - source_keys: small integers for source ids, so each record row carries 1-2
 *   bytes instead of a 36-character id.
 * - stream_cursors: the newest seq each stream has passed (sent, filtered out
 *   or dead-lettered). It moves only in the transaction that records the
 *   destination's answer: at-least-once.
 */
export const migration002Buffer: Migration = {
  version: 2,
  name: 'buffer',
  up(db) {
    db.exec(`
      CREATE TABLE source_keys (
        key INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE resources (
        id INTEGER PRIMARY KEY,
        hash BLOB NOT NULL UNIQUE,
        bytes BLOB NOT NULL,
        schema_url TEXT NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE scopes (
        id INTEGER PRIMARY KEY,
        hash BLOB NOT NULL UNIQUE,
        bytes BLOB NOT NULL,
        schema_url TEXT NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE records (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        source_key INTEGER NOT NULL,
        resource_id INTEGER NOT NULL,
        scope_id INTEGER NOT NULL,
        time_unix_nano INTEGER NOT NULL,
        severity_number INTEGER NOT NULL,
        received_ms INTEGER NOT NULL,
        encoded BLOB NOT NULL
      ) STRICT;
      CREATE INDEX records_by_source ON records (source_key, seq);

      CREATE TABLE stream_cursors (
        stream_id TEXT PRIMARY KEY REFERENCES streams(id) ON DELETE CASCADE,
        acked_seq INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
