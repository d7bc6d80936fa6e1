import type { Statement } from 'better-sqlite3';
import type { CredentialHintTable } from './credentials/credential-hint-table';

/** The statements every definition table answers, written out for that table. */
export interface TableStatements<Row> {
  all: Statement<[], Row>;
  one: Statement<[string], Row>;
  byName: Statement<[string], { id: string }>;
  delete: Statement<[string]>;
}

/**
 * What stream and source definitions have in common in SQLite: list them,
 * read one, find one by name (unique regardless of case), delete one, each
 * with the hints of its credentials. A table adds its own writes. Only
 * DefinitionWriter calls those writes (catalog/definition-writer.ts).
 */
export abstract class DefinitionTable<Row extends { id: string }, Stored> {
  protected constructor(
    private readonly base: TableStatements<Row>,
    readonly hints: CredentialHintTable,
  ) {}

  /** A row as stored, with its credentials' hints (a name is present only when set). */
  protected abstract toStored(row: Row, hints: Record<string, string | null>): Stored;

  list(): Stored[] {
    return this.base.all.all().map((row) => this.toStored(row, this.hints.of(row.id)));
  }

  get(id: string): Stored | null {
    const row = this.base.one.get(id);
    return row ? this.toStored(row, this.hints.of(row.id)) : null;
  }

  idForName(name: string): string | null {
    return this.base.byName.get(name.trim())?.id ?? null;
  }

  delete(id: string): boolean {
    return this.base.delete.run(id).changes > 0;
  }
}
