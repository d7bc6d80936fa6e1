import { describe, expect, it } from 'vitest';
import { av, bytesToHex, kv } from '../../../../src/shared/otlp';
import { mapOne, rulesFor } from './helpers';

/**
 * Golden tests from the examples in the sources themselves: seeds/004 (the
 * `test` kvlist in both models) and Dynatrace's current documentation (the
 * byte array, the `planet` map, the three `my.attribute`s).
 */

// The seed's input: test = { attribute: { one: "value 1", two: "value 2" } }
const seedTest = kv(
  'test',
  av.kvlist([
    kv('attribute', av.kvlist([kv('one', av.string('value 1')), kv('two', av.string('value 2'))])),
  ]),
);

describe("seeds/004's own example", () => {
  it('raw model: the kvlist attribute becomes a JSON string, nested complex values as JSON strings', () => {
    const record = mapOne({ attributes: [seedTest] }, { model: 'raw' });
    expect(record.attributes.test).toBe(
      '{"attribute": "{\\"one\\": \\"value 1\\", \\"two\\": \\"value 2\\"}"}',
    );
    // Parsing it back shows the structure of the seed's example.
    const parsed = JSON.parse(record.attributes.test as string) as { attribute: string };
    expect(JSON.parse(parsed.attribute)).toEqual({ one: 'value 1', two: 'value 2' });
    expect(rulesFor(record, 'test')).toEqual(['attribute.from-record', 'attribute.json-string']);
  });

  it('flattened model: keys joined with dots down to the values', () => {
    const record = mapOne({ attributes: [seedTest] }, { model: 'flattened' });
    expect(record.attributes).toEqual({
      'test.attribute.one': 'value 1',
      'test.attribute.two': 'value 2',
    });
    expect(rulesFor(record, 'test.attribute.one')).toEqual([
      'attribute.from-record',
      'attribute.flattened',
    ]);
  });

  it('flattened model: a kvlist Body is processed like attributes, content from its keys', () => {
    const record = mapOne({ body: av.kvlist([seedTest, kv('message', av.string('hello'))]) });
    expect(record.content).toBe('hello');
    expect(record.attributes).toEqual({
      'test.attribute.one': 'value 1',
      'test.attribute.two': 'value 2',
    });
  });

  it('raw model: a kvlist Body is stringified as JSON into content', () => {
    const record = mapOne({ body: av.kvlist([seedTest]) }, { model: 'raw' });
    expect(record.content).toBe('{"test": {"attribute": {"one": "value 1", "two": "value 2"}}}');
    expect(JSON.parse(record.content)).toEqual({
      test: { attribute: { one: 'value 1', two: 'value 2' } },
    });
    expect(record.attributes).toEqual({});
  });

  it('trace and span ids become hex trace_id and span_id, dt.auth.origin is added', () => {
    const traceId = Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, ...new Array<number>(12).fill(1)]);
    const spanId = Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]);
    const record = mapOne({ traceId, spanId }, { authOrigin: 'dt0c01.ABCDEFGHIJ' });
    expect(record.attributes).toEqual({
      trace_id: 'cafebabe010101010101010101010101',
      span_id: 'cafebabe00000002',
      'dt.auth.origin': 'dt0c01.ABCDEFGHIJ',
    });
    expect(record.attributes.trace_id).toBe(bytesToHex(traceId));
  });
});

describe("Dynatrace's documentation examples", () => {
  // The documentation prints aGVsbG8gd29yZA== for these 11 bytes ("hello world"); that is
  // the base64 of the 10 bytes "hello word", a typo in the docs. The rule is base64.
  it('a byte array becomes base64', () => {
    const bytes = Uint8Array.from([
      0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64,
    ]);
    const record = mapOne({ attributes: [kv('data', av.bytes(bytes))] });
    expect(record.attributes.data).toBe('aGVsbG8gd29ybGQ=');
    expect(rulesFor(record, 'data')).toContain('attribute.bytes-base64');
  });

  it('the planet map flattens into four attributes', () => {
    const planet = kv(
      'planet',
      av.kvlist([
        kv('name', av.string('earth')),
        kv(
          'system',
          av.kvlist([
            kv('name', av.string('solar')),
            kv(
              'galaxy',
              av.kvlist([
                kv('name', av.string('milky way')),
                kv('group', av.kvlist([kv('name', av.string('local'))])),
              ]),
            ),
          ]),
        ),
      ]),
    );
    expect(mapOne({ attributes: [planet] }).attributes).toEqual({
      'planet.name': 'earth',
      'planet.system.name': 'solar',
      'planet.system.galaxy.name': 'milky way',
      'planet.system.galaxy.group.name': 'local',
    });
  });

  it('three my.attribute on resource, scope and record (current-docs naming)', () => {
    const mine = (v: string) => [kv('my.attribute', av.string(v))];
    const record = mapOne(
      { attributes: mine('record') },
      { profile: 'current-docs' },
      { resource: mine('resource'), scope: mine('scope') },
    );
    expect(record.attributes).toEqual({
      'my.attribute': 'resource',
      'overwritten1.my.attribute': 'scope',
      'overwritten2.my.attribute': 'record',
    });
  });

  it('the same three under the seed: overwritten., then overwritten1.', () => {
    const mine = (v: string) => [kv('my.attribute', av.string(v))];
    const record = mapOne(
      { attributes: mine('record') },
      {},
      { resource: mine('resource'), scope: mine('scope') },
    );
    expect(record.attributes).toEqual({
      'my.attribute': 'resource',
      'overwritten.my.attribute': 'scope',
      'overwritten1.my.attribute': 'record',
    });
    expect(rulesFor(record, 'overwritten1.my.attribute')).toEqual([
      'attribute.from-record',
      'attribute.overwritten',
    ]);
  });
});
