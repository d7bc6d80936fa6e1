import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  describeRule,
  findPatternMatches,
  patternProblem,
  processingRulesSchema,
} from '../../../../src/shared/processing';
import { validateConfig } from '../../../../src/shared/config';
import { readableZodIssues } from '../../../../src/shared/zod-issues';

function issues(input: unknown): { path: string; message: string }[] {
  const r = processingRulesSchema.safeParse(input);
  return r.success ? [] : readableZodIssues(r.error);
}

describe('processingRulesSchema', () => {
  it('accepts the one-line full protection and every rule form', () => {
    const parsed = processingRulesSchema.parse([
      { mask: 'builtin' },
      { mask: ['email', 'ipv4'], attributes: ['user.email'], replace: 'hash', id: 'pii' },
      {
        mask: { pattern: 'ORD-\\d+', name: 'order-id', ignoreCase: true },
        replace: { keepLast: 2 },
      },
      { drop: 'password', levels: ['record'] },
      { rename: 'usr', to: 'user.name' },
      { set: 'team', value: 'payments' },
      { truncate: 'content', maxChars: 4000 },
    ]);
    expect(parsed).toHaveLength(7);
    expect(describeRule(parsed[0]!)).toBe(
      'Mask every built-in detector in content and all attributes, fixed text',
    );
  });

  it('names the rule and the field that is wrong, one branch only', () => {
    expect(issues([{ mask: 'builtin' }, { mask: ['emial'] }])).toEqual([
      { path: '[1].mask', message: expect.stringContaining('Use "builtin"') },
    ]);
    expect(issues([{ drop: '' }])).toEqual([{ path: '[0].drop', message: 'Name the attribute.' }]);
    expect(issues([{ drop: 'a', mask: 'builtin' }])[0]!.message).toContain(
      'split "mask" and "drop"',
    );
    expect(issues([{ hide: 'x' }])[0]!.message).toContain('Say what the rule does');
    expect(
      issues([
        { mask: 'builtin', id: 'a' },
        { drop: 'x', id: 'a' },
      ]),
    ).toEqual([{ path: '[1].id', message: '"a" is also the id of rule 1; ids must be unique.' }]);
  });

  it('refuses a pattern RE2 cannot run, saying what to use instead', () => {
    const [issue] = issues([{ mask: { pattern: '(?<=user=)\\w+' } }]);
    expect(issue!.path).toBe('[0].mask.pattern');
    expect(issue!.message).toContain('Lookarounds');
    expect(issue!.message).toContain('only the first group is masked');
    expect(patternProblem('(a)\\1')).toContain('Backreferences');
    expect(patternProblem('a*')).toContain('matches empty text');
    expect(patternProblem('[unclosed')).toContain('not valid');
  });
});

describe('processing in a configuration file', () => {
  it('reports misspelt rule fields with a suggestion, and bad patterns by rule', () => {
    const doc = {
      version: 1,
      streams: [
        {
          name: 's',
          destination: { tool: 'otlp', url: 'http://127.0.0.1:9/v1/logs' },
          processing: [
            { mask: 'builtin', replac: 'hash' },
            { drop: 'a' },
            { mask: { pattern: '(a)\\1' } },
          ],
        },
      ],
    };
    const { errors } = validateConfig(doc, { existingSourceNames: [] });
    expect(errors).toEqual([
      {
        path: 'streams[0].processing[0].replac',
        message: 'Unknown field; did you mean "replace"?',
      },
      {
        path: 'streams[0].processing[2].mask.pattern',
        message: expect.stringContaining('Backreferences'),
      },
    ]);
  });
});

describe('custom patterns run in linear time', () => {
  it('completes the classic catastrophic pattern on a long non-matching input', () => {
    // (a+)+$ on "aaaa...!" takes exponential time on a backtracking engine
    // (JavaScript's own RegExp would not return from this in our lifetime).
    // RE2 compiles it to an automaton: the work is linear in the input by
    // construction, so this returns.
    const pattern = compilePattern('(a+)+$');
    const input = 'a'.repeat(100_000) + '!';
    expect(findPatternMatches(pattern, input)).toEqual([]);
    expect(findPatternMatches(pattern, 'xaaa')).toEqual([{ start: 1, end: 4 }]);
  });

  it('counts positions in UTF-16 units, as JavaScript strings do', () => {
    const pattern = compilePattern('secret');
    expect(findPatternMatches(pattern, '😀 secret')).toEqual([{ start: 3, end: 9 }]);
  });
});
