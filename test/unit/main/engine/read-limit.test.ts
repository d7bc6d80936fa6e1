import { describe, expect, it } from 'vitest';
import { ReadLimit } from '../../../../src/main/engine/exporter/read-limit';

describe('ReadLimit', () => {
  it('reads the most records until it has seen a batch', () => {
    expect(new ReadLimit().next(10_000, 2_000_000)).toBe(10_000);
  });

  it('then reads about a quarter more rows than fill a request', () => {
    const limit = new ReadLimit();
    limit.observe(3_200, 2_000_000); // 625 bytes of request per row
    expect(limit.next(10_000, 2_000_000)).toBe(4_000);
  });

  it('never reads more than maxBatchRecords, nor fewer than 64 rows', () => {
    const limit = new ReadLimit();
    limit.observe(10, 20); // tiny records
    expect(limit.next(10_000, 2_000_000)).toBe(10_000);
    const big = new ReadLimit();
    big.observe(1, 1_500_000); // one huge record
    expect(big.next(10_000, 2_000_000)).toBe(64);
    expect(big.next(5, 2_000_000)).toBe(5);
  });

  it('reads the most rows for a stream whose filters drop everything', () => {
    const limit = new ReadLimit();
    limit.observe(10_000, 0);
    expect(limit.next(10_000, 2_000_000)).toBe(10_000);
  });

  it('follows a change in record size gradually', () => {
    const limit = new ReadLimit();
    limit.observe(1_000, 1_000_000); // 1,000 bytes per row
    limit.observe(1_000, 100_000); // then 100
    const next = limit.next(100_000, 2_000_000);
    expect(next).toBeGreaterThan(2_500);
    expect(next).toBeLessThan(25_000);
  });
});
