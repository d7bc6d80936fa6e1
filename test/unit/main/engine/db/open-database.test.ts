import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../src/main/engine/db/open-database';
import { tempDir } from '../../../../support/temp-dir';

describe('openDatabase', () => {
  it('creates a WAL database with the schema', () => {
    const path = join(tempDir(), 'sub', 'sluice.db');
    const { db, movedAsideTo } = openDatabase(path);
    expect(movedAsideTo).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    // New stores get 16 KB pages (segments are a few hundred KB), and start with an empty WAL.
    expect(db.pragma('page_size', { simple: true })).toBe(16_384);
    expect(readFileSync(`${path}-wal`).length).toBe(0);
    db.close();
  });

  it('leaves the page size of a store written before as it is', () => {
    const path = join(tempDir(), 'sluice.db');
    copyFileSync(new URL('../../../../fixtures/stores/schema5-records.db', import.meta.url), path);
    const { db } = openDatabase(path);
    expect(db.pragma('page_size', { simple: true })).toBe(4_096);
    db.close();
  });

  it('moves an unreadable file aside, keeps its bytes, and starts fresh', () => {
    const dir = tempDir();
    const path = join(dir, 'sluice.db');
    const garbage = 'this is not a database '.repeat(400);
    writeFileSync(path, garbage);
    const { db, movedAsideTo } = openDatabase(path, () => new Date('2026-01-02T03:04:05.678Z'));
    expect(movedAsideTo).toBe(`${path}.unreadable-2026-01-02T03-04-05-678Z`);
    expect(readFileSync(movedAsideTo!, 'utf8')).toBe(garbage);
    expect(existsSync(path)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM streams').pluck().get()).toBe(0);
    db.close();
  });
});
