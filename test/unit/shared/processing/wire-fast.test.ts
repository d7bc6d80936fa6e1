import { describe, expect, it } from 'vitest';
import { SampleGenerator } from '../../../../src/main/sources/sample/generator';
import { recordsWithSecrets } from '../../../../src/main/app/processing/samples';
import {
  av,
  createLogRecord,
  decodeLogRecord,
  encodeLogRecord,
  kv,
} from '../../../../src/shared/otlp';
import {
  compileProcessing,
  createWireProcessor,
  processingRulesSchema,
} from '../../../../src/shared/processing';
import { fastRecord } from '../../../../src/shared/processing/wire-fast';

const deps = { keyedHash: (v: string) => `h${v.length}` };

/** Stored records of every shape the fast path must agree on with the full path. */
function records(): Uint8Array[] {
  const out: Uint8Array[] = [];
  const batch = new SampleGenerator(3).generate(300, Date.UTC(2026, 0, 1));
  for (let i = 0; i < batch.count; i++) {
    const offset = batch.offsets[i]!;
    out.push(batch.payload.slice(offset, offset + batch.lengths[i]!));
  }
  for (const r of recordsWithSecrets(1_700_000_000_000_000_000n)) out.push(encodeLogRecord(r));
  out.push(
    encodeLogRecord(
      createLogRecord({
        body: av.string('ünïcödé jo@example.com 😀 10.0.0.1'),
        attributes: [
          kv('password', av.int(1234)),
          kv('pan', av.int(4111111111111111n)),
          kv('ok', av.bool(true)),
          kv('n', av.int(7)),
          kv('token', av.string('abc')),
          kv('user.email', av.string('x'.repeat(5000) + ' a@b.co')),
        ],
      }),
    ),
    encodeLogRecord(
      createLogRecord({
        body: av.kvlist([kv('email', av.string('jo@example.com'))]),
        attributes: [kv('list', av.array([av.string('10.1.1.1')]))],
      }),
    ),
  );
  return out;
}

const ruleSets = [
  [{ mask: 'builtin' }],
  [
    { mask: 'builtin', replace: 'hash' },
    { truncate: 'content', maxChars: 20 },
  ],
  [{ mask: ['email', 'ipv4'], attributes: ['client.address', 'user.email'], content: false }],
  [{ mask: { pattern: 'ORD-([0-9]+)', name: 'order' }, replace: { keepLast: 2 } }],
  [{ truncate: 'exception.stacktrace', maxChars: 100, levels: ['record'] }],
];

describe('the wire processor fast path', () => {
  it('gives the same records as decoding, applying and re-encoding', () => {
    for (const set of ruleSets) {
      const compiled = compileProcessing(processingRulesSchema.parse(set), deps);
      expect(compiled.recordValueOps).not.toBeNull();
      const wire = createWireProcessor(compiled);
      for (const bytes of records()) {
        const fast = wire.record(bytes);
        const full = compiled.recordFast(decodeLogRecord(bytes));
        expect(decodeLogRecord(fast.bytes), JSON.stringify(set)).toEqual(full.value);
        expect(fast.changedByRule).toEqual(full.changedByRule);
      }
    }
  });

  it('keeps every changed record intact while later ones are written', () => {
    // Changed records share slabs (wire-fast.ts): one written later must not
    // reach into one handed out earlier, short or long (a long one has a
    // buffer of its own).
    const compiled = compileProcessing(processingRulesSchema.parse([{ mask: 'builtin' }]), deps);
    const wire = createWireProcessor(compiled);
    const inputs: Uint8Array[] = [];
    for (let i = 0; i < 3_000; i++)
      inputs.push(
        encodeLogRecord(
          createLogRecord({
            body: av.string(`request ${i} from 10.0.${i % 250}.${(i * 7) % 250}`),
            attributes: [
              kv('client.address', av.string(`192.168.${i % 200}.1`)),
              kv('note', av.string(i % 97 === 0 ? 'x'.repeat(6_000) + ' jo@example.com' : 'ok')),
            ],
          }),
        ),
      );
    const outputs = inputs.map((bytes) => wire.record(bytes));
    outputs.forEach((out, i) => {
      expect(out.changedByRule).toEqual([0]);
      expect(decodeLogRecord(out.bytes)).toEqual(
        compiled.recordFast(decodeLogRecord(inputs[i]!)).value,
      );
    });
  });

  it('tells apart attribute keys whose hashes collide', () => {
    // "attr.46vu" and "attr.fyea" have the same 32-bit FNV-1a hash: the key
    // cache must compare the bytes, not trust the hash.
    const compiled = compileProcessing(
      processingRulesSchema.parse([{ mask: ['email'], attributes: ['attr.fyea'] }]),
      deps,
    );
    const wire = createWireProcessor(compiled);
    const record = (key: string) =>
      encodeLogRecord(createLogRecord({ attributes: [kv(key, av.string('jo@example.com'))] }));
    for (const key of ['attr.46vu', 'attr.fyea', 'attr.46vu', 'attr.fyea']) {
      const out = decodeLogRecord(wire.record(record(key)).bytes);
      expect(out.attributes[0]!.key).toBe(key);
      expect(out.attributes[0]!.value).toEqual(
        av.string(key === 'attr.fyea' ? '[masked:email]' : 'jo@example.com'),
      );
    }
  });

  it('takes the shortcut for flat string records, not for structured values or long integers', () => {
    const ops = compileProcessing(
      processingRulesSchema.parse([{ mask: 'builtin' }]),
      deps,
    ).recordValueOps!;
    const flat = encodeLogRecord(createLogRecord({ body: av.string('jo@example.com') }));
    expect(fastRecord(flat, ops, 1)).not.toBeNull();
    const nested = encodeLogRecord(createLogRecord({ body: av.kvlist([]) }));
    expect(fastRecord(nested, ops, 1)).toBeNull();
    const long = encodeLogRecord(
      createLogRecord({ attributes: [kv('n', av.int(4111111111111111n))] }),
    );
    expect(fastRecord(long, ops, 1)).toBeNull();
    expect(fastRecord(new Uint8Array([0x2a, 0x05, 0x0a]), ops, 1)).toBeNull();
  });

  it('is not used when a rule changes which attributes exist', () => {
    const compiled = compileProcessing(
      processingRulesSchema.parse([{ drop: 'x' }, { mask: 'builtin' }]),
      deps,
    );
    expect(compiled.recordValueOps).toBeNull();
  });
});
