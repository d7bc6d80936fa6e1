import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../src/main/engine/db/migrate';
import { migrations } from '../../../../../src/main/engine/db/migrations';
import { tempDir } from '../../../../support/temp-dir';

function storeAtVersion4() {
  const db = new BetterSqlite3(join(tempDir(), 'm.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 4));
  return db;
}

describe('migration 005 (credentials from the environment)', () => {
  it('upgrades a version 4 store', () => {
    const db = storeAtVersion4();
    expect(migrate(db, migrations.slice(0, 5))).toEqual([5]);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT count(*) FROM credential_env').pluck().get()).toBe(0);
  });

  it('forgets the references of a stream or a source deleted', () => {
    const db = storeAtVersion4();
    migrate(db, migrations.slice(0, 5));
    db.prepare(
      "INSERT INTO streams (id, name, active, settings_json, created_at, updated_at) VALUES ('s', 'Prod', 1, '{}', 't', 't')",
    ).run();
    db.prepare(
      "INSERT INTO sources (id, name, kind, settings_json, full_policy, created_at, updated_at) VALUES ('r', 'Receiver', 'otlp-receiver', '{}', 'block', 't', 't')",
    ).run();
    const ref = db.prepare(
      "INSERT INTO credential_env (owner_id, name, variable) VALUES (?, 'token', ?)",
    );
    ref.run('s', 'DT_API_TOKEN');
    ref.run('r', 'RECEIVER_TOKEN');
    db.prepare("DELETE FROM streams WHERE id = 's'").run();
    expect(db.prepare('SELECT owner_id FROM credential_env').pluck().all()).toEqual(['r']);
    db.prepare("DELETE FROM sources WHERE id = 'r'").run();
    expect(db.prepare('SELECT count(*) FROM credential_env').pluck().get()).toBe(0);
  });
});
