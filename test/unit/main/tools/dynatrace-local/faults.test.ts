import { describe, expect, it } from 'vitest';
import { FaultController, FaultSettingsError } from '../../../../../src/main/tools/dynatrace-local';
import { decodeExportRequest } from '../../../../../src/shared/otlp';
import { numberedRequestBytes } from '../../../../support/otlp-records';

describe('FaultController', () => {
  it('fails exactly the next N requests with the status, Retry-After and body given', () => {
    const f = new FaultController();
    f.failNext(2, { status: 429, retryAfter: 7, body: 'slow down' });
    expect(f.state().failNext).toEqual({
      remaining: 2,
      status: 429,
      retryAfter: '7',
      body: 'slow down',
    });
    const expected = {
      kind: 'fail',
      status: 429,
      retryAfter: '7',
      body: 'slow down',
      latencyMs: 0,
    };
    expect(f.take()).toEqual(expected);
    expect(f.take()).toEqual(expected);
    expect(f.take()).toEqual({ kind: 'none', latencyMs: 0 });
    expect(f.state().failNext).toBeNull();
  });

  it('defaults to 503 without Retry-After', () => {
    const f = new FaultController();
    f.set({ failNext: { count: 1 } });
    expect(f.take()).toMatchObject({ kind: 'fail', status: 503, retryAfter: null, body: null });
  });

  it('takes one fault per request: reset first, then hang, then fail', () => {
    const f = new FaultController();
    f.set({ failNext: { count: 1, status: 502 }, hangNext: 1, resetNext: 1 });
    expect(f.take().kind).toBe('reset');
    expect(f.take().kind).toBe('hang');
    expect(f.take().kind).toBe('fail');
    expect(f.take().kind).toBe('none');
  });

  it('keeps latency for every request until it is set back to 0', () => {
    const f = new FaultController();
    f.setLatency(250);
    f.failNext(1);
    expect(f.take()).toMatchObject({ kind: 'fail', latencyMs: 250 });
    expect(f.take()).toEqual({ kind: 'none', latencyMs: 250 });
    expect(f.take()).toEqual({ kind: 'none', latencyMs: 250 });
    f.setLatency(0);
    expect(f.take()).toEqual({ kind: 'none', latencyMs: 0 });
  });

  it('merges settings: fields left out keep their value; null clears failNext', () => {
    const f = new FaultController();
    f.set({ failNext: { count: 3 }, latencyMs: 10 });
    f.set({ resetNext: 2 });
    expect(f.state()).toMatchObject({ latencyMs: 10, resetNext: 2, failNext: { remaining: 3 } });
    f.set({ failNext: null });
    expect(f.state().failNext).toBeNull();
    expect(f.clear()).toEqual({
      failNext: null,
      latencyMs: 0,
      hangNext: 0,
      resetNext: 0,
      poison: null,
    });
  });

  it.each([
    [{ failNext: { count: 1, status: 200 } }, /failNext\.status/],
    [{ failNext: { count: -1 } }, /failNext\.count/],
    [{ failNext: { count: 1, retryAfter: 'soon' } }, /Retry-After must be a number of seconds/],
    [
      { failNext: { count: 1, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT\r\nX: y' } },
      /Retry-After/,
    ],
    [{ latencyMs: 1.5 }, /latencyMs/],
    [{ latencyMs: 10_000_000 }, /latencyMs/],
    [{ hangNext: 'two' }, /hangNext/],
    [{ failnext: { count: 1 } }, /Unrecognized key: "failnext"/],
    [[1, 2], /expected object/],
  ])('refuses %j with a message naming the field, changing nothing', (input, message) => {
    const f = new FaultController();
    f.set({ latencyMs: 5 });
    expect(() => f.set(input)).toThrow(FaultSettingsError);
    expect(() => f.set(input)).toThrow(message);
    expect(f.state()).toEqual({
      failNext: null,
      latencyMs: 5,
      hangNext: 0,
      resetNext: 0,
      poison: null,
    });
  });

  it('accepts an HTTP date as Retry-After', () => {
    const f = new FaultController();
    f.failNext(1, { retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' });
    expect(f.take()).toMatchObject({ retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' });
  });
});

describe('FaultController: poison', () => {
  it('names the poisoned record of a request until cleared', () => {
    const f = new FaultController();
    const request = decodeExportRequest(numberedRequestBytes(1, 5));
    expect(f.poisonedRecord(request)).toBeNull();
    f.poison({ attribute: 'n', value: '4' });
    expect(f.poisonedRecord(request)).toBe(
      'resourceLogs[0].scopeLogs[0].logRecords[3] (record 4 of the request)',
    );
    expect(f.poisonedRecord(decodeExportRequest(numberedRequestBytes(6, 5)))).toBeNull();
    expect(f.state().poison).toEqual({ attribute: 'n', value: '4' });
    f.set({ poison: null });
    expect(f.poisonedRecord(request)).toBeNull();
  });
});
