import type { Database } from 'better-sqlite3';

/** One numbered schema change. `version` is stamped into PRAGMA user_version. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
