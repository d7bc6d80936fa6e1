import { utf8Length } from '../otlp/bytes';
import type { AnyValue, KeyValue } from '../otlp/model';
import type { Limits } from './limits-data';
import type { RecordInContext } from './predict';
import type { Processing } from './types';

/**
 * A cheap, conservative look at a record before the mapping runs: true only
 * when the mapping cannot report any of the would-change rules for it. Most
 * records (a set timestamp, a string body, scalar attributes well under the
 * limits) pass, and skip the mapping; anything it is not sure about (a
 * kvlist or array anywhere, an unset timestamp, a value near a limit) goes
 * to the mapping, which decides. A property test holds it to that promise
 * (test/unit/shared/dynatrace/predict-screen.test.ts).
 *
 * The bounds it uses: a stored name may grow by a conflict prefix
 * ("overwritten12.", under 20 characters) and, under classic processing, by
 * lowercasing; a scalar turned into text is at most 24 characters; bytes
 * become base64 (4 characters per 3 bytes).
 */

/** Room for a conflict prefix such as "overwritten12.". */
const PREFIX_ROOM = 20;
/** The longest text of an int64, a double or a boolean. */
const SCALAR_TEXT = 24;

function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

function textFits(text: string, limit: number): boolean {
  // Three bytes per UTF-16 unit at most: for most text the first test settles it.
  return text.length * 3 <= limit || utf8Length(text) <= limit;
}

/** The value is scalar and its stored form surely fits `limit` bytes. */
function scalarFits(value: AnyValue, limit: number): boolean {
  switch (value.kind) {
    case 'string':
      return textFits(value.value, limit);
    case 'bytes':
      return base64Length(value.value.length) <= limit;
    case 'kvlist':
    case 'array':
      return false;
    default:
      return SCALAR_TEXT <= limit;
  }
}

function attributesFit(list: readonly KeyValue[], limits: Limits, processing: Processing): boolean {
  for (const kv of list) {
    if (!scalarFits(kv.value, limits.attributeValueBytes)) return false;
    const key = processing === 'classic' ? kv.key.toLowerCase() : kv.key;
    if (!textFits(key, limits.attributeKeyBytes - PREFIX_ROOM)) return false;
  }
  return true;
}

export function surelyUnchanged(
  item: RecordInContext,
  limits: Limits,
  processing: Processing,
  now: bigint,
  authOrigin: string | null,
): boolean {
  const { record, resource, scope } = item;
  const t = record.timeUnixNano;
  // Unset: the time may come from the body or the attributes, and be anything.
  if (t === 0n || now - t > limits.logAgeNs || t - now > limits.futureToleranceNs) return false;
  const body = record.body;
  // A kvlist or array body becomes JSON or body keys: only the mapping knows how long.
  if (body.kind === 'kvlist' || body.kind === 'array') return false;
  const contentLimit = Math.min(limits.contentBytes.openpipeline, limits.contentBytes.classic);
  if (!scalarFits(body, contentLimit)) return false;
  const own =
    (record.traceId.length > 0 ? 1 : 0) +
    (record.spanId.length > 0 ? 1 : 0) +
    (authOrigin !== null ? 1 : 0);
  const count =
    own + resource.attributes.length + scope.attributes.length + record.attributes.length;
  if (count > limits.attributeCount) return false;
  if (authOrigin !== null && !textFits(authOrigin, limits.attributeValueBytes)) return false;
  // The data model only matters for kvlists, which all go to the mapping.
  return (
    attributesFit(resource.attributes, limits, processing) &&
    attributesFit(scope.attributes, limits, processing) &&
    attributesFit(record.attributes, limits, processing)
  );
}
