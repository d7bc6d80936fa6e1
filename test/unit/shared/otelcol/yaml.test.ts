import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml, type YamlValue } from '../../../../src/shared/otelcol';

// An independent reader (the yaml package) must read back exactly what was written.
const roundTrip = (v: YamlValue) => parse(toYaml(v), { strict: true, uniqueKeys: true }) as unknown;

describe('toYaml', () => {
  it('quotes what a YAML reader would take for something else', () => {
    const tricky = {
      yes: 'yes',
      no: 'No',
      on: 'on',
      nul: 'null',
      tilde: '~',
      number: '4318',
      float: '1.5',
      octal: '0o17',
      colon: 'a: b',
      trailingColon: 'A:',
      hash: 'a #b',
      env: '${env:TOKEN}',
      star: '*.log',
      dash: '- x',
      quote: '"x"',
      empty: '',
      spaces: ' lead',
      unicode: 'café ✓',
      tab: 'a\tb',
    };
    expect(roundTrip(tricky)).toEqual(tricky);
  });

  it('writes multi-line text (a PEM certificate) as a literal block', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const text = toYaml({ tls: { ca_pem: pem } });
    expect(text).toContain('ca_pem: |\n    -----BEGIN CERTIFICATE-----');
    expect(roundTrip({ tls: { ca_pem: pem } })).toEqual({ tls: { ca_pem: pem } });
  });

  it('writes empty collections inline and comments first', () => {
    expect(toYaml({ a: [], b: {}, c: [{}] }, ['one', '', 'two'])).toBe(
      '# one\n#\n# two\n\na: []\nb: {}\nc:\n  - {}\n',
    );
  });

  it('reads back every JSON-like value it writes', () => {
    const key = fc.string({ minLength: 1, maxLength: 12 });
    const scalar = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node as fc.Arbitrary<YamlValue>;
    fc.assert(
      fc.property(value, (v) => {
        expect(roundTrip(v)).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });
});
