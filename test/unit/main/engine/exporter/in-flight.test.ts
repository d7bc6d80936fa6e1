import { describe, expect, it } from 'vitest';
import type { Assembled } from '../../../../../src/main/engine/exporter/assemble';
import { InFlightWindow } from '../../../../../src/main/engine/exporter/in-flight';

const batch = (lastSeq: number, looked: number): Assembled => ({
  entries: [],
  lastSeq,
  looked,
  filtered: 0,
  filteredBytes: looked * 10,
  unprocessable: [],
  expired: [],
  body: new Uint8Array(0),
});

describe('the window of batches in flight', () => {
  it('commits only the settled batches at the front, so the cursor never passes one in flight', () => {
    const w = new InFlightWindow();
    const first = w.open(batch(10, 10), []);
    const second = w.open(batch(20, 10), []);
    const third = w.open(batch(30, 10), []);
    second.done = true;
    expect(w.takeSettled()).toBeNull(); // the first is still in flight
    first.done = true;
    expect(w.takeSettled()).toMatchObject({ lastSeq: 20, looked: 20, storedBytes: 200 });
    expect(w.size).toBe(1);
    third.done = true;
    expect(w.takeSettled()).toMatchObject({ lastSeq: 30, looked: 10 });
    expect(w.size).toBe(0);
  });

  it('carries each batch`s dead letters into the commit, in order', () => {
    const w = new InFlightWindow();
    const dl = (reason: string) => ({
      streamId: 's',
      httpStatus: 400,
      reason,
      responseBody: null,
      recordCount: 1,
      request: new Uint8Array(0),
    });
    const a = w.open(batch(5, 5), [dl('a')]);
    const b = w.open(batch(9, 4), []);
    b.deadLetters.push(dl('b'));
    a.done = true;
    b.done = true;
    expect(w.takeSettled()!.deadLetters.map((d) => d.reason)).toEqual(['a', 'b']);
  });

  it('forgets everything when cut short (the batches are read again from the cursor)', () => {
    const w = new InFlightWindow();
    w.open(batch(5, 5), []).done = true;
    w.clear();
    expect(w.size).toBe(0);
    expect(w.takeSettled()).toBeNull();
  });
});
