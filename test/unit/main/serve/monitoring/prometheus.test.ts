import { describe, expect, it } from 'vitest';
import { renderMetrics } from '../../../../../src/main/serve/monitoring/prometheus';
import { parsePrometheusText, sampleValue } from '../../../../support/prometheus-text';
import { figures, source, sourceRuntime, stream, streamRuntime } from './figures-fixture';

// A name with every character the format must escape.
const tricky = 'Prod "EU"\\west\nline two';

function sample() {
  return figures({
    streams: [
      [
        stream('s1', tricky, ['r1']),
        streamRuntime('s1', {
          status: 'active-with-errors',
          sending: 'retrying',
          totals: {
            recordsIn: 120,
            bytesIn: 12_000,
            recordsOut: 100,
            bytesOut: 9_000,
            requests: 4,
            errors: 2,
            retries: 2,
            rejected: 3,
            deadLettered: 5,
            dropped: 6,
            filtered: 7,
          },
          backlogRecords: 20,
          backlogBytes: 2_000,
          oldestBufferedAgeMs: 90_000,
          requestDurations: {
            cumulative: [0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4],
            count: 4,
            sumSeconds: 61.5,
          },
        }),
      ],
    ],
    sources: [
      [
        source('r1', 'gRPC in'),
        sourceRuntime('r1', {
          kind: 'otlp-grpc-receiver',
          totals: {
            records: 120,
            bytes: 12_000,
            refused: 9,
            refusedRequests: 1,
            unrouted: 0,
            dropped: 0,
            truncated: 0,
          },
        }),
      ],
      [source('f', 'Files'), sourceRuntime('f', { kind: 'file', state: 'idle' })],
    ],
  });
}

describe('renderMetrics: the Prometheus text of one snapshot', () => {
  it('passes a strict text-format parser, with HELP and TYPE for every family', async () => {
    const families = parsePrometheusText(await renderMetrics(sample()));
    for (const f of families.values()) {
      expect(f.help, f.name).toBeTruthy();
      expect(f.type, f.name).not.toBe('untyped');
      if (f.type === 'counter') expect(f.name).toMatch(/_total$/);
    }
    // Process memory and event-loop lag of the serving thread, and the engine thread's.
    for (const name of [
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'sluice_engine_eventloop_lag_p99_seconds',
      'sluice_engine_heap_used_bytes',
    ])
      expect(families.has(name), name).toBe(true);
  });

  it('publishes the snapshot figures under the names users gave, escaped and read back intact', async () => {
    const families = parsePrometheusText(await renderMetrics(sample()));
    const stream = { stream: tricky };
    const v = (name: string, labels: Record<string, string> = stream) =>
      sampleValue(families, name, labels);
    expect(v('sluice_stream_received_records_total')).toBe(120);
    expect(v('sluice_stream_received_bytes_total')).toBe(12_000);
    expect(v('sluice_stream_delivered_records_total')).toBe(100);
    expect(v('sluice_stream_delivered_bytes_total')).toBe(9_000);
    expect(v('sluice_stream_filtered_records_total')).toBe(7);
    expect(v('sluice_stream_dead_lettered_records_total')).toBe(5);
    expect(v('sluice_stream_dropped_records_total')).toBe(6);
    expect(v('sluice_stream_rejected_records_total')).toBe(3);
    expect(v('sluice_stream_retries_total')).toBe(2);
    expect(v('sluice_stream_backlog_records')).toBe(20);
    expect(v('sluice_stream_backlog_bytes')).toBe(2_000);
    expect(v('sluice_stream_backlog_oldest_age_seconds')).toBe(90);
    expect(v('sluice_stream_status', { ...stream, status: 'active-with-errors' })).toBe(1);
    expect(v('sluice_stream_status', { ...stream, status: 'active' })).toBe(0);
    expect(v('sluice_stream_sending_state', { ...stream, state: 'retrying' })).toBe(1);
    expect(v('sluice_stream_request_duration_seconds_bucket', { ...stream, le: '0.01' })).toBe(1);
    expect(v('sluice_stream_request_duration_seconds_bucket', { ...stream, le: '+Inf' })).toBe(4);
    expect(v('sluice_stream_request_duration_seconds_sum')).toBe(61.5);

    const grpc = { source: 'gRPC in' };
    expect(v('sluice_source_received_records_total', grpc)).toBe(120);
    expect(v('sluice_source_refused_records_total', grpc)).toBe(9);
    expect(v('sluice_source_rejected_requests_total', grpc)).toBe(1);
    expect(v('sluice_source_state', { ...grpc, state: 'running' })).toBe(1);
    expect(v('sluice_source_request_duration_seconds_count', grpc)).toBe(0);
    // Only receivers answer requests: a file source has no duration histogram.
    expect(() => v('sluice_source_request_duration_seconds_count', { source: 'Files' })).toThrow();
    expect(v('sluice_buffer_records', {})).toBe(7);
  });
});

describe('the strict parser itself', () => {
  it('refuses what Prometheus would refuse', () => {
    const bad = [
      'x 1\n', // a sample before its TYPE
      '# TYPE x counter\nx -1\n', // a counter below zero
      '# TYPE x gauge\nx{a="b} 1\n', // an unterminated label
      '# TYPE x gauge\nx{a="\\t"} 1\n', // an escape the format does not have
      '# TYPE x gauge\nx 1\nx 2\n', // the same series twice
      '# TYPE x gauge\nx 1\n# TYPE y gauge\ny 1\n# TYPE x gauge\n', // a family split in two
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
    ];
    for (const text of bad) expect(() => parsePrometheusText(text), text).toThrow();
  });
});
