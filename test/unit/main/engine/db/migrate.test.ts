import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, SchemaTooNewError } from '../../../../../src/main/engine/db/migrate';
import type { Migration } from '../../../../../src/main/engine/db/migration';
import { migrations } from '../../../../../src/main/engine/db/migrations';
import { tempDir } from '../../../../support/temp-dir';

function fileDb() {
  return new BetterSqlite3(join(tempDir(), 'm.db'));
}

describe('migrate', () => {
  it('applies every migration once and stamps user_version', () => {
    const db = fileDb();
    expect(migrate(db, migrations)).toEqual(migrations.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(migrate(db, migrations)).toEqual([]);
  });

  it('rolls a failing migration back whole, leaving the previous version', () => {
    const db = fileDb();
    const broken: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE a (x)') },
      {
        version: 2,
        name: 'two',
        up: (d) => {
          d.exec('CREATE TABLE b (x)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").pluck().all();
    expect(tables).toEqual(['a']);
  });

  it('refuses a store written by a newer version', () => {
    const db = fileDb();
    db.pragma('user_version = 99');
    expect(() => migrate(db, migrations)).toThrow(SchemaTooNewError);
  });

  it('refuses gaps in the numbering', () => {
    const db = fileDb();
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => {} }])).toThrow(/without gaps/);
  });
});

describe('migration 001 (streams)', () => {
  it('creates streams with unique case-insensitive names and cascading credential hints', () => {
    const db = fileDb();
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 1));
    const insert = db.prepare(
      "INSERT INTO streams (id, name, active, settings_json, created_at, updated_at) VALUES (?, ?, 1, '{}', 't', 't')",
    );
    insert.run('a', 'Prod');
    expect(() => insert.run('b', 'prod')).toThrow(/UNIQUE/);
    db.prepare(
      "INSERT INTO stream_credentials (stream_id, name, hint) VALUES ('a', 'token', 'dt0c01.X')",
    ).run();
    db.prepare("DELETE FROM streams WHERE id = 'a'").run();
    expect(db.prepare('SELECT count(*) FROM stream_credentials').pluck().get()).toBe(0);
  });
});
