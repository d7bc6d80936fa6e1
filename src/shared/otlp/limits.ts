import { OtlpDecodeError } from './errors';

/**
 * How much of an untrusted OTLP logs request Sluice will read
 * (docs/otlp.md, "Limits"). Every decoder checks them while it walks, so a
 * request over a limit is refused after reading only up to the limit, before
 * anything is stored.
 */
export interface OtlpLimits {
  /**
   * Values nested inside values (an AnyValue inside an array or kvlist inside
   * an AnyValue ...). A body or attribute value that is a plain string is at
   * depth 1.
   */
  maxValueDepth: number;
  /** LogRecords in one request. */
  maxRecords: number;
  /** AnyValues and KeyValues in one request: the work one request may cost. */
  maxValues: number;
}

/**
 * - Depth 64: Dynatrace itself flattens only 5 levels and real structured
 *   logs rarely pass 10; 64 keeps every later step that walks a value tree
 *   (the Dynatrace mapping, JSON text) far from the stack's limits.
 * - 100,000 records: twice what Dynatrace accepts in one request (50,000),
 *   12 times the Collector's default batch (8,192).
 * - 2,000,000 values: a 16 MB request of realistic records (about 620
 *   bytes and 30 values each) holds about 800,000; walking 2,000,000 takes
 *   about a tenth of a second here, so no request holds the engine longer.
 */
export const defaultOtlpLimits: Readonly<OtlpLimits> = Object.freeze({
  maxValueDepth: 64,
  maxRecords: 100_000,
  maxValues: 2_000_000,
});

export type OtlpLimitName = keyof OtlpLimits;

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * A request beyond one of the limits. Not malformed, just more than Sluice
 * reads: receivers answer 400 for depth and 413 for size (docs/sources.md).
 */
export class OtlpLimitError extends OtlpDecodeError {
  constructor(
    readonly limit: OtlpLimitName,
    readonly value: number,
    where: { offset?: number; path?: string } = {},
  ) {
    super(limitReason(limit, value), where);
    this.name = 'OtlpLimitError';
  }

  override at(path: string): OtlpLimitError {
    return new OtlpLimitError(this.limit, this.value, { offset: this.offset, path });
  }
}

function limitReason(limit: OtlpLimitName, value: number): string {
  switch (limit) {
    case 'maxValueDepth':
      return `values are nested more than ${fmt(value)} levels deep, the most Sluice reads`;
    case 'maxRecords':
      return `the request holds more than ${fmt(value)} log records, the most Sluice takes in one request`;
    case 'maxValues':
      return `the request holds more than ${fmt(value)} attribute and body values, the most Sluice reads in one request`;
  }
}
