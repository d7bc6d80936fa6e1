import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/** Each table's statements, written out: no table name is spliced into SQL. */
const statements = {
  resources: {
    find: 'SELECT id FROM resources WHERE hash = ?',
    insert: 'INSERT INTO resources (hash, bytes, schema_url, last_seq) VALUES (?, ?, ?, ?)',
    touch: 'UPDATE resources SET last_seq = max(last_seq, ?) WHERE id = ?',
    load: 'SELECT bytes, schema_url FROM resources WHERE id = ?',
  },
  scopes: {
    find: 'SELECT id FROM scopes WHERE hash = ?',
    insert: 'INSERT INTO scopes (hash, bytes, schema_url, last_seq) VALUES (?, ?, ?, ?)',
    touch: 'UPDATE scopes SET last_seq = max(last_seq, ?) WHERE id = ?',
    load: 'SELECT bytes, schema_url FROM scopes WHERE id = ?',
  },
} as const;

export interface InternedBlob {
  bytes: Uint8Array;
  schemaUrl: string;
}

/**
 * Resource and scope messages are stored once, keyed by a hash of their bytes
 * and schema URL: a service sends the same resource with every request.
 * Both directions are cached in memory (bounded) so the hot paths rarely
 * touch SQLite for them.
 */
export class BlobInterner {
  private readonly idByHash = new Map<string, number>();
  private readonly blobById = new Map<number, InternedBlob>();
  private readonly find: Statement<[Buffer], { id: number }>;
  private readonly insert: Statement<[Buffer, Uint8Array, string, number]>;
  private readonly touch: Statement<[number, number]>;
  private readonly load: Statement<[number], { bytes: Buffer; schema_url: string }>;

  constructor(
    db: Database,
    table: keyof typeof statements,
    private readonly maxCached = 10_000,
  ) {
    const sql = statements[table];
    this.find = db.prepare(sql.find);
    this.insert = db.prepare(sql.insert);
    this.touch = db.prepare(sql.touch);
    this.load = db.prepare(sql.load);
  }

  private static hash(bytes: Uint8Array, schemaUrl: string): Buffer {
    return createHash('sha256')
      .update(schemaUrl)
      .update('\0')
      .update(bytes)
      .digest()
      .subarray(0, 16);
  }

  /** Must run inside the append transaction; `seq` is the newest record that will use it. */
  intern(bytes: Uint8Array, schemaUrl: string, seq: number): number {
    const hash = BlobInterner.hash(bytes, schemaUrl);
    const key = hash.toString('base64');
    let id = this.idByHash.get(key) ?? this.find.get(hash)?.id;
    if (id === undefined) {
      id = Number(this.insert.run(hash, bytes, schemaUrl, seq).lastInsertRowid);
    } else {
      this.touch.run(seq, id);
    }
    if (this.idByHash.size >= this.maxCached) this.idByHash.clear();
    this.idByHash.set(key, id);
    return id;
  }

  get(id: number): InternedBlob {
    let blob = this.blobById.get(id);
    if (!blob) {
      const row = this.load.get(id);
      if (!row) throw new Error(`internal: missing interned row ${id}`);
      blob = { bytes: new Uint8Array(row.bytes), schemaUrl: row.schema_url };
      if (this.blobById.size >= this.maxCached) this.blobById.clear();
      this.blobById.set(id, blob);
    }
    return blob;
  }

  /** A transaction that aborted may have left ids in the cache that do not exist. */
  forgetCache(): void {
    this.idByHash.clear();
  }

  forget(ids: Iterable<number>): void {
    for (const id of ids) this.blobById.delete(id);
    this.idByHash.clear();
  }
}
