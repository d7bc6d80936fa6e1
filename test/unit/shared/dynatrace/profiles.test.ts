import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROFILE,
  mapToDynatrace,
  mappingTargetOf,
  PROFILES,
  type Processing,
  type RulesProfileId,
} from '../../../../src/shared/dynatrace';
import { checkRequestLimits } from '../../../../src/shared/dynatrace/limits';
import { av, kv, type AnyValue } from '../../../../src/shared/otlp';
import { HOUR, mapAll, mapOne, MINUTE, NOW, requestOf, rulesFor } from './helpers';

/**
 * Every limit of every profile, at the limit (kept as is) and one past it
 * (reported), so that a changed number in limits-data.ts shows up here and
 * in docs/dynatrace-mapping.md together.
 */

const expected: Record<
  RulesProfileId,
  {
    content: Record<Processing, number>;
    keyBytes: number;
    valueBytes: number;
    attributes: number;
    valuesPerAttribute: number | null;
  }
> = {
  seed: {
    content: { openpipeline: 10 * 1024 * 1024, classic: 10 * 1024 * 1024 },
    keyBytes: 100,
    valueBytes: 32 * 1024,
    attributes: 500,
    valuesPerAttribute: null,
  },
  'current-docs': {
    content: { openpipeline: 10 * 1024 * 1024, classic: 512 * 1024 },
    keyBytes: 100,
    valueBytes: 32 * 1024,
    attributes: 500,
    valuesPerAttribute: 32,
  },
  classic: {
    content: { openpipeline: 8 * 1024, classic: 8 * 1024 },
    keyBytes: 100,
    valueBytes: 250,
    attributes: 50,
    valuesPerAttribute: 32,
  },
};

const profiles = Object.keys(expected) as RulesProfileId[];
const limitRules = (notes: { rule: string }[]) =>
  notes.map((n) => n.rule).filter((r) => r.startsWith('limit.') || r.includes('nesting'));

/** Processing the profile can have (Managed is always classic). */
function processingsOf(profile: RulesProfileId): Processing[] {
  return profile === 'classic' ? ['classic'] : ['openpipeline', 'classic'];
}

function nested(levels: number): AnyValue {
  let value: AnyValue = av.string('leaf');
  for (let i = 0; i < levels; i++) value = av.kvlist([kv(`l${i}`, value)]);
  return value;
}

describe.each(profiles)('profile %s', (profile) => {
  const want = expected[profile];
  const opts = { profile, authOrigin: null } as const;

  it.each(processingsOf(profile))(
    'content: at the limit kept, one byte more reported (%s)',
    (processing) => {
      const limit = want.content[processing];
      expect(PROFILES[profile].limits.contentBytes[processing]).toBe(limit);
      const at = mapOne({ body: av.string('c'.repeat(limit)) }, { ...opts, processing });
      expect(limitRules(at.notes)).toEqual([]);
      const over = mapOne(
        { body: av.string(`${'c'.repeat(limit - 1)}éa`) },
        { ...opts, processing },
      );
      expect(rulesFor(over, 'content')).toContain('limit.content-length');
    },
  );

  it('attribute key and value lengths', () => {
    const key = 'k'.repeat(want.keyBytes);
    const value = 'v'.repeat(want.valueBytes);
    const at = mapOne({ attributes: [kv(key, av.string(value))] }, opts);
    expect(limitRules(at.notes)).toEqual([]);
    const longKey = `${key}k`;
    const over = mapOne(
      { attributes: [kv(longKey, av.string('v')), kv('big', av.string(`${value}v`))] },
      opts,
    );
    expect(rulesFor(over, longKey)).toContain('limit.attribute-key-length');
    expect(rulesFor(over, 'big')).toContain('limit.attribute-value-length');
  });

  it('attribute count', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => kv(`a${i}`, av.int(i)));
    expect(rulesFor(mapOne({ attributes: list(want.attributes) }, opts), 'attributes')).toEqual([]);
    expect(rulesFor(mapOne({ attributes: list(want.attributes + 1) }, opts), 'attributes')).toEqual(
      ['limit.attribute-count'],
    );
  });

  it('values per attribute', () => {
    const array = (n: number) => av.array(Array.from({ length: n }, (_, i) => av.int(i)));
    const limit = want.valuesPerAttribute;
    expect(PROFILES[profile].limits.valuesPerAttribute).toBe(limit);
    if (limit === null) {
      expect(rulesFor(mapOne({ attributes: [kv('a', array(1000))] }, opts), 'a')).not.toContain(
        'limit.values-per-attribute',
      );
      return;
    }
    expect(rulesFor(mapOne({ attributes: [kv('a', array(limit))] }, opts), 'a')).not.toContain(
      'limit.values-per-attribute',
    );
    expect(rulesFor(mapOne({ attributes: [kv('a', array(limit + 1))] }, opts), 'a')).toContain(
      'limit.values-per-attribute',
    );
  });

  it('nested objects: five levels expanded, the sixth truncated', () => {
    const five = mapOne({ attributes: [kv('a', nested(5))] }, { ...opts, model: 'flattened' });
    expect(five.attributes['a.l4.l3.l2.l1.l0']).toBe('leaf');
    const six = mapOne({ attributes: [kv('a', nested(6))] }, { ...opts, model: 'flattened' });
    expect(six.attributes['a.l5.l4.l3.l2.l1']).toBe('<truncated due to nesting limit>');
    expect(rulesFor(six, 'a.l5.l4.l3.l2.l1')).toContain('attribute.nesting-limit');
  });

  it('log age: exactly 24 hours kept, one nanosecond more dropped', () => {
    const result = mapAll(
      [{ timeUnixNano: NOW - 24n * HOUR }, { timeUnixNano: NOW - 24n * HOUR - 1n }],
      opts,
    );
    expect(result.records.map((r) => r.index)).toEqual([0]);
    expect(result.dropped.map((d) => [d.index, d.rule])).toEqual([[1, 'timestamp.too-old']]);
  });

  it('future timestamps: 10 minutes ahead kept, one nanosecond more replaced with now', () => {
    const kept = mapOne({ timeUnixNano: NOW + 10n * MINUTE }, opts);
    expect(rulesFor(kept, 'timestamp')).not.toContain('timestamp.future-replaced');
    const replaced = mapOne({ timeUnixNano: NOW + 10n * MINUTE + 1n }, opts);
    expect(rulesFor(replaced, 'timestamp')).toContain('timestamp.future-replaced');
    expect(replaced.timestamp).toBe('2023-11-09T10:00:00.000000000Z');
  });

  it('request: 2,000,000 bytes and 50,000 records, the OTLP API limits', () => {
    const limits = PROFILES[profile].limits;
    expect(limits.requestBytes).toBe(2_000_000);
    expect(limits.recordsPerRequest).toBe(50_000);
    expect(checkRequestLimits(50_000, 2_000_000, limits)).toEqual([]);
    const over = checkRequestLimits(50_001, 2_000_001, limits);
    expect(over.map((n) => n.rule)).toEqual(['limit.records-per-request', 'limit.request-size']);
    expect(over[1]!.detail).toContain('2,000,000');
    expect(over[1]!.detail).toContain('Dynatrace API - Access limit');
  });
});

describe('which profile applies', () => {
  it('current-docs is the default, and says 2,000,000 bytes, never 10,485,760', () => {
    expect(DEFAULT_PROFILE).toBe('current-docs');
    // No profile named: the level comes from the attribute, which only current-docs does.
    const request = requestOf([{ attributes: [kv('level', av.string('error'))] }]);
    const mapped = mapToDynatrace(request, {
      model: 'flattened',
      processing: 'openpipeline',
      authOrigin: null,
      now: NOW,
      requestBytes: 2_000_001,
    });
    expect(mapped.records[0]!.loglevel).toBe('ERROR');
    expect(mapped.notes.map((n) => n.rule)).toEqual(['limit.request-size']);
    expect(mapped.notes[0]!.detail).toContain('accepts at most 2,000,000');
    expect(JSON.stringify(mapped)).not.toContain('10,485,760');
  });

  it('classic (Managed) maps flattened and classic only, and says so once per request', () => {
    const result = mapAll([{ attributes: [kv('Obj', av.kvlist([kv('A', av.int(1))]))] }], {
      profile: 'classic',
      model: 'raw',
      processing: 'openpipeline',
    });
    expect(result.notes.map((n) => n.rule)).toEqual([
      'profile.model-unsupported',
      'profile.processing-fixed',
    ]);
    // Flattened, lowercased, stringified.
    expect(result.records[0]!.attributes['obj.a']).toBe('1');
  });

  it('the stream setting picks profile and processing', () => {
    expect(mappingTargetOf('saas-openpipeline')).toEqual({
      profile: 'current-docs',
      processing: 'openpipeline',
    });
    expect(mappingTargetOf('saas-classic')).toEqual({
      profile: 'current-docs',
      processing: 'classic',
    });
    expect(mappingTargetOf('managed')).toEqual({ profile: 'classic', processing: 'classic' });
  });
});

describe('loglevel from the record attributes (current documentation)', () => {
  it('is used when no severity is set and the body is not a map', () => {
    const record = mapOne(
      { body: av.string('hello'), attributes: [kv('Level', av.string('warning'))] },
      { profile: 'current-docs' },
    );
    expect(record.loglevel).toBe('WARN');
    expect(rulesFor(record, 'loglevel')).toEqual([
      'loglevel.from-attribute',
      'loglevel.normalized',
    ]);
    // It became the loglevel, so it is not kept as an attribute too (as for the timestamp).
    expect(record.attributes).not.toHaveProperty('Level');
  });

  it('comes after the body, and never overrides a severity', () => {
    const fromBody = mapOne(
      {
        body: av.kvlist([kv('level', av.string('error')), kv('message', av.string('m'))]),
        attributes: [kv('level', av.string('info'))],
      },
      { profile: 'current-docs' },
    );
    expect(fromBody.loglevel).toBe('ERROR');
    expect(fromBody.attributes.level).toBe('info');
    const severity = mapOne(
      { severityText: 'DEBUG', attributes: [kv('level', av.string('error'))] },
      { profile: 'current-docs' },
    );
    expect(severity.loglevel).toBe('DEBUG');
  });

  it('is not a seed rule', () => {
    const record = mapOne({ attributes: [kv('level', av.string('error'))] }, { profile: 'seed' });
    expect(record.loglevel).toBe('NONE');
    expect(record.attributes.level).toBe('error');
  });
});
