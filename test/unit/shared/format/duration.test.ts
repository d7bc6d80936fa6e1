import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../src/shared/format/duration';

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(999)).toBe('0 s');
    expect(formatDuration(1_000)).toBe('1 s');
    expect(formatDuration(252_000)).toBe('4 min 12 s');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(24 * 3_600_000)).toBe('1 d 0 h');
    expect(formatDuration(-5)).toBe('0 s');
  });
});
