import { describe, expect, it } from 'vitest';
import { OtlpDecodeError, parseExportRequestJson } from '../../../../src/shared/otlp';
import { exactIntegerOf } from '../../../../src/shared/otlp/json-numbers';

/** A request whose one record has `timeUnixNano` and an int attribute written as given (raw JSON). */
function requestText(time: string, int = '1'): string {
  return `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":${time},"body":{"stringValue":"x"},"attributes":[{"key":"n","value":{"intValue":${int}}}]}]}]}]}`;
}

function decoded(time: string, int = '1') {
  const record = parseExportRequestJson(requestText(time, int)).resourceLogs[0]!.scopeLogs[0]!
    .logRecords[0]!;
  return { time: record.timeUnixNano, int: record.attributes[0]!.value };
}

function refusal(time: string, int = '1'): string {
  try {
    parseExportRequestJson(requestText(time, int));
  } catch (err) {
    if (err instanceof OtlpDecodeError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('64-bit integers written as JSON numbers beyond 2^53', () => {
  it('accepts one that is exactly representable, as written', () => {
    // 1.7e18 = 17 x 2^17 x 5^17: a double holds it exactly.
    expect(decoded('1700000000000000000').time).toBe(1_700_000_000_000_000_000n);
    expect(decoded('1.7e18').time).toBe(1_700_000_000_000_000_000n);
    expect(decoded('1', '-9007199254740994').int).toEqual({
      kind: 'int',
      value: -9_007_199_254_740_994n,
    });
  });

  it('refuses one that JSON.parse had to round', () => {
    // 1700000000000000001 parses to the same double as 1700000000000000000.
    expect(refusal('1700000000000000001')).toBe(
      'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano: the number 1700000000000000000 is beyond 2^53 and is not exactly the integer written (JSON numbers past 2^53 round); send it as a decimal string',
    );
    expect(refusal('1', '9007199254740993')).toContain('attributes[0].value.intValue');
  });

  it('refuses every occurrence of a double one of whose spellings was inexact', () => {
    // Both parse to 1700000000000000000; which one meant it cannot be told.
    expect(refusal('1700000000000000000', '1700000000000000001')).toContain('timeUnixNano');
  });

  it('is not fooled by digits inside strings', () => {
    const text = requestText('1700000000000000000').replace('"x"', '"1700000000000000001"');
    expect(() => parseExportRequestJson(text)).not.toThrow();
  });

  it('still checks the range', () => {
    expect(refusal('1e20')).toContain('is out of range for uint64');
  });
});

describe('exactIntegerOf: the integer a JSON number token denotes', () => {
  it.each([
    ['1700000000000000000', 1_700_000_000_000_000_000n],
    ['1.7e18', 1_700_000_000_000_000_000n],
    ['17E+17', 1_700_000_000_000_000_000n],
    ['-12.50e1', -125n],
    ['0.0e-7', 0n],
    ['1.5', null],
    ['1e-3', null],
    ['12x', null],
  ])('%s', (token, value) => {
    expect(exactIntegerOf(token)).toBe(value);
  });
});
