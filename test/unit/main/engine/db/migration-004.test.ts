import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../src/main/engine/db/migrate';
import { migrations } from '../../../../../src/main/engine/db/migrations';
import { tempDir } from '../../../../support/temp-dir';

function storeAtVersion3() {
  const db = new BetterSqlite3(join(tempDir(), 'm.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 3));
  return db;
}

describe('migration 004 (sources)', () => {
  it('upgrades a version 3 store, keeping its streams', () => {
    const db = storeAtVersion3();
    db.prepare(
      "INSERT INTO streams (id, name, active, settings_json, created_at, updated_at) VALUES ('s', 'Prod', 1, '{}', 't', 't')",
    ).run();
    expect(migrate(db, migrations.slice(0, 4))).toEqual([4]);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT count(*) FROM streams').pluck().get()).toBe(1);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['sources', 'source_credentials', 'file_positions', 'file_scans']),
    );
  });

  it('keeps source names unique regardless of case', () => {
    const db = storeAtVersion3();
    migrate(db, migrations);
    const insert = db.prepare(
      "INSERT INTO sources (id, name, kind, settings_json, full_policy, created_at, updated_at) VALUES (?, ?, 'sample', '{}', 'block', 't', 't')",
    );
    insert.run('a', 'Sample data');
    expect(() => insert.run('b', 'SAMPLE DATA')).toThrow(/UNIQUE/);
  });

  it('deletes credential hints, file positions and the first-scan mark with their source', () => {
    const db = storeAtVersion3();
    migrate(db, migrations);
    db.prepare(
      "INSERT INTO sources (id, name, kind, settings_json, full_policy, created_at, updated_at) VALUES ('f', 'Files', 'file', '{}', 'block', 't', 't')",
    ).run();
    db.prepare(
      "INSERT INTO source_credentials (source_id, name, hint) VALUES ('f', 'token', NULL)",
    ).run();
    // An offset past 2^32 round-trips exactly (SQLite integers are 64-bit).
    const offset = 2 ** 32 + 17;
    db.prepare(
      "INSERT INTO file_positions (source_id, identity, path, offset, fingerprint, fingerprint_length, updated_at) VALUES ('f', '2049:12', '/var/log/a.log', ?, x'00', 1, 0)",
    ).run(offset);
    db.prepare("INSERT INTO file_scans (source_id, first_scan_at) VALUES ('f', 1)").run();
    expect(db.prepare('SELECT offset FROM file_positions').pluck().get()).toBe(offset);

    db.prepare("DELETE FROM sources WHERE id = 'f'").run();
    for (const table of ['source_credentials', 'file_positions', 'file_scans']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
  });
});
