import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createStoragePredictor,
  PROFILES,
  type DataModel,
  type Processing,
  type RecordInContext,
  type RulesProfileId,
} from '../../../../src/shared/dynatrace';
import { surelyUnchanged } from '../../../../src/shared/dynatrace/predict-screen';
import { av, createLogRecord, kv, type AnyValue, type KeyValue } from '../../../../src/shared/otlp';
import { HOUR, MINUTE, NOW } from './helpers';

/**
 * The screen lets a record skip the mapping only when the mapping would
 * find nothing to report. Records are drawn near every limit the screen
 * bounds (lengths around the limits in multi-byte text, attribute counts
 * around the limit, clashing and lowercasing keys, times around the age and
 * future limits), under every profile, model and processing.
 */

const chars = ['a', 'Z', 'é', '€', '😀', 'İ'];
/** `length` characters of 1 to 4 UTF-8 bytes each, in an order that depends on `pick`. */
function textOf(length: number, pick: number): string {
  const unit = [...chars.slice(pick % chars.length), ...chars.slice(0, pick % chars.length)];
  return (
    unit.join('').repeat(Math.floor(length / unit.length)) +
    unit.slice(0, length % unit.length).join('')
  );
}

const near = (limit: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: 16 }),
    fc.integer({ min: Math.max(0, Math.floor(limit / 4) - 8), max: Math.floor(limit / 4) + 8 }),
    fc.integer({ min: Math.max(0, Math.floor(limit / 3) - 8), max: Math.floor(limit / 3) + 8 }),
    fc.integer({ min: Math.max(0, limit - 8), max: limit + 8 }),
  );

const scalar = (valueLimit: number): fc.Arbitrary<AnyValue> =>
  fc.oneof(
    fc.tuple(near(valueLimit), fc.nat(5)).map(([n, p]) => av.string(textOf(n, p))),
    fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((v) => av.int(v)),
    fc.double().map((v) => av.double(v)),
    fc.boolean().map((v) => av.bool(v)),
    fc.uint8Array({ maxLength: valueLimit }).map((v) => av.bytes(v)),
  );

const keyArb = (keyLimit: number) =>
  fc.oneof(
    fc.constantFrom('content', 'timestamp', 'Level', 'service.name', 'A', 'a'),
    fc.tuple(near(keyLimit), fc.nat(5)).map(([n, p]) => textOf(n, p)),
  );

/**
 * Mostly ordinary attributes (short keys and values), their number around
 * the limit or small, with a few drawn near the key and value limits, and
 * sometimes one of those twice (a name conflict lengthens the stored key).
 */
const attributes = (profile: RulesProfileId, around: boolean): fc.Arbitrary<KeyValue[]> => {
  const l = PROFILES[profile].limits;
  const count = around
    ? fc.integer({ min: l.attributeCount - 6, max: l.attributeCount + 2 })
    : fc.integer({ min: 0, max: 4 });
  return fc
    .record({
      count,
      specials: fc.array(fc.tuple(keyArb(l.attributeKeyBytes), scalar(l.attributeValueBytes)), {
        maxLength: 3,
      }),
      twice: fc.boolean(),
    })
    .map(({ count, specials, twice }) => {
      const list = specials.map(([k, v]) => kv(k, v));
      if (twice && list[0]) list.push(kv(list[0].key, av.string('again')));
      for (let i = list.length; i < count; i++) list.push(kv(`k${i}`, av.string('v')));
      return list;
    });
};

const caseArb = fc
  .constantFrom<RulesProfileId>('current-docs', 'classic', 'seed')
  .chain((profile) => {
    const l = PROFILES[profile].limits;
    const time = fc.oneof(
      { arbitrary: fc.constant(NOW), weight: 3 },
      fc.constant(0n),
      fc.bigInt({ min: -MINUTE, max: MINUTE }).map((d) => NOW + d),
      fc.bigInt({ min: -MINUTE, max: MINUTE }).map((d) => NOW - 24n * HOUR + d),
      fc.bigInt({ min: -MINUTE, max: MINUTE }).map((d) => NOW + 10n * MINUTE + d),
    );
    const body = fc.oneof(
      { arbitrary: fc.constant(av.string('an ordinary message')), weight: 3 },
      fc.tuple(near(l.contentBytes.classic), fc.nat(5)).map(([n, p]) => av.string(textOf(n, p))),
      scalar(64),
      fc.constant(av.kvlist([kv('message', av.string('m'))])),
    );
    return fc.record({
      profile: fc.constant(profile),
      model: fc.constantFrom<DataModel>('raw', 'flattened'),
      processing: fc.constantFrom<Processing>('openpipeline', 'classic'),
      time,
      body,
      traced: fc.boolean(),
      resource: attributes(profile, false),
      record: fc.boolean().chain((around) => attributes(profile, around)),
    });
  });

describe('the predict screen', () => {
  it('passes a record only when the mapping reports nothing for it', () => {
    let passed = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const item: RecordInContext = {
          resource: { attributes: c.resource, droppedAttributesCount: 0 },
          scope: { name: 's', version: '', attributes: [], droppedAttributesCount: 0 },
          record: createLogRecord({
            timeUnixNano: c.time,
            body: c.body,
            attributes: c.record,
            traceId: c.traced ? new Uint8Array(16).fill(1) : new Uint8Array(0),
            spanId: c.traced ? new Uint8Array(8).fill(2) : new Uint8Array(0),
          }),
        };
        const options = { profile: c.profile, model: c.model, processing: c.processing };
        const profile = PROFILES[c.profile];
        const processing = profile.processing ?? c.processing;
        const screened = surelyUnchanged(
          item,
          profile.limits,
          processing,
          NOW,
          'dt0c01.XXXXXXXXXXXXXXXXXXXXXXXX',
        );
        if (!screened) return;
        passed++;
        expect(createStoragePredictor(options, { screen: false })(item, NOW)).toEqual([]);
      }),
      { numRuns: 300, seed: 17 },
    );
    // Not vacuous: records away from the limits do skip the mapping.
    expect(passed).toBeGreaterThan(30);
  });

  it('a typical record passes; one near a limit goes to the mapping', () => {
    const item = (body: string): RecordInContext => ({
      resource: { attributes: [kv('service.name', av.string('shop'))], droppedAttributesCount: 0 },
      scope: { name: 's', version: '', attributes: [], droppedAttributesCount: 0 },
      record: createLogRecord({ timeUnixNano: NOW, body: av.string(body) }),
    });
    const limits = PROFILES.classic.limits;
    expect(surelyUnchanged(item('order placed'), limits, 'classic', NOW, null)).toBe(true);
    // 9,000 bytes of content: over Managed's 8 kB.
    expect(surelyUnchanged(item('x'.repeat(9000)), limits, 'classic', NOW, null)).toBe(false);
  });
});
