import { describe, expect, it } from 'vitest';
import { Sampler } from '../../../../../src/main/engine/exporter/sampler';
import type { SentRequestInfo } from '../../../../../src/shared/api/inspector';

const request = { at: 1 } as unknown as SentRequestInfo;

/** A record, resource and scope that are views into one large Node Buffer, as a segment read gives them. */
function viewsIntoSegment(segment: Buffer) {
  return {
    seq: 1,
    resource: segment.subarray(0, 4),
    resourceSchemaUrl: '',
    scope: segment.subarray(4, 8),
    scopeSchemaUrl: '',
    record: segment.subarray(8, 16),
  };
}

describe('Sampler', () => {
  it('keeps copies, never views that would pin the segment they came from', () => {
    const segment = Buffer.alloc(1 << 20, 7);
    const sampler = new Sampler();
    sampler.add([viewsIntoSegment(segment)], request);
    sampler.addExamples([viewsIntoSegment(segment)], request);
    const kept = sampler.after(0, 10);
    expect(kept).toHaveLength(2);
    for (const s of kept) {
      for (const bytes of [s.resource, s.scope, s.record]) {
        expect(bytes.buffer).not.toBe(segment.buffer);
        expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
      }
      expect([...s.record]).toEqual(new Array(8).fill(7));
    }
  });

  it('holds at most its capacity, a few records per request, newest kept', () => {
    const sampler = new Sampler(3, 2);
    const entries = Array.from({ length: 10 }, (_, i) => ({
      ...viewsIntoSegment(Buffer.alloc(16, i)),
      seq: i,
    }));
    sampler.add(entries, request);
    sampler.add(entries, request);
    const kept = sampler.after(0, 100);
    expect(kept).toHaveLength(3);
    expect(kept.map((s) => s.id)).toEqual([2, 3, 4]);
  });
});
