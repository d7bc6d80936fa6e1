import type { Migration } from '../migration';

/**
 * What the engine remembers about what happened: the event log, dead letters
 * (refused batches, kept with the response for inspection and replay),
 * per-minute metrics for history across restarts, and engine settings.
 * Events and metrics are pruned after the retention period; dead letters are
 * kept until replayed or deleted by the user.
 */
export const migration003Activity: Migration = {
  version: 3,
  name: 'activity',
  up(db) {
    db.exec(`
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        stream_id TEXT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        level TEXT NOT NULL,
        message TEXT NOT NULL,
        http_status INTEGER,
        response_body TEXT
      ) STRICT;
      CREATE INDEX events_by_stream ON events (stream_id, id);
      CREATE INDEX events_by_time ON events (at);

      CREATE TABLE dead_letters (
        id INTEGER PRIMARY KEY,
        stream_id TEXT NOT NULL REFERENCES streams(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        http_status INTEGER,
        reason TEXT NOT NULL,
        response_body TEXT,
        record_count INTEGER NOT NULL,
        request BLOB NOT NULL,
        replays INTEGER NOT NULL DEFAULT 0,
        replay_requested INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX dead_letters_by_stream ON dead_letters (stream_id, id);

      CREATE TABLE metrics_minutes (
        stream_id TEXT NOT NULL,
        minute INTEGER NOT NULL,
        records_in INTEGER NOT NULL,
        bytes_in INTEGER NOT NULL,
        records_out INTEGER NOT NULL,
        bytes_out INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        retries INTEGER NOT NULL,
        backlog_records INTEGER NOT NULL,
        latency_p50_ms REAL,
        latency_p95_ms REAL,
        PRIMARY KEY (stream_id, minute)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX metrics_by_minute ON metrics_minutes (minute);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      ) STRICT;
    `);
  },
};
