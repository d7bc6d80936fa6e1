import { closeSync, existsSync, openSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrations } from './migrations';
import { migrate } from './migrate';
import { makePrivateDir, privateFileMode } from '../../base/private-files';

export interface OpenedDatabase {
  db: Database;
  /** Set when an unreadable store was found and moved aside: where it went. */
  movedAsideTo: string | null;
}

const corruptionCodes = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

function isCorruption(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    corruptionCodes.has((err as { code?: string }).code ?? '')
  );
}

function openAndMigrate(path: string): Database {
  // SQLite creates a new database 0644 (less the umask) and gives its -wal
  // and -shm files the database's mode: an empty file made 0600 first is a
  // valid empty database, and all three stay private.
  if (!existsSync(path)) closeSync(openSync(path, 'a', privateFileMode));
  const db = new BetterSqlite3(path);
  try {
    // 16 KB pages for a new store (an existing one keeps its own): a segment
    // of a few hundred KB is about 20 pages instead of ~80 with 4 KB, yet a
    // commit that touches a few small rows does not write 64 KB frames for
    // each (docs/benchmarks.md, "Buffer pages"). Only takes effect before the
    // first table is written.
    db.pragma('page_size = 16384');
    // WAL: readers never block the writer. synchronous=NORMAL in WAL mode is
    // durable across process crashes (only an OS crash can lose the last
    // commits); docs/architecture.md records why this is the trade we make.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 8 MB of page cache (SQLite's default is 2 MB, about 30 of our pages):
    // the exporter reads segments moments after they were written, and
    // finding them here instead of asking the OS took a fifth off reading.
    db.pragma('cache_size = -8192');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    // Start with an empty write-ahead log (a migration may have filled it):
    // it counts against the disk cap (buffer/disk-usage.ts).
    db.pragma('wal_checkpoint(TRUNCATE)');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Opens (creating if needed) the buffer database. A file SQLite cannot read is
 * never deleted: it is renamed to `sluice.db.unreadable-<time>` beside the
 * original, with its -wal and -shm files, and a fresh store is started.
 */
export function openDatabase(path: string, now: () => Date = () => new Date()): OpenedDatabase {
  makePrivateDir(dirname(path));
  try {
    return { db: openAndMigrate(path), movedAsideTo: null };
  } catch (err) {
    if (!isCorruption(err)) throw err;
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const target = `${path}.unreadable-${stamp}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
    }
    return { db: openAndMigrate(path), movedAsideTo: target };
  }
}
