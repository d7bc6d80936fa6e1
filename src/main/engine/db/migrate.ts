import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `This data folder was written by a newer Sluice (schema ${found}, this version knows up to ${known}). ` +
        'Update Sluice, or start with another --data-dir.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Runs the migrations newer than PRAGMA user_version, each in its own
 * transaction that also stamps the new version, so a crash leaves the schema
 * at a whole version. Returns the versions applied.
 */
export function migrate(db: Database, all: readonly Migration[]): number[] {
  const sorted = [...all].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration versions must be 1..n without gaps: ${m.name}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = sorted.length;
  if (current > latest) throw new SchemaTooNewError(current, latest);

  const applied: number[] = [];
  for (const m of sorted.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
