import { describe, expect, it } from 'vitest';
import { parseContentEncoding } from '../../../../../src/main/tools/dynatrace-local/body';
import {
  rejectionMessage,
  requestedModel,
} from '../../../../../src/main/tools/dynatrace-local/ingest';
import { routeOf } from '../../../../../src/main/tools/dynatrace-local/routes';

const url = (query: string) => new URL(`http://127.0.0.1/api/v2/otlp/v1/logs${query}`);

describe('the data model of a request', () => {
  it('comes from the structure query parameter, which wins over X-Dynatrace-Options', () => {
    expect(requestedModel(url('?structure=raw'), 'structure=flattened', 'flattened')).toBe('raw');
    expect(requestedModel(url(''), 'foo=1&structure=raw', 'flattened')).toBe('raw');
    expect(requestedModel(url(''), undefined, 'raw')).toBe('raw');
    expect(requestedModel(url(''), 'foo=1', 'flattened')).toBe('flattened');
  });

  it('is an error naming where a bad value came from', () => {
    expect(requestedModel(url('?structure=nested'), undefined, 'raw')).toEqual({
      error: "Invalid value 'nested' for the structure query parameter: expected raw or flattened.",
    });
    expect(requestedModel(url(''), 'structure=RAW', 'raw')).toEqual({
      error: "Invalid value 'RAW' for structure in X-Dynatrace-Options: expected raw or flattened.",
    });
  });
});

describe('the partial-success message', () => {
  it('says how many of how many, the first reason, and how many more', () => {
    const dropped = [
      { index: 2, rule: 'timestamp.too-old' as const, reason: 'too old' },
      { index: 5, rule: 'timestamp.too-old' as const, reason: 'older still' },
    ];
    expect(rejectionMessage(dropped, 6)).toBe(
      '2 of 6 log records rejected. Record 2: too old (and 1 more).',
    );
    expect(rejectionMessage(dropped.slice(0, 1), 1)).toBe(
      '1 of 1 log records rejected. Record 2: too old.',
    );
    expect(rejectionMessage([], 3)).toBe('');
  });
});

describe('Content-Encoding', () => {
  it.each([
    [undefined, 'identity'],
    ['identity', 'identity'],
    ['gzip', 'gzip'],
    [' GZIP ', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br', null],
    ['deflate', null],
    ['gzip, br', null],
  ])('%j -> %j', (header, expected) => {
    expect(parseContentEncoding(header)).toBe(expected);
  });
});

describe('routes', () => {
  it('knows the SaaS and the environment (Managed / ActiveGate) ingest paths', () => {
    expect(routeOf('/api/v2/otlp/v1/logs')).toEqual({ kind: 'ingest', environment: null });
    expect(routeOf('/e/abc12345/api/v2/otlp/v1/logs')).toEqual({
      kind: 'ingest',
      environment: 'abc12345',
    });
  });

  it('does not take near misses for ingest paths', () => {
    for (const path of [
      '/api/v2/otlp/v1/logs/',
      '/api/v2/otlp/v1/traces',
      '/v1/logs',
      '/e//api/v2/otlp/v1/logs',
      '/e/a/b/api/v2/otlp/v1/logs',
      '/api/v2/logs/ingest',
    ]) {
      expect(routeOf(path)).toEqual({ kind: 'unknown' });
    }
    expect(routeOf('/records')).toEqual({ kind: 'records' });
    expect(routeOf('/_faults')).toEqual({ kind: 'faults' });
  });
});
