import { describe, expect, it } from 'vitest';
import {
  formatTimestamp,
  parseRfc3339,
  parseTimestampValue,
  PROFILES,
} from '../../../../src/shared/dynatrace';
import { mapToDynatrace } from '../../../../src/shared/dynatrace';
import { av, createLogRecord, kv } from '../../../../src/shared/otlp';
import { HOUR, MINUTE, NOW, defaults, mapAll, mapOne, rulesFor } from './helpers';

const seed = PROFILES.seed;
const current = PROFILES['current-docs'];

describe('formatTimestamp', () => {
  it('writes UTC with exactly nine fractional digits', () => {
    expect(formatTimestamp(1_699_524_000_123_456_789n)).toBe('2023-11-09T10:00:00.123456789Z');
    expect(formatTimestamp(NOW)).toBe('2023-11-09T10:00:00.000000000Z');
    expect(formatTimestamp(1n)).toBe('1970-01-01T00:00:00.000000001Z');
    expect(formatTimestamp((1n << 64n) - 1n)).toBe('2554-07-21T23:34:33.709551615Z');
  });
});

describe('parsing body timestamps', () => {
  it.each([
    ['2023-11-09T10:00:00Z', NOW],
    ['2023-11-09T10:00:00.123456789Z', NOW + 123_456_789n],
    ['2023-11-09T10:00:00.1234567891234Z', NOW + 123_456_789n],
    ['2023-11-09T11:30:00+01:30', NOW],
    ['2023-11-09t10:00:00z', NOW],
    ['2023-11-09 10:00:00', NOW], // no zone: UTC
    ['2016-12-31T23:59:60Z', 1_483_228_800_000_000_000n], // a leap second reads as the next second
  ])('RFC 3339 %s', (text, expected) => {
    expect(parseTimestampValue(av.string(text), seed, NOW)).toBe(expected);
    expect(parseRfc3339(text)).toBe(expected);
  });

  it.each([
    '2023-02-30T10:00:00Z',
    '2023-13-01T00:00:00Z',
    '2023-11-09T24:00:00Z',
    '2023-11-09',
    'soon',
  ])('rejects %s', (text) => {
    expect(parseTimestampValue(av.string(text), seed, NOW)).toBeNull();
  });

  it('RFC 3164 takes the year of now, or the year before when that would be in the future', () => {
    expect(parseTimestampValue(av.string('Nov  9 09:59:59'), seed, NOW)).toBe(NOW - 1_000_000_000n);
    expect(parseTimestampValue(av.string('Nov 9 09:59:59'), seed, NOW)).toBe(NOW - 1_000_000_000n);
    const newYear = 1_704_067_200_000_000_000n; // 2024-01-01T00:00:00Z
    expect(formatTimestamp(parseTimestampValue(av.string('Dec 31 23:59:00'), seed, newYear)!)).toBe(
      '2023-12-31T23:59:00.000000000Z',
    );
    expect(parseTimestampValue(av.string('Foo  9 09:59:59'), seed, NOW)).toBeNull();
  });

  it('seed: numbers are UTC milliseconds, integers stay exact', () => {
    expect(parseTimestampValue(av.int(1_699_524_000_123n), seed, NOW)).toBe(NOW + 123_000_000n);
    expect(parseTimestampValue(av.string('1699524000123'), seed, NOW)).toBe(NOW + 123_000_000n);
    expect(parseTimestampValue(av.double(1_699_524_000_123.5), seed, NOW)).toBe(NOW + 123_500_000n);
    // 1699524000 as milliseconds is January 1970.
    expect(parseTimestampValue(av.int(1_699_524_000), seed, NOW)).toBe(1_699_524_000_000_000n);
  });

  it('current-docs: seconds, milliseconds and fractional seconds told apart by size', () => {
    expect(parseTimestampValue(av.int(1_699_524_000), current, NOW)).toBe(NOW);
    expect(parseTimestampValue(av.int(1_699_524_000_123n), current, NOW)).toBe(NOW + 123_000_000n);
    expect(parseTimestampValue(av.string('1699524000.25'), current, NOW)).toBe(NOW + 250_000_000n);
    expect(parseTimestampValue(av.double(1_699_524_000.5), current, NOW)).toBe(NOW + 500_000_000n);
  });

  it('values that are no time at all are refused', () => {
    expect(parseTimestampValue(av.bool(true), seed, NOW)).toBeNull();
    expect(parseTimestampValue(av.int(-5), seed, NOW)).toBeNull();
    expect(parseTimestampValue(av.int(10n ** 18n), seed, NOW)).toBeNull(); // past the year 9999
  });
});

describe('the timestamp rule', () => {
  it('takes Timestamp when set', () => {
    const record = mapOne({ timeUnixNano: NOW - 5n * MINUTE + 7n });
    expect(record.timestamp).toBe('2023-11-09T09:55:00.000000007Z');
    expect(rulesFor(record, 'timestamp')).toEqual(['timestamp.from-field']);
  });

  it('flattened: falls back to the first body key in the seed order, not the body order', () => {
    const body = av.kvlist([
      kv('date', av.string('2023-11-09T09:00:00Z')),
      kv('@timestamp', av.string('2023-11-09T09:30:00Z')),
      kv('message', av.string('m')),
    ]);
    const record = mapOne({ timeUnixNano: 0n, body });
    expect(record.timestamp).toBe('2023-11-09T09:30:00.000000000Z');
    expect(rulesFor(record, 'timestamp')).toEqual(['timestamp.from-body']);
    // The key that became the timestamp is not kept as an attribute; the other one is.
    expect(record.attributes).toEqual({ date: '2023-11-09T09:00:00Z' });
  });

  it('finds nested keys such as syslog.timestamp after flattening', () => {
    const body = av.kvlist([
      kv('syslog', av.kvlist([kv('timestamp', av.string('Nov  9 09:00:00'))])),
    ]);
    expect(mapOne({ timeUnixNano: 0n, body }).timestamp).toBe('2023-11-09T09:00:00.000000000Z');
  });

  it('skips a key whose value does not parse, noting it, and tries the next', () => {
    const body = av.kvlist([
      kv('timestamp', av.string('yesterday')),
      kv('eventtime', av.int(1_699_523_000_000n)),
    ]);
    const record = mapOne({ timeUnixNano: 0n, body });
    expect(record.timestamp).toBe('2023-11-09T09:43:20.000000000Z');
    expect(rulesFor(record, 'timestamp')).toEqual(['timestamp.unparseable', 'timestamp.from-body']);
    // The unparseable key stays, displaced because "timestamp" is the record's own field.
    expect(record.attributes['overwritten.timestamp']).toBe('yesterday');
  });

  it('seed keys are case-sensitive; current-docs keys are not, and the list is longer', () => {
    const body = av.kvlist([kv('TimeStamp', av.string('2023-11-09T09:00:00Z'))]);
    expect(rulesFor(mapOne({ timeUnixNano: 0n, body }), 'timestamp')).toEqual([
      'timestamp.default-now',
    ]);
    expect(mapOne({ timeUnixNano: 0n, body }, { profile: 'current-docs' }).timestamp).toBe(
      '2023-11-09T09:00:00.000000000Z',
    );
    const ts = av.kvlist([kv('ts', av.int(1_699_523_000))]);
    expect(mapOne({ timeUnixNano: 0n, body: ts }).timestamp).toBe('2023-11-09T10:00:00.000000000Z');
    expect(mapOne({ timeUnixNano: 0n, body: ts }, { profile: 'current-docs' }).timestamp).toBe(
      '2023-11-09T09:43:20.000000000Z',
    );
  });

  it('current-docs also looks at record attributes, after the body', () => {
    const attributes = [kv('time', av.string('2023-11-09T08:00:00Z'))];
    const record = mapOne({ timeUnixNano: 0n, attributes }, { profile: 'current-docs' });
    expect(record.timestamp).toBe('2023-11-09T08:00:00.000000000Z');
    expect(rulesFor(record, 'timestamp')).toEqual(['timestamp.from-attribute']);
    expect(mapOne({ timeUnixNano: 0n, attributes }).timestamp).toBe(
      '2023-11-09T10:00:00.000000000Z',
    );
  });

  it('raw model: body keys are not consulted', () => {
    const body = av.kvlist([kv('timestamp', av.string('2023-11-09T09:00:00Z'))]);
    const record = mapOne({ timeUnixNano: 0n, body }, { model: 'raw' });
    expect(record.timestamp).toBe('2023-11-09T10:00:00.000000000Z');
    expect(rulesFor(record, 'timestamp')).toEqual(['timestamp.default-now']);
  });

  it('defaults to now', () => {
    const record = mapOne({ timeUnixNano: 0n });
    expect(record.timestamp).toBe('2023-11-09T10:00:00.000000000Z');
    expect(rulesFor(record, 'timestamp')).toEqual(['timestamp.default-now']);
  });

  it('drops records older than the log age limit (24 hours), keeping one exactly at it', () => {
    const result = mapAll([
      { timeUnixNano: NOW - 24n * HOUR },
      { timeUnixNano: NOW - 24n * HOUR - 1n },
      { timeUnixNano: 0n, body: av.kvlist([kv('timestamp', av.string('2023-11-01T00:00:00Z'))]) },
    ]);
    expect(result.records.map((r) => r.index)).toEqual([0]);
    expect(result.dropped.map((d) => d.index)).toEqual([1, 2]);
    expect(result.dropped[0]!.rule).toBe('timestamp.too-old');
    expect(result.dropped[0]!.reason).toBe(
      'Dynatrace discards records older than the log age limit of 24 hours; this one is 24 h 0 min old ' +
        '(timestamp 2023-11-08T09:59:59.999999999Z from the Timestamp field, now 2023-11-09T10:00:00.000000000Z)',
    );
    expect(result.dropped[1]!.reason).toContain('from body key "timestamp"');
  });

  it('replaces timestamps more than 10 minutes ahead with now, keeping one exactly 10 minutes ahead', () => {
    const result = mapAll([
      { timeUnixNano: NOW + 10n * MINUTE },
      { timeUnixNano: NOW + 10n * MINUTE + 1n },
    ]);
    expect(result.records.map((r) => r.timestamp)).toEqual([
      '2023-11-09T10:10:00.000000000Z',
      '2023-11-09T10:00:00.000000000Z',
    ]);
    expect(rulesFor(result.records[1]!, 'timestamp')).toEqual([
      'timestamp.from-field',
      'timestamp.future-replaced',
    ]);
  });

  it('counts record indexes across resource and scope groups', () => {
    const group = (times: bigint[]) => ({
      scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
      schemaUrl: '',
      logRecords: times.map((t) => createLogRecord({ timeUnixNano: t })),
    });
    const old = NOW - 48n * HOUR;
    const result = mapToDynatrace(
      {
        resourceLogs: [
          {
            resource: { attributes: [], droppedAttributesCount: 0 },
            schemaUrl: '',
            scopeLogs: [group([NOW, old]), group([NOW])],
          },
          {
            resource: { attributes: [], droppedAttributesCount: 0 },
            schemaUrl: '',
            scopeLogs: [group([old, NOW])],
          },
        ],
      },
      defaults,
    );
    expect(result.records.map((r) => r.index)).toEqual([0, 2, 4]);
    expect(result.dropped.map((d) => d.index)).toEqual([1, 3]);
  });
});
