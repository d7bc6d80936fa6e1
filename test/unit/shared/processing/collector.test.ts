import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import {
  detectorNames,
  processingRulesSchema,
  processingToCollector,
} from '../../../../src/shared/processing';
import { collectorPatterns } from '../../../../src/shared/processing/collector-patterns';

function rules(input: unknown[]) {
  return processingRulesSchema.parse(input);
}

/** The statements of the transform processor, flattened with their context. */
function statements(result: ReturnType<typeof processingToCollector>): string[] {
  const transform = result.processors['transform/sluice-processing'] as {
    log_statements: { context: string; statements: string[] }[];
  };
  return transform.log_statements.flatMap((g) => g.statements.map((s) => `${g.context}: ${s}`));
}

describe('processingToCollector', () => {
  it('maps {"mask": "builtin"} to replace_pattern / replace_all_patterns per detector, and deletes secret-named keys', () => {
    const result = processingToCollector(rules([{ mask: 'builtin' }]));
    expect(result.pipeline).toEqual(['transform/sluice-processing']);
    const all = statements(result);
    const deletes = all.filter((x) => x.includes('delete_matching_keys'));
    // Two key patterns, on each of the three levels.
    expect(deletes).toHaveLength(6);
    expect(deletes[0]).toMatch(/^resource: delete_matching_keys\(attributes, "\(\?i\)/);
    expect(all).toHaveLength(detectorNames.length * 4 + 6);
    expect(all[0]).toMatch(/^log: replace_pattern\(body, "eyJ.*", "\[masked:jwt\]"\)$/);
    expect(all).toContain(
      `resource: replace_all_patterns(attributes, "value", "${collectorPatterns.email.regex.replace(/\\/g, '\\\\')}", "[masked:email]")`,
    );
    expect(result.differences.join('\n')).toContain('deleted in the Collector');
    expect(result.differences.join('\n')).toContain('no Luhn check');
    expect(result.differences.join('\n')).toContain('dead-letters');
  });

  it('maps drop, rename, set and truncate, in rule order, per level', () => {
    const result = processingToCollector(
      rules([
        { drop: 'password', levels: ['record'] },
        { rename: 'usr', to: 'user.name', levels: ['record'] },
        { set: 'team', value: 'pay"ments' },
        { truncate: 'content', maxChars: 4000 },
        { truncate: 'exception.stacktrace', maxChars: 4000, levels: ['record'] },
      ]),
    );
    expect(statements(result)).toEqual([
      'log: delete_key(attributes, "password")',
      'log: set(attributes["user.name"], attributes["usr"]) where attributes["usr"] != nil',
      'log: delete_key(attributes, "usr")',
      'resource: set(attributes["team"], "pay\\"ments")',
      'log: set(body, Substring(body, 0, 4000)) where IsString(body) and Len(body) > 4000',
      'log: set(attributes["exception.stacktrace"], Substring(attributes["exception.stacktrace"], 0, 4000)) where IsString(attributes["exception.stacktrace"]) and Len(attributes["exception.stacktrace"]) > 4000',
    ]);
    expect(result.pipeline).toEqual(['transform/sluice-processing']);
  });

  it('says where the Collector differs: keyed hash, keep-last, groups; doubles $ for the config file', () => {
    const result = processingToCollector(
      rules([
        { mask: ['email'], replace: 'hash', attributes: ['user.email'] },
        { mask: { pattern: 'id=([0-9]+)$', name: 'id' }, replace: { keepLast: 2 } },
      ]),
    );
    const all = statements(result);
    expect(all).toContain(
      `log: replace_pattern(attributes["user.email"], "${collectorPatterns.email.regex.replace(/\\/g, '\\\\')}", "$$0", SHA256, "[masked:email:%s]")`,
    );
    expect(all).toContain('log: replace_pattern(body, "id=([0-9]+)$$", "[masked:id]")');
    const text = result.differences.join('\n');
    expect(text).toContain('no keyed hash');
    expect(text).toContain('keep the last 2');
    expect(text).toContain('only the first group');
  });

  it('writes patterns RE2 compiles, and that find what the detectors find', () => {
    const samples: Record<string, string> = {
      jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      bearer: 'Authorization: Bearer abc123def456',
      'dynatrace-token': `dt0c01.${'A'.repeat(24)}.${'B'.repeat(64)}`,
      'aws-access-key': 'AKIAIOSFODNN7EXAMPLE',
      'url-secret': '/cb?token=s3cr3t&x=1',
      email: 'jo@example.com',
      card: '4111 1111 1111 1111',
      iban: 'DE89 3704 0044 0532 0130 00',
      ipv6: 'fe80::1',
      ipv4: '10.0.0.1',
    };
    for (const name of detectorNames) {
      const re = RE2JS.compile(collectorPatterns[name].regex);
      expect(re.test(samples[name]!), name).toBe(true);
    }
  });
});
