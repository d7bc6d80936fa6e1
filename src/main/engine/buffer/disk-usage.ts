import { statSync } from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';

/**
 * What the buffer costs on disk, counted against the cap (docs/buffer.md,
 * "The disk cap"): the database's pages in use (free pages are reused before
 * the file grows, so they are not counted) plus the write-ahead log, which
 * holds a copy of every page written since the last checkpoint.
 *
 * The WAL is kept small relative to the cap: SQLite checkpoints after
 * `wal_autocheckpoint` pages and truncates the file back to
 * `journal_size_limit`; both are set from the cap, so a 16 MB cap does not
 * spend a quarter of itself on a 4 MB log.
 */
export class DiskUsage {
  private readonly s: {
    pageCount: Statement<[], { page_count: number }>;
    freelist: Statement<[], { freelist_count: number }>;
  };
  private readonly pageSize: number;
  private readonly walPath: string | null;
  private tunedFor = 0;

  constructor(private readonly db: Database) {
    this.s = {
      pageCount: db.prepare('PRAGMA page_count'),
      freelist: db.prepare('PRAGMA freelist_count'),
    };
    this.pageSize = (db.pragma('page_size', { simple: true }) as number) || 4096;
    this.walPath = db.memory ? null : `${db.name}-wal`;
  }

  /** Pages in use plus the WAL, in bytes. */
  measure(): number {
    const pages = this.s.pageCount.get()?.page_count ?? 0;
    const free = this.s.freelist.get()?.freelist_count ?? 0;
    return (pages - free) * this.pageSize + this.walBytes();
  }

  private walBytes(): number {
    if (!this.walPath) return 0;
    try {
      return statSync(this.walPath).size;
    } catch {
      return 0; // no WAL yet (or just checkpointed away)
    }
  }

  /**
   * Sizes the WAL's checkpoint and truncation to the cap (a sixteenth of it,
   * 64 KB to 64 MB: 64 MB for the default 1 GiB cap). Each checkpoint syncs
   * the disk twice, so fewer, larger ones let the receiver store more:
   * ingest went from about 175,000 to 190,000-205,000 records/s against a
   * 4 MB ceiling (docs/benchmarks.md, "WAL checkpoints").
   */
  tune(capBytes: number): void {
    if (capBytes === this.tunedFor) return;
    this.tunedFor = capBytes;
    const bytes = Math.max(64 * 1024, Math.min(64 * 1024 * 1024, Math.floor(capBytes / 16)));
    const pages = Math.max(1, Math.floor(bytes / this.pageSize));
    this.db.pragma(`wal_autocheckpoint = ${pages}`);
    this.db.pragma(`journal_size_limit = ${pages * this.pageSize}`);
  }
}
