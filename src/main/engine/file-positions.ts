import type { Statement } from 'better-sqlite3';
import type { FilePositions } from './ports';
import type { Store } from './store';

/** How far a file has been read and committed (see migration 004). */
export interface FilePosition {
  /** `<dev>:<inode>` */
  identity: string;
  path: string;
  offset: number;
  /** A hash of the file's first `length` bytes (src/main/sources/file/fingerprint.ts). */
  fingerprint: { hash: Buffer; length: number };
}

interface PositionRow {
  identity: string;
  path: string;
  offset: number;
  fingerprint: Buffer;
  fingerprint_length: number;
}

/**
 * File positions in SQLite. `save` is called inside the transaction that
 * stores the records read up to the offset, so both commit or neither does.
 */
export class FilePositionStore implements FilePositions {
  private readonly s: {
    all: Statement<[string], PositionRow>;
    save: Statement;
    forget: Statement<[string, string]>;
    scanned: Statement<[string], { first_scan_at: number }>;
    markScanned: Statement<[string, number]>;
  };

  constructor({ db }: Store) {
    this.s = {
      all: db.prepare(
        'SELECT identity, path, offset, fingerprint, fingerprint_length FROM file_positions WHERE source_id = ?',
      ),
      save: db.prepare(
        `INSERT INTO file_positions (source_id, identity, path, offset, fingerprint, fingerprint_length, updated_at)
         VALUES (@sourceId, @identity, @path, @offset, @fingerprint, @length, @now)
         ON CONFLICT (source_id, identity) DO UPDATE SET path = excluded.path, offset = excluded.offset,
           fingerprint = excluded.fingerprint, fingerprint_length = excluded.fingerprint_length, updated_at = excluded.updated_at`,
      ),
      forget: db.prepare('DELETE FROM file_positions WHERE source_id = ? AND identity = ?'),
      scanned: db.prepare('SELECT first_scan_at FROM file_scans WHERE source_id = ?'),
      markScanned: db.prepare(
        'INSERT INTO file_scans (source_id, first_scan_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
      ),
    };
  }

  load(sourceId: string): FilePosition[] {
    return this.s.all.all(sourceId).map((r) => ({
      identity: r.identity,
      path: r.path,
      offset: r.offset,
      fingerprint: { hash: r.fingerprint, length: r.fingerprint_length },
    }));
  }

  save(sourceId: string, p: FilePosition, now: number): void {
    this.s.save.run({
      sourceId,
      identity: p.identity,
      path: p.path,
      offset: p.offset,
      fingerprint: p.fingerprint.hash,
      length: p.fingerprint.length,
      now,
    });
  }

  forget(sourceId: string, identity: string): void {
    this.s.forget.run(sourceId, identity);
  }

  /** Whether the source has looked for its files before (startAt applies only the first time). */
  wasScanned(sourceId: string): boolean {
    return this.s.scanned.get(sourceId) !== undefined;
  }

  markScanned(sourceId: string, now: number): void {
    this.s.markScanned.run(sourceId, now);
  }
}
