import type { Migration } from '../migration';

/**
 * Stream configurations. Settings are stored as JSON validated by the
 * contract's zod schema on the way in and out; secrets are never here, only a
 * non-secret hint per credential (for Dynatrace the public token id).
 */
export const migration001Streams: Migration = {
  version: 1,
  name: 'streams',
  up(db) {
    db.exec(`
      CREATE TABLE streams (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        active INTEGER NOT NULL DEFAULT 1,
        settings_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE stream_credentials (
        stream_id TEXT NOT NULL REFERENCES streams(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        hint TEXT,
        PRIMARY KEY (stream_id, name)
      ) STRICT;
    `);
  },
};
