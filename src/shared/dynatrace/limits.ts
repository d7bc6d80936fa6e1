import { utf8Length } from '../otlp/bytes';
import { LIMIT_SOURCES, type Limits } from './limits-data';
import type { DtValue, DynatraceNote, Processing, RequestNote } from './types';

/**
 * Dynatrace's documented ingest limits, reported where a record would be cut
 * or a request rejected. The values themselves are left as they are: the
 * documentation says what the limits are but not exactly how a value over
 * one is cut, so the inspector shows the whole value and says what will
 * happen to it. All limits count UTF-8 bytes, as the documentation does.
 */

const fmt = (n: number) => n.toLocaleString('en-US');

export function checkRecordLimits(
  content: string,
  attributes: ReadonlyMap<string, DtValue>,
  limits: Limits,
  processing: Processing,
  notes: DynatraceNote[],
): void {
  const contentLimit = limits.contentBytes[processing];
  const contentBytes = utf8Length(content);
  if (contentBytes > contentLimit) {
    notes.push({
      field: 'content',
      rule: 'limit.content-length',
      detail: `content is ${fmt(contentBytes)} bytes; Dynatrace keeps at most ${fmt(contentLimit)} and cuts the rest`,
    });
  }
  if (attributes.size > limits.attributeCount) {
    notes.push({
      field: 'attributes',
      rule: 'limit.attribute-count',
      detail: `${fmt(attributes.size)} attributes; Dynatrace keeps at most ${fmt(limits.attributeCount)} per record`,
    });
  }
  for (const [key, value] of attributes) {
    const keyBytes = utf8Length(key);
    if (keyBytes > limits.attributeKeyBytes) {
      notes.push({
        field: key,
        rule: 'limit.attribute-key-length',
        detail: `key is ${fmt(keyBytes)} bytes; the limit is ${fmt(limits.attributeKeyBytes)}`,
      });
    }
    const values = Array.isArray(value) ? value : [value];
    const longest = Math.max(0, ...values.map((v) => (typeof v === 'string' ? utf8Length(v) : 0)));
    if (longest > limits.attributeValueBytes) {
      notes.push({
        field: key,
        rule: 'limit.attribute-value-length',
        detail: `value is ${fmt(longest)} bytes; Dynatrace keeps at most ${fmt(limits.attributeValueBytes)} and cuts the rest`,
      });
    }
    if (
      Array.isArray(value) &&
      limits.valuesPerAttribute !== null &&
      value.length > limits.valuesPerAttribute
    ) {
      notes.push({
        field: key,
        rule: 'limit.values-per-attribute',
        detail: `${fmt(value.length)} values; Dynatrace keeps at most ${fmt(limits.valuesPerAttribute)} per attribute`,
      });
    }
  }
}

export function checkRequestLimits(
  recordCount: number,
  requestBytes: number,
  limits: Limits,
): RequestNote[] {
  const notes: RequestNote[] = [];
  if (recordCount > limits.recordsPerRequest) {
    notes.push({
      rule: 'limit.records-per-request',
      detail: `${fmt(recordCount)} records in one request; Dynatrace accepts at most ${fmt(limits.recordsPerRequest)} (${LIMIT_SOURCES[limits.sources.recordsPerRequest].title}), so the request is rejected`,
    });
  }
  if (requestBytes > limits.requestBytes) {
    notes.push({
      rule: 'limit.request-size',
      detail: `the request is ${fmt(requestBytes)} bytes; the OTLP logs API accepts at most ${fmt(limits.requestBytes)} (2 MB, ${LIMIT_SOURCES[limits.sources.requestBytes].title}) and answers 413`,
    });
  }
  return notes;
}
