import { describe, expect, it } from 'vitest';
import { plural } from '../../../../src/shared/format/count';

describe('plural', () => {
  it('never says "1 records"', () => {
    expect(plural(1, 'record')).toBe('1 record');
    expect(plural(0, 'record')).toBe('0 records');
    expect(plural(1204, 'record')).toBe('1,204 records');
    expect(plural(2, 'more time')).toBe('2 more times');
  });
});
