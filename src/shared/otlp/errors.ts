/**
 * Malformed OTLP input (protobuf or JSON). The message names what is wrong and
 * where: the path of the offending field (OTLP/JSON names, e.g.
 * `resourceLogs[0].scopeLogs[1].logRecords[3].timeUnixNano`) and, for
 * protobuf, the byte offset. It is written to be shown to a person as one line.
 */
export class OtlpDecodeError extends Error {
  /** What is wrong, without the path. */
  readonly reason: string;
  /** Byte offset into the input (protobuf), when known. */
  readonly offset: number | undefined;
  /** Path of the offending field, '' for the top level. */
  readonly path: string;

  constructor(reason: string, where: { offset?: number; path?: string } = {}) {
    const path = where.path ?? '';
    super(path ? `${path}: ${reason}` : reason);
    this.name = 'OtlpDecodeError';
    this.reason = reason;
    this.offset = where.offset;
    this.path = path;
  }

  /** The same error one level further out (`segment` is prepended to the path). */
  within(segment: string): OtlpDecodeError {
    return this.at(this.path ? joinPath(segment, this.path) : segment);
  }

  /** The same error with another path (subclasses keep their own fields). */
  at(path: string): OtlpDecodeError {
    return new OtlpDecodeError(this.reason, { offset: this.offset, path });
  }
}

function joinPath(outer: string, inner: string): string {
  return inner.startsWith('[') ? outer + inner : `${outer}.${inner}`;
}

/** Runs `fn`, adding `segment` to the path of any OtlpDecodeError it throws. */
export function withinPath<T>(segment: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof OtlpDecodeError) throw err.within(segment);
    throw err;
  }
}
