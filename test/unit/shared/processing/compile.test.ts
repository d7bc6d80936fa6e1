import { describe, expect, it } from 'vitest';
import {
  av,
  createLogRecord,
  decodeLogRecord,
  decodeResource,
  encodeLogRecord,
  encodeResource,
  kv,
  type LogRecord,
} from '../../../../src/shared/otlp';
import {
  compileProcessing,
  createWireProcessor,
  effectiveProcessingRules,
  maxRecordScanChars,
  maxValueScanChars,
  processingRulesSchema,
  ProcessingError,
  type ProcessingRule,
  maskedSegments,
} from '../../../../src/shared/processing';

/** A stand-in keyed hash: the real one (HMAC with the stream's keychain key) lives in the engine. */
const deps = { keyedHash: (v: string) => `h${v.length}` };

function rules(input: unknown[]): ProcessingRule[] {
  return processingRulesSchema.parse(input);
}

function text(rec: LogRecord): string {
  return rec.body.kind === 'string' ? rec.body.value : '';
}

function attr(rec: { attributes: { key: string; value: unknown }[] }, key: string): unknown {
  const v = rec.attributes.find((a) => a.key === key)?.value as { value?: unknown } | undefined;
  return v?.value;
}

const record = createLogRecord({
  body: av.string('login by jo@example.com from 10.0.0.1'),
  attributes: [
    kv('client.address', av.string('192.168.1.7')),
    kv('user.email', av.string('ann@example.org')),
    kv('password', av.string('hunter2')),
    kv('card.number', av.int(4111111111111111n)),
    kv('nested', av.kvlist([kv('token', av.string('abc')), kv('ip', av.string('::1'))])),
  ],
});

describe('compileProcessing', () => {
  it('masks every built-in detector over content and all attributes with {"mask": "builtin"}', () => {
    const p = compileProcessing(rules([{ mask: 'builtin' }]), deps);
    const { value, changes } = p.record(record);
    expect(text(value)).toBe('login by [masked:email] from [masked:ipv4]');
    expect(attr(value, 'client.address')).toBe('[masked:ipv4]');
    expect(attr(value, 'user.email')).toBe('[masked:email]');
    expect(attr(value, 'password')).toBe('[masked:url-secret]');
    expect(attr(value, 'card.number')).toBe('[masked:card]');
    const nested = value.attributes.find((a) => a.key === 'nested')!.value;
    expect(nested).toEqual(
      av.kvlist([
        kv('token', av.string('[masked:url-secret]')),
        kv('ip', av.string('[masked:ipv6]')),
      ]),
    );
    // The input is never changed.
    expect(text(record)).toBe('login by jo@example.com from 10.0.0.1');
    const content = changes.find((c) => c.field.kind === 'content');
    expect(content).toMatchObject({
      action: 'mask',
      rule: { index: 0, key: 'rule-1' },
      before: 'login by jo@example.com from 10.0.0.1',
      spans: [
        { start: 9, end: 23, replacement: '[masked:email]', detector: 'email' },
        { start: 29, end: 37, replacement: '[masked:ipv4]', detector: 'ipv4' },
      ],
    });
  });

  it('limits a mask to named attributes and levels, and leaves the content when asked', () => {
    const p = compileProcessing(
      rules([{ mask: ['email'], content: false, attributes: ['user.email'], levels: ['record'] }]),
      deps,
    );
    const { value } = p.record(record);
    expect(text(value)).toContain('jo@example.com');
    expect(attr(value, 'user.email')).toBe('[masked:email]');
    const resource = {
      attributes: [kv('user.email', av.string('x@example.com'))],
      droppedAttributesCount: 0,
    };
    expect(p.resource(resource).value).toBe(resource);
  });

  it('replaces with a keyed hash or keeps the last characters', () => {
    const hashed = compileProcessing(rules([{ mask: ['email'], replace: 'hash' }]), deps);
    expect(attr(hashed.record(record).value, 'user.email')).toBe('[masked:email:h15]');
    const last4 = compileProcessing(rules([{ mask: ['card'], replace: { keepLast: 4 } }]), deps);
    const r = createLogRecord({ body: av.string('card 4111-1111-1111-1111 ok, short 5') });
    expect(text(last4.record(r).value)).toBe('card ***************1111 ok, short 5');
  });

  it('masks a custom pattern, only its first group when it has one', () => {
    const p = compileProcessing(
      rules([{ mask: { pattern: 'ORD-(\\d{6})', name: 'order-id' } }]),
      deps,
    );
    const r = createLogRecord({ body: av.string('Order ORD-100013 created') });
    expect(text(p.record(r).value)).toBe('Order ORD-[masked:order-id] created');
  });

  it('drops, renames, sets and truncates, in order, each change named by its rule', () => {
    const p = compileProcessing(
      rules([
        { drop: 'password' },
        { rename: 'user.email', to: 'user.contact', id: 'contact' },
        { set: 'team', value: 'payments', level: 'record' },
        { truncate: 'content', maxChars: 5 },
        { mask: ['email'], attributes: ['user.contact'] },
      ]),
      deps,
    );
    const { value, changes } = p.record(record);
    expect(value.attributes.map((a) => a.key)).toEqual([
      'client.address',
      'user.contact',
      'card.number',
      'nested',
      'team',
    ]);
    expect(attr(value, 'user.contact')).toBe('[masked:email]');
    expect(text(value)).toBe('login');
    expect(changes.map((c) => `${c.rule.key}:${c.action}`)).toEqual([
      'rule-1:drop',
      'contact:rename',
      'rule-3:set',
      'rule-4:truncate',
      'rule-5:mask',
    ]);
  });

  it('sets a static attribute on the resource by default', () => {
    const p = compileProcessing(rules([{ set: 'team', value: 7 }]), deps);
    const r = p.resource({ attributes: [], droppedAttributesCount: 0 });
    expect(r.value.attributes).toEqual([kv('team', av.int(7))]);
    expect(p.record(record).value).toBe(record);
  });

  it('masks past the scan limit whole, and refuses a record over the per-record bound', () => {
    const p = compileProcessing(rules([{ mask: 'builtin' }]), deps);
    const long = 'x'.repeat(maxValueScanChars) + 'jo@example.com';
    const masked = p.record(createLogRecord({ body: av.string(long) })).value;
    expect(text(masked)).toBe('x'.repeat(maxValueScanChars) + '[masked:scan-limit]');
    const many = Array.from(
      { length: Math.ceil(maxRecordScanChars / maxValueScanChars) + 1 },
      (_, i) => kv(`a${i}`, av.string('y'.repeat(maxValueScanChars))),
    );
    expect(() => p.recordFast(createLogRecord({ attributes: many }))).toThrow(ProcessingError);
  });
});

describe('createWireProcessor', () => {
  it('returns unchanged bytes as they came and says which rules changed a record', () => {
    const wire = createWireProcessor(
      compileProcessing(rules([{ drop: 'nothing.here' }, { mask: ['email'] }]), deps),
    );
    const plain = encodeLogRecord(createLogRecord({ body: av.string('nothing to see') }));
    expect(wire.record(plain)).toEqual({ bytes: plain, changedByRule: [] });
    const out = wire.record(encodeLogRecord(record));
    expect(out.changedByRule).toEqual([1]);
    expect(text(decodeLogRecord(out.bytes))).toBe('login by [masked:email] from 10.0.0.1');
  });

  it('processes resources, and throws ProcessingError on bytes it cannot read', () => {
    const wire = createWireProcessor(compileProcessing(rules([{ mask: ['ipv4'] }]), deps));
    const bytes = encodeResource({
      attributes: [kv('host.ip', av.string('10.1.1.1'))],
      droppedAttributesCount: 0,
    });
    expect(decodeResource(wire.resource(bytes)).attributes[0]!.value).toEqual(
      av.string('[masked:ipv4]'),
    );
    expect(() => wire.record(new Uint8Array([0x2a, 0xff]))).toThrow(ProcessingError);
  });

  it('is the identity with no rules', () => {
    const wire = createWireProcessor(compileProcessing([], deps));
    const bytes = encodeLogRecord(record);
    expect(wire.isEmpty).toBe(true);
    expect(wire.record(bytes).bytes).toBe(bytes);
  });
});

describe('effectiveProcessingRules', () => {
  it('appends the OutSystems truncation preset when delivery.outsystemsTruncation is on', () => {
    const own = rules([{ mask: 'builtin' }]);
    expect(
      effectiveProcessingRules({ processing: own, delivery: { outsystemsTruncation: false } }),
    ).toEqual(own);
    const both = effectiveProcessingRules({
      processing: own,
      delivery: { outsystemsTruncation: true },
    });
    expect(both.map((r) => Object.keys(r).find((k) => k !== 'id' && k !== 'levels'))).toEqual([
      'mask',
      'truncate',
      'truncate',
    ]);
    const p = compileProcessing(both, deps);
    const long = createLogRecord({
      body: av.string('a'.repeat(4_100)),
      attributes: [kv('exception.stacktrace', av.string('s'.repeat(5_000)))],
    });
    const { value } = p.record(long);
    expect(text(value)).toHaveLength(4_000);
    expect(attr(value, 'exception.stacktrace')).toHaveLength(4_000);
  });
});

describe('maskedSegments', () => {
  it('composes the changes of several rules into pieces that name their rule', () => {
    const p = compileProcessing(
      rules([
        { mask: ['email'] },
        { mask: { pattern: 'from [0-9.]+', name: 'origin' }, id: 'origin' },
        // Reaches from inside the first replacement into the second.
        { mask: { pattern: 'email\\] \\[masked', name: 'wide' } },
      ]),
      deps,
    );
    const original = 'login by jo@example.com from 10.0.0.1 ok';
    const { value, changes } = p.record(createLogRecord({ body: av.string(original) }));
    expect(text(value)).toBe('login by [masked:[masked:wide]:origin] ok');
    const segments = maskedSegments(original, { kind: 'content', path: [] }, changes);
    expect(segments.map((s) => s.text).join('')).toBe(text(value));
    expect(
      segments.map((s) => (s.masked ? `<${s.masked.rule.key}:${s.masked.original}>` : s.text)),
    ).toEqual([
      'login by ',
      '<rule-1:jo@example.com>',
      '<rule-3:jo@example.com from 10.0.0.1>',
      '<origin:from 10.0.0.1>',
      ' ok',
    ]);
  });
});
