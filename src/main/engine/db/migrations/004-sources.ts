import type { Migration } from '../migration';

/**
 * Sources (docs/sources.md).
 *
 * - sources: configurations, settings as JSON validated by the contract's zod
 *   schema on the way in and out. Names are unique regardless of case.
 * - source_credentials: like stream_credentials, a non-secret hint per
 *   credential; the secret itself is in the OS keychain.
 * - file_positions: how far each followed file has been read and committed.
 *   A file is known by its identity (`<dev>:<inode>`), not its path, so a
 *   renamed (rotated) file is still the same file; the SHA-256 of its first
 *   bytes tells a file truncated or replaced in place (copy-truncate, an
 *   inode reused) from the one we read. Rows are written in the transaction
 *   that stores the records read up to `offset`: a restart neither loses nor
 *   repeats a line.
 * - file_scans: when a file source first looked for its files. `startAt: end`
 *   applies only to files found by that first scan; any file found later
 *   (also across restarts) is read from its beginning.
 */
export const migration004Sources: Migration = {
  version: 4,
  name: 'sources',
  up(db) {
    db.exec(`
      CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        kind TEXT NOT NULL,
        settings_json TEXT NOT NULL,
        full_policy TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE source_credentials (
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        hint TEXT,
        PRIMARY KEY (source_id, name)
      ) STRICT;

      CREATE TABLE file_positions (
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        identity TEXT NOT NULL,
        path TEXT NOT NULL,
        offset INTEGER NOT NULL,
        fingerprint BLOB NOT NULL,
        fingerprint_length INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (source_id, identity)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE file_scans (
        source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
        first_scan_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
