import type { Database } from 'better-sqlite3';
import type { Logger } from '../base/log';
import { lockDataDir } from '../data-dir/data-dir-lock';
import { databasePath } from '../data-dir/paths';
import { openDatabase } from './db/open-database';

/**
 * The data folder's SQLite store, locked for this process: the one file
 * both the engine (buffer, cursors, events, metrics, file positions) and
 * the catalog (stream and source definitions) keep their tables in. One
 * sequence of migrations (db/migrations) shapes all of it. Only the engine
 * and the catalog hold `db`; everything else passes the store along.
 */
export interface Store {
  readonly db: Database;
  readonly dataDir: string;
  /** Set when an unreadable database was found and moved aside: where it went. */
  readonly movedAsideTo: string | null;
  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  /** Closes the database and releases the data folder's lock. */
  close(): void;
}

/** Locks the data folder, then opens (creating or migrating) its store. */
export function openStore(dataDir: string, now: () => Date, log: Logger): Store {
  const lock = lockDataDir(dataDir);
  try {
    const { db, movedAsideTo } = openDatabase(databasePath(dataDir), now);
    if (movedAsideTo) {
      log.warn(
        'The buffer database could not be read and was moved aside; a new one was started.',
        {
          movedTo: movedAsideTo,
        },
      );
    }
    return {
      db,
      dataDir,
      movedAsideTo,
      transaction: (fn) => db.transaction(fn)(),
      close() {
        db.close();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}
