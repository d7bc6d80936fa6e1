import { describe, expect, it } from 'vitest';
import {
  RecordStore,
  type NewRecord,
  type RequestSummary,
} from '../../../../../src/main/tools/dynatrace-local/record-store';

const request: RequestSummary = {
  id: 1,
  receivedAt: '2025-01-01T00:00:00.000Z',
  path: '/api/v2/otlp/v1/logs',
  environment: null,
  model: 'flattened',
  contentEncoding: 'gzip',
  wireBytes: 10,
  bytes: 20,
  records: 0,
  rejected: 0,
  authOrigin: null,
};

function records(...contents: string[]): NewRecord[] {
  return contents.map((content) => ({
    timestamp: '2025-01-01T00:00:00.000000000Z',
    loglevel: 'INFO',
    content,
    attributes: {},
  }));
}

const contents = (store: RecordStore, q?: Parameters<RecordStore['query']>[0]) =>
  store.query(q).map((r) => `${r.id}:${r.content}`);

describe('RecordStore', () => {
  it('keeps records oldest first with consecutive ids and the request they came in', () => {
    const store = new RecordStore(10);
    store.add(request, records('a', 'b'));
    store.add({ ...request, id: 2 }, records('c'));
    expect(contents(store)).toEqual(['1:a', '2:b', '3:c']);
    expect(store.query().map((r) => r.request.id)).toEqual([1, 1, 2]);
    expect(store.lastId).toBe(3);
  });

  it('evicts the oldest once full, and counts the evictions', () => {
    const store = new RecordStore(3);
    store.add(request, records('a', 'b', 'c', 'd', 'e'));
    expect(contents(store)).toEqual(['3:c', '4:d', '5:e']);
    expect(store.kept).toBe(3);
    expect(store.evicted).toBe(2);
    store.add(request, records('f'));
    expect(contents(store)).toEqual(['4:d', '5:e', '6:f']);
  });

  it('pages with since and limit, also across the ring wrap-around', () => {
    const store = new RecordStore(4);
    store.add(request, records('a', 'b', 'c', 'd', 'e', 'f'));
    expect(contents(store, { since: 4 })).toEqual(['5:e', '6:f']);
    expect(contents(store, { since: 0, limit: 2 })).toEqual(['3:c', '4:d']);
    expect(contents(store, { since: 3, limit: 1 })).toEqual(['4:d']);
    expect(contents(store, { since: 6 })).toEqual([]);
    expect(contents(store, { since: 99 })).toEqual([]);
    expect(contents(store, { limit: 0 })).toEqual([]);
  });

  it('clear forgets the records but never reuses an id', () => {
    const store = new RecordStore(5);
    store.add(request, records('a', 'b'));
    store.clear();
    expect(store.query()).toEqual([]);
    expect(store.kept).toBe(0);
    store.add(request, records('c'));
    expect(contents(store)).toEqual(['3:c']);
    expect(contents(store, { since: 2 })).toEqual(['3:c']);
  });

  it('with a capacity of 0 keeps nothing but still numbers and counts', () => {
    const store = new RecordStore(0);
    store.add(request, records('a', 'b'));
    expect(store.query()).toEqual([]);
    expect(store.lastId).toBe(2);
    expect(store.evicted).toBe(2);
  });
});
