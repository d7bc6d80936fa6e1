/**
 * What the layers above the engine may know of it besides engine/index:
 * the types a source writes through, the events it logs, the samples and
 * buffered records the inspector and the rule editor read, and the one
 * error a source must recognise (the buffer pushing back). Nothing outside
 * src/main/engine imports any other engine module (eslint.config.js).
 */
import type { RecordBatch } from '../../shared/otlp/record-batch';
import type { AppendOutcome } from './buffer/buffer';
import type { NewEvent } from './events/event-log';
import type { FilePosition } from './file-positions';

export { BufferFullError, type AppendOutcome, type FullPolicy } from './buffer/buffer';
export type { NewEvent } from './events/event-log';
export type { Sample } from './exporter/sampler';
export type { FilePosition } from './file-positions';
export type { Store } from './store';

/** What a source writes to: the engine's pipeline (docs/sources.md). */
export interface IngestTarget {
  /**
   * Stores a source's records; when it returns they are committed, with
   * `alsoInTransaction` (a file position). Throws BufferFullError when the
   * buffer is full and the source's policy is `block`.
   */
  ingest(sourceId: string, batch: RecordBatch, alsoInTransaction?: () => void): AppendOutcome;
  /** The streams that read a source (none: its records are not stored). */
  readersOf(sourceId: string): readonly string[];
}

/** Where a source's state changes are written: the engine's event log. */
export interface EventSink {
  add(event: NewEvent): unknown;
}

/** How far each file of a file source has been read and committed (the engine keeps it). */
export interface FilePositions {
  load(sourceId: string): FilePosition[];
  /** Called inside the transaction that stores the records read up to the offset. */
  save(sourceId: string, position: FilePosition, now: number): void;
  forget(sourceId: string, identity: string): void;
  wasScanned(sourceId: string): boolean;
  markScanned(sourceId: string, now: number): void;
}

/** A buffered record with its resource and scope, as the rule editor previews it. */
export interface BufferedRecord {
  record: Uint8Array;
  resource: { bytes: Uint8Array; schemaUrl: string };
  scope: { bytes: Uint8Array; schemaUrl: string };
}
