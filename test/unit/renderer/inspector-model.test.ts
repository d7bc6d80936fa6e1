import { describe, expect, it } from 'vitest';
import { parseOffline } from '../../../src/renderer/src/screens/inspector/model';
import { formatRecordTime } from '../../../src/renderer/src/lib/format';

const text = (s: string) => new TextEncoder().encode(s);

describe('the offline inspector reads pasted input', () => {
  it('says JSON that is not an OTLP logs request is not one, naming what it holds', () => {
    expect(() => parseOffline(text('{"foo":1}'))).toThrow(
      /It is JSON, but an OTLP logs request has "resourceLogs" at its top level and it has "foo"\./,
    );
  });

  it('accepts a real request, even one whose resource holds no records yet', () => {
    expect(parseOffline(text('{"resourceLogs":[]}')).records).toEqual([]);
    const one = parseOffline(
      text('{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"x"}}]}]}]}'),
    );
    expect(one.records).toHaveLength(1);
  });
});

describe('record times in the list', () => {
  const now = new Date(2026, 2, 10, 15, 0, 0).getTime();

  it('are the time of day for today, with the date for any other day', () => {
    expect(formatRecordTime(new Date(2026, 2, 10, 9, 5, 7).getTime(), now)).toBe('09:05:07');
    const threeDaysAgo = formatRecordTime(new Date(2026, 2, 7, 9, 5, 7).getTime(), now);
    expect(threeDaysAgo).toContain('09:05:07');
    expect(threeDaysAgo).toMatch(/7/);
    expect(threeDaysAgo).not.toBe('09:05:07');
    expect(formatRecordTime(new Date(2024, 0, 2, 9, 5, 7).getTime(), now)).toMatch(/2024/);
  });
});
