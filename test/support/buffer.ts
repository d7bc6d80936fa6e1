import { join } from 'node:path';
import { RecordBuffer, type BufferOptions } from '../../src/main/engine/buffer/buffer';
import { openDatabase } from '../../src/main/engine/db/open-database';
import { tempDir } from './temp-dir';

/**
 * A RecordBuffer on a real SQLite file (a new one in a temp folder, or
 * `path` again to reopen it) whose sources are read by `streams`; what it
 * reports dropped is collected in `dropped`. The caller closes `db`.
 */
export function openTestBuffer(
  streams: string[],
  options: Partial<BufferOptions> = {},
  path = join(tempDir(), 'sluice.db'),
) {
  const db = openDatabase(path).db;
  for (const id of streams) {
    db.prepare(
      "INSERT OR IGNORE INTO streams (id, name, active, settings_json, created_at, updated_at) VALUES (?, ?, 1, '{}', 't', 't')",
    ).run(id, id);
  }
  const dropped: { stream: string; records: number }[] = [];
  const b = new RecordBuffer(db, {
    readersOf: () => streams,
    policyOf: () => 'block',
    capBytes: () => 1024 ** 3,
    now: () => 1_000,
    inFlightUpTo: () => 0,
    onDropped: (stream, records) => dropped.push({ stream, records }),
    ...options,
  });
  return { b, db, dropped, path };
}
