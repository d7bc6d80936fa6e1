import { utf8Length } from './bytes';
import { WireType } from './protobuf/reader';
import { WireWriter, varintSize } from './protobuf/writer';

/**
 * Builds an ExportLogsServiceRequest by framing stored bytes: ResourceLogs
 * and ScopeLogs headers around Resource, InstrumentationScope and LogRecord
 * messages that were encoded earlier (or split out of a received request).
 * Nothing is decoded; each stored message is copied once into the output.
 *
 * Empty resource or scope bytes mean "no such field": the field is left out.
 */

/** A stored LogRecord: its message bytes, or anything carrying them (a SplitLogRecord). */
export type RecordBytes = Uint8Array | { readonly bytes: Uint8Array };

export interface ScopeGroupBytes {
  readonly scope: Uint8Array;
  readonly scopeSchemaUrl?: string;
  readonly records: readonly RecordBytes[];
}

export interface ResourceGroupBytes {
  readonly resource: Uint8Array;
  readonly resourceSchemaUrl?: string;
  readonly scopes: readonly ScopeGroupBytes[];
}

const { LEN } = WireType;

function bytesOf(record: RecordBytes): Uint8Array {
  return record instanceof Uint8Array ? record : record.bytes;
}

/** Size of a length-delimited field with a one-byte tag. */
function fieldSize(payload: number): number {
  return 1 + varintSize(payload) + payload;
}

function optionalFieldSize(bytes: Uint8Array): number {
  return bytes.length === 0 ? 0 : fieldSize(bytes.length);
}

function schemaUrlSize(url: string | undefined): number {
  return url ? fieldSize(utf8Length(url)) : 0;
}

function scopeLogsSize(group: ScopeGroupBytes): number {
  let size = optionalFieldSize(group.scope) + schemaUrlSize(group.scopeSchemaUrl);
  for (const record of group.records) size += fieldSize(bytesOf(record).length);
  return size;
}

function resourceLogsSize(group: ResourceGroupBytes, scopeSizes: number[] | null): number {
  let size = optionalFieldSize(group.resource) + schemaUrlSize(group.resourceSchemaUrl);
  for (const scope of group.scopes) {
    const scopeSize = scopeLogsSize(scope);
    scopeSizes?.push(scopeSize);
    size += fieldSize(scopeSize);
  }
  return size;
}

/** The exact size `buildExportRequest(groups)` will have. */
export function exportRequestSize(groups: readonly ResourceGroupBytes[]): number {
  let size = 0;
  for (const group of groups) size += fieldSize(resourceLogsSize(group, null));
  return size;
}

function writeOptional(w: WireWriter, field: number, bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  w.tag(field, LEN);
  w.bytes(bytes);
}

function writeSchemaUrl(w: WireWriter, url: string | undefined): void {
  if (!url) return;
  w.tag(3, LEN);
  w.string(url);
}

/** One ExportLogsServiceRequest holding every group, in the order given. */
export function buildExportRequest(groups: readonly ResourceGroupBytes[]): Uint8Array {
  // Measure once, remembering each ResourceLogs and ScopeLogs payload size.
  const resourceSizes: number[] = [];
  const scopeSizes: number[] = [];
  let total = 0;
  for (const group of groups) {
    const size = resourceLogsSize(group, scopeSizes);
    resourceSizes.push(size);
    total += fieldSize(size);
  }
  const w = new WireWriter(total);
  let scopeIndex = 0;
  groups.forEach((group, i) => {
    w.tag(1, LEN);
    w.varint(resourceSizes[i]!);
    writeOptional(w, 1, group.resource);
    for (const scope of group.scopes) {
      w.tag(2, LEN);
      w.varint(scopeSizes[scopeIndex++]!);
      writeOptional(w, 1, scope.scope);
      for (const record of scope.records) {
        w.tag(2, LEN);
        w.bytes(bytesOf(record));
      }
      writeSchemaUrl(w, scope.scopeSchemaUrl);
    }
    writeSchemaUrl(w, group.resourceSchemaUrl);
  });
  if (w.pos !== total) throw new Error('internal: request size mismatch');
  return w.buf;
}

/** What the exporter adds to a batch: one stored record with its resource and scope. */
export interface StoredRecord {
  /** Identifies resource bytes + resource schema URL (e.g. the buffer's resource id). */
  resourceKey: string | number;
  resource: Uint8Array;
  resourceSchemaUrl?: string;
  /** Identifies scope bytes + scope schema URL within the resource. */
  scopeKey: string | number;
  scope: Uint8Array;
  scopeSchemaUrl?: string;
  record: Uint8Array;
}

interface ScopeEntry extends ScopeGroupBytes {
  records: Uint8Array[];
  /** Payload size of this ScopeLogs message. */
  size: number;
}

interface ResourceEntry extends ResourceGroupBytes {
  scopes: ScopeEntry[];
  scopeByKey: Map<string | number, ScopeEntry>;
  /** Payload size of this ResourceLogs message. */
  size: number;
}

/**
 * Accumulates stored records into one request, grouped by resource and scope
 * (records keep their order within a group), keeping the exact encoded size
 * up to date so the exporter can stop before a byte limit:
 *
 *   if (builder.recordCount > 0 && builder.byteLengthWith(next) > maxBytes) send(builder.build());
 */
export class ExportRequestBuilder {
  private readonly resources: ResourceEntry[] = [];
  private readonly resourceByKey = new Map<string | number, ResourceEntry>();
  private size = 0;
  private count = 0;

  /** The exact size `build()` would return now. */
  get byteLength(): number {
    return this.size;
  }

  get recordCount(): number {
    return this.count;
  }

  /** The size `build()` would return after `add(entry)`, without adding it. */
  byteLengthWith(entry: StoredRecord): number {
    const recordField = fieldSize(entry.record.length);
    const resource = this.resourceByKey.get(entry.resourceKey);
    const scope = resource?.scopeByKey.get(entry.scopeKey);
    const scopeBefore = scope ? scope.size : null;
    const scopeAfter =
      (scopeBefore ?? optionalFieldSize(entry.scope) + schemaUrlSize(entry.scopeSchemaUrl)) +
      recordField;
    const resourceBefore = resource ? resource.size : null;
    const resourceAfter =
      (resourceBefore ??
        optionalFieldSize(entry.resource) + schemaUrlSize(entry.resourceSchemaUrl)) -
      (scopeBefore === null ? 0 : fieldSize(scopeBefore)) +
      fieldSize(scopeAfter);
    return (
      this.size -
      (resourceBefore === null ? 0 : fieldSize(resourceBefore)) +
      fieldSize(resourceAfter)
    );
  }

  add(entry: StoredRecord): void {
    const newSize = this.byteLengthWith(entry);
    let resource = this.resourceByKey.get(entry.resourceKey);
    if (!resource) {
      resource = {
        resource: entry.resource,
        resourceSchemaUrl: entry.resourceSchemaUrl ?? '',
        scopes: [],
        scopeByKey: new Map(),
        size: optionalFieldSize(entry.resource) + schemaUrlSize(entry.resourceSchemaUrl),
      };
      this.resourceByKey.set(entry.resourceKey, resource);
      this.resources.push(resource);
    }
    let scope = resource.scopeByKey.get(entry.scopeKey);
    if (!scope) {
      scope = {
        scope: entry.scope,
        scopeSchemaUrl: entry.scopeSchemaUrl ?? '',
        records: [],
        size: optionalFieldSize(entry.scope) + schemaUrlSize(entry.scopeSchemaUrl),
      };
      resource.scopeByKey.set(entry.scopeKey, scope);
      resource.scopes.push(scope);
      resource.size += fieldSize(scope.size);
    }
    const scopeBefore = scope.size;
    scope.records.push(entry.record);
    scope.size += fieldSize(entry.record.length);
    resource.size += fieldSize(scope.size) - fieldSize(scopeBefore);
    this.size = newSize;
    this.count++;
  }

  /** The groups so far (for buildExportRequest or inspection). */
  groups(): readonly ResourceGroupBytes[] {
    return this.resources;
  }

  build(): Uint8Array {
    return buildExportRequest(this.resources);
  }

  clear(): void {
    this.resources.length = 0;
    this.resourceByKey.clear();
    this.size = 0;
    this.count = 0;
  }
}
