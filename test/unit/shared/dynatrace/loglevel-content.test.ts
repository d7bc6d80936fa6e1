import { describe, expect, it } from 'vitest';
import { normalizeLoglevel, severityNumberName } from '../../../../src/shared/dynatrace';
import { av, kv } from '../../../../src/shared/otlp';
import { mapOne, rulesFor } from './helpers';

describe('loglevel', () => {
  it('SeverityText first, as sent (seed)', () => {
    const record = mapOne({ severityText: 'warning', severityNumber: 17 });
    expect(record.loglevel).toBe('warning');
    expect(rulesFor(record, 'loglevel')).toEqual(['loglevel.from-severity-text']);
  });

  it('then SeverityNumber, by its OpenTelemetry range', () => {
    expect([1, 4, 5, 9, 12, 13, 17, 21, 24].map(severityNumberName)).toEqual([
      'TRACE',
      'TRACE',
      'DEBUG',
      'INFO',
      'INFO',
      'WARN',
      'ERROR',
      'FATAL',
      'FATAL',
    ]);
    const record = mapOne({ severityNumber: 18 });
    expect(record.loglevel).toBe('ERROR');
    expect(rulesFor(record, 'loglevel')).toEqual(['loglevel.from-severity-number']);
  });

  it('flattened: then the first level key of the body, in the seed order', () => {
    const body = av.kvlist([
      kv('level', av.string('debug')),
      kv('severity', av.string('error')),
      kv('msg', av.string('x')),
    ]);
    const record = mapOne({ body });
    expect(record.loglevel).toBe('error');
    expect(rulesFor(record, 'loglevel')).toEqual(['loglevel.from-body']);
    expect(record.attributes).toEqual({ level: 'debug', msg: 'x' });
    const nested = av.kvlist([kv('syslog', av.kvlist([kv('severity', av.int(3))]))]);
    expect(mapOne({ body: nested }).loglevel).toBe('3');
  });

  it('out-of-range numbers and raw bodies give NONE', () => {
    expect(mapOne({ severityNumber: 25 }).loglevel).toBe('NONE');
    const body = av.kvlist([kv('level', av.string('warn'))]);
    const raw = mapOne({ body }, { model: 'raw' });
    expect(raw.loglevel).toBe('NONE');
    expect(rulesFor(raw, 'loglevel')).toEqual(['loglevel.default-none']);
  });

  it('current-docs: level text is mapped by its first letters', () => {
    expect(
      [
        'Emergency',
        'fail',
        'Error',
        'alarm',
        'Crucial',
        'serious',
        'Warning',
        'note',
        'information',
        'TRACE',
        'Verbose',
        'debug',
        'ok',
      ].map(normalizeLoglevel),
    ).toEqual([
      'EMERGENCY',
      'EMERGENCY',
      'ERROR',
      'ALERT',
      'CRITICAL',
      'SEVERE',
      'WARN',
      'NOTICE',
      'INFO',
      'DEBUG',
      'DEBUG',
      'DEBUG',
      null,
    ]);
    const record = mapOne({ severityText: 'warning' }, { profile: 'current-docs' });
    expect(record.loglevel).toBe('WARN');
    expect(rulesFor(record, 'loglevel')).toEqual([
      'loglevel.from-severity-text',
      'loglevel.normalized',
    ]);
    expect(mapOne({ severityNumber: 21 }, { profile: 'current-docs' }).loglevel).toBe('EMERGENCY');
    expect(mapOne({ severityText: 'ok' }, { profile: 'current-docs' }).loglevel).toBe('ok');
  });
});

describe('content', () => {
  it.each([
    ['string', av.string('plain text'), 'plain text', 'content.from-body'],
    ['int', av.int(-12345678901234567n), '-12345678901234567', 'content.stringified'],
    ['double', av.double(2.5), '2.5', 'content.stringified'],
    ['bool', av.bool(false), 'false', 'content.stringified'],
    ['bytes', av.bytes(new Uint8Array([1, 2, 3])), 'AQID', 'content.stringified'],
    [
      'array',
      av.array([av.int(1), av.string('a'), av.array([av.bool(true)])]),
      '[1, "a", [true]]',
      'content.json',
    ],
    ['absent', av.empty(), '', 'content.empty'],
  ])('%s Body', (_kind, body, content, rule) => {
    for (const model of ['raw', 'flattened'] as const) {
      const record = mapOne({ body }, { model });
      expect(record.content).toBe(content);
      expect(rulesFor(record, 'content')).toEqual([rule]);
    }
  });

  it('flattened kvlist: the first of content, message, payload, body, log', () => {
    const body = av.kvlist([
      kv('log', av.string('from log')),
      kv('payload', av.string('from payload')),
      kv('other', av.string('x')),
    ]);
    const record = mapOne({ body });
    expect(record.content).toBe('from payload');
    expect(rulesFor(record, 'content')).toEqual(['content.from-body-key']);
    expect(record.attributes).toEqual({ log: 'from log', other: 'x' });
  });

  it('flattened kvlist without a content key: the empty string', () => {
    const record = mapOne({ body: av.kvlist([kv('text', av.string('x'))]) });
    expect(record.content).toBe('');
    expect(rulesFor(record, 'content')).toEqual(['content.empty']);
    expect(record.attributes).toEqual({ text: 'x' });
  });

  it('a content key holding a scalar is stringified; the key is matched case-insensitively under current-docs', () => {
    expect(mapOne({ body: av.kvlist([kv('message', av.int(7))]) }).content).toBe('7');
    const body = av.kvlist([kv('Message', av.string('hi'))]);
    expect(mapOne({ body }).content).toBe('');
    expect(mapOne({ body }, { profile: 'current-docs' }).content).toBe('hi');
  });
});
