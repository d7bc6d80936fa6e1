import { describe, expect, it } from 'vitest';
import { authOriginFromToken, NESTING_LIMIT_VALUE } from '../../../../src/shared/dynatrace';
import { av, kv, type AnyValue } from '../../../../src/shared/otlp';
import { mapOne, rulesFor } from './helpers';

const attr = (value: AnyValue, options = {}) => mapOne({ attributes: [kv('a', value)] }, options);

describe('attribute values under OpenPipeline (JSON types kept)', () => {
  it('keeps strings, numbers, booleans and null', () => {
    const record = mapOne({
      attributes: [
        kv('s', av.string('x')),
        kv('i', av.int(42)),
        kv('d', av.double(0.5)),
        kv('b', av.bool(true)),
        kv('n', av.empty()),
      ],
    });
    expect(record.attributes).toEqual({ s: 'x', i: 42, d: 0.5, b: true, n: null });
  });

  it('keeps an int64 beyond 2^53 exact, as a decimal string, and says so', () => {
    const record = attr(av.int(9_007_199_254_740_993n));
    expect(record.attributes.a).toBe('9007199254740993');
    expect(rulesFor(record, 'a')).toContain('attribute.int-as-string');
  });

  it('writes NaN and Infinity as strings', () => {
    const record = attr(av.double(-Infinity));
    expect(record.attributes.a).toBe('-Infinity');
    expect(rulesFor(record, 'a')).toContain('attribute.non-finite-number');
  });
});

describe('arrays become arrays of one type', () => {
  it.each([
    ['all numbers stay numbers', [av.int(1), av.double(2.5)], [1, 2.5], false],
    ['all booleans stay booleans', [av.bool(true), av.bool(false)], [true, false], false],
    [
      'a string makes every element a string',
      [av.int(1), av.string('x'), av.bool(true)],
      ['1', 'x', 'true'],
      true,
    ],
    ['null fits any type', [av.int(1), av.empty(), av.int(3)], [1, null, 3], false],
    [
      'nested values become JSON strings, so strings',
      [av.int(1), av.kvlist([kv('k', av.int(2))])],
      ['1', '{"k": 2}'],
      true,
    ],
    [
      'booleans mixed with numbers become strings (our reading)',
      [av.bool(true), av.int(0)],
      ['true', '0'],
      true,
    ],
    ['bytes become base64 strings', [av.bytes(new Uint8Array([255]))], ['/w=='], false],
  ])('%s', (_name, items, expected, noted) => {
    const record = attr(av.array(items));
    expect(record.attributes.a).toEqual(expected);
    expect(rulesFor(record, 'a').includes('attribute.array-uniform')).toBe(noted);
  });
});

describe('classic processing', () => {
  it('lowercases keys and stringifies every value', () => {
    const record = mapOne(
      {
        attributes: [
          kv('HTTP.Status', av.int(500)),
          kv('Ok', av.bool(false)),
          kv('Big', av.int(9_007_199_254_740_993n)),
          kv('list', av.array([av.int(1), av.double(1.5)])),
          kv('none', av.empty()),
        ],
      },
      { processing: 'classic' },
    );
    expect(record.attributes).toEqual({
      'http.status': '500',
      ok: 'false',
      big: '9007199254740993',
      list: ['1', '1.5'],
      none: null,
    });
    expect(rulesFor(record, 'http.status')).toEqual([
      'attribute.from-record',
      'attribute.lowercased',
      'attribute.stringified',
    ]);
  });

  it('resolves conflicts created by lowercasing with the same priorities', () => {
    const record = mapOne(
      { attributes: [kv('user', av.string('record'))] },
      { processing: 'classic' },
      { resource: [kv('USER', av.string('resource'))] },
    );
    expect(record.attributes).toEqual({ user: 'resource', 'overwritten.user': 'record' });
  });
});

describe('name conflicts', () => {
  it('priority is resource > scope > record > body, each displaced value numbered in turn', () => {
    const k = (v: string) => [kv('k', av.string(v))];
    const record = mapOne(
      { attributes: k('record'), body: av.kvlist([...k('body'), kv('message', av.string('m'))]) },
      {},
      { resource: k('resource'), scope: k('scope') },
    );
    expect(record.attributes).toEqual({
      k: 'resource',
      'overwritten.k': 'scope',
      'overwritten1.k': 'record',
      'overwritten2.k': 'body',
    });
  });

  it('a displaced name that is already taken moves on to the next number', () => {
    const record = mapOne(
      { attributes: [kv('overwritten.k', av.string('literal')), kv('k', av.string('record'))] },
      {},
      { resource: [kv('k', av.string('resource'))] },
    );
    expect(record.attributes).toEqual({
      k: 'resource',
      'overwritten.k': 'literal',
      'overwritten1.k': 'record',
    });
  });

  it('flattened keys conflict with dotted keys like any others', () => {
    const record = mapOne({
      attributes: [
        kv('a.b', av.string('dotted')),
        kv('a', av.kvlist([kv('b', av.string('nested'))])),
      ],
    });
    expect(record.attributes).toEqual({ 'a.b': 'dotted', 'overwritten.a.b': 'nested' });
  });

  it('says exactly where each of two conflicting values came from, never the same key twice', () => {
    // The case: the nested "http" attribute comes first and wins "http.status_code".
    const record = mapOne({
      attributes: [
        kv('http', av.kvlist([kv('status_code', av.int(502))])),
        kv('http.status_code', av.int(200)),
      ],
    });
    expect(record.attributes).toEqual({
      'http.status_code': 502,
      'overwritten.http.status_code': 200,
    });
    const winner = record.notes.find(
      (n) => n.field === 'http.status_code' && n.rule === 'attribute.from-record',
    );
    expect(winner?.detail).toBe('record attribute "http" (nested key "status_code")');
    const conflict = record.notes.find((n) => n.rule === 'attribute.overwritten')?.detail ?? '';
    expect(conflict).toBe(
      'record attribute "http.status_code" conflicts with record attribute "http" (nested key "status_code"), which has priority; kept as "overwritten.http.status_code"',
    );
  });

  it('two attributes of the same name from the same place: the later one is "an earlier" one\'s loser', () => {
    const record = mapOne({
      attributes: [kv('user', av.string('first')), kv('user', av.string('second'))],
    });
    expect(record.notes.find((n) => n.rule === 'attribute.overwritten')?.detail).toBe(
      'record attribute "user" conflicts with an earlier record attribute "user", which has priority; kept as "overwritten.user"',
    );
  });

  it('the names timestamp, loglevel and content belong to the record, so such attributes are displaced', () => {
    const record = mapOne({
      attributes: [kv('content', av.string('attr')), kv('loglevel', av.string('attr'))],
    });
    expect(record.attributes).toEqual({
      'overwritten.content': 'attr',
      'overwritten.loglevel': 'attr',
    });
    expect(
      record.notes.find(
        (n) => n.rule === 'attribute.overwritten' && n.field === 'overwritten.content',
      )?.detail,
    ).toBe(
      'record attribute "content" conflicts with the record\'s own content field; kept as "overwritten.content"',
    );
  });

  it("Dynatrace's own trace_id, span_id and dt.auth.origin win over attributes", () => {
    const record = mapOne(
      { traceId: new Uint8Array(16).fill(1), attributes: [kv('trace_id', av.string('mine'))] },
      { authOrigin: 'dt0c01.PUB' },
      { resource: [kv('dt.auth.origin', av.string('spoofed'))] },
    );
    expect(record.attributes).toEqual({
      trace_id: '01010101010101010101010101010101',
      'dt.auth.origin': 'dt0c01.PUB',
      'overwritten.dt.auth.origin': 'spoofed',
      'overwritten.trace_id': 'mine',
    });
  });
});

describe('flattening limits', () => {
  const nest = (depth: number): AnyValue =>
    depth === 0 ? av.string('leaf') : av.kvlist([kv(`l${depth}`, nest(depth - 1))]);

  it('expands five levels of kvlists and replaces the sixth', () => {
    expect(mapOne({ attributes: [kv('a', nest(5))] }).attributes).toEqual({
      'a.l5.l4.l3.l2.l1': 'leaf',
    });
    const record = mapOne({ attributes: [kv('a', nest(6))] });
    expect(record.attributes).toEqual({ 'a.l6.l5.l4.l3.l2': NESTING_LIMIT_VALUE });
    expect(NESTING_LIMIT_VALUE).toBe('<truncated due to nesting limit>');
    expect(rulesFor(record, 'a.l6.l5.l4.l3.l2')).toEqual([
      'attribute.from-record',
      'attribute.nesting-limit',
    ]);
  });

  it('an empty kvlist flattens to nothing, with a note', () => {
    const record = mapOne({ attributes: [kv('empty', av.kvlist([]))] });
    expect(record.attributes).toEqual({});
    expect(rulesFor(record, 'empty')).toEqual(['attribute.empty-map']);
  });
});

describe('authOriginFromToken', () => {
  it('keeps the public part of a Dynatrace token and nothing of anything else', () => {
    expect(authOriginFromToken('dt0c01.PUBLIC.SECRET')).toBe('dt0c01.PUBLIC');
    expect(
      authOriginFromToken(
        'Api-Token dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM',
      ),
    ).toBe('dt0c01.ST2EY72KQINMH574WMNVI7YN');
    expect(authOriginFromToken('dt0s16.SAMPLE_ID.secret-part')).toBe('dt0s16.SAMPLE_ID');
    expect(authOriginFromToken('secret-api-key')).toBeNull();
    expect(authOriginFromToken('abc.def.ghi')).toBeNull();
    expect(authOriginFromToken('dt0c01.ONLYPUBLIC')).toBeNull();
  });
});
