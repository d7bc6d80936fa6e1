import { describe, expect, it } from 'vitest';
import {
  axisTop,
  tickIncrements,
  timeTickLabel,
  timeZoneLabel,
} from '../../../src/renderer/src/components/chart-scales';
import { formatBytes } from '../../../src/renderer/src/lib/format';

describe('chart ticks', () => {
  it('space a byte axis in round units of 1024, so every label is a round figure', () => {
    const incrs = tickIncrements('bytes');
    expect(incrs).toContain(1024);
    expect(incrs).toContain(5 * 1024);
    expect(incrs).not.toContain(4000);
    // Ticks are multiples of the chosen increment (at most five to a 160 px
    // axis); each label states its value exactly, none reads like 3.9 KB.
    const units: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
    for (const incr of incrs.filter((i) => i < 1024 ** 3)) {
      for (let k = 1; k <= 5; k++) {
        const [n, unit] = formatBytes(k * incr)
          .replace(/,/g, '')
          .split(' ');
        expect(Number(n) * units[unit!]!, formatBytes(k * incr)).toBe(k * incr);
      }
    }
  });

  it('end the y axis on a tick at or above the data', () => {
    expect(axisTop(0, 'count')).toBe(4);
    expect(axisTop(7, 'count')).toBe(8);
    expect(axisTop(9_800, 'bytes') % 1024).toBe(0);
    expect(axisTop(9_800, 'bytes')).toBeGreaterThanOrEqual(9_800);
    expect(axisTop(120, 'ms')).toBeGreaterThanOrEqual(120);
  });

  it('label 7-day ticks with the date, and a day apart with the date only', () => {
    const t = new Date(2026, 2, 3, 14, 0, 0).getTime() / 1000;
    expect(timeTickLabel(t, 86_400, 604_800)).not.toMatch(/14:00/);
    expect(timeTickLabel(t, 43_200, 604_800)).toMatch(/14:00/);
    expect(timeTickLabel(t, 43_200, 604_800)).not.toBe('14:00');
    expect(timeTickLabel(t, 60, 300)).toBe('14:00');
  });

  it('name the time zone the charts are drawn in', () => {
    expect(timeZoneLabel(new Date(2026, 0, 1))).toMatch(/, UTC[+-]\d\d:\d\d$/);
  });
});
