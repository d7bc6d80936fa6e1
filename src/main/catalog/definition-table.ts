import type { Database, Statement } from 'better-sqlite3';
import { EngineError } from '../base/errors';
import { CredentialHintTable, type CredentialOwnerKind } from './credentials/credential-hint-table';

/** A definition table's statements, written out in full for that table. */
export interface DefinitionSql<W extends string> {
  all: string;
  one: string;
  byName: string;
  delete: string;
  /** The table's own writes, by name (insert, update, ...). */
  writes: Record<W, string>;
}

/**
 * What stream and source definitions have in common in SQLite: list them,
 * read one, find one by name (unique regardless of case), delete one, each
 * with the hints of its credentials. A table adds its own writes. Only
 * DefinitionWriter calls those writes (catalog/definition-writer.ts).
 */
export abstract class DefinitionTable<Row extends { id: string }, Stored, W extends string> {
  readonly hints: CredentialHintTable;
  private readonly all: Statement<[], Row>;
  private readonly one: Statement<[string], Row>;
  private readonly byName: Statement<[string], { id: string }>;
  private readonly remove: Statement<[string]>;
  /** The table's own writes, prepared. */
  protected readonly writes: Record<W, Statement>;

  protected constructor(
    db: Database,
    private readonly kind: CredentialOwnerKind,
    sql: DefinitionSql<W>,
  ) {
    this.hints = new CredentialHintTable(db, kind);
    this.all = db.prepare(sql.all);
    this.one = db.prepare(sql.one);
    this.byName = db.prepare(sql.byName);
    this.remove = db.prepare(sql.delete);
    const writes = {} as Record<W, Statement>;
    for (const name of Object.keys(sql.writes) as W[]) writes[name] = db.prepare(sql.writes[name]);
    this.writes = writes;
  }

  /** A row as stored, with its credentials' hints (a name is present only when set). */
  protected abstract toStored(row: Row, hints: Record<string, string | null>): Stored;

  list(): Stored[] {
    return this.all.all().map((row) => this.toStored(row, this.hints.of(row.id)));
  }

  get(id: string): Stored | null {
    const row = this.one.get(id);
    return row ? this.toStored(row, this.hints.of(row.id)) : null;
  }

  /** The definition, or the refusal a request shows when it is gone. */
  require(id: string): Stored {
    const stored = this.get(id);
    if (stored === null) {
      throw new EngineError(
        'not-found',
        `That ${this.kind} no longer exists. It may have been deleted in another window.`,
      );
    }
    return stored;
  }

  /**
   * Refuses a name another definition of this table has (names are unique
   * regardless of case); `path` is the request field the refusal points at.
   */
  assertNameFree(name: string, selfId: string | null, path: string): void {
    const other = this.idForName(name);
    if (other === null || other === selfId) return;
    throw new EngineError(
      'conflict',
      `A ${this.kind} named "${name.trim()}" already exists. Choose another name.`,
      [{ path, message: `This name is already used by another ${this.kind}.` }],
    );
  }

  idForName(name: string): string | null {
    return this.byName.get(name.trim())?.id ?? null;
  }

  delete(id: string): boolean {
    return this.remove.run(id).changes > 0;
  }
}

/**
 * The reads a definition service answers (list, get with its refusal),
 * from its table: stream and source services differ only in their changes.
 */
export abstract class DefinitionReads<T> {
  protected constructor(private readonly table: { list(): T[]; require(id: string): T }) {}

  list(): T[] {
    return this.table.list();
  }

  get(id: string): T {
    return this.table.require(id);
  }
}
