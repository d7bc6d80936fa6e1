import { describe, expect, it } from 'vitest';
import {
  AttributeFilter,
  passesSeverity,
  type RecordContext,
} from '../../../../../src/main/engine/exporter/filters';
import { streamFilterSchema, type StreamFilter } from '../../../../../src/shared/api/streams';
import {
  av,
  createLogRecord,
  encodeLogRecord,
  encodeResource,
  encodeScope,
  kv,
  type KeyValue,
} from '../../../../../src/shared/otlp';

// The stream filter: what a stream leaves out before sending (docs/exporter.md).
// Records are real encoded protobuf, as the exporter reads them from the buffer.

describe('passesSeverity', () => {
  const cases: [StreamFilter['minSeverity'], number, boolean][] = [
    // floor, OTLP severity number, passes
    ['any', 1, true],
    ['info', 8, false], // DEBUG4
    ['info', 9, true], // INFO
    ['warn', 12, false], // INFO4
    ['warn', 13, true], // WARN
    ['error', 24, true], // FATAL4
    ['fatal', 20, false], // ERROR4
    // Unspecified cannot be judged: kept rather than lost, whatever the floor.
    ['fatal', 0, true],
  ];
  it.each(cases)('floor %s, severity %i: %s', (floor, severity, passes) => {
    expect(passesSeverity(severity, floor)).toBe(passes);
  });
});

function context(
  record: KeyValue[],
  scope: KeyValue[] | null = null,
  resource: KeyValue[] | null = null,
): RecordContext {
  return {
    encoded: encodeLogRecord(createLogRecord({ attributes: record })),
    // An empty message is what a record without a scope or resource has.
    scope: scope
      ? encodeScope({ name: 's', version: '', attributes: scope, droppedAttributesCount: 0 })
      : new Uint8Array(0),
    resource: resource
      ? encodeResource({ attributes: resource, droppedAttributesCount: 0 })
      : new Uint8Array(0),
  };
}

const filter = (f: { include?: unknown[]; exclude?: unknown[] }) =>
  new AttributeFilter(streamFilterSchema.parse(f));

describe('AttributeFilter', () => {
  it('lets everything through and says it is inactive without rules', () => {
    const none = filter({});
    expect(none.active).toBe(false);
    expect(none.passes(context([]))).toBe(true);
    expect(filter({ exclude: [{ key: 'a', value: 'b' }] }).active).toBe(true);
  });

  const order = { key: 'order.id', op: 'equals', value: 'A-17' };
  const cases: [string, { include?: unknown[]; exclude?: unknown[] }, RecordContext, boolean][] = [
    [
      'include equals: a match',
      { include: [order] },
      context([kv('order.id', av.string('A-17'))]),
      true,
    ],
    [
      'include equals: another value',
      { include: [order] },
      context([kv('order.id', av.string('A-18'))]),
      false,
    ],
    ['include: a record without the key is left out', { include: [order] }, context([]), false],
    [
      'include: every rule must match',
      { include: [order, { key: 'env', value: 'prod' }] },
      context([kv('order.id', av.string('A-17')), kv('env', av.string('qa'))]),
      false,
    ],
    [
      'contains',
      { include: [{ key: 'url', op: 'contains', value: '/checkout' }] },
      context([kv('url', av.string('https://shop/checkout?x=1'))]),
      true,
    ],
    [
      'matches: a regular expression',
      { include: [{ key: 'user', op: 'matches', value: '^adm(in)?$' }] },
      context([kv('user', av.string('admin'))]),
      true,
    ],
    [
      'matches: an invalid expression matches nothing (it never throws)',
      { include: [{ key: 'user', op: 'matches', value: '(' }] },
      context([kv('user', av.string('('))]),
      false,
    ],
    [
      'exclude: any rule matching drops the record',
      { exclude: [{ key: 'health', value: 'true' }, order] },
      context([kv('order.id', av.string('A-17'))]),
      false,
    ],
    [
      'exclude: nothing matching keeps it',
      { exclude: [order] },
      context([kv('order.id', av.string('B-1'))]),
      true,
    ],
    [
      'include and exclude together: excluded wins',
      { include: [order], exclude: [{ key: 'debug', value: 'true' }] },
      context([kv('order.id', av.string('A-17')), kv('debug', av.bool(true))]),
      false,
    ],
    // Values that are not strings are compared as their text.
    [
      'an int as text',
      { include: [{ key: 'n', value: '42' }] },
      context([kv('n', av.int(42))]),
      true,
    ],
    [
      'a double as text',
      { include: [{ key: 'x', value: '0.5' }] },
      context([kv('x', av.double(0.5))]),
      true,
    ],
    [
      'a bool as text',
      { include: [{ key: 'ok', value: 'false' }] },
      context([kv('ok', av.bool(false))]),
      true,
    ],
    [
      'an empty value as the empty string',
      { include: [{ key: 'e', value: '' }] },
      context([kv('e', av.empty())]),
      true,
    ],
    [
      // As JSON text; its 64-bit integers must not make that throw.
      'a nested value is searched as JSON text, integers and all',
      {
        include: [
          { key: 'order', op: 'contains', value: '"total"' },
          { key: 'order', op: 'contains', value: '"12"' },
        ],
      },
      context([kv('order', av.kvlist([kv('total', av.int(12))]))]),
      true,
    ],
    // Where a key is looked up: the record, then its scope, then its resource.
    [
      "a key only on the resource is the resource's",
      { include: [{ key: 'service.name', value: 'checkout' }] },
      context([], [], [kv('service.name', av.string('checkout'))]),
      true,
    ],
    [
      "a key only on the scope is the scope's",
      { include: [{ key: 'library', value: 'pino' }] },
      context([], [kv('library', av.string('pino'))], [kv('library', av.string('other'))]),
      true,
    ],
    [
      'the record wins over its scope and resource',
      { include: [{ key: 'service.name', value: 'record' }] },
      context(
        [kv('service.name', av.string('record'))],
        [kv('service.name', av.string('scope'))],
        [kv('service.name', av.string('resource'))],
      ),
      true,
    ],
    [
      'so the resource value is not seen where the record has one',
      { exclude: [{ key: 'service.name', value: 'resource' }] },
      context([kv('service.name', av.string('record'))], null, [
        kv('service.name', av.string('resource')),
      ]),
      true,
    ],
  ];

  it.each(cases)('%s', (_what, rules, record, passes) => {
    expect(filter(rules).passes(record)).toBe(passes);
  });
});
