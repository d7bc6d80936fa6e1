import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../../../src/shared/dynatrace';

const doc = readFileSync(new URL('../../../../docs/dynatrace-mapping.md', import.meta.url), 'utf8');

describe('docs/dynatrace-mapping.md', () => {
  it('lists every rule id in its table, and no id the code does not have', () => {
    const documented = [...doc.matchAll(/^\| `([a-z0-9.-]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...RULE_IDS].sort());
  });
});
