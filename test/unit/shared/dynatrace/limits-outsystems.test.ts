import { describe, expect, it } from 'vitest';
import {
  applyOutSystemsTruncation,
  PROFILES,
  truncateChars,
} from '../../../../src/shared/dynatrace';
import { av, createLogRecord, kv } from '../../../../src/shared/otlp';
import { mapAll, mapOne, rulesFor } from './helpers';

describe('documented limits are reported, values left whole', () => {
  it('content longer than the limit (UTF-8 bytes; lower for classic under current-docs)', () => {
    const body = av.string('é'.repeat(300 * 1024)); // 600 KiB of UTF-8
    const openpipeline = mapOne({ body }, { profile: 'current-docs' });
    expect(rulesFor(openpipeline, 'content')).not.toContain('limit.content-length');
    const classic = mapOne({ body }, { profile: 'current-docs', processing: 'classic' });
    expect(rulesFor(classic, 'content')).toContain('limit.content-length');
    expect(classic.content.length).toBe(300 * 1024);
    const seedClassic = mapOne({ body }, { processing: 'classic' });
    expect(rulesFor(seedClassic, 'content')).not.toContain('limit.content-length');
  });

  it('attribute key and value lengths', () => {
    const longKey = 'k'.repeat(101);
    const record = mapOne({
      attributes: [kv(longKey, av.string('v')), kv('big', av.string('x'.repeat(32 * 1024 + 1)))],
    });
    expect(rulesFor(record, longKey)).toContain('limit.attribute-key-length');
    expect(rulesFor(record, 'big')).toContain('limit.attribute-value-length');
    const fits = mapOne({ attributes: [kv('k'.repeat(100), av.string('x'.repeat(32 * 1024)))] });
    expect(fits.notes.filter((n) => n.rule.startsWith('limit.'))).toEqual([]);
  });

  it('attribute count', () => {
    const many = Array.from({ length: 501 }, (_, i) => kv(`a${i}`, av.int(i)));
    const record = mapOne({ attributes: many });
    expect(Object.keys(record.attributes)).toHaveLength(501);
    expect(rulesFor(record, 'attributes')).toEqual(['limit.attribute-count']);
    expect(rulesFor(mapOne({ attributes: many.slice(0, 500) }), 'attributes')).toEqual([]);
  });

  it('values per attribute (current-docs only)', () => {
    const array = av.array(Array.from({ length: 33 }, (_, i) => av.int(i)));
    expect(
      rulesFor(mapOne({ attributes: [kv('a', array)] }, { profile: 'current-docs' }), 'a'),
    ).toContain('limit.values-per-attribute');
    expect(rulesFor(mapOne({ attributes: [kv('a', array)] }), 'a')).not.toContain(
      'limit.values-per-attribute',
    );
  });

  it('request size and record count are request notes', () => {
    const tooBig = mapAll([{}], { requestBytes: 10 * 1024 * 1024 + 1 });
    expect(tooBig.notes.map((n) => n.rule)).toEqual(['limit.request-size']);
    expect(mapAll([{}]).notes).toEqual([]);
    expect(PROFILES.seed.limits.recordsPerRequest).toBe(50_000);
  });

  it('more records than one request may carry', () => {
    const records = Array.from({ length: 50_001 }, () => ({}));
    const result = mapAll(records, { requestBytes: 1 });
    expect(result.notes.map((n) => n.rule)).toEqual(['limit.records-per-request']);
  });
});

describe('OutSystems truncation (seeds/000)', () => {
  it('cuts content and exception.stacktrace to 4,000 characters, noting both', () => {
    const record = mapOne(
      {
        body: av.string('c'.repeat(5000)),
        attributes: [
          kv('exception.stacktrace', av.string('s'.repeat(4001))),
          kv('other', av.string('o'.repeat(5000))),
        ],
      },
      { outsystemsTruncation: true },
    );
    expect(record.content).toHaveLength(4000);
    expect(record.attributes['exception.stacktrace']).toHaveLength(4000);
    expect(record.attributes.other).toHaveLength(5000);
    expect(rulesFor(record, 'content')).toContain('content.truncated.outsystems');
    expect(rulesFor(record, 'exception.stacktrace')).toContain('attribute.truncated.outsystems');
  });

  it('leaves values alone when off, and when 4,000 characters or shorter', () => {
    expect(mapOne({ body: av.string('c'.repeat(5000)) }).content).toHaveLength(5000);
    const exact = mapOne({ body: av.string('c'.repeat(4000)) }, { outsystemsTruncation: true });
    expect(rulesFor(exact, 'content')).not.toContain('content.truncated.outsystems');
  });

  it('applies to content taken from a body key too (it truncates the Dynatrace field)', () => {
    const body = av.kvlist([kv('message', av.string('m'.repeat(4500)))]);
    expect(mapOne({ body }, { outsystemsTruncation: true }).content).toHaveLength(4000);
  });

  it('never splits a surrogate pair', () => {
    const text = 'a'.repeat(3999) + '😀' + 'b';
    expect(truncateChars(text)).toBe('a'.repeat(3999));
    expect(truncateChars('😀'.repeat(3000))).toHaveLength(4000);
  });

  it('applyOutSystemsTruncation cuts an OTLP record for the exporter, or returns null if nothing to cut', () => {
    const record = createLogRecord({
      body: av.string('x'.repeat(4001)),
      attributes: [kv('exception.stacktrace', av.string('y'.repeat(9000))), kv('k', av.int(1))],
    });
    const cut = applyOutSystemsTruncation(record)!;
    expect(cut.body).toEqual(av.string('x'.repeat(4000)));
    expect(cut.attributes).toEqual([
      kv('exception.stacktrace', av.string('y'.repeat(4000))),
      kv('k', av.int(1)),
    ]);
    expect(record.body).toEqual(av.string('x'.repeat(4001))); // the input is not changed
    expect(applyOutSystemsTruncation(createLogRecord({ body: av.string('short') }))).toBeNull();
  });
});
