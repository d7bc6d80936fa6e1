import { describe, expect, it } from 'vitest';
import {
  explainRejection,
  predictStorage,
  WOULD_CHANGE_RULES,
  type RecordInContext,
} from '../../../../src/shared/dynatrace';
import {
  av,
  createLogRecord,
  kv,
  type AnyValue,
  type LogRecord,
} from '../../../../src/shared/otlp';
import { HOUR, MINUTE, NOW } from './helpers';

function item(
  record: Partial<LogRecord>,
  resource: RecordInContext['resource']['attributes'] = [],
): RecordInContext {
  return {
    resource: { attributes: resource, droppedAttributesCount: 0 },
    scope: { name: 's', version: '', attributes: [], droppedAttributesCount: 0 },
    record: createLogRecord({ timeUnixNano: NOW, body: av.string('hello'), ...record }),
  };
}

const at = { model: 'flattened', now: NOW } as const;
const rules = (r: RecordInContext, options: Parameters<typeof predictStorage>[1] = at) =>
  predictStorage(r, options).map((p) => p.rule);

function nested(levels: number): AnyValue {
  let value: AnyValue = av.string('leaf');
  for (let i = 0; i < levels; i++) value = av.kvlist([kv(`l${i}`, value)]);
  return value;
}

describe('predictStorage: what Dynatrace will cut, drop or change', () => {
  it('nothing for a record stored as sent', () => {
    expect(predictStorage(item({ attributes: [kv('a', av.string('b'))] }), at)).toEqual([]);
  });

  it('one entry per rule, each rule of the list reachable', () => {
    const seen = new Set<string>();
    const add = (r: RecordInContext, options = at) => rules(r, options).forEach((x) => seen.add(x));
    add(item({ timeUnixNano: NOW - 24n * HOUR - MINUTE }));
    add(item({ timeUnixNano: NOW + 11n * MINUTE }));
    add(item({ body: av.string('x'.repeat(10 * 1024 * 1024 + 1)) }));
    add(item({ attributes: Array.from({ length: 500 }, (_, i) => kv(`a${i}`, av.int(i))) }));
    add(item({ attributes: [kv('k'.repeat(101), av.string('v'))] }));
    add(item({ attributes: [kv('v', av.string('x'.repeat(32 * 1024 + 1)))] }));
    add(item({ attributes: [kv('arr', av.array(Array.from({ length: 33 }, () => av.int(1))))] }));
    add(item({ attributes: [kv('deep', nested(6))] }));
    expect([...seen].sort()).toEqual([...WOULD_CHANGE_RULES].sort());
  });

  it('counts dt.auth.origin towards the attributes, as Dynatrace adds it', () => {
    const list = Array.from({ length: 499 }, (_, i) => kv(`a${i}`, av.int(i)));
    expect(rules(item({ attributes: list }))).toEqual([]);
    expect(rules(item({ attributes: [...list, kv('one-more', av.int(0))] }))).toEqual([
      'limit.attribute-count',
    ]);
    expect(
      rules(item({ attributes: [...list, kv('one-more', av.int(0))] }), {
        ...at,
        authOrigin: null,
      }),
    ).toEqual([]);
  });

  it('several fields breaking one rule are one entry that says how many', () => {
    const big = av.string('x'.repeat(300));
    const result = predictStorage(
      item({ attributes: [kv('a', big), kv('b', big), kv('c', big)] }),
      { ...at, profile: 'classic' },
    );
    expect(result).toEqual([
      {
        rule: 'limit.attribute-value-length',
        detail: expect.stringMatching(/^a: .* \(and 2 more\)$/) as string,
      },
    ]);
  });

  it('uses the profile: Managed (classic) limits are much lower', () => {
    const record = item({ body: av.string('x'.repeat(9 * 1024)) });
    expect(rules(record)).toEqual([]);
    expect(rules(record, { ...at, profile: 'classic' })).toEqual(['limit.content-length']);
    expect(rules(record, { ...at, profile: 'current-docs', processing: 'classic' })).toEqual([]);
  });

  it('names the age of a record past the log age limit', () => {
    const [p] = predictStorage(item({ timeUnixNano: NOW - 26n * HOUR }), at);
    expect(p).toEqual({
      rule: 'timestamp.too-old',
      detail: expect.stringContaining(
        'Dynatrace discards records older than the log age limit of 24 hours; this one is 26 h 0 min old',
      ) as string,
    });
  });
});

describe('explainRejection: which records a partial success refused, and why', () => {
  const batch = [
    item({}),
    item({ timeUnixNano: NOW - 25n * HOUR }),
    item({}),
    item({ timeUnixNano: NOW - 30n * HOUR }),
  ];

  it('names the records the mapping refuses when they account for the rejection', () => {
    const result = explainRejection(batch, 2, at);
    expect(result.explained.map((e) => e.index)).toEqual([1, 3]);
    expect(result.explained[0]!.reasons[0]!.rule).toBe('timestamp.too-old');
    expect(result.unexplained).toBe(0);
    expect(result.summary).toMatch(
      /^Dynatrace refused 2 records of 4\. The mapping explains all of them: records 1, 3; for example Dynatrace discards records older than .* 25 h 0 min old/,
    );
  });

  it('says plainly what it cannot explain, quoting Dynatrace', () => {
    const some = explainRejection(batch, 3, { ...at, errorMessage: 'bad record' });
    expect(some.unexplained).toBe(1);
    expect(some.summary).toContain('The mapping explains 2');
    expect(some.summary).toContain('It cannot explain the other 1. Dynatrace said: "bad record"');
    const none = explainRejection([item({}), item({})], 1, at);
    expect(none.explained).toEqual([]);
    expect(none.unexplained).toBe(1);
    expect(none.summary).toMatch(
      /^Dynatrace refused 1 record of 2\. The mapping cannot explain why/,
    );
  });

  it('says so when the mapping would refuse more than Dynatrace did', () => {
    const result = explainRejection(batch, 1, at);
    expect(result.explained).toHaveLength(2);
    expect(result.unexplained).toBe(0);
    expect(result.summary).toContain('would refuse 2, more than Dynatrace did');
  });

  it('lists at most ten record numbers', () => {
    const old = Array.from({ length: 12 }, () => item({ timeUnixNano: NOW - 25n * HOUR }));
    expect(explainRejection(old, 12, at).summary).toContain(
      'records 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 2 more',
    );
  });
});
