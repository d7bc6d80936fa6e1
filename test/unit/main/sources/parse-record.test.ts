import { describe, expect, it } from 'vitest';
import {
  jsonRecord,
  parseRecord,
  textRecord,
} from '../../../../src/main/sources/file/parse-record';
import { severityFromValue, severityInText } from '../../../../src/main/sources/file/severity';
import { parseTimeText, parseTimeValue } from '../../../../src/main/sources/file/timestamps';
import { jsonFieldMappingSchema } from '../../../../src/shared/api/sources';

const mapping = jsonFieldMappingSchema.parse({});
const observed = 1_700_000_000_000_000_000n;
const keys = (r: { attributes: { key: string }[] }) => r.attributes.map((a) => a.key);

describe('severity', () => {
  it('reads level words, pino numbers and OTLP numbers', () => {
    expect(severityFromValue('WARNING')).toEqual({ number: 13, text: 'WARNING' });
    expect(severityFromValue('err')).toEqual({ number: 17, text: 'err' });
    expect(severityFromValue(30)).toEqual({ number: 9, text: '30' });
    expect(severityFromValue(60)).toEqual({ number: 21, text: '60' });
    expect(severityFromValue(18)).toEqual({ number: 18, text: '18' });
    expect(severityFromValue('loud')).toBeNull();
    expect(severityFromValue(99)).toBeNull();
  });

  it('finds a level word near the start of a text line', () => {
    expect(severityInText('2024-05-01 10:00:00 [main] ERROR Boom')?.number).toBe(17);
    expect(severityInText('[WARN] disk 91% full')?.number).toBe(13);
    expect(severityInText('an informational message')).toBeNull();
    expect(severityInText('TERRORIZED')).toBeNull();
  });
});

describe('timestamps', () => {
  it('reads RFC 3339 with zones to the nanosecond, and zoneless times as local time', () => {
    expect(parseTimeText('2024-05-01T10:00:00.123456789Z')).toBe(1714557600123456789n);
    expect(parseTimeText('2024-05-01T12:00:00+0200')).toBe(1714557600000000000n);
    expect(parseTimeText('2024-05-01 10:00:00,5 rest of line')).toBe(
      BigInt(new Date(2024, 4, 1, 10, 0, 0).getTime()) * 1_000_000n + 500_000_000n,
    );
    expect(parseTimeText('2024-02-30T00:00:00')).toBeNull();
    expect(parseTimeText('yesterday')).toBeNull();
  });

  it('reads epoch numbers by magnitude', () => {
    expect(parseTimeValue(1714557600)).toBe(1714557600000000000n);
    expect(parseTimeValue(1714557600123)).toBe(1714557600123000000n);
    expect(parseTimeValue('1714557600123456')).toBe(1714557600123456000n);
    expect(parseTimeValue(-1)).toBeNull();
    expect(parseTimeValue(true)).toBeNull();
  });
});

describe('records from lines', () => {
  it('text: the line is the body; a leading time and a level are recognised', () => {
    const r = textRecord('2024-05-01T10:00:00Z INFO started', observed);
    expect(r).toMatchObject({
      timeUnixNano: 1714557600000000000n,
      observedTimeUnixNano: observed,
      severityNumber: 9,
      body: { kind: 'string', value: '2024-05-01T10:00:00Z INFO started' },
    });
    expect(textRecord('plain', observed)).toMatchObject({ timeUnixNano: 0n, severityNumber: 0 });
  });

  it('json: unusable mapped fields stay attributes; nested paths and an attribute list work', () => {
    const r = jsonRecord(
      JSON.stringify({
        message: { nested: true },
        level: 'shouting',
        time: 'noon',
        trace_id: 'xyz',
        a: 1,
      }),
      mapping,
      observed,
    );
    expect(r.body).toEqual({
      kind: 'kvlist',
      value: [{ key: 'nested', value: { kind: 'bool', value: true } }],
    });
    expect(r.severityNumber).toBe(0);
    expect(keys(r)).toEqual(['level', 'time', 'trace_id', 'a']);

    const picked = jsonRecord(
      JSON.stringify({ log: { level: 'error', text: 'x' }, keep: 'k', drop: 'd' }),
      jsonFieldMappingSchema.parse({
        severity: ['log.level'],
        body: ['log.text'],
        attributes: ['keep'],
      }),
      observed,
    );
    expect(picked).toMatchObject({ severityNumber: 17, body: { kind: 'string', value: 'x' } });
    expect(keys(picked)).toEqual(['keep']);
  });

  it('json: lines that are not objects, or absurdly deep, are kept as text and marked', () => {
    for (const line of ['[1,2]', '{"a":', `${'['.repeat(100)}${']'.repeat(100)}`]) {
      const r = jsonRecord(line, mapping, observed);
      expect(r.body).toEqual({ kind: 'string', value: line });
      expect(keys(r)).toEqual(['sluice.parse_error']);
    }
    const deep = `{"a":${'{"b":'.repeat(100)}1${'}'.repeat(100)}}`;
    expect(keys(jsonRecord(deep, mapping, observed))).toEqual(['sluice.parse_error']);
  });

  it('json: 64 levels of objects and arrays are a record, 65 are text', () => {
    // The line's object is level 1; a scalar inside the 64th level is no level of its own.
    const objects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    const arrays = (n: number) => `{"a":${'['.repeat(n - 1)}"x"${']'.repeat(n - 1)}}`;
    for (const nest of [objects, arrays]) {
      expect(keys(jsonRecord(nest(64), mapping, observed))).toEqual(['a']);
      expect(keys(jsonRecord(nest(65), mapping, observed))).toEqual(['sluice.parse_error']);
    }
  });

  it('every record names its file, and a cut record says how much was cut', () => {
    const r = parseRecord(
      { text: 'x', endOffset: 1, truncatedBytes: 7 },
      { path: '/var/log/a.log', name: 'a.log' },
      { format: 'text', jsonMapping: mapping },
      observed,
    );
    expect(r.attributes).toEqual([
      { key: 'log.file.path', value: { kind: 'string', value: '/var/log/a.log' } },
      { key: 'log.file.name', value: { kind: 'string', value: 'a.log' } },
      { key: 'sluice.record.truncated_bytes', value: { kind: 'int', value: 7n } },
    ]);
  });
});
